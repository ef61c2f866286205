# exitlab-case: {"modes": ["pipe"], "signals": [{"name": "SIGUSR1", "after": "waiting"}], "note": "signal.sigwait takes a blocked signal without running its handler"}
# from: Lib/test/test_signal.py (PendingSignalsTests.test_sigwait)
import signal

signal.signal(signal.SIGUSR1, lambda signum, frame: print("handler (not run)"))
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
print("waiting", flush=True)
got = signal.sigwait({signal.SIGUSR1})
print("sigwait returned", got.name)
print("pending after:", sorted(signal.sigpending()))
