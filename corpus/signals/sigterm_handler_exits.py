# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGTERM", "after": "serving"}], "note": "graceful shutdown: the handler calls sys.exit, finally and atexit run"}
import atexit
import signal
import sys
import time

def shutdown(signum, frame):
    print("SIGTERM received, shutting down")
    sys.exit(3)

signal.signal(signal.SIGTERM, shutdown)
atexit.register(print, "atexit: bye")
try:
    print("serving", flush=True)
    time.sleep(5)
    print("not reached")
finally:
    print("finally: closing sockets")
