# exitlab-case: {"modes": ["pipe"], "note": "a finalizer called early does not run again at exit; atexit=False ones do not run at exit"}
import sys
import weakref

class Resource:
    pass

a, b, c = Resource(), Resource(), Resource()
fa = weakref.finalize(a, print, "cleanup a")
fb = weakref.finalize(b, print, "cleanup b")
fc = weakref.finalize(c, print, "cleanup c (atexit=False)")
fc.atexit = False
fa()
print("alive:", fa.alive, fb.alive, fc.alive)
sys.exit(1)
