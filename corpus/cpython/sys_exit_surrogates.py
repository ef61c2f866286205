# exitlab-case: {"modes": ["pipe"], "note": "a sys.exit message with a lone surrogate is written with backslashreplace: surrogates:\\udcff, status 1"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (exit message written with the backslashreplace error handler)
import sys

message = "surrogates:\udcff"
print("message length:", len(message))
sys.exit(message)
