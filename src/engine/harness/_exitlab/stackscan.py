"""Which `finally` and `with` blocks are active on a stack (what a hard stop skips).

A frame's active exception-table entries are not exposed to Python, so we
read the code's source lines: a `try:` that has a `finally:` or a `with`
statement whose body contains the frame's current line is active.
"""
from . import sourceindex


def active_cleanups(frame, filename):
    """Skipped cleanups, innermost first (the order they would have run)."""
    blocks = sourceindex.index(filename).blocks if filename else []
    result = []
    while frame is not None:
        if frame.f_code.co_filename == filename:
            line = frame.f_lineno
            first = frame.f_code.co_firstlineno
            last = max((l for _, _, l in frame.f_code.co_lines() if l is not None), default=first)
            inner = [b for b in blocks if b[2] <= line <= b[3] and first <= b[1] <= last]
            inner.sort(key=lambda b: -b[2])
            for what, at, _s, _e, name in inner:
                item = {"what": what, "line": at}
                if name:
                    item["name"] = name
                result.append(item)
        frame = frame.f_back
    return result
