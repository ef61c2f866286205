# exitlab-case: {"modes": ["pipe", "tty"], "note": "pipe: all unflushed stdout is lost; terminal: whole lines were already written"}
import os

for n in range(1, 4):
    print(f"line {n}")
os._exit(3)
