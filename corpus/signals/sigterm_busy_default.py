# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGTERM", "after": "crunching"}], "note": "default SIGTERM kills a loop that never blocks: no finally, 143"}
total = 0
try:
    print("crunching", flush=True)
    while True:
        total += 1
finally:
    print("finally: never printed")
