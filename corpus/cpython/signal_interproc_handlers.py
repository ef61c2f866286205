# exitlab-case: {"modes": ["pipe"], "note": "SIGHUP handler counts, a SIGUSR1 handler's exception comes out of os.kill, SIG_IGN makes SIGUSR2 harmless"}
# from: Lib/test/signalinterproctester.py InterProcessSignalTests.test_interprocess_signal (run by Lib/test/test_signal.py PosixTests.test_interprocess_signal)
import os
import signal

class UserSignal(Exception):
    pass

counts = {"SIGHUP": 0, "SIGUSR1": 0}

def on_hup(signum, frame):
    counts["SIGHUP"] += 1

def on_usr1(signum, frame):
    counts["SIGUSR1"] += 1
    raise UserSignal(signal.Signals(signum).name)

signal.signal(signal.SIGHUP, on_hup)
signal.signal(signal.SIGUSR1, on_usr1)
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
me = os.getpid()
os.kill(me, signal.SIGHUP)
print("after SIGHUP:", counts)
try:
    os.kill(me, signal.SIGUSR1)
    print("not reached")
except UserSignal as e:
    print("os.kill raised UserSignal:", e, counts)
os.kill(me, signal.SIGUSR2)
print("SIGUSR2 ignored, still running:", counts)
