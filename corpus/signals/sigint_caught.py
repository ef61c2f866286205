# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGINT", "after": "counting"}], "note": "catching KeyboardInterrupt turns Ctrl+C into a normal exit"}
import sys
import time

try:
    print("counting", flush=True)
    time.sleep(5)
except KeyboardInterrupt:
    print("interrupted, exiting cleanly")
    sys.exit(0)
