# exitlab-case: {"modes": ["pipe"], "note": "uncaught ValueError: traceback, status 1"}
def parse_age(text):
    return int(text)

ages = ["31", "27", "forty"]
for a in ages:
    print("age", parse_age(a))
