# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "signals": [{"name": "SIGUSR1", "after": "busy"}], "note": "a signal arriving while a worker thread runs is handled in the main thread"}
# from: Lib/test/test_threading.py and test_signal.py (signal handlers always run in the main thread)
import signal
import threading

seen = []
got = threading.Event()

def handler(signum, frame):
    seen.append(threading.current_thread() is threading.main_thread())
    got.set()

signal.signal(signal.SIGUSR1, handler)

def spin():
    n = 0
    while not got.is_set():
        n += 1

t = threading.Thread(target=spin)
t.start()
print("busy", flush=True)
got.wait(5)
t.join()
print("handled in main thread:", seen)
