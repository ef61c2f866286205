# exitlab-case: {"modes": ["pipe"], "note": "a custom exception without message: the last line is just its qualified name"}
class Retry(Exception):
    pass

def fetch(attempt):
    print(f"attempt {attempt}")
    raise Retry

for attempt in range(1, 3):
    try:
        fetch(attempt)
    except Retry:
        if attempt == 2:
            raise
