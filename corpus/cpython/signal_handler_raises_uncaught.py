# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGUSR1", "after": "waiting"}], "note": "a handler's exception surfaces in the sleeping main code; uncaught, finally runs and the status is 1"}
# from: Lib/test/signalinterproctester.py InterProcessSignalTests.sigusr1_handler (test_interprocess_signal)
import signal
import time

class UserSignal(Exception):
    pass

def on_usr1(signum, frame):
    raise UserSignal(signal.Signals(signum).name + " arrived")

signal.signal(signal.SIGUSR1, on_usr1)
try:
    print("waiting", flush=True)
    while True:
        time.sleep(0.05)
finally:
    print("finally runs")
