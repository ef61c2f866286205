# exitlab-case: {"modes": ["pipe"], "note": "-(2**63)-1 is one below the smallest signed 64-bit value"}
import sys

code = -(2**63) - 1
print(code)
sys.exit(code)
