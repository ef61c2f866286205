# exitlab-case: {"modes": ["pipe"], "note": "a bare except catches SystemExit: the program keeps going, status 0"}
import sys

def stop():
    print("calling sys.exit(2)")
    sys.exit(2)

try:
    stop()
except:
    print("caught by bare except")
print("still here")
