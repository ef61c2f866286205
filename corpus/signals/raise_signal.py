# exitlab-case: {"modes": ["pipe"], "note": "signal.raise_signal: handled SIGUSR1, then default SIGINT as KeyboardInterrupt"}
import signal

def on_usr1(signum, frame):
    print("USR1 handler")

signal.signal(signal.SIGUSR1, on_usr1)
signal.raise_signal(signal.SIGUSR1)
print("after USR1")
try:
    signal.raise_signal(signal.SIGINT)
    print("not reached")
except KeyboardInterrupt:
    print("KeyboardInterrupt from raise_signal")
