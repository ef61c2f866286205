# exitlab-case: {"modes": ["pipe"], "note": "atexit runs after the traceback of an uncaught exception; status 1"}
import atexit

@atexit.register
def flush_logs():
    print("flushing logs")

data = {"a": 1}
print("looking up b")
print(data["b"])
