"""The link to the JavaScript side of the worker (the `_exitlab_host` module).

Every call that crosses into JavaScript goes through here, so the rest of the
harness can be read (and tested) as plain Python.
"""
import _thread
import json

# Trips a signal for the eval loop's next check (threads.py replaces the module's name).
_trip_signal = _thread.interrupt_main

_host = None
_blocking = None
# Pyodide's own event loop (set by aio.install): a JS promise returned to Python is
# turned into a future of the running loop, which programs never see as running.
pyodide_loop = None

# What a read of stdin may resolve to on the suspension path (suspend.ts).
STDIN_READ_EOF = -1
STDIN_READ_INTERRUPTED = -2
# What a park resolves to (suspend.ts).
PARK_TIMEOUT = 0
PARK_WOKEN = 1
PARK_SIGNAL = 2


class _Running:
    """Which thread's stack runs now, by the host's number (0: the main thread; others
    exist only on the suspension path, see threads.py). Set again on every resumption."""

    number = 0
    # After the atexit handlers, daemon threads never run again.
    abandoned = False


_running = _Running()


def thread_number():
    return _running.number


def in_main_thread():
    return _running.number == 0


def host():
    global _host
    if _host is None:
        import _exitlab_host  # registered by the worker before main() runs

        _host = _exitlab_host
    return _host


def blocking():
    """How blocking calls wait: "shared-memory", "suspension" or "none" (protocol.ts)."""
    global _blocking
    if _blocking is None:
        _blocking = str(getattr(host(), "blocking", "shared-memory"))
    return _blocking


def suspends():
    """True where a blocking call may suspend the program on a promise: the suspension
    path, inside the program's own run (not CPython's finalization, entered synchronously)."""
    if blocking() != "suspension":
        return False
    from pyodide.ffi import can_run_sync

    return can_run_sync()


def _suspend_on(call, *args):
    """Call a host function that returns a promise and suspend until it settles."""
    import asyncio.events

    from pyodide.ffi import run_sync

    me = _running.number
    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(pyodide_loop)
    try:
        return run_sync(call(*args))
    finally:
        asyncio.events._set_running_loop(running)
        _running.number = me
        host().resumed(me == 0)
        if _running.abandoned and me != 0:
            _stay_suspended(me)


def _stay_suspended(me):
    """A daemon thread resumed after the atexit handlers: it waits for ever (an abandoned
    park never settles), as CPython leaves daemon threads where they are at exit."""
    from pyodide.ffi import run_sync

    while True:
        run_sync(host().park_async(me, -1, False))


def enter_thread(number):
    """The first thing a new thread's stack runs (see threads.py)."""
    _running.number = number
    host().resumed(False)


def spawn(function):
    """Start `function` on a stack of its own once the running thread has suspended."""
    from pyodide.ffi import create_proxy

    host().spawn(create_proxy(function))


def park(seconds):
    """Suspend the running thread until unpark(), `seconds` (None: no limit) or, in the
    main thread only, a signal, whose handlers run here (and may raise)."""
    me = _running.number
    if not suspends():
        # Where nothing can suspend (CPython's own finalization) no other thread runs, so
        # nothing could wake this one: a wait without a limit is a deadlock, said so.
        if seconds is None:
            raise RuntimeError("deadlock: waiting for a lock no running thread can release")
        if wait(seconds):
            check_signals()
            return PARK_SIGNAL
        return PARK_TIMEOUT
    ms = -1 if seconds is None else max(0.0, seconds) * 1000.0
    got = int(_suspend_on(host().park_async, me, ms, me == 0))
    if got == PARK_SIGNAL:
        check_signals()
    return got


def unpark(number):
    """Make a parked thread runnable (or its next park return at once)."""
    host().unpark(number)


def abandon_threads():
    """The atexit handlers are done: no thread but the main one runs again."""
    _running.abandoned = True
    host().abandon_threads()


def signal_table():
    """The protocol's signal table (name, number, default action of each) and the tick's number."""
    return json.loads(host().signal_table())


def emit(event):
    """Send one timeline event to the host."""
    host().event(json.dumps(event))


def set_exit(record):
    """Tell the host how this run ended (before a hard stop)."""
    host().set_exit(json.dumps(record))


def freeze():
    """Stop the interpreter dead: nothing after this runs (the host terminates us)."""
    if suspends():
        _suspend_on(host().freeze_async)
    host().freeze()


def wait(seconds):
    """Block up to `seconds`; returns True when woken early by a signal."""
    ms = max(0.0, seconds) * 1000.0
    if suspends():
        if _running.number != 0:
            # Signals are for the main thread: another one sleeps through them.
            _suspend_on(host().park_async, _running.number, ms, False)
            return False
        return bool(_suspend_on(host().wait_async, ms))
    return bool(host().wait(ms))


def _run_pending_handlers():
    """Calling any Python function lets the eval loop run tripped signal handlers."""


def check_signals():
    """Run pending Python signal handlers now (they may raise)."""
    if blocking() != "suspension":
        host().check_interrupt()
        return
    if _running.number != 0:
        return  # handlers run in the main thread only; it is woken for them
    tripped = False
    while True:
        signum = int(host().take_signal())
        if not signum:
            break
        # What a signal arriving in the main thread does: its handler runs at the eval
        # loop's next check, here and now, in Python (so it may itself block and suspend).
        _trip_signal(signum)
        tripped = True
    if tripped:
        _run_pending_handlers()


def yield_to_host():
    """Let the host's queued messages in (one macrotask), if the program can suspend here."""
    if suspends():
        _suspend_on(host().yield_turn)  # says it has resumed when done
    else:
        host().resumed()


def read_stdin(size):
    """One read of stdin on the suspension path: bytes, b"" at end of input.

    A signal that arrives while it waits runs its handler; if the handler returns,
    the read goes on waiting, as CPython retries a read interrupted by EINTR.
    """
    while True:
        if not suspends():
            return b""
        got = _suspend_on(host().stdin_read, size, _running.number == 0)
        if isinstance(got, (int, float)):
            if got == STDIN_READ_EOF:
                return b""
            check_signals()
            continue
        return got.to_bytes()


def raise_signal(signum):
    """Queue `signum` in the interrupt buffer as if the kernel delivered it."""
    if blocking() == "none":
        # No buffer and no mailbox: a signal the program sends itself is tripped here, and
        # its handler runs at the eval loop's next check as it would after the kernel's.
        _trip_signal(signum)
        return
    host().raise_signal(signum)

