# exitlab-case: {"modes": ["pipe"], "note": "sys.exit(0) after some work: status 0, nothing on stderr"}
import sys

def main():
    total = sum(range(10))
    print(f"total = {total}")
    sys.exit(0)
    print("never printed")

main()
