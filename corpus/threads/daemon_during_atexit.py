# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "note": "a daemon thread is still alive while atexit handlers run, then is abandoned without its finally"}
# from: Lib/test/test_threading.py (ThreadTests.test_daemon_threads_... and AtexitTests: daemon threads at exit)
import atexit
import threading
import time

ticks = []

def background():
    try:
        while True:
            ticks.append(1)
            time.sleep(0.01)
    finally:
        print("daemon finally (never printed)")

d = threading.Thread(target=background, daemon=True)
d.start()

def report():
    time.sleep(0.05)
    print("atexit: daemon alive", d.is_alive(), "and ticking", len(ticks) > 1)

atexit.register(report)
print("main done")
