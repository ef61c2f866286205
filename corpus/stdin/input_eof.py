# exitlab-case: {"modes": ["pipe", "tty"], "note": "uncaught EOFError: 'EOF when reading a line' in a pipe, no message on a terminal"}
import atexit

atexit.register(print, "atexit runs after EOFError")
print("waiting for input")
answer = input()
print("got", answer)
