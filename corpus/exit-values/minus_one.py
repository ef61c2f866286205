# exitlab-case: {"modes": ["pipe"], "note": "-1 becomes 255"}
import sys

def find(items, wanted):
    for i, item in enumerate(items):
        if item == wanted:
            return i
    return -1

index = find(["a", "b"], "z")
print("index:", index)
sys.exit(index)
