# exitlab-case: {"modes": ["pipe"], "note": "a one-microsecond ITIMER_REAL is not rounded down to 'off': the handler runs during the sleep, which then completes"}
# from: Lib/test/test_signal.py ItimerTest.test_setitimer_tiny
import signal
import time

fired = []
signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
signal.setitimer(signal.ITIMER_REAL, 1e-6)
time.sleep(0.5)
print("a 1 microsecond timer fired:", fired == [signal.SIGALRM])
print("timer now:", signal.getitimer(signal.ITIMER_REAL))
