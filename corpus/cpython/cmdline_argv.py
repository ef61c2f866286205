# exitlab-case: {"modes": ["pipe"], "argv": ["test1", "test2", "test3"], "note": "sys.argv holds the script path as given (relative) and then the arguments; the path resolves to __file__"}
# from: Lib/test/test_cmd_line_script.py CmdLineTest.test_script_abspath (sys.argv[0] relative, __file__ absolute; example_args in sys.argv[1:])
import os
import sys

print("sys.argv[1:]:", sys.argv[1:])
print("sys.argv[0]:", sys.argv[0])
print("argv[0] is relative:", not os.path.isabs(sys.argv[0]))
print("argv[0] resolves to __file__:", os.path.abspath(sys.argv[0]) == __file__)
sys.exit(len(sys.argv) - 1)
