# exitlab-case: {"modes": ["pipe"], "note": "positional and keyword arguments are passed through"}
import atexit
import sys

def report(name, *counts, unit="items"):
    print(f"{name}: {sum(counts)} {unit}")

atexit.register(report, "saved", 3, 4)
atexit.register(report, "skipped", 1, unit="files")
print("exiting with 2")
sys.exit(2)
