# exitlab-case: {"modes": ["pipe"], "note": "sys.exit inside an except block: the status is the exit's, no traceback"}
import sys

try:
    {}["missing"]
except KeyError as e:
    print("caught", repr(e))
    sys.exit(4)
