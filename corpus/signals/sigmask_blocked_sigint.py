# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGINT", "after": "sleeping"}], "note": "a blocked SIGINT does not interrupt a sleep; unblocking raises KeyboardInterrupt from the pthread_sigmask call"}
# from: Lib/test/test_signal.py (PthreadSigmaskTests: a blocked signal is delivered when unblocked)
import signal
import time

signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
try:
    print("sleeping", flush=True)
    time.sleep(0.6)
    print("slept through the blocked SIGINT:", sorted(s.name for s in signal.sigpending()))
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    print("not reached")
finally:
    print("finally runs")
