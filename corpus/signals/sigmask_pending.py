# exitlab-case: {"modes": ["pipe"], "note": "pthread_sigmask(SIG_BLOCK): a signal sent meanwhile waits in sigpending(); SIG_UNBLOCK delivers it before the call returns"}
# from: Lib/test/test_signal.py (PendingSignalsTests.test_sigpending, test_pthread_sigmask)
import os
import signal

signal.signal(signal.SIGUSR1, lambda signum, frame: print("handler ran"))
print("old mask:", sorted(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})))
os.kill(os.getpid(), signal.SIGUSR1)
print("pending:", sorted(s.name for s in signal.sigpending()))
print("before unblock")
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print("after unblock, pending:", sorted(signal.sigpending()))
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGINT, signal.SIGTERM])
print("mask:", sorted(s.name for s in signal.pthread_sigmask(signal.SIG_SETMASK, [])))
