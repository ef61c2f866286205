# exitlab-case: {"modes": ["pipe", "tty"], "note": "a pipe keeps only what was flushed when the buffer filled up"}
import os

for i in range(600):
    print(f"record {i:04d} " + "x" * 20)
os._exit(0)
