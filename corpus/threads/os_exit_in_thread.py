# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "os._exit() in a thread ends the whole process at once: no finally in the main thread, no atexit"}
# from: Lib/test/test_threading.py (os._exit from a thread ends the process; see ThreadJoinOnShutdown)
import atexit
import os
import sys
import threading
import time

atexit.register(print, "atexit (skipped)")

def killer():
    print("thread: os._exit(7)", flush=True)
    os._exit(7)

try:
    threading.Thread(target=killer).start()
    time.sleep(2)
finally:
    print("main finally (skipped)")
