# exitlab-case: {"modes": ["pipe"], "note": "raise SystemExit(4) is what sys.exit(4) does"}
class Config:
    def __init__(self, values):
        if "port" not in values:
            print("missing port")
            raise SystemExit(4)
        self.port = values["port"]

Config({"host": "localhost"})
print("unreachable")
