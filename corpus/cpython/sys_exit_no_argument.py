# exitlab-case: {"modes": ["pipe", "tty"], "note": "sys.exit() raises SystemExit with code None and no args; uncaught it ends with status 0 and empty stderr"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (sys.exit() without argument)
import sys

try:
    sys.exit()
except SystemExit as e:
    print("caught: code", e.code, "args", e.args)
print("now for real")
sys.exit()
