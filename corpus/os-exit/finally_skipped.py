# exitlab-case: {"modes": ["pipe", "tty"], "note": "os._exit skips finally, __exit__ and atexit; stderr lines survive"}
import atexit
import os
import sys

class Resource:
    def __enter__(self):
        print("open", flush=True)
        return self
    def __exit__(self, *exc):
        print("close (never printed)")

atexit.register(print, "atexit (never printed)")
try:
    with Resource():
        print("warning: giving up", file=sys.stderr)
        os._exit(5)
finally:
    print("finally (never printed)")
