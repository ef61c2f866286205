# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "Condition, Semaphore, Barrier, queue.Queue and Timer between threads"}
# from: Lib/test/lock_tests.py (ConditionTests, SemaphoreTests, BarrierTests) and test_queue.py
import queue
import threading

q = queue.Queue(maxsize=2)
out = []

def consume():
    while (item := q.get()) is not None:
        out.append(item * 10)
        q.task_done()
    q.task_done()

c = threading.Thread(target=consume)
c.start()
for i in range(5):
    q.put(i)
q.put(None)
q.join()
c.join()
print("queue:", out)
barrier = threading.Barrier(3)
passed = []
def meet(i):
    barrier.wait()
    passed.append(i)
ts = [threading.Thread(target=meet, args=(i,)) for i in range(3)]
[t.start() for t in ts]
[t.join() for t in ts]
print("barrier:", sorted(passed))
fired = threading.Event()
timer = threading.Timer(0.05, fired.set)
timer.start()
print("timer fired:", fired.wait(2))
late = threading.Timer(10, print, ["never"])
late.start()
late.cancel()
late.join()
print("cancelled timer alive:", late.is_alive())
