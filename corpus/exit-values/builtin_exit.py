# exitlab-case: {"modes": ["pipe"], "note": "site's exit() works in scripts too"}
print("exit is", type(exit).__name__)
for attempt in range(1, 5):
    print("attempt", attempt)
    if attempt == 3:
        exit(2)
print("not reached")
