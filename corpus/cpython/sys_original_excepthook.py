# exitlab-case: {"modes": ["pipe"], "note": "a custom sys.excepthook that hands over to sys.__excepthook__: the standard report ends with 'ValueError: 42', status 1"}
# from: Lib/test/test_sys.py ExceptHookTest.test_original_excepthook
import sys

def hook(exc_type, exc, tb):
    print("custom hook saw", exc_type.__name__, exc, flush=True)
    sys.__excepthook__(exc_type, exc, tb)

sys.excepthook = hook
print("failing now")
raise ValueError(42)
