# exitlab-case: {"modes": ["pipe", "tty"], "note": "sys.exit without import sys is a NameError (3.14 adds a hint)"}
import os

print("validating")
valid = os.path.isdir("no-such-directory")
if not valid:
    sys.exit(2)
