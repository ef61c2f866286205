# exitlab-case: {"modes": ["pipe"], "note": "setitimer(ITIMER_REAL, 0.3) then pause(): the SIGALRM handler runs, pause returns, the timer reads (0.0, 0.0)"}
# from: Lib/test/test_signal.py ItimerTest.test_itimer_real
import signal

fired = []
signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
signal.setitimer(signal.ITIMER_REAL, 0.3)
print("pausing", flush=True)
signal.pause()
print("pause returned, handler ran once:", fired == [signal.SIGALRM])
print("timer now:", signal.getitimer(signal.ITIMER_REAL))
