"""The cleanup timeline, recorded with sys.monitoring (PEP 669).

Recording starts with the first SystemExit or KeyboardInterrupt raised (and
at shutdown); before that every PY_START/PY_RETURN callback answers DISABLE,
so a program that never exits early pays almost nothing. The exception events
(RAISE, EXCEPTION_HANDLED, RERAISE, PY_UNWIND) cannot be disabled per code
object, but they only fire when exceptions do and return at once for
anything but the two exit exceptions.

Some events are only complete later (whether an __exit__ suppressed the
exception, whether an atexit handler failed); events are queued and sent in
order as soon as everything before them is complete.

With threads (threads.py) every other thread is a suspended stack whose oldest frames
live in memory another stack may be using, and the monitoring calls that re-instrument
every executing frame of every thread (set_events, restart_events) would walk into it.
So when the first thread starts, events are restarted once and from then on nothing is
disabled (callbacks answer None instead of DISABLE) and recording stops by a flag.

One file: every monitoring callback reads and writes the same queue of pending events and
the same recording flag.
"""
import ast
import sys

from . import hostlink, shutdown, sourceindex

mon = sys.monitoring
E = mon.events
TOOL = 3
EXITS = (SystemExit, KeyboardInterrupt)

_state = {
    "filename": None,
    "recording": False,
    "shutting_down": False,
    # A thread has started: no more calls that walk every thread's frames.
    "threads": False,
    "stopped": False,
}
_queue = []  # [event, complete]
_handled = set()  # (frame id, exc id, line) already classified
_exit_frames = {}  # id(frame) -> (frame, event) for a running __exit__
_finally_frames = {}  # id(frame) -> (frame, exc, line) with an exit in flight through a finally
_atexit_frames = {}  # id(frame) -> event
_atexit_expected = []  # [(func, registered line, code)] in run order
_atexit_emitted = set()


# --- event queue -------------------------------------------------------------

def _emit(event, complete=True):
    entry = [event, complete]
    _queue.append(entry)
    _drain()
    return entry


def _complete(entry):
    entry[1] = True
    _drain()


def _drain(force=False):
    while _queue and (force or _queue[0][1]):
        event = _queue.pop(0)[0]
        hostlink.emit(event)


def flush_all():
    _drain(force=True)


# --- the user's source -------------------------------------------------------

def _is_user(code):
    return code.co_filename == _state["filename"]


def _line_at_or_after(code, offset):
    """Line of the instruction at `offset`, or of the next one that has a line."""
    best = None
    for start, end, line in code.co_lines():
        if line is None:
            continue
        if start <= offset < end:
            return line
        if start >= offset and (best is None or start < best[0]):
            best = (start, line)
    return best[1] if best else None


def _user_line_from(frame):
    return shutdown.user_line(frame)


def _disable():
    """What a callback answers for code it need not see again."""
    return None if _state["threads"] else mon.DISABLE


def _restart_events():
    if not _state["threads"]:  # nothing was disabled since the first thread started
        mon.restart_events()


def _stop_events():
    _state["stopped"] = True
    if not _state["threads"]:
        mon.set_events(TOOL, 0)


def threads_starting():
    """Called before the first thread starts, while the main thread's stack is the only one."""
    if _state["filename"] is not None and not _state["threads"] and not _state["stopped"]:
        mon.restart_events()
    _state["threads"] = True


def _start_recording():
    if not _state["recording"]:
        _state["recording"] = True
        _restart_events()


# --- callbacks -----------------------------------------------------------------

def _on_raise(frame, code, offset, exc):
    if not isinstance(exc, EXITS):
        return
    # RAISE fires again in each caller the exception propagates into; by then its
    # traceback has grown. Keeping no reference to the exception matters: it holds
    # the frames, and their locals must be freed (and their __del__ run) when
    # CPython frees them, not when the timeline is done.
    tb = exc.__traceback__
    if tb is not None and tb.tb_next is not None:
        return
    # A new exit: handlers it passes through are classified afresh (a freed
    # exception's id, and so its key in _handled, can come back).
    _handled.clear()
    _start_recording()
    event = {"kind": "raise", "exception": type(exc).__name__ if type(exc) in EXITS else _base_name(exc)}
    if isinstance(exc, SystemExit):
        try:
            event["value"] = repr(exc.code)
        except Exception:
            pass
    line = _line_at_or_after(code, offset) if _is_user(code) else _user_line_from(frame)
    if line is not None:
        event["line"] = line
    _emit(event)


def _base_name(exc):
    return "SystemExit" if isinstance(exc, SystemExit) else "KeyboardInterrupt"


def _clause_matches(handler, frame, exc):
    if handler.type is None:
        return True
    try:
        expr = compile(ast.Expression(handler.type), _state["filename"], "eval")
        kinds = eval(expr, frame.f_globals, frame.f_locals)
        return isinstance(exc, kinds)
    except Exception:
        return False


def _on_handled(frame, code, offset, exc):
    if not isinstance(exc, EXITS) or not _is_user(code):
        return
    line = _line_at_or_after(code, offset)
    if line is None:
        return
    key = (id(frame), id(exc), line)
    if key in _handled:
        return
    _handled.add(key)
    index = sourceindex.index(_state["filename"])
    name = _base_name(exc)
    if line in index.handlers:
        for handler in index.handlers[line].handlers:
            if _clause_matches(handler, frame, exc):
                _emit({"kind": "caught", "exception": name, "line": handler.lineno})
                return
        return
    if line in index.finally_lines:
        _emit({"kind": "finally", "line": line})
        _finally_frames[id(frame)] = (id(exc), _base_name(exc), line)
        _restart_events()  # so PY_RETURN of this code is seen again


def _on_reraise(frame, code, offset, exc):
    if not isinstance(exc, EXITS):
        return
    pending = _finally_frames.get(id(frame))
    if pending is not None and pending[0] == id(exc):
        del _finally_frames[id(frame)]


def _on_unwind(frame, code, offset, exc):
    fid = id(frame)
    _finally_frames.pop(fid, None)
    running = _exit_frames.pop(fid, None)
    if running is not None:
        running[1][0]["suppressed"] = False
        _complete(running[1])
    entry = _atexit_frames.pop(fid, None)
    if entry is not None:
        entry[0]["failed"] = True
        _complete(entry)


def _context_name(frame):
    code = frame.f_code
    self = frame.f_locals.get("self")
    if code.co_filename.endswith("contextlib.py") and hasattr(self, "gen"):
        gen = getattr(self, "gen", None)
        return f"{getattr(gen, '__qualname__', 'generator')} (@contextmanager)"
    if self is not None:
        return f"{type(self).__qualname__}.{code.co_name}"
    return code.co_qualname


def _exc_in_flight(frame):
    """The exception an __exit__(self, exc_type, exc, tb) was called with, or None."""
    code = frame.f_code
    if code.co_argcount >= 2:
        return frame.f_locals.get(code.co_varnames[1])
    if code.co_flags & 0x04:  # *args
        args = frame.f_locals.get(code.co_varnames[code.co_argcount])
        if args:
            return args[0]
    return None


def _interesting_exit(code):
    return code.co_name in ("__exit__", "__aexit__") and (
        _is_user(code) or code.co_filename.endswith("contextlib.py")
    )


def _called_for_the_program(frame):
    """An __exit__ of a `with` in the program's file, or one an ExitStack of the program closes."""
    caller = frame.f_back
    if caller is None:
        return False
    if _is_user(caller.f_code):
        return True
    return id(caller) in _exit_frames


def _on_start(frame, code, offset):
    if not (_state["recording"] or _state["shutting_down"]):
        return _disable()
    if _interesting_exit(code) and _called_for_the_program(frame):
        event = {"kind": "context-exit", "name": _context_name(frame)}
        line = _user_line_from(frame.f_back)
        if line is not None:
            event["line"] = line
        event["suppressed"] = False
        entry = _emit(event, complete=False)
        entry.append(_exc_in_flight(frame) is not None)
        _exit_frames[id(frame)] = (frame, entry)
        return None
    if _state["shutting_down"]:
        for i, (func, line, fcode) in enumerate(_atexit_expected):
            if fcode is code and i not in _atexit_emitted:
                _atexit_emitted.add(i)
                shutdown.mark_atexit_ran(func)
                event = _atexit_event(func, line, i)
                _atexit_frames[id(frame)] = _emit(event, complete=False)
                return None
    return _disable()


def _atexit_event(func, line, i):
    event = {"kind": "atexit", "name": shutdown.callable_name(func)}
    if line is not None:
        event["registeredLine"] = line
    event["order"] = i + 1
    event["of"] = len(_atexit_expected)
    return event


def _on_return(frame, code, offset, retval):
    fid = id(frame)
    running = _exit_frames.pop(fid, None)
    if running is not None:
        entry = running[1]
        had_exc = entry[2] if len(entry) > 2 else False
        entry[0]["suppressed"] = bool(retval) and had_exc
        _complete(entry)
        return None
    pending = _finally_frames.pop(fid, None)
    if pending is not None:
        # A `return` in a finally block while an exit was in flight: the exit is discarded.
        _emit({"kind": "caught", "exception": pending[1], "line": _user_line_from(frame) or pending[2], "via": "return-in-finally"})
        return None
    entry = _atexit_frames.pop(fid, None)
    if entry is not None:
        entry[0]["failed"] = False
        _complete(entry)
        return None
    if _finally_frames or _exit_frames or _atexit_frames:
        return None
    return _disable()


# --- atexit callables monitoring cannot see -------------------------------------

class AtexitCall:
    """Wraps an atexit callable that is not a Python function (print, a partial, ...)
    so its run shows on the timeline. Compares equal to what it wraps, so
    atexit.unregister(print) still finds it, and prints as it."""

    __slots__ = ("func",)

    def __init__(self, func):
        self.func = func

    def __call__(self, *args, **kwargs):
        entry = None
        if _state["shutting_down"]:
            for i, (func, line, _code) in enumerate(_atexit_expected):
                if func is self.func and i not in _atexit_emitted:
                    _atexit_emitted.add(i)
                    shutdown.mark_atexit_ran(func)
                    entry = _emit(_atexit_event(func, line, i), complete=False)
                    break
        try:
            result = self.func(*args, **kwargs)
        except BaseException:
            if entry is not None:
                entry[0]["failed"] = True
                _complete(entry)
            raise
        if entry is not None:
            entry[0]["failed"] = False
            _complete(entry)
        return result

    def __eq__(self, other):
        return self.func == (other.func if isinstance(other, AtexitCall) else other)

    def __hash__(self):
        return hash(self.func)

    def __repr__(self):
        return repr(self.func)


def code_of(func):
    func = getattr(func, "__func__", func)
    code = getattr(func, "__code__", None)
    return code if code is not None and type(func).__name__ == "function" else None


def wrap_for_atexit(func):
    """What to hand to atexit.register: Python functions as they are (monitoring sees
    them), anything else wrapped."""
    return func if code_of(func) is not None else AtexitCall(func)


# --- shutdown -------------------------------------------------------------------

def begin_shutdown():
    """Called once the program's main code is done, just before Py_FinalizeEx."""
    _state["shutting_down"] = True
    _atexit_expected[:] = [(f, line, code_of(f)) for f, line in shutdown.pending_atexit()]
    _restart_events()


def end_shutdown(flushed):
    """Called by the last atexit handler: the final flush, then stop recording."""
    for stream, nbytes in flushed:
        _emit({"kind": "flush", "stream": stream, "bytes": nbytes})
    flush_all()
    # The handlers themselves are done with: held here, they would keep the program's
    # globals alive past the point where CPython frees __main__ (its __del__ output lost).
    _atexit_expected.clear()
    try:
        _stop_events()
        for event in (E.RAISE, E.EXCEPTION_HANDLED, E.RERAISE, E.PY_UNWIND, E.PY_START, E.PY_RETURN):
            mon.register_callback(TOOL, event, None)
        # free_tool_id() here would lose __del__ output later in Py_FinalizeEx (seen in 3.14.2).
    except Exception:
        pass


def _raised_by_harness(err):
    tb = err.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is None or last.tb_frame.f_code.co_filename.startswith(_HARNESS_DIR)


_HARNESS_DIR = __file__.rsplit("/", 1)[0]


def _safe(callback):
    """A failing callback must never change the program: stop recording instead."""

    def guarded(*args):
        if _state["stopped"]:
            return None
        try:
            return callback(sys._getframe(1), *args)
        except Exception as err:
            if not _raised_by_harness(err):
                # A signal handler of the program ran inside the callback and raised:
                # that exception belongs to the program.
                raise
            try:
                _stop_events()
                hostlink.emit({"kind": "note", "text": f"timeline stopped: {type(err).__name__}: {err}"})
            except Exception:
                pass
            return None

    guarded.__name__ = callback.__name__
    return guarded


def prepare():
    """Claim the tool id and register the callbacks (no events yet)."""
    shutdown.hooks.wrap_atexit = wrap_for_atexit
    shutdown.hooks.flush_timeline = flush_all
    try:
        mon.use_tool_id(TOOL, "exitlab")
    except ValueError:
        return
    mon.register_callback(TOOL, E.RAISE, _safe(_on_raise))
    mon.register_callback(TOOL, E.EXCEPTION_HANDLED, _safe(_on_handled))
    mon.register_callback(TOOL, E.RERAISE, _safe(_on_reraise))
    mon.register_callback(TOOL, E.PY_UNWIND, _safe(_on_unwind))
    mon.register_callback(TOOL, E.PY_START, _safe(_on_start))
    mon.register_callback(TOOL, E.PY_RETURN, _safe(_on_return))


def install(filename):
    """Start recording for the program in `filename`."""
    _state["filename"] = filename
    mon.set_events(
        TOOL,
        E.RAISE | E.EXCEPTION_HANDLED | E.RERAISE | E.PY_UNWIND | E.PY_START | E.PY_RETURN,
    )
