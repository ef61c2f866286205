# exitlab-case: {"modes": ["pipe", "tty"], "note": "what a program sees of its terminal"}
import sys

for name in ("stdin", "stdout", "stderr"):
    print(name, "isatty:", getattr(sys, name).isatty())
print("stdout line_buffering:", sys.stdout.line_buffering)
print("stderr line_buffering:", sys.stderr.line_buffering)
