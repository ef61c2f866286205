# exitlab-case: {"modes": ["pipe"], "note": "__exit__ runs in reverse order and sees SystemExit"}
import sys

class Managed:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print(f"enter {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        print(f"exit {self.name}: {exc_type.__name__ if exc_type else None} {exc!r}")
        return False

with Managed("db"), Managed("cache"):
    with Managed("request"):
        sys.exit(2)
