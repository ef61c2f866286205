# exitlab-case: {"modes": ["pipe", "tty"], "stdin": "apple 3\npear 5\nplum 2\n", "note": "for line in sys.stdin"}
import sys

stock = {}
for line in sys.stdin:
    fruit, count = line.split()
    stock[fruit] = int(count)
for fruit in sorted(stock):
    print(f"{fruit:>6}: {stock[fruit]}")
