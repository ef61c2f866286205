# exitlab-case: {"modes": ["pipe"], "note": "raise ... from None suppresses the context: one traceback, no 'During handling' block; status 1"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_pep_409_verbiage
import sys
import traceback

def hook(exc_type, exc, tb):
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    print("tracebacks in the report:", text.count("Traceback"))
    print("mentions the context:", "During handling" in text)
    print("context suppressed:", exc.__suppress_context__, flush=True)
    sys.__excepthook__(exc_type, exc, tb)

sys.excepthook = hook
try:
    raise ValueError
except ValueError:
    raise NameError from None
