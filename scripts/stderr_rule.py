"""The last-stderr-line rule on the native side (expectations written from python3 -E, and the
lesson checker's comparison). It is the same rule as src/lessons/compare.ts, whose test runs
this file on the same samples:

- the last line of stderr that is not blank, as written (a prompt's trailing space stays),
  not counting SyntaxWarning
  reports (the warning line and the indented source and caret lines under it);
- `[Errno N]` in place of every errno number (`[Errno 2]` natively is `[Errno 44]` in
  WebAssembly).

Run as a program, it reads a JSON list of stderr texts on stdin and prints a JSON list of
[last line, masked last line] pairs.
"""
from __future__ import annotations

import json
import re
import sys

ERRNO = re.compile(r"\[Errno -?\d+\]")


def mask_errno(line: str) -> str:
    return ERRNO.sub("[Errno N]", line)


def last_stderr_line(stderr: str) -> str | None:
    last = None
    in_warning = False
    for line in stderr.replace("\r\n", "\n").split("\n"):
        if "SyntaxWarning" in line:
            in_warning = True
            continue
        if in_warning and line[:1] in (" ", "\t"):
            continue
        in_warning = False
        if line.strip():
            last = line
    return last


if __name__ == "__main__":
    out = []
    for text in json.load(sys.stdin):
        line = last_stderr_line(text)
        out.append([line, None if line is None else mask_errno(line)])
    json.dump(out, sys.stdout)
