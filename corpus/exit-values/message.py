# exitlab-case: {"modes": ["pipe", "tty"], "argv": ["settings.toml"], "note": "a string goes to stderr, status 1"}
import os
import sys

path = sys.argv[1]
print(f"loading {path}")
if not os.path.exists(path):
    sys.exit(f"error: {path} not found")
print("loaded")
