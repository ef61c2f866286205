# exitlab-case: {"modes": ["pipe", "tty"], "signals": [{"name": "SIGINT", "after": "spinning"}], "note": "Ctrl+C stops a loop that never blocks: KeyboardInterrupt where the loop is, finally runs, 130"}
count = 0
try:
    print("spinning", flush=True)
    while True:
        count += 1
finally:
    print("finally: the loop ran", "more than once" if count > 1 else "once")
