# exitlab-case: {"modes": ["pipe", "tty"], "note": "os.kill(os.getpid(), SIGTERM) without a handler: killed at once"}
import os
import signal

try:
    print("line before kill")
    os.kill(os.getpid(), signal.SIGTERM)
    print("never printed")
finally:
    print("finally (never printed)")
