# exitlab-case: {"modes": ["pipe"], "note": "unregister drops all four registrations of a function; only the other handler changes the total"}
# from: Lib/test/_test_atexit.py GeneralTest.test_unregister
import atexit

total = [0]

def inc():
    total[0] += 1

def dec():
    total[0] -= 1

atexit.register(lambda: print("total at exit:", total[0]))
for _ in range(4):
    atexit.register(inc)
atexit.register(dec)
atexit.unregister(inc)
print("inc registered four times, then unregistered")
