# exitlab-case: {"modes": ["pipe"], "note": "True is an int: status 1, nothing printed to stderr"}
import sys

ok = all(x > 0 for x in [3, 1, 0])
print("ok:", ok)
sys.exit(not ok)
