"""Standard streams built the way CPython's create_stdio() builds them.

Pyodide's own streams are not buffered like a native process's, and that is
the whole point of several lessons (what os._exit loses in a pipe versus a
terminal), so we rebuild sys.stdin/stdout/stderr over file descriptors 0-2.
Native Linux reports st_blksize 4096 for a pipe and 1024 for a terminal; a
BufferedWriter of that size under a TextIOWrapper (8 KiB pending chunk)
reproduces exactly which bytes are still buffered at any moment.
"""
import io
import sys

PIPE_BLKSIZE = 4096
TTY_BLKSIZE = 1024


class Streams:
    """The streams we installed, so the harness can flush or discard them."""

    def __init__(self, stdin, stdout, stderr):
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr


def _stream(fd, name, mode, isatty, unbuffered, errors):
    write_mode = mode == "w"
    raw = io.FileIO(fd, mode + "b", closefd=False)
    raw.name = name  # CPython names the raw file "<stdout>" etc.
    if unbuffered and write_mode:
        buf = raw
    elif write_mode:
        buf = io.BufferedWriter(raw, TTY_BLKSIZE if isatty else PIPE_BLKSIZE)
    else:
        buf = io.BufferedReader(raw, TTY_BLKSIZE if isatty else PIPE_BLKSIZE)
    line_buffering = (not unbuffered) and (isatty or fd == 2)
    stream = io.TextIOWrapper(
        buf,
        encoding="utf-8",
        errors=errors,
        newline="\n",
        line_buffering=line_buffering,
        write_through=unbuffered and write_mode,
    )
    stream.mode = mode
    return stream


def install(ttys, unbuffered):
    """Replace sys.stdin/stdout/stderr (and the __std*__ originals)."""
    stdin = _stream(0, "<stdin>", "r", ttys["stdin"], unbuffered, "surrogateescape")
    stdout = _stream(1, "<stdout>", "w", ttys["stdout"], unbuffered, "surrogateescape")
    stderr = _stream(2, "<stderr>", "w", ttys["stderr"], unbuffered, "backslashreplace")
    sys.stdin = sys.__stdin__ = stdin
    sys.stdout = sys.__stdout__ = stdout
    sys.stderr = sys.__stderr__ = stderr
    return Streams(stdin, stdout, stderr)
