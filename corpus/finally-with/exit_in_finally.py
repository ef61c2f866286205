# exitlab-case: {"modes": ["pipe"], "note": "sys.exit in finally replaces an uncaught exception"}
import sys

try:
    print("parsing")
    int("twelve")
finally:
    print("finally decides the status")
    sys.exit(8)
