# exitlab-case: {"modes": ["pipe"], "note": "Python-level recursion to the program's own limit (10**5): RecursionError is caught, then freeing its 10**5-frame traceback must not exhaust the host's stack"}
import sys

sys.setrecursionlimit(10**5)


def down(n):
    return down(n + 1)


try:
    down(0)
except RecursionError as e:
    print("caught", e)
sys.exit(3)
