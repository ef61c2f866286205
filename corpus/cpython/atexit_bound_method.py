# exitlab-case: {"modes": ["pipe"], "note": "a bound method registered as a handler runs with its argument; unregister with an equal (new) bound method removes it"}
# from: Lib/test/_test_atexit.py GeneralTest.test_bound_methods
import atexit

log = []
atexit.register(lambda: print("log at exit:", log))
atexit.register(log.append, "dropped")
atexit.unregister(log.append)
atexit.register(log.append, "kept")
print("registered log.append twice, unregistered once in between")
