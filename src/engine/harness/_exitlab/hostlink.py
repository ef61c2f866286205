"""The link to the JavaScript side of the worker (the `_exitlab_host` module).

Every call that crosses into JavaScript goes through here, so the rest of the
harness can be read (and tested) as plain Python.
"""
import json

_host = None
_blocking = None
# Pyodide's own event loop (set by aio.install): a JS promise returned to Python is
# turned into a future of the running loop, which programs never see as running.
pyodide_loop = None

# What a read of stdin may resolve to on the suspension path (suspend.ts).
STDIN_READ_EOF = -1
STDIN_READ_INTERRUPTED = -2


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

    running = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(pyodide_loop)
    try:
        return run_sync(call(*args))
    finally:
        asyncio.events._set_running_loop(running)
        host().resumed()


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
        return bool(_suspend_on(host().wait_async, ms))
    return bool(host().wait(ms))


def _run_pending_handlers():
    """Calling any Python function lets the eval loop run tripped signal handlers."""


def check_signals():
    """Run pending Python signal handlers now (they may raise)."""
    if blocking() != "suspension":
        host().check_interrupt()
        return
    import _thread

    tripped = False
    while True:
        signum = int(host().take_signal())
        if not signum:
            break
        # What a signal arriving in the main thread does: its handler runs at the eval
        # loop's next check, here and now, in Python (so it may itself block and suspend).
        _thread.interrupt_main(signum)
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
        got = _suspend_on(host().stdin_read, size)
        if isinstance(got, (int, float)):
            if got == STDIN_READ_EOF:
                return b""
            check_signals()
            continue
        return got.to_bytes()


def raise_signal(signum):
    """Queue `signum` in the interrupt buffer as if the kernel delivered it."""
    host().raise_signal(signum)

