# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "signals": [{"name": "SIGTERM", "after": "workers ready"}], "note": "graceful shutdown: a SIGTERM handler sets an Event, worker threads finish their item and are joined, then atexit runs"}
# from: Lib/test/test_threading.py (ThreadTests: an Event set from the main thread ends the workers' waits)
import atexit
import signal
import threading

stop = threading.Event()
done = []

def worker(n):
    while not stop.wait(0.02):
        pass
    done.append(n)

def on_term(signum, frame):
    print("SIGTERM in", threading.current_thread().name)
    stop.set()

signal.signal(signal.SIGTERM, on_term)
atexit.register(lambda: print("atexit: workers done", sorted(done)))
workers = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for w in workers:
    w.start()
print("workers ready", flush=True)
for w in workers:
    w.join()
print("joined", threading.active_count())
