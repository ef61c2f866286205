# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "two threads that never block both make progress (the interpreter switches between them)"}
# from: Lib/test/test_threading.py (ThreadTests.test_switch_interval_setting: busy threads are switched)
import threading
import time

counts = [0, 0]
stop = threading.Event()

def spin(i):
    while not stop.is_set():
        counts[i] += 1

threads = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in threads:
    t.start()
time.sleep(0.3)
stop.set()
for t in threads:
    t.join()
print("both made progress:", all(c > 0 for c in counts))
