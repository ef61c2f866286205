# exitlab-case: {"modes": ["pipe"], "stdin": "", "note": "reading an empty stdin gives '' at once"}
import sys

data = sys.stdin.read()
print("read", len(data), "characters")
if not data:
    sys.exit("no input given")
