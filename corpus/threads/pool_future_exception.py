# exitlab-case: {"modes": ["pipe"], "thread": true, "note": "an exception in a ThreadPoolExecutor job is re-raised by result() in the main thread: uncaught, status 1"}
# from: Lib/test/test_concurrent_futures (ExecutorTest: a failing job's result() raises its exception)
from concurrent.futures import ThreadPoolExecutor

def parse(text):
    return int(text)

with ThreadPoolExecutor(max_workers=2) as pool:
    futures = [pool.submit(parse, t) for t in ["1", "2", "three"]]
    print("first two:", futures[0].result(), futures[1].result())
    print(futures[2].result())
