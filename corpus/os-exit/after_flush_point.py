# exitlab-case: {"modes": ["pipe"], "note": "output before an explicit flush survives, output after it is lost"}
import os
import sys

print("header")
sys.stdout.flush()
print("body")
sys.stderr.write("about to _exit\n")
os._exit(0)
