# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "a daemon thread is killed at exit"}
import threading
import time

def forever():
    while True:
        time.sleep(0.01)

threading.Thread(target=forever, daemon=True).start()
print("main exits, daemon thread dies with it")
