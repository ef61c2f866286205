# exitlab-case: {"modes": ["pipe"], "note": "raise ... from ...: the last line is the outer exception"}
class ConfigError(Exception):
    pass

def load(settings, key):
    try:
        return settings[key]
    except KeyError as e:
        raise ConfigError(f"missing setting {key!r}") from e

print(load({"debug": True}, "debug"))
print(load({"debug": True}, "port"))
