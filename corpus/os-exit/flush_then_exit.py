# exitlab-case: {"modes": ["pipe", "tty"], "note": "flushing by hand keeps everything, in both modes"}
import os
import sys

for step in ["download", "unpack", "install"]:
    print(f"{step}: done")
print("exiting now", end="")
sys.stdout.flush()
os._exit(0)
