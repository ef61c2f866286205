# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGINT", "after": "sleeping"}], "note": "PEP 475: after a handler that returns, time.sleep sleeps the rest of its time"}
import signal
import time

def on_int(signum, frame):
    print("handler ran during sleep", flush=True)

signal.signal(signal.SIGINT, on_int)
start = time.monotonic()
print("sleeping", flush=True)
time.sleep(0.8)
elapsed = time.monotonic() - start
print("slept the full time:", elapsed >= 0.75)
