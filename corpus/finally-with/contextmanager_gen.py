# exitlab-case: {"modes": ["pipe"], "note": "a @contextmanager's finally runs on sys.exit, with exit code visible"}
import sys
from contextlib import contextmanager

@contextmanager
def transaction(name):
    print(f"begin {name}")
    try:
        yield
        print(f"commit {name}")
    except BaseException as e:
        print(f"rollback {name} ({type(e).__name__})")
        raise
    finally:
        print(f"end {name}")

with transaction("t1"):
    print("inside t1")
with transaction("t2"):
    sys.exit(5)
