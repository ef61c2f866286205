# exitlab-case: {"modes": ["pipe"], "note": "__del__ of a module-level object runs during interpreter shutdown"}
class Connection:
    def __init__(self, name):
        self.name = name
        print(f"open {name}")
    def __del__(self):
        print(f"__del__ closes {self.name}")

conn = Connection("db")
print("end of script")
