# exitlab-case: {"modes": ["pipe"], "note": "ZeroDivisionError in a handler is reported and ignored; the earlier-registered handler runs and the status stays 4"}
# from: Lib/test/_test_atexit.py GeneralTest.test_raise_unnormalized
import atexit
import sys

def average(values):
    print("averaging", values)
    print(sum(values) / len(values))

atexit.register(print, "registered first, runs last")
atexit.register(average, [])
print("exiting with 4")
sys.exit(4)
