# exitlab-case: {"modes": ["pipe"], "note": "weakref.finalize runs at exit (it is an atexit hook), after atexit handlers registered later"}
import atexit
import weakref

class Cache:
    pass

cache = Cache()
weakref.finalize(cache, print, "finalize: cache removed")
atexit.register(print, "atexit handler")
print("done")
