"""Blocking calls made interruptible, and threads refused clearly."""
import time

from . import hostlink

_real_monotonic = time.monotonic

THREADS_MESSAGE = (
    "can't start new thread: Exit Lab runs Python in WebAssembly (Pyodide), "
    "which has no threads in the browser runtime"
)


def interruptible_sleep(secs):
    """time.sleep() as CPython does it: signal handlers run at once, and when
    they return the sleep resumes for the time that is left (PEP 475)."""
    if not isinstance(secs, (int, float)):
        secs = float(secs)  # raises TypeError like time.sleep for bad types
    if secs != secs:
        raise ValueError("Invalid value NaN (not a number)")
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    deadline = _real_monotonic() + secs
    while True:
        hostlink.check_signals()
        remaining = deadline - _real_monotonic()
        if remaining <= 0:
            return None
        hostlink.wait(remaining)


def _refuse_thread(*args, **kwargs):
    raise RuntimeError(THREADS_MESSAGE)


def _os_exit(status):
    """os._exit(n): the process ends now; buffered output is lost, nothing else runs."""
    import os
    import sys

    from . import shutdown

    if not isinstance(status, int):
        raise TypeError(f"'{type(status).__name__}' object cannot be interpreted as an integer")
    shutdown.hard_stop(
        {"status": status & 0xFF, "cause": "os._exit", "value": repr(status)}, sys._getframe(1)
    )


def install():
    import os

    os._exit = _os_exit
    time.sleep = interruptible_sleep
    import _thread

    _thread.start_new_thread = _refuse_thread
    if hasattr(_thread, "start_joinable_thread"):
        _thread.start_joinable_thread = _refuse_thread
    _thread.start_new = _refuse_thread
    import threading

    threading._start_new_thread = _refuse_thread
    if hasattr(threading, "_start_joinable_thread"):
        threading._start_joinable_thread = _refuse_thread
