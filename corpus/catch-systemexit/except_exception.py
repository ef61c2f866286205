# exitlab-case: {"modes": ["pipe"], "note": "except Exception does not catch SystemExit"}
import sys

def risky():
    try:
        sys.exit(3)
    except Exception as e:
        print("not printed", e)
    print("not printed either")

try:
    risky()
finally:
    print("finally still runs")
