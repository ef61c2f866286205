# exitlab-case: {"modes": ["pipe"], "note": "ExitStack callbacks registered in a loop run last-first"}
import sys
from contextlib import ExitStack

def close(name):
    print(f"closing {name}")

with ExitStack() as stack:
    for name in ["a.txt", "b.txt", "c.txt"]:
        print(f"opening {name}")
        stack.callback(close, name)
    print("working")
    sys.exit(1)
