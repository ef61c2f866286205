# exitlab-case: {"modes": ["pipe", "tty"], "note": "closing sys.stdout explicitly: what was printed before is flushed, shutdown does not try to flush it again, stderr stays empty, status 0"}
# from: Lib/test/test_cmd_line.py CmdLineTest.test_closed_stdout
import sys

print("written before close")
sys.stdout.close()
