# exitlab-case: {"modes": ["pipe"], "note": "pthread_kill to the main thread runs the handler at once; its sys.exit(3) wins over the later sys.exit(2)"}
# from: Lib/test/test_signal.py PendingSignalsTests.test_pthread_kill_main_thread
import signal
import sys
import threading

def on_usr1(signum, frame):
    print("handler calls sys.exit(3)")
    sys.exit(3)

signal.signal(signal.SIGUSR1, on_usr1)
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("not reached")
sys.exit(2)
