# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "note": "the order threads finish in follows their data (sleep lengths), not the order they started"}
# from: Lib/test/test_threading.py (ThreadTests.test_various_ops: threads run concurrently)
import threading
import time

values = [5, 1, 4, 2, 3]
finished = []
lock = threading.Lock()

def sleeper(v):
    time.sleep(v * 0.1)
    with lock:
        finished.append(v)

threads = [threading.Thread(target=sleeper, args=(v,)) for v in values]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("finished in order", finished)
