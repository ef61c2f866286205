# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGHUP", "after": "ready"}], "note": "default SIGHUP terminates: status 129"}
import time

try:
    print("ready", flush=True)
    time.sleep(5)
finally:
    print("finally (never printed)")
