# exitlab-case: {"modes": ["pipe"], "note": "atexit._clear() forgets every handler registered so far; a later registration still runs"}
# from: Lib/test/_test_atexit.py GeneralTest.test_clear
import atexit

atexit.register(print, "registered before _clear (dropped)")
atexit.register(print, "also dropped")
atexit._clear()
atexit.register(print, "registered after _clear")
print("main done")
