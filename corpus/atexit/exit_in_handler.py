# exitlab-case: {"modes": ["pipe"], "note": "sys.exit(5) in a handler does not change the status (2); later handlers run"}
import atexit
import sys

def a():
    print("handler a")

def b():
    print("handler b calls sys.exit(5)")
    sys.exit(5)

def c():
    print("handler c")

for h in (a, b, c):
    atexit.register(h)
sys.exit(2)
