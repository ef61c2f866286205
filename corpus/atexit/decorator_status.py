# exitlab-case: {"modes": ["pipe", "tty"], "note": "@atexit.register handlers run after sys.exit(3), status stays 3"}
import atexit
import sys

state = {"saved": False}

@atexit.register
def save():
    print("saving state, saved before:", state["saved"])

def run():
    print("running")
    sys.exit(3)

run()
