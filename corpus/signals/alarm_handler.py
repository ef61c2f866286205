# exitlab-case: {"modes": ["pipe", "tty"], "note": "signal.alarm as a timeout around slow work"}
import signal
import time

class Timeout(Exception):
    pass

def on_alarm(signum, frame):
    raise Timeout("took too long")

signal.signal(signal.SIGALRM, on_alarm)
signal.alarm(1)
try:
    print("slow work starts")
    while True:
        time.sleep(0.05)
except Timeout as e:
    print("gave up:", e)
finally:
    signal.alarm(0)
