# exitlab-case: {"modes": ["pipe", "tty"], "note": "an atexit handler and a module-level __del__ share a helper: the handler runs, then __del__ still finds the module's globals"}
import atexit
import sys


def log(message):
    sys.stdout.write(f"[{message}]\n")


atexit.register(lambda: log("atexit: flushing the journal"))


class Journal:
    def __del__(self):
        log("Journal.__del__: closed")


journal = Journal()
log("main done")
