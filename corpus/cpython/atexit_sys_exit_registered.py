# exitlab-case: {"modes": ["pipe"], "note": "sys.exit itself registered as a handler: its SystemExit is reported as ignored, the other handlers run, status stays 0"}
# from: Lib/test/_test_atexit.py GeneralTest.test_exit
import atexit
import sys

atexit.register(print, "runs after the failed sys.exit handler")
atexit.register(sys.exit, 9)
atexit.register(print, "runs before sys.exit(9)")
print("main ends normally")
