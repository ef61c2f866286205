# exitlab-case: {"modes": ["pipe", "tty"], "note": "handlers registered with an argument run at a normal end, last registered first, and nothing reaches stderr"}
# from: Lib/test/test_atexit.py FunctionalTest.test_shutdown
import atexit

def close(resource):
    print("closing", resource)

for resource in ("database", "cache", "socket"):
    atexit.register(close, resource)
print("work finished")
