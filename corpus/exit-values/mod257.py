# exitlab-case: {"modes": ["pipe"], "note": "257 % 256 == 1"}
import sys

code = 257
print(f"exit code {code}, shell sees {code % 256}")
sys.exit(code)
