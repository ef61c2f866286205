# exitlab-case: {"modes": ["pipe"], "timeoutMs": 30000, "note": "sys.setrecursionlimit(10**6): the depth reached depends on the C stack natively, and the program ends as it chose either way"}
import sys

sys.setrecursionlimit(10**6)
depth = 0


def down(n):
    global depth
    depth = n
    return down(n + 1)


try:
    down(0)
except RecursionError:
    print("caught, deeper than 100000:", depth > 100_000)
sys.exit(3)
