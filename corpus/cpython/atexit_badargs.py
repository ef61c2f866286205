# exitlab-case: {"modes": ["pipe"], "note": "a handler registered with arguments it does not accept: the TypeError is reported as ignored, the next handler runs, status 0"}
# from: Lib/test/_test_atexit.py GeneralTest.test_badargs
import atexit

def tidy():
    print("tidy (never runs)")

def last_word():
    print("the handler registered first still runs")

atexit.register(last_word)
atexit.register(tidy, "unexpected", "arguments")
print("main done")
