# exitlab-case: {"modes": ["pipe"], "note": "log and re-raise: status preserved"}
import sys

def main():
    sys.exit(42)

try:
    main()
except SystemExit as e:
    print(f"main exited with {e.code}, logging it")
    raise
