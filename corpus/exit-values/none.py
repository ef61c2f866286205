# exitlab-case: {"modes": ["pipe"], "note": "sys.exit(None) is status 0, prints nothing"}
import sys

def main():
    print("doing work")
    # falls off the end and returns None

sys.exit(main())
