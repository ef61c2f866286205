# exitlab-case: {"modes": ["pipe"], "note": "os.kill(os.getpid(), SIGTERM) with a handler"}
import os
import signal
import time

def on_term(signum, frame):
    print("handler got", signal.Signals(signum).name)

signal.signal(signal.SIGTERM, on_term)
print("sending SIGTERM to myself")
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(0.05)
print("after the handler")
