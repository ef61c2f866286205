# exitlab-case: {"modes": ["pipe"], "note": "unregister removes every registration of a function"}
import atexit

def cleanup_temp():
    print("removing temp files")

def say_bye():
    print("bye")

atexit.register(cleanup_temp)
atexit.register(say_bye)
atexit.register(cleanup_temp)
atexit.unregister(cleanup_temp)
print("temp files kept on purpose")
