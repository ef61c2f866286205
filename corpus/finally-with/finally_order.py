# exitlab-case: {"modes": ["pipe"], "note": "nested finally blocks run innermost first on sys.exit"}
import sys

try:
    print("outer start")
    try:
        print("inner start")
        sys.exit(3)
    finally:
        print("inner finally")
finally:
    print("outer finally")
