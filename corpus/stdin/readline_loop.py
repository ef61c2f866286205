# exitlab-case: {"modes": ["pipe"], "stdin": "first\nsecond\nno newline at the end", "note": "readline returns '' at EOF; the last line may lack a newline"}
import sys

while True:
    line = sys.stdin.readline()
    if not line:
        print("EOF")
        break
    print(repr(line))
