# exitlab-case: {"modes": ["pipe"], "note": "2**40+3 fits in 64 bits: status 3"}
import sys

code = 2**40 + 3
print(code)
sys.exit(code)
