# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGUSR1", "after": "ready"}], "note": "default SIGUSR1 terminates: status 138"}
import time

print("ready", flush=True)
time.sleep(5)
print("not reached")
