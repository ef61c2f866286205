# exitlab-case: {"modes": ["pipe", "tty"], "argv": ["--check"], "note": "a linter-style status 3"}
import sys

problems = ["line 4: trailing space", "line 9: tab", "line 12: too long"]
if "--check" in sys.argv[1:]:
    for p in problems:
        print(p)
    print(f"{len(problems)} problems found")
    sys.exit(len(problems))
print("fixed")
