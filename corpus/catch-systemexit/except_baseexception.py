# exitlab-case: {"modes": ["pipe"], "note": "except BaseException sees SystemExit and its code; the handler exits differently"}
import sys

try:
    sys.exit("fatal: disk full")
except BaseException as e:
    print(type(e).__name__, repr(e.code))
    sys.exit(11)
