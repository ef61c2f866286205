# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "an uncaught exception in a thread goes to threading.excepthook (printed on stderr); the process still exits 0"}
# from: Lib/test/test_threading.py (ThreadingExceptionTests.test_print_exception)
import threading

def fail():
    raise ValueError("bad input in worker")

t = threading.Thread(target=fail, name="worker")
t.start()
t.join()
print("main finished normally")
