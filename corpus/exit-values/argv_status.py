# exitlab-case: {"modes": ["pipe"], "argv": ["7", "extra words"], "note": "status taken from argv; argv[0] is the file path"}
import sys

print("argv[0] =", sys.argv[0])
print("args =", sys.argv[1:])
sys.exit(int(sys.argv[1]))
