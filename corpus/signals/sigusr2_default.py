# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGUSR2", "after": "ready"}], "note": "default SIGUSR2 terminates: status 140"}
import atexit
import time

atexit.register(print, "atexit (never printed)")
print("ready", flush=True)
time.sleep(5)
