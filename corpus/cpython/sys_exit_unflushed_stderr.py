# exitlab-case: {"modes": ["pipe", "tty"], "note": "a partial line pending on stderr is flushed before the sys.exit message, which continues it: 'unflushed,message', status 1"}
# from: Lib/test/test_sys.py SysModuleTest.test_exit (stderr buffer flushed before the exit message)
import sys

print("about to exit with a message")
sys.stderr.write("unflushed,")
sys.exit("message")
