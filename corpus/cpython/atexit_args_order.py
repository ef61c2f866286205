# exitlab-case: {"modes": ["pipe"], "note": "each handler gets the positional and keyword arguments it was registered with; the same function may be registered twice"}
# from: Lib/test/_test_atexit.py GeneralTest.test_order (run by Lib/test/test_atexit.py GeneralTest.test_general)
import atexit

def record(tag, *args, **kwargs):
    print(tag, args, kwargs)

def other(*args, **kwargs):
    print("other", args, kwargs)

atexit.register(record, "first", 1, 2)
atexit.register(other)
atexit.register(other, 3, key="value")
print("three registrations")
