# exitlab-case: {"modes": ["pipe"], "note": "ITIMER_REAL fires SIGALRM after 0.2 s"}
import signal
import time

fired = []

def on_alarm(signum, frame):
    fired.append(signum)

signal.signal(signal.SIGALRM, on_alarm)
signal.setitimer(signal.ITIMER_REAL, 0.2)
print("timer armed")
deadline = time.monotonic() + 3
while not fired and time.monotonic() < deadline:
    time.sleep(0.01)
print("fired:", [signal.Signals(s).name for s in fired])
print("remaining:", signal.getitimer(signal.ITIMER_REAL))
