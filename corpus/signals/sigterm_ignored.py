# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGTERM", "after": "ready"}], "note": "SIG_IGN: the signal is simply dropped"}
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(0.4)
print("still alive after SIGTERM")
