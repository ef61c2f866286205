# exitlab-case: {"modes": ["pipe"], "note": "return in finally discards SystemExit (3.14 warns with a SyntaxWarning)"}
import sys

def risky():
    try:
        sys.exit(4)
    finally:
        return "finally won"

print(risky())
print("program goes on")
