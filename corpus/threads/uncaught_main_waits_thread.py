# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "an uncaught exception in the main script is printed first, then the non-daemon thread still finishes; status 1"}
# from: Lib/test/test_threading.py (ThreadJoinOnShutdown: non-daemon threads are joined however the main script ends)
import threading
import time

def finisher():
    time.sleep(0.1)
    print("thread finished its work")

threading.Thread(target=finisher).start()
raise RuntimeError("main failed")
