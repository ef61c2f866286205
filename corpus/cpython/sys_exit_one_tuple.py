# exitlab-case: {"modes": ["pipe"], "note": "sys.exit((42,)): the one-item tuple becomes the exception's args, so code is 42; re-raised, the status is 42"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (tuple argument with one entry)
import sys

try:
    sys.exit((42,))
except SystemExit as e:
    print("caught: code", repr(e.code), "args", e.args)
    print("re-raising it")
    raise
