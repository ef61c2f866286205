# exitlab-case: {"modes": ["pipe"], "note": "3.0 is not an int: printed to stderr, status 1"}
import sys

ratio = 6 / 2
print("ratio", ratio)
sys.exit(ratio)
