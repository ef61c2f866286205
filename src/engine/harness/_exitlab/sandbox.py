"""What the sandbox cannot do, said once beside Python's own error.

Python here runs in WebAssembly inside one worker: it cannot start processes (os.fork,
subprocess, multiprocessing's start methods, os.system in a browser) or open raw sockets.
Each of those still fails with the error Pyodide's CPython gives; the first failure of each
kind in a run also sends the host a notice that names what is missing (NOTICE_TEXT in
protocol.ts words it, with the page in docs/ that lists the limits). A call that works on
this host (os.system under Node) says nothing.
"""
import functools

from . import hostlink

_told = set()  # one interpreter per run: each kind is said once per run


def _tell(kind):
    if kind not in _told:
        _told.add(kind)
        hostlink.host().notice(kind)


def _wrap(owner, name, kind):
    """`owner.name` still does what it did; when it fails as the sandbox makes it, it says so."""
    real = getattr(owner, name, None)
    if real is None:
        return

    @functools.wraps(real)
    def call(*args, **kwargs):
        try:
            return real(*args, **kwargs)
        except (OSError, ImportError):
            _tell(kind)
            raise

    setattr(owner, name, call)


def _raw_socket_says(real_init):
    @functools.wraps(real_init)
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        import socket

        try:
            real_init(self, family, type, proto, fileno)
        except OSError:
            if type != -1 and (type & 0xF) == socket.SOCK_RAW:
                _tell("sandbox-raw-socket")
            raise

    return __init__


def install():
    import os
    import subprocess

    _wrap(os, "fork", "sandbox-fork")
    _wrap(os, "forkpty", "sandbox-fork")
    _wrap(os, "system", "sandbox-system")
    _wrap(subprocess.Popen, "__init__", "sandbox-subprocess")
    try:
        import multiprocessing.process
    except ImportError:
        pass
    else:
        _wrap(multiprocessing.process.BaseProcess, "start", "sandbox-multiprocessing")
    import socket

    socket.socket.__init__ = _raw_socket_says(socket.socket.__init__)

