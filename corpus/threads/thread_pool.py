# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "concurrent.futures.ThreadPoolExecutor"}
from concurrent.futures import ThreadPoolExecutor

with ThreadPoolExecutor(max_workers=2) as pool:
    squares = list(pool.map(lambda x: x * x, range(5)))
print(squares)
