# exitlab-case: {"modes": ["pipe"], "note": "two imports of atexit as separate module objects share one list: handlers from both run, last registered first"}
# from: Lib/test/test_atexit.py FunctionalTest.test_atexit_instances
import sys
import atexit as first_atexit
del sys.modules["atexit"]
import atexit as second_atexit
del sys.modules["atexit"]

print("distinct module objects:", first_atexit is not second_atexit)
first_atexit.register(print, "from the first instance")
second_atexit.register(print, "from the second instance")
first_atexit.register(print, "first instance again")
