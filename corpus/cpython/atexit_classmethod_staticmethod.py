# exitlab-case: {"modes": ["pipe"], "note": "a classmethod and a staticmethod taken from their class work as handlers; the classmethod gets its class"}
# from: Lib/test/test_atexit.py FunctionalTest.test_register_classmethod_outside_of_definition, test_register_staticmethod_outside_of_definition
import atexit

class Service:
    @classmethod
    def stop(cls):
        print(f"classmethod handler from {cls}")

    @staticmethod
    def flush():
        print("staticmethod handler")

atexit.register(Service.stop)
atexit.register(Service.flush)
print("main done")
