# exitlab-case: {"modes": ["pipe"], "note": "an exception raised in finally replaces SystemExit: status 1"}
import sys

def shutdown():
    try:
        print("shutting down")
        sys.exit(0)
    finally:
        connections = {}
        print("closing", connections["db"])

shutdown()
