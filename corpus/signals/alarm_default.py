# exitlab-case: {"modes": ["pipe"], "note": "SIGALRM with the default action terminates: status 142"}
import signal
import time

signal.alarm(1)
try:
    print("waiting for the alarm", flush=True)
    time.sleep(3)
finally:
    print("finally (never printed)")
