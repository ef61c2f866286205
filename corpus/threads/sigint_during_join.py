# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "signals": [{"name": "SIGINT", "after": "joining"}], "note": "Ctrl+C while the main thread waits in join(): KeyboardInterrupt is raised there, finally runs, the process dies of SIGINT"}
# from: Lib/test/test_threading.py (ThreadTests.test_join_interrupt: a signal interrupts Thread.join in the main thread)
import threading
import time

def slow():
    time.sleep(3)

t = threading.Thread(target=slow, daemon=True)
t.start()
try:
    print("joining", flush=True)
    t.join()
    print("not reached")
finally:
    print("finally in", threading.current_thread().name)
