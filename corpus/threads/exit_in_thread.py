# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "note": "sys.exit() in a thread ends only that thread, silently; the process status is the main thread's"}
# from: Lib/test/test_threading.py (ThreadingExceptionTests.test_system_exit)
import sys
import threading

def quit_early():
    print("thread calls sys.exit(3)")
    sys.exit(3)
    print("not reached")

t = threading.Thread(target=quit_early)
t.start()
t.join()
print("main goes on, thread alive:", t.is_alive())
