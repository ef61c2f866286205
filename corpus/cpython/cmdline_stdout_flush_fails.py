# exitlab-case: {"modes": ["pipe"], "note": "pending stdout text whose file descriptor was closed: the flush at shutdown fails with EBADF, is reported, and the status becomes 120"}
# from: Lib/test/test_cmd_line.py CmdLineTest.test_stdout_flush_at_shutdown
import os
import sys

sys.stdout.write("x")
print("closing fd", sys.stdout.fileno(), "under pending output", file=sys.stderr)
os.close(sys.stdout.fileno())
