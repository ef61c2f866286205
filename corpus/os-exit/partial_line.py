# exitlab-case: {"modes": ["pipe", "tty"], "note": "a trailing partial line is lost even on a terminal"}
import os

print("complete line")
print("progress: 50%", end="")
os._exit(1)
