# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGTERM", "after": "ready"}], "note": "a SIGTERM handler that returns: the program finishes normally"}
import signal
import time

received = []

def on_term(signum, frame):
    received.append(signal.Signals(signum).name)
    print("handler:", received[-1], flush=True)

signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
deadline = time.monotonic() + 5
while not received and time.monotonic() < deadline:
    time.sleep(0.01)
print("loop ended, received", received)
