# exitlab-case: {"modes": ["pipe"], "stdin": "unread\n", "note": "quit() closes sys.stdin before raising SystemExit"}
import sys

try:
    quit(6)
except SystemExit as e:
    print("code", e.code, "stdin closed:", sys.stdin.closed)
    raise
