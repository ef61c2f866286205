# exitlab-case: {"modes": ["pipe"], "note": "2**63 is one past the largest signed 64-bit value"}
import sys

code = 2**63
print(code)
sys.exit(code)
