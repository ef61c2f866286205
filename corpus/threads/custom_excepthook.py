# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "a custom threading.excepthook receives the exception type, value and thread"}
# from: Lib/test/test_threading.py (ExceptHookTests.test_custom_excepthook)
import threading

def hook(args):
    print("hook:", args.exc_type.__name__, args.exc_value, "in", args.thread.name)

threading.excepthook = hook

def fail():
    raise KeyError("missing")

t = threading.Thread(target=fail, name="loader")
t.start()
t.join()
print("done")
