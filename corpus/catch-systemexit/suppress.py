# exitlab-case: {"modes": ["pipe"], "note": "contextlib.suppress(SystemExit)"}
import sys
from contextlib import suppress

with suppress(SystemExit):
    print("before")
    sys.exit(1)
    print("skipped")
print("after suppress")
sys.exit(0)
