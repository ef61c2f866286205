# exitlab-case: {"modes": ["pipe"], "note": "sys.exit((17, 23)): code stays the tuple, which is printed to stderr; status 1"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (tuple argument with two entries)
import sys

try:
    sys.exit((17, 23))
except SystemExit as e:
    print("caught: code", e.code, "args", e.args)
print("exiting with (17, 23)")
sys.exit((17, 23))
