# exitlab-case: {"modes": ["pipe"], "note": "2**64 does not fit in 64 bits: status 255"}
import sys

code = 2**64
print(code)
sys.exit(code)
