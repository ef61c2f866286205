# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "a non-daemon thread keeps the process alive, then atexit runs"}
import atexit
import threading
import time

atexit.register(print, "atexit after the thread finished")

def late():
    time.sleep(0.1)
    print("thread done")

threading.Thread(target=late).start()
print("main code ends")
