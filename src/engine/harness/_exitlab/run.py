"""Run one program the way `python3 FILE ARGS...` runs it (Py_RunMain).

main() runs the program as __main__ and decides the exit status exactly as
CPython's handle_system_exit()/_PyErr_PrintEx() do. The rest of the shutdown
(atexit handlers, flushing, finalizing objects) is CPython's own
Py_FinalizeEx(), which the worker calls after main() returns.

One file: prepare(), the warm-up and main() are the one entry the worker calls, and main()'s
exit rules follow CPython's handle_system_exit() step by step.
"""
import json
import os
import sys
import types

from . import hostlink, shutdown, stdio

HARNESS_DIR = os.path.dirname(__file__)
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def exit_status_for(code):
    """Status for SystemExit(code) on 64-bit Linux CPython, and what to print.

    An int is converted to a C long: if it fits in 64 bits its low byte is the
    status, otherwise the conversion fails and -1 (255) is used. Pyodide's C
    long has only 32 bits, so we do the arithmetic here.
    """
    if code is None:
        return 0, None
    if isinstance(code, int):
        if INT64_MIN <= code <= INT64_MAX:
            return code & 0xFF, None
        return 255, None
    return 1, code


def _is_harness_or_js(filename):
    return (
        filename.startswith(HARNESS_DIR)
        or filename.startswith("file://")
        or filename.startswith("http://")
        or filename.startswith("https://")
        or filename.startswith("node:")
        or filename.endswith((".js", ".mjs"))
        or filename == "<exec>"
        or filename.startswith("/lib/python3") and "/_pyodide/" in filename
    )


def clean_traceback(exc, _seen=None):
    """Drop harness and JavaScript frames from exc and its chain."""
    if _seen is None:
        _seen = set()
    if exc is None or id(exc) in _seen:
        return
    _seen.add(id(exc))
    tb = exc.__traceback__
    kept = []
    while tb is not None:
        if not _is_harness_or_js(tb.tb_frame.f_code.co_filename):
            kept.append(tb)
        tb = tb.tb_next
    for a, b in zip(kept, kept[1:]):
        a.tb_next = b
    if kept:
        kept[-1].tb_next = None
        exc.__traceback__ = kept[0]
    else:
        exc.__traceback__ = None
    clean_traceback(exc.__cause__, _seen)
    clean_traceback(exc.__context__, _seen)
    for sub in getattr(exc, "exceptions", ()) or ():
        clean_traceback(sub, _seen)


def _print_uncaught(exc):
    """What _PyErr_PrintEx does: remember it in sys.last_*, call sys.excepthook.

    Returns the exit record when the hook itself raised SystemExit: CPython then exits
    with that status, as if the program had called sys.exit (what the hook printed stays).
    """
    clean_traceback(exc)
    sys.last_exc = exc
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, exc.__traceback__
    hook = getattr(sys, "excepthook", None)
    try:
        if hook is None:
            raise RuntimeError("lost sys.excepthook")
        hook(type(exc), exc, exc.__traceback__)
    except SystemExit as hook_exit:
        _flush_io()
        return _handle_system_exit(hook_exit)
    except BaseException as hook_exc:  # CPython reports a failing hook, then the original
        try:
            sys.stderr.write("Error in sys.excepthook:\n")
            sys.__excepthook__(type(hook_exc), hook_exc, hook_exc.__traceback__)
            sys.stderr.write("\nOriginal exception was:\n")
            sys.__excepthook__(type(exc), exc, exc.__traceback__)
        except BaseException:
            pass


def _handle_system_exit(exc):
    code = getattr(exc, "code", None)
    status, to_print = exit_status_for(code)
    if to_print is not None:
        try:
            text = str(to_print)
        except BaseException:
            text = "<exception str() failed>"
        try:
            sys.stderr.write(text + "\n")
        except BaseException:
            pass
    record = {"status": status, "cause": "sys.exit", "value": repr(code)}
    line = shutdown.tb_user_line(exc.__traceback__)
    if line is not None:
        record["line"] = line
    return record


def _make_main_module(filename):
    main = types.ModuleType("__main__")
    main.__file__ = filename
    main.__cached__ = None
    main.__builtins__ = __builtins__ if isinstance(__builtins__, dict) else __builtins__.__dict__
    # As CPython sets it for a script run by its path (pymain_run_file).
    from importlib.machinery import SourceFileLoader

    main.__loader__ = SourceFileLoader("__main__", filename)
    main.__spec__ = None
    sys.modules["__main__"] = main
    return main


_prepared = False
# What the atexit end of this run needs to know: whether the timeline is on, and the exit record.
_this_run = {}


def prepare():
    """Everything that does not depend on the program, done while the interpreter
    waits in the pool: patches, the signal dispatcher, asyncio's loop, and a
    short warm-up of code paths every run takes (so the run itself is quick)."""
    global _prepared
    if _prepared:
        return
    from . import aio, patches, sandbox, signals, trace

    patches.install()
    if hostlink.blocking() == "suspension":
        from . import threads

        threads.install()
    # After threads: the modules it imports (subprocess, multiprocessing, socket) make their
    # locks at import time, and must make the simulated ones.
    sandbox.install()
    signals.install()
    shutdown.install_atexit()
    aio.install()
    trace.prepare()
    _warm_up()
    _prepared = True


def _warm_up():
    import gc
    import io
    import traceback

    sink = io.StringIO()
    source = "def f(n):\n    return [i * 2 for i in range(n)]\nfor _ in range(100):\n    f(20)\nprint('warm', file=out)\n"
    exec(compile(source, "<warm-up>", "exec", dont_inherit=True), {"out": sink})
    try:
        raise SystemExit(0)
    except SystemExit as exc:
        traceback.format_exception(exc)
    json.dumps(json.loads('{"kind": "exit", "status": 0}'))

    class _Warm:
        def __del__(self):
            pass

    garbage = [_Warm() for _ in range(50)]
    garbage.append(garbage)
    del garbage
    gc.collect()
    if hostlink.suspends():
        # The way back from a suspension (a wait a signal ends): its JavaScript is compiled
        # in each new worker on the first resumption, unless it has run here. A signal that
        # is pending already stays pending for the program.
        for _ in range(3):
            hostlink.wait(0)


def main(config_json):
    """Run the program; returns the exit record (JSON) for the worker."""
    prepare()
    hostlink.host().stack_guard()
    from . import aio

    aio.no_running_loop()
    config = json.loads(config_json)
    filename = config["filename"]
    env = config.get("env") or {}
    for key, value in env.items():
        os.environ[key] = value
    os.environ.pop("PYTHONINSPECT", None)
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    streams = stdio.install(config["stdio"], unbuffered)
    shutdown.configure(filename, streams)

    # A signal that arrived while the interpreter was starting is delivered now,
    # before the first line of the program (its disposition is still the default).
    hostlink.check_signals()
    tracing = config.get("timeline", True)
    if tracing:
        from . import trace

        trace.install(filename)
    _this_run["tracing"] = tracing
    # Registered before the program's own handlers, so it runs after all of them.
    # No arguments: CPython keeps the atexit list until after the modules are torn
    # down, and a reference to the streams there would keep stdout from being
    # flushed when it is finally released (output of __del__ would be lost).
    shutdown._real_register(_after_all_atexit_handlers)

    sys.argv = list(config["argv"])
    sys.path[0:0] = [os.path.dirname(filename)]
    cwd = config.get("cwd")
    if cwd:
        os.chdir(cwd)
    sys.ps1 = sys.ps2 = None
    del sys.ps1, sys.ps2
    main_module = _make_main_module(filename)

    record = _run(config["source"], filename, main_module)
    _this_run["record"] = record
    if tracing:
        trace.begin_shutdown()
    if hostlink.suspends():
        # CPython's Py_FinalizeEx waits for the non-daemon threads, then runs the atexit
        # handlers; the worker enters it synchronously, where nothing could suspend. So on
        # the suspension path both happen here, in that order, and a handler may still
        # sleep, read input or get a signal while daemon threads go on running.
        import atexit

        try:
            _wait_for_threads()
            atexit._run_exitfuncs()
        finally:
            hostlink.abandon_threads()
    return json.dumps(record)


def _wait_for_threads():
    """threading._shutdown(), as CPython calls it first thing at exit: what it raises
    (Ctrl+C while it joins) is reported as ignored, and the shutdown goes on."""
    threading = sys.modules.get("threading")
    if threading is None:
        return
    try:
        threading._shutdown()
    except BaseException as exc:
        clean_traceback(exc)
        hook = getattr(sys, "unraisablehook", None)
        if hook is not None:
            try:
                hook(sys.UnraisableHookArgs((type(exc), exc, exc.__traceback__,
                                             "Exception ignored on threading shutdown", None)))
            except BaseException:
                pass


class _ShutdownProbe:
    """Freed when Py_FinalizeEx clears the sys module, after sys.stdout and sys.stderr.

    That is the last step of CPython's shutdown a program's output can come from:
    what follows (tearing down the interpreter's types, interned strings and memory,
    30-60 ms here) can no longer reach stdout or stderr. So the run is reported over
    at that point: the host gets the exit record and the worker stops where it is
    (the host discards it). Everything it needs is bound now: by then the harness's
    own modules have been cleared.
    """

    __slots__ = ("_set_exit", "_freeze", "_record_json")

    def __init__(self, host, record_json):
        self._set_exit = host.set_exit
        self._freeze = host.freeze
        self._record_json = record_json

    def __del__(self):
        self._set_exit(self._record_json)
        self._freeze()


def _arm_shutdown_probe():
    """After the last atexit handler: arms the probe when nothing can still change the status.

    Only with the harness's own std streams in place (a program's replacement could do
    anything when CPython flushes it) and only when flushing them works now (CPython's
    failing flush turns status 0 into 120: then the full shutdown runs, as before).
    """
    record = _this_run.get("record")
    streams = shutdown.streams()
    if record is None or sys.stdout is not streams.stdout or sys.stderr is not streams.stderr:
        return
    for stream in (streams.stdout, streams.stderr):
        try:
            if not stream.closed:
                stream.flush()
        except Exception:
            return
    # Not underscored: _PyModule_ClearDict wipes those first, and this name must go
    # after stdout and stderr; inserted last, it goes last of all.
    sys.exitlab_shutdown_probe = _ShutdownProbe(hostlink.host(), json.dumps(record))


def _after_all_atexit_handlers():
    if _this_run.get("tracing"):
        _final_flush()
    shutdown.forget_atexit_handlers()
    _arm_shutdown_probe()


def _final_flush():
    """The last atexit handler: flush stdout and stderr and put that on the timeline."""
    from . import trace

    streams = shutdown.streams()
    host = hostlink.host()
    flushed = []
    for name, stream in (("stdout", streams.stdout), ("stderr", streams.stderr)):
        before = int(host.written(name))
        try:
            stream.flush()
        except Exception:
            pass
        flushed.append((name, int(host.written(name)) - before))
    trace.end_shutdown(flushed)


def _flush_io():
    """What CPython does as soon as the script has finished, however it finished, before
    reporting an exception and before any atexit handler: flush stderr, then stdout."""
    for name in ("stderr", "stdout"):
        stream = getattr(sys, name, None)
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            pass


def _run(source, filename, main_module):
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except BaseException as exc:  # SyntaxError (and its subclasses), ValueError for NUL bytes
        exc.__traceback__ = None
        by_hook = _print_uncaught(exc)
        if by_hook is not None:
            return by_hook
        return {"status": 1, "cause": "exception", "type": type(exc).__name__, **_lineno_of_syntax(exc)}
    try:
        exec(code, main_module.__dict__)
    except SystemExit as exc:
        _flush_io()
        return _handle_system_exit(exc)
    except BaseException as exc:
        _flush_io()
        record = {"status": 1, "cause": "exception", "type": type(exc).__name__}
        line = shutdown.tb_user_line(exc.__traceback__)
        if line is not None:
            record["line"] = line
        by_hook = _print_uncaught(exc)
        if by_hook is not None:
            return by_hook
        if isinstance(exc, KeyboardInterrupt):
            # Py_RunMain finishes the shutdown, then kills itself with SIGINT.
            record.update({"status": 130, "cause": "signal", "signal": "SIGINT"})
        return record
    _flush_io()
    return {"status": 0, "cause": "end"}


def _lineno_of_syntax(exc):
    line = getattr(exc, "lineno", None)
    return {"line": line} if isinstance(line, int) else {}
