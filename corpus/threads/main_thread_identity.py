# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "current_thread(), get_ident() and threading.local are per thread; main_thread() is the main one"}
# from: Lib/test/test_threading.py (ThreadTests.test_main_thread, test_ident_of_no_threading_threads) and test_threading_local.py
import threading

local = threading.local()
local.name = "main's value"
seen = {}

def look():
    me = threading.current_thread()
    seen["is main"] = me is threading.main_thread()
    seen["same ident"] = threading.get_ident() == threading.main_thread().ident
    seen["local has name"] = hasattr(local, "name")
    local.name = "thread's value"

t = threading.Thread(target=look, name="looker")
t.start()
t.join()
print(threading.main_thread().name, threading.current_thread() is threading.main_thread())
print(seen)
print(local.name)
