"""The link to the JavaScript side of the worker (the `_exitlab_host` module).

Every call that crosses into JavaScript goes through here, so the rest of the
harness can be read (and tested) as plain Python.
"""
import json

_host = None


def host():
    global _host
    if _host is None:
        import _exitlab_host  # registered by the worker before main() runs

        _host = _exitlab_host
    return _host


def emit(event):
    """Send one timeline event to the host."""
    host().event(json.dumps(event))


def set_exit(record):
    """Tell the host how this run ended (before a hard stop)."""
    host().set_exit(json.dumps(record))


def freeze():
    """Stop the interpreter dead: nothing after this runs (the host terminates us)."""
    host().freeze()


def wait(seconds):
    """Block up to `seconds`; returns True when woken early by a signal."""
    return bool(host().wait(max(0.0, seconds) * 1000.0))


def check_signals():
    """Run pending Python signal handlers now (they may raise)."""
    host().check_interrupt()


def raise_signal(signum):
    """Queue `signum` in the interrupt buffer as if the kernel delivered it."""
    host().raise_signal(signum)


def discard_stdout_and_count():
    """Flush our stdout into the void and return how many bytes that lost."""
    return host().discard_stdout()
