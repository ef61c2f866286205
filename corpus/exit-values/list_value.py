# exitlab-case: {"modes": ["pipe"], "note": "a list is printed as its str, status 1"}
import sys

failed = [name for name in ["alpha", "beta", "gamma"] if "a" in name[1:]]
print("failed:", len(failed))
sys.exit(failed)
