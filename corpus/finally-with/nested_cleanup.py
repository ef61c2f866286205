# exitlab-case: {"modes": ["pipe"], "note": "every function on the stack cleans up, innermost first"}
import sys

def level(n):
    print(f"enter level {n}")
    try:
        if n == 3:
            sys.exit(n)
        level(n + 1)
    finally:
        print(f"cleanup level {n}")

def main():
    try:
        level(1)
    finally:
        print("cleanup main")

main()
