# exitlab-case: {"modes": ["pipe"], "note": "a failing handler is reported as ignored; the others still run; status unchanged"}
import atexit

def first():
    print("first registered, runs last")

def broken():
    raise ValueError("handler failed")

def last():
    print("last registered, runs first")

atexit.register(first)
atexit.register(broken)
atexit.register(last)
print("main done")
