# exitlab-case: {"modes": ["pipe"], "note": "a local's __del__ runs when sys.exit unwinds, before atexit; status 2"}
import atexit
import sys

class Temp:
    def __del__(self):
        print("Temp.__del__")

atexit.register(print, "atexit handler")

def work():
    t = Temp()
    print("work exits")
    sys.exit(2)

work()
