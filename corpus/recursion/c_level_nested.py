# exitlab-case: {"modes": ["pipe"], "timeoutMs": 30000, "note": "C-level recursion (repr, json, pickle, comparison, str.format of nesting 200,000 deep) raises a catchable RecursionError, and the program goes on"}
import json
import pickle
import sys

nested = []
for _ in range(200_000):
    nested = [nested]
other = []
for _ in range(200_000):
    other = [other]

attempts = {
    "repr": lambda: repr(nested),
    "json.loads": lambda: json.loads("[" * 200_000 + "]" * 200_000),
    "json.dumps": lambda: json.dumps(nested),
    "pickle.dumps": lambda: pickle.dumps(nested),
    "compare": lambda: nested == other,
    "format": lambda: "{}".format(nested),
}
for name, attempt in attempts.items():
    try:
        attempt()
    except RecursionError:
        print(name, "RecursionError")
    else:
        print(name, "finished")
sys.exit(4)
