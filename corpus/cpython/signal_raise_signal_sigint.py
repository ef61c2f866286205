# exitlab-case: {"modes": ["pipe"], "note": "raise_signal(SIGINT): KeyboardInterrupt by default, a custom handler instead when set; with the default back, the uncaught KeyboardInterrupt kills by SIGINT: 130"}
# from: Lib/test/test_signal.py RaiseSignalTest.test_sigint, RaiseSignalTest.test_handler
import signal

try:
    signal.raise_signal(signal.SIGINT)
except KeyboardInterrupt:
    print("default handler: KeyboardInterrupt caught")

calls = []
old = signal.signal(signal.SIGINT, lambda signum, frame: calls.append(signum))
signal.raise_signal(signal.SIGINT)
print("custom handler calls:", [signal.Signals(s).name for s in calls])
signal.signal(signal.SIGINT, old)
print("old handler was default_int_handler:", old is signal.default_int_handler)
signal.raise_signal(signal.SIGINT)
print("not reached")
