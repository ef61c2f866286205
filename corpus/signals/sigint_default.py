# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGINT", "after": "press Ctrl+C"}], "note": "default SIGINT raises KeyboardInterrupt: finally runs, status 130, killed by SIGINT"}
import time

total = 0
try:
    print("press Ctrl+C", flush=True)
    while True:
        total += 1
        time.sleep(0.01)
finally:
    print("finally runs")
