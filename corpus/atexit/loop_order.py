# exitlab-case: {"modes": ["pipe"], "note": "handlers registered in a loop run last-registered-first"}
import atexit

def goodbye(n):
    print(f"handler {n}")

for n in range(1, 5):
    atexit.register(goodbye, n)
print("main done")
