# exitlab-case: {"modes": ["pipe"], "note": "a sys.excepthook that raises SystemExit(7): the status is 7 and what the hook printed stays"}
# from: Lib/test/test_sys.py (ExitTest / excepthook: _PyErr_PrintEx handles a SystemExit raised by the hook)
import sys

def hook(exc_type, exc, tb):
    print("hook saw", exc_type.__name__, exc)
    sys.stderr.write("reported by the hook\n")
    raise SystemExit(7)

sys.excepthook = hook
print("about to fail")
raise ValueError("bad config")
