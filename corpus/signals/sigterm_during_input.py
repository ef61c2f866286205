# exitlab-case: {"modes": ["pipe", "tty"], "stdinEof": false, "signals": [{"name": "SIGTERM", "after": "waiting for a command"}], "note": "a SIGTERM handler that exits while input() waits: the read is abandoned, finally and atexit run"}
import atexit
import signal
import sys

def on_term(signum, frame):
    print("SIGTERM while reading: saving and exiting")
    sys.exit(4)

signal.signal(signal.SIGTERM, on_term)
atexit.register(print, "atexit: saved")
try:
    print("waiting for a command", flush=True)
    line = input()
    print("never got", line)
finally:
    print("finally: closing the session")
