# exitlab-case: {"modes": ["pipe", "tty"], "note": "raise KeyboardInterrupt: finally and atexit run, then the process kills itself with SIGINT (130)"}
import atexit

atexit.register(print, "atexit handler")

def work():
    try:
        print("working")
        raise KeyboardInterrupt
    finally:
        print("finally")

work()
