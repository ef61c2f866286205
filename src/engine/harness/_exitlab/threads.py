"""Threads, cooperatively scheduled, where the program can suspend (the suspension path).

Pyodide has one operating-system thread, so `_thread` cannot start another. Here every
Python thread is a separate suspendable stack: the worker starts it with `callPromising`
(hostlink.spawn) and it runs until it blocks. Only one stack runs at a time; one runs
until it waits (a lock, a sleep, input) or until the host's tick (every 50 ms of running,
see suspend.ts) lets the next one in, so a busy thread cannot starve the others.

The `_thread` primitives that `threading`, `queue` and `concurrent.futures` are built on
are replaced by ones that wait by parking the running thread (hostlink.park): locks,
thread handles, identities. The rules of CPython that a program can see:

- `get_ident()` and `threading.local` are per thread; the main thread keeps its ident.
- A lock acquire in the main thread is interrupted by a signal: its handler runs there
  and, if it raises, the acquire raises (so Ctrl+C during `join()` raises KeyboardInterrupt
  in the main thread). Handlers run in the main thread only (hostlink.check_signals).
- `_shutdown()` joins the non-daemon threads; the harness calls it when the script has
  ended, before the atexit handlers. Daemon threads are left where they wait: after the
  atexit handlers none of them runs again (`abandon`), and their `finally` never runs.
"""
import _thread
import collections
import sys
import time

from . import hostlink, trace

_monotonic = time.monotonic
TIMEOUT_MAX = _thread.TIMEOUT_MAX
MAIN_IDENT = _thread.get_ident()


class _Registry:
    """The threads alive now, by the host's number (0 is the main thread)."""

    def __init__(self):
        self.next_number = 1
        self.idents = {0: MAIN_IDENT}
        self.non_daemon = set()
        self.told_host = False


_registry = _Registry()


def get_ident():
    return _registry.idents.get(hostlink.thread_number(), MAIN_IDENT)


def _get_main_thread_ident():
    return MAIN_IDENT


def _is_main_interpreter():
    return True


def daemon_threads_allowed():
    return True


def _count():
    return len(_registry.idents) - 1


def _check_timeout(blocking, timeout):
    if not blocking and timeout != -1:
        raise ValueError("can't specify a timeout for a non-blocking call")
    if timeout < 0 and timeout != -1:
        raise ValueError("timeout value must be a non-negative number")
    if timeout > TIMEOUT_MAX:
        raise OverflowError("timeout value is too large")


def _wait_until(done, timeout):
    """Park the running thread until done() is true or `timeout` seconds (None: no
    limit) have passed; returns done(). Signal handlers of the main thread run meanwhile."""
    deadline = None if timeout is None else _monotonic() + timeout
    while not done():
        if deadline is None:
            hostlink.park(None)
            continue
        remaining = deadline - _monotonic()
        if remaining <= 0:
            return done()
        hostlink.park(remaining)
    return True


class LockType:
    """`_thread.lock`: a lock that parks the thread that waits for it."""

    __slots__ = ("_held", "_waiters", "__weakref__")

    def __init__(self):
        self._held = False
        self._waiters = collections.deque()

    def acquire(self, blocking=True, timeout=-1):
        _check_timeout(blocking, timeout)
        if not self._held:
            self._held = True
            return True
        if not blocking:
            return False
        me = hostlink.thread_number()
        self._waiters.append(me)
        try:
            got = _wait_until(lambda: not self._held, None if timeout == -1 else float(timeout))
        finally:
            self._waiters.remove(me)
        if got:
            self._held = True
        return got

    def release(self):
        if not self._held:
            raise RuntimeError("release unlocked lock")
        self._held = False
        if self._waiters:
            hostlink.unpark(self._waiters[0])

    def locked(self):
        return self._held

    def _at_fork_reinit(self):
        self._held = False
        self._waiters.clear()

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        state = "locked" if self._held else "unlocked"
        return f"<{state} _thread.lock object at {id(self):#x}>"


def allocate_lock():
    return LockType()


class _ThreadHandle:
    """What `threading.Thread` joins: done once the thread's function has returned."""

    __slots__ = ("_ident", "_number", "_done", "_joiners", "__weakref__")

    def __init__(self, ident=0, number=None):
        self._ident = ident
        self._number = number
        self._done = False
        self._joiners = []

    @property
    def ident(self):
        return self._ident

    def is_done(self):
        return self._done

    def _set_done(self):
        self._done = True
        for number in self._joiners:
            hostlink.unpark(number)

    def join(self, timeout=None):
        if self._done:
            return None
        me = hostlink.thread_number()
        if self._number is not None and self._number == me:
            raise RuntimeError("Cannot join current thread")
        if timeout is not None:
            timeout = max(0.0, float(timeout))
        self._joiners.append(me)
        try:
            _wait_until(lambda: self._done, timeout)
        finally:
            self._joiners.remove(me)
        return None


def _make_thread_handle(ident):
    number = 0 if ident == MAIN_IDENT else None
    return _ThreadHandle(ident, number)


def _start(function, handle, daemon, report):
    if not _registry.told_host:
        _registry.told_host = True
        trace.threads_starting()
        hostlink.host().notice("threads-simulated")
    number = _registry.next_number
    _registry.next_number += 1
    # A made-up ident per thread: CPython's are addresses, which programs never rely on.
    ident = MAIN_IDENT + number * 0x1000
    handle._ident = ident
    handle._number = number
    _registry.idents[number] = ident
    if not daemon:
        _registry.non_daemon.add(handle)

    def thread_main():
        hostlink.enter_thread(number)
        try:
            function()
        except SystemExit:
            pass
        except BaseException as exc:
            report(exc)
        finally:
            _registry.idents.pop(number, None)
            _registry.non_daemon.discard(handle)
            handle._set_done()
            # No stack runs once this one returns: until another resumes, the Python that
            # runs is Pyodide settling futures, where no signal or tick may be handled.
            hostlink.host().thread_exiting()

    hostlink.spawn(thread_main)
    return handle


def start_joinable_thread(function, handle=None, daemon=True):
    if handle is None:
        handle = _ThreadHandle()
    elif handle._number is not None or handle._done:
        raise RuntimeError("thread already started")
    return _start(function, handle, daemon, lambda exc: _unraisable(exc, function))


def start_new_thread(function, args, kwargs=None):
    if not callable(function):
        raise TypeError("first arg must be callable")
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    handle = _start(lambda: function(*args, **(kwargs or {})), _ThreadHandle(), True,
                    lambda exc: _unraisable(exc, function))
    return handle.ident


def _unraisable(exc, function):
    hook = getattr(sys, "unraisablehook", None)
    if hook is None:
        return
    args = sys.UnraisableHookArgs((type(exc), exc, exc.__traceback__,
                                   f"Exception ignored in thread started by {function!r}", None))
    try:
        hook(args)
    except BaseException:
        pass


def _shutdown():
    """Wait for every non-daemon thread (threads they start included)."""
    me = hostlink.thread_number()
    while True:
        waiting = [h for h in _registry.non_daemon if h._number != me and not h._done]
        if not waiting:
            return
        waiting[0].join()


def install():
    """Replace the thread primitives (before the program runs, nothing holds a lock)."""
    import _threading_local
    import queue
    import threading

    for name, value in (
        ("start_joinable_thread", start_joinable_thread),
        ("start_new_thread", start_new_thread),
        ("start_new", start_new_thread),
        ("daemon_threads_allowed", daemon_threads_allowed),
        ("allocate_lock", allocate_lock),
        ("allocate", allocate_lock),
        ("LockType", LockType),
        ("lock", LockType),
        ("_shutdown", _shutdown),
        ("_make_thread_handle", _make_thread_handle),
        ("_ThreadHandle", _ThreadHandle),
        ("get_ident", get_ident),
        ("_get_main_thread_ident", _get_main_thread_ident),
        ("_count", _count),
        ("_local", _threading_local.local),
    ):
        setattr(_thread, name, value)
    # threading's own RLock, built on the lock above (importlib's module locks use it too).
    _thread.RLock = threading._PyRLock
    threading._start_joinable_thread = start_joinable_thread
    threading._daemon_threads_allowed = daemon_threads_allowed
    threading._allocate_lock = allocate_lock
    threading._LockType = threading.Lock = LockType
    threading._thread_shutdown = _shutdown
    threading._make_thread_handle = _make_thread_handle
    threading._ThreadHandle = _ThreadHandle
    threading.get_ident = get_ident
    threading._get_main_thread_ident = _get_main_thread_ident
    threading._CRLock = None
    threading.local = _threading_local.local
    threading._active_limbo_lock = threading._PyRLock()
    threading._main_thread._os_thread_handle = _make_thread_handle(MAIN_IDENT)
    # The C SimpleQueue waits on a lock of its own, which no thread here could release.
    queue.SimpleQueue = queue._PySimpleQueue
    futures_thread = sys.modules.get("concurrent.futures.thread")
    if futures_thread is not None:
        futures_thread._global_shutdown_lock = LockType()
