# exitlab-case: {"modes": ["pipe"], "note": "sys.exit(an exception instance): its str() is printed to stderr and the status is 1"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_issue20500_exit_with_exception_value
import sys

def load(path):
    raise ValueError(f"cannot load {path}")

try:
    load("settings.ini")
except ValueError as problem:
    print("giving up with the exception itself")
    sys.exit(problem)
