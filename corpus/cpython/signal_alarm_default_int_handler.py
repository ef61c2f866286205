# exitlab-case: {"modes": ["pipe", "tty"], "note": "SIGALRM routed to signal.default_int_handler: pause() raises KeyboardInterrupt, finally runs, and the uncaught KeyboardInterrupt ends the process by SIGINT: 130"}
# from: Lib/test/signalinterproctester.py InterProcessSignalTests.test_interprocess_signal (the SIGALRM part)
import signal

signal.signal(signal.SIGALRM, signal.default_int_handler)
signal.alarm(1)
print("pausing until the alarm", flush=True)
try:
    signal.pause()
    print("not reached")
finally:
    print("finally runs")
