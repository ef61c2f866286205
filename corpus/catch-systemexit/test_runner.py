# exitlab-case: {"modes": ["pipe"], "note": "a runner calls several mains and collects their exit codes"}
import sys

def ok():
    print("ok runs")

def fails():
    sys.exit(1)

def message():
    sys.exit("bad input")

codes = {}
for fn in (ok, fails, message):
    try:
        fn()
        codes[fn.__name__] = 0
    except SystemExit as e:
        codes[fn.__name__] = e.code
print(codes)
sys.exit(max(c if isinstance(c, int) else 1 for c in codes.values()))
