# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "_thread.interrupt_main() from a thread raises KeyboardInterrupt in the main thread"}
# from: Lib/test/test_threading.py (InterruptMainTests.test_interrupt_main_subthread)
import _thread
import threading
import time

def poke():
    _thread.interrupt_main()

t = threading.Thread(target=poke)
try:
    t.start()
    t.join()
    time.sleep(1)
    print("not reached")
except KeyboardInterrupt:
    print("KeyboardInterrupt in", threading.current_thread().name)
