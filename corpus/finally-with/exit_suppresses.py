# exitlab-case: {"modes": ["pipe"], "note": "__exit__ returning True swallows SystemExit; the program continues"}
import sys

class Swallow:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        if exc_type is SystemExit:
            print(f"swallowed SystemExit({exc.code})")
            return True
        return False

with Swallow():
    sys.exit(9)
print("still running")
