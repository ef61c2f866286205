# exitlab-case: {"modes": ["pipe", "tty"], "thread": true, "note": "the main script ends first; the interpreter joins the non-daemon thread before atexit handlers"}
# from: Lib/test/test_threading.py (ThreadTests.test_join_nondaemon_on_shutdown, ThreadJoinOnShutdown.test_1_join_on_shutdown)
import atexit
import threading
import time

atexit.register(lambda: print("atexit: threads alive", threading.active_count()))

def late():
    time.sleep(0.1)
    print("end of thread")

threading.Thread(target=late).start()
print("end of main")
