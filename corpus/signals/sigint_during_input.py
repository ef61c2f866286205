# exitlab-case: {"modes": ["pipe", "tty"], "stdinEof": false, "signals": [{"name": "SIGINT", "after": "type your name"}], "note": "Ctrl+C while input() waits"}
print("type your name", flush=True)
try:
    name = input()
    print("hello", name)
except KeyboardInterrupt:
    print("cancelled")
