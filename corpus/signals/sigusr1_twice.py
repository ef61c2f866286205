# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGUSR1", "after": "waiting 1"}, {"name": "SIGUSR1", "after": "waiting 2"}], "note": "a handler that counts two SIGUSR1"}
import signal
import time

count = 0

def on_usr1(signum, frame):
    global count
    count += 1

signal.signal(signal.SIGUSR1, on_usr1)
for expected in (1, 2):
    print(f"waiting {expected}", flush=True)
    deadline = time.monotonic() + 5
    while count < expected and time.monotonic() < deadline:
        time.sleep(0.01)
    print("count", count)
