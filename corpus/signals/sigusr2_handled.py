# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGUSR2", "after": "ready"}], "note": "a handler raising an exception interrupts the main code where it is"}
import signal
import time

class Wakeup(Exception):
    pass

def on_usr2(signum, frame):
    raise Wakeup("SIGUSR2")

signal.signal(signal.SIGUSR2, on_usr2)
try:
    print("ready", flush=True)
    time.sleep(5)
except Wakeup as e:
    print("woken by", e)
