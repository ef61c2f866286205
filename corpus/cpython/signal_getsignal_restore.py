# exitlab-case: {"modes": ["pipe"], "note": "signal.signal returns the previous handler (SIG_DFL); getsignal reports ours; putting SIG_DFL back makes the next SIGHUP kill the process: 129"}
# from: Lib/test/test_signal.py PosixTests.test_getsignal
import os
import signal

def on_hup(signum, frame):
    print("custom SIGHUP handler ran")

previous = signal.signal(signal.SIGHUP, on_hup)
print("previous:", previous.name, type(previous).__name__)
print("getsignal gives ours:", signal.getsignal(signal.SIGHUP) is on_hup)
os.kill(os.getpid(), signal.SIGHUP)
signal.signal(signal.SIGHUP, previous)
print("restored SIG_DFL:", signal.getsignal(signal.SIGHUP) is signal.SIG_DFL, flush=True)
os.kill(os.getpid(), signal.SIGHUP)
print("not reached")
