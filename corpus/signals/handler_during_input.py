# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "hello\n", "stdinAfter": "handled SIGUSR1", "signals": [{"name": "SIGUSR1", "after": "waiting for a line"}], "note": "a handler that returns during input(): input() keeps waiting and then reads the line"}
import signal

def on_usr1(signum, frame):
    print("handled SIGUSR1", flush=True)

signal.signal(signal.SIGUSR1, on_usr1)
print("waiting for a line", flush=True)
line = input()
print("got", repr(line))
