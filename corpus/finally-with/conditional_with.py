# exitlab-case: {"modes": ["pipe"], "argv": ["b"], "note": "the lock is taken only for some items; only entered contexts exit"}
import sys

class Lock:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"lock {self.name}")
    def __exit__(self, *exc):
        print(f"unlock {self.name}")

def process(item, stop_at):
    if item.startswith("shared"):
        with Lock(item):
            if item.endswith(stop_at):
                sys.exit(f"stopped at {item}")
            print(f"processed {item}")
    else:
        print(f"processed {item} without lock")

for item in ["local-a", "shared-a", "local-b", "shared-b", "shared-c"]:
    process(item, sys.argv[1])
