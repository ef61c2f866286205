# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGHUP", "after": "config v1"}, {"name": "SIGTERM", "after": "config v2"}], "note": "SIGHUP reloads, SIGTERM stops via sys.exit"}
import signal
import sys
import time

version = 1

def reload(signum, frame):
    global version
    version += 1
    print(f"config v{version}", flush=True)

def stop(signum, frame):
    print("stopping")
    sys.exit(0)

signal.signal(signal.SIGHUP, reload)
signal.signal(signal.SIGTERM, stop)
print(f"config v{version}", flush=True)
deadline = time.monotonic() + 5
while time.monotonic() < deadline:
    time.sleep(0.01)
print("timed out")
