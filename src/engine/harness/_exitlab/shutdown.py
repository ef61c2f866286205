"""How a run ends: the exit record, hard stops, and what they skip."""
import atexit
import sys

from . import hostlink

_state = {"filename": None, "streams": None}
# atexit registrations in order: (callable, line it was registered at).
_atexit_registry = []
_real_register = atexit.register
_real_unregister = atexit.unregister


def configure(filename, streams):
    _state["filename"] = filename
    _state["streams"] = streams


def streams():
    return _state["streams"]


def user_filename():
    return _state["filename"]


def user_line(frame):
    """The innermost line of the user's file on the stack starting at `frame`."""
    fn = _state["filename"]
    while frame is not None:
        if frame.f_code.co_filename == fn:
            return frame.f_lineno
        frame = frame.f_back
    return None


def line_of(frame):
    line = user_line(frame)
    return {"line": line} if line is not None else {}


def tb_user_line(tb):
    """The innermost line of the user's file in a traceback."""
    fn = _state["filename"]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == fn:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def callable_name(func):
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None)
    return name if name else repr(func)


def note_signal(signum, handler_name, frame):
    import signal

    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = str(signum)
    hostlink.emit({"kind": "signal", "signal": name, "handler": handler_name, **line_of(frame)})


# --- atexit bookkeeping ------------------------------------------------------

_atexit_ran = []  # handlers that have run (identity), so a hard stop does not list them


class Hooks:
    """What the timeline (trace.py, which imports this module) adds to the shutdown steps:
    set by trace.prepare(), so that the two modules never import each other."""

    # What atexit.register really registers for `func` (the timeline wraps some callables).
    wrap_atexit = staticmethod(lambda func: func)
    # Sends the queued timeline events before a hard stop.
    flush_timeline = staticmethod(lambda: None)


hooks = Hooks()


def _register(func, /, *args, **kwargs):
    _real_register(hooks.wrap_atexit(func), *args, **kwargs)
    _atexit_registry.append((func, user_line(sys._getframe(1))))
    return func


def _unregister(func, /):
    _real_unregister(func)
    _atexit_registry[:] = [entry for entry in _atexit_registry if not (entry[0] == func)]


def mark_atexit_ran(func):
    _atexit_ran.append(func)


def forget_atexit_handlers():
    """All handlers have run: let go of them, as CPython's atexit lets go of its list.

    Kept, they would keep the program's globals alive (a handler's __globals__) past the
    point where CPython frees __main__, so its objects' __del__ would run only once the
    modules they use had been wiped, and print nothing.
    """
    _atexit_registry.clear()
    _atexit_ran.clear()


def install_atexit():
    atexit.register = _register
    atexit.unregister = _unregister


def pending_atexit():
    """Registered handlers not yet run, in the order they would run (last registered first)."""
    ran = list(_atexit_ran)
    pending = []
    for func, line in reversed(_atexit_registry):
        for i, done in enumerate(ran):
            if done is func:
                del ran[i]
                break
        else:
            pending.append((func, line))
    return pending


# --- hard stops --------------------------------------------------------------

def discard_buffers():
    """Throw away what is still buffered in stdout/stderr; returns stdout's byte count."""
    streams = _state["streams"]
    if streams is None:
        return 0
    host = hostlink.host()
    host.discard_begin()
    try:
        for stream in (streams.stdout, streams.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    finally:
        lost = int(host.discard_end())
    return lost


def skipped_events(frame, lost):
    from . import stackscan

    events = []
    for item in stackscan.active_cleanups(frame, _state["filename"]):
        events.append({"kind": "skipped", **item})
    for func, line in pending_atexit():
        event = {"kind": "skipped", "what": "atexit", "name": callable_name(func)}
        if line is not None:
            event["registeredLine"] = line
        events.append(event)
    if lost:
        events.append({"kind": "skipped", "what": "buffered-output", "bytes": lost})
    return events


def hard_stop(record, frame):
    """End the process now (os._exit, a default-action signal): nothing more runs."""
    try:
        hooks.flush_timeline()
    except Exception:
        pass
    lost = discard_buffers()
    if lost:
        record["lostBytes"] = lost
    line = user_line(frame)
    if line is not None and "line" not in record:
        record["line"] = line
    try:
        for event in skipped_events(frame, lost):
            hostlink.emit(event)
    except Exception:
        pass
    hostlink.set_exit(record)
    hostlink.freeze()
