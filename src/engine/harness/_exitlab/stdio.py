"""Standard streams built the way CPython's create_stdio() builds them.

Pyodide's own streams are not buffered like a native process's, and that is
the whole point of several lessons (what os._exit loses in a pipe versus a
terminal), so we rebuild sys.stdin/stdout/stderr over file descriptors 0-2.
Native Linux reports st_blksize 4096 for a pipe and 1024 for a terminal; a
BufferedWriter of that size under a TextIOWrapper (8 KiB pending chunk)
reproduces exactly which bytes are still buffered at any moment.
"""
import io
import os
import sys

from . import hostlink

PIPE_BLKSIZE = 4096
TTY_BLKSIZE = 1024


class Streams:
    """The streams we installed, so the harness can flush or discard them."""

    def __init__(self, stdin, stdout, stderr):
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr


class SuspendingStdin(io.RawIOBase):
    """File descriptor 0 on the suspension path: a read suspends the program until the
    host sends typed input (or end of input, or a signal). A read of fd 0 from C cannot
    suspend, so sys.stdin reads through this instead of a FileIO."""

    def __init__(self, isatty):
        super().__init__()
        self._isatty = isatty
        self.mode = "rb"

    def readable(self):
        return True

    def fileno(self):
        return 0

    def isatty(self):
        return self._isatty

    def readinto(self, buffer):
        data = hostlink.read_stdin(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _stream(fd, name, mode, isatty, unbuffered, errors, suspending=False):
    write_mode = mode == "w"
    if suspending and not write_mode:
        raw = SuspendingStdin(isatty)
    else:
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


def _is_terminal(stream, fd):
    try:
        return stream.fileno() == fd and os.isatty(fd)
    except Exception:
        return False


def suspending_input(prompt=None, /):
    """input() on the suspension path, as CPython's builtin does it.

    With stdin and stdout both the terminal, CPython hands the line to PyOS_Readline:
    stdout is flushed, the prompt goes to the C-level stderr (unbuffered), and a line
    read without its newline is returned (an empty read is EOFError). Otherwise the
    prompt is written to sys.stdout and a line is read from sys.stdin.
    """
    fin, fout, ferr = sys.stdin, sys.stdout, sys.stderr
    for stream, name in ((fin, "stdin"), (fout, "stdout"), (ferr, "stderr")):
        if stream is None:
            raise RuntimeError(f"input(): lost sys.{name}")
    sys.audit("builtins.input", prompt)
    try:
        ferr.flush()
    except Exception:
        pass
    if _is_terminal(fin, 0) and _is_terminal(fout, 1):
        text = None if prompt is None else str(prompt).encode(fout.encoding, fout.errors)
        try:
            fout.flush()
        except Exception:
            pass
        if text:
            os.write(2, text)
        line = fin.readline()
        if not line:
            raise EOFError
        if line.endswith("\n"):
            line = line[:-1]
            if line.endswith("\r"):
                line = line[:-1]
    else:
        if prompt is not None:
            fout.write(str(prompt))
        fout.flush()
        line = fin.readline()
        if not line:
            raise EOFError("EOF when reading a line")
        if line.endswith("\n"):
            line = line[:-1]
    sys.audit("builtins.input/result", line)
    return line


def install(ttys, unbuffered):
    """Replace sys.stdin/stdout/stderr (and the __std*__ originals)."""
    suspending = hostlink.blocking() == "suspension"
    if suspending:
        import builtins

        builtins.input = suspending_input
    stdin = _stream(0, "<stdin>", "r", ttys["stdin"], unbuffered, "surrogateescape", suspending)
    stdout = _stream(1, "<stdout>", "w", ttys["stdout"], unbuffered, "surrogateescape")
    stderr = _stream(2, "<stderr>", "w", ttys["stderr"], unbuffered, "backslashreplace")
    sys.stdin = sys.__stdin__ = stdin
    sys.stdout = sys.__stdout__ = stdout
    sys.stderr = sys.__stderr__ = stderr
    return Streams(stdin, stdout, stderr)
