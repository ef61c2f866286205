# exitlab-case: {"modes": ["pipe"], "note": "stderr is line-buffered: a whole line survives os._exit, a partial one does not"}
import os
import sys

print("out: buffered in a pipe")
sys.stderr.write("err: whole line\n")
sys.stderr.write("err: partial")
os._exit(7)
