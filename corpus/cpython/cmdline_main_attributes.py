# exitlab-case: {"modes": ["pipe", "tty"], "note": "a script run by path is __main__ with __package__, __spec__ and __cached__ None, a SourceFileLoader, an absolute __file__ and its directory first on sys.path"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_basic_script, CmdLineTest.test_script_abspath
import os
import sys

print("__name__:", __name__)
print("__package__:", __package__)
print("__spec__:", __spec__)
print("__cached__:", __cached__)
print("__loader__:", type(__loader__).__name__)
print("globals are the module's:", globals() is sys.modules[__name__].__dict__)
print("__file__ absolute:", os.path.isabs(__file__))
print("__file__ name:", os.path.basename(__file__))
print("sys.path[0] is its directory:", sys.path[0] == os.path.dirname(__file__))
