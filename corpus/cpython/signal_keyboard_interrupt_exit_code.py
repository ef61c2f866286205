# exitlab-case: {"modes": ["pipe", "tty"], "note": "os.kill(own pid, SIGINT) then sleeping: KeyboardInterrupt on stderr and the process dies of SIGINT: 130"}
# from: Lib/test/test_signal.py PosixTests.test_keyboard_interrupt_exit_code
import os
import signal
import time

print("sending SIGINT to myself", flush=True)
os.kill(os.getpid(), signal.SIGINT)
for _ in range(999):
    time.sleep(0.01)
print("not reached")
