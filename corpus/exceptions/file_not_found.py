# exitlab-case: {"modes": ["pipe"], "note": "errno numbers differ in WebAssembly: [Errno N] is masked"}
import json

def load_settings(path):
    print(f"reading {path}")
    with open(path) as f:
        return json.load(f)

settings = load_settings("does-not-exist.json")
print(settings)
