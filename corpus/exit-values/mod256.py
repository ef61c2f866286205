# exitlab-case: {"modes": ["pipe"], "note": "256 is taken modulo 256: status 0"}
import sys

errors = 256
print(f"exiting with {errors}")
sys.exit(errors)
