# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGTERM", "after": "ready"}], "note": "default SIGTERM kills at once: no finally, no atexit, unflushed pipe output lost"}
import atexit
import time

atexit.register(print, "atexit (never printed)")
print("buffered line: kept on a terminal, lost in a pipe")
try:
    print("ready", flush=True)
    print("after ready: kept on a terminal, lost in a pipe")
    time.sleep(5)
finally:
    print("finally (never printed)")
