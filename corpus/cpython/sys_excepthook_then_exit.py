# exitlab-case: {"modes": ["pipe"], "note": "sys.excepthook prints the standard report and then raises SystemExit(3): the report stays on stderr and the status is 3"}
# from: Lib/test/test_sys.py ExceptHookTest.test_original_excepthook (the hook; its SystemExit is handled by Python/pythonrun.c _PyErr_PrintEx)
import sys

def hook(exc_type, exc, tb):
    sys.__excepthook__(exc_type, exc, tb)
    print("hook: reported, now exiting with 3")
    raise SystemExit(3)

sys.excepthook = hook
config = {"name": "demo"}
print("looking up 'port'")
print(config["port"])
