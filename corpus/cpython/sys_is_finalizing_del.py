# exitlab-case: {"modes": ["pipe"], "note": "sys.is_finalizing() is False while the program runs and True in __del__ of an object the __main__ namespace keeps until shutdown"}
# from: Lib/test/test_sys.py SysModuleTest.test_is_finalizing
import sys

class Probe:
    is_finalizing = sys.is_finalizing
    say = print

    def __del__(self):
        self.say("in __del__ at exit, finalizing:", self.is_finalizing(), flush=True)

probe = Probe()
print("while running, finalizing:", sys.is_finalizing())
