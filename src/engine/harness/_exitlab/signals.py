"""Signals as a native process sees them.

Pyodide delivers a signal written into its interrupt buffer only when a
Python-level handler is installed; a signal whose disposition is SIG_DFL or
SIG_IGN is silently dropped. So for every signal the host can send we keep
the disposition the program *believes* it set, install our own dispatcher at
the C level, and emulate the kernel's default action ourselves: terminate at
once, with no cleanup (128+N), or ignore.

`signal.alarm`/`setitimer` do not exist in Pyodide: the host keeps the timer
and delivers SIGALRM through the same path.
"""
import _signal
import errno
import os
import signal
import sys
import time

from . import hostlink, shutdown

# Signals whose disposition we emulate: those of the protocol's signal table that can be
# caught (a host or the engine's timer sends them). Set by install() from the host's table.
EMULATED = ()
# Default action "terminate" for those, and for a few more a program may send itself.
_TERMINATE_TOO = {signal.SIGQUIT, signal.SIGABRT, signal.SIGPIPE}
_TERMINATE = set(_TERMINATE_TOO)
_UNCATCHABLE = (signal.SIGKILL, signal.SIGSTOP)
# The suspension path's tick (suspend.ts, sent with the table): a signal number no program
# uses, whose handler lets the host's messages in while a program runs without blocking.
TICK_SIGNAL = None

_real_signal = _signal.signal
_real_getsignal = _signal.getsignal
_real_pthread_sigmask = _signal.pthread_sigmask
_real_os_kill = os.kill

# What the program set, as it would read it back with getsignal().
_user = {}


def _name(signum):
    try:
        return signal.Signals(signum).name
    except ValueError:
        return str(signum)


def _handler_name(handler):
    if handler is signal.default_int_handler:
        return None
    return getattr(handler, "__qualname__", None) or getattr(handler, "__name__", None) or repr(handler)


class _Mask:
    """pthread_sigmask as the main thread has it: a blocked signal waits, pending, until
    it is unblocked (each standard signal is pending at most once), and the unblocking call
    delivers it. Signals go to the main thread here, so other threads' masks are kept
    for them to read back and change nothing."""

    def __init__(self):
        self.blocked = set()
        self.pending = []
        self.others = {}


_mask = _Mask()


def _held(signum):
    """A blocked signal is kept pending (once) instead of delivered; True when it was."""
    if signum not in _mask.blocked:
        return False
    if signum not in _mask.pending:
        _mask.pending.append(signum)
    return True


def _dispatch(signum, frame):
    """The C-level handler for every emulated signal."""
    if _held(signum):
        return
    handler = _user.get(signum, _signal.SIG_DFL)
    if handler == _signal.SIG_IGN:
        hostlink.emit({"kind": "signal", "signal": _name(signum), "handler": "SIG_IGN", **shutdown.line_of(frame)})
        return
    if handler == _signal.SIG_DFL:
        if signum in _TERMINATE:
            hostlink.emit({"kind": "signal", "signal": _name(signum), "handler": None, **shutdown.line_of(frame)})
            die_of_signal(signum, frame)
        return  # default action "ignore" (SIGCHLD, SIGWINCH, ...)
    shutdown.note_signal(signum, _handler_name(handler), frame)
    handler(signum, frame)


def die_of_signal(signum, frame=None):
    """The kernel's default action: the process ends now, nothing more runs."""
    shutdown.hard_stop(
        {"status": 128 + signum, "cause": "signal", "signal": _name(signum)},
        frame if frame is not None else sys._getframe(1),
    )


def _tick(signum, frame):
    hostlink.yield_to_host()


def _signal_signal(signalnum, handler):
    signalnum = int(signalnum)
    if signalnum in _UNCATCHABLE:
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
    if signalnum not in EMULATED:
        return _real_signal(signalnum, handler)
    if not callable(handler) and handler not in (_signal.SIG_DFL, _signal.SIG_IGN):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object")
    old = _user.get(signalnum, _signal.SIG_DFL)
    _user[signalnum] = handler
    _tell_host()
    return old


def _signal_getsignal(signalnum):
    signalnum = int(signalnum)
    if signalnum in EMULATED:
        return _user.get(signalnum, _signal.SIG_DFL)
    return _real_getsignal(signalnum)


def _pthread_sigmask(how, mask):
    """_signal.pthread_sigmask (signal.py's wrapper turns the numbers into Signals)."""
    _real_pthread_sigmask(how, mask)  # checks `how` and the numbers as CPython does
    numbers = {int(s) for s in mask}
    if not hostlink.in_main_thread():
        me = hostlink.thread_number()
        old = set(_mask.others.get(me, ()))
        _mask.others[me] = _apply(how, old, numbers)
        return old
    old = set(_mask.blocked)
    _mask.blocked = _apply(how, old, numbers)
    _tell_host()
    ready = [s for s in _mask.pending if s not in _mask.blocked]
    for signum in ready:
        _mask.pending.remove(signum)
    for signum in ready:
        _dispatch(signum, sys._getframe(1))
    return old


def _apply(how, old, numbers):
    if how == signal.SIG_BLOCK:
        new = old | numbers
    elif how == signal.SIG_UNBLOCK:
        new = old - numbers
    else:
        new = set(numbers)
    return new - set(_UNCATCHABLE)


def _sigpending():
    return set(_mask.pending)


def _sigwait(sigset):
    """Wait for one of `sigset` to be pending (the program has blocked them) and take it."""
    wanted = {int(s) for s in sigset}
    while True:
        for signum in _mask.pending:
            if signum in wanted:
                _mask.pending.remove(signum)
                return signum
        if hostlink.wait(3600):
            hostlink.check_signals()


def _tell_host():
    def kind(h):
        if h == _signal.SIG_DFL:
            return "default"
        if h == _signal.SIG_IGN:
            return "ignore"
        return "handler"

    hostlink.host().dispositions(
        ",".join(
            f"{_name(s)}={'blocked' if s in _mask.blocked else kind(_user.get(s, _signal.SIG_DFL))}"
            for s in EMULATED
        )
    )


def deliver(signum):
    """Send `signum` to this process, as kill(getpid(), signum) would."""
    signum = int(signum)
    if signum == signal.SIGKILL:
        shutdown.hard_stop(
            {"status": 128 + signum, "cause": "signal", "signal": "SIGKILL"}, sys._getframe(2)
        )
    if signum in EMULATED:
        hostlink.raise_signal(signum)
        hostlink.check_signals()
        return
    if signum == 0:
        return
    if _held(signum):
        return
    handler = _real_getsignal(signum)
    if callable(handler):
        handler(signum, sys._getframe(2))
    elif handler == _signal.SIG_DFL and signum in _TERMINATE:
        die_of_signal(signum, sys._getframe(2))


def _interrupt_main(signum=signal.SIGINT):
    """_thread.interrupt_main() where threads are simulated: the signal as if it arrived in
    the main thread, whichever thread calls it; a default or ignored disposition does nothing."""
    signum = int(signum)
    if signum not in EMULATED:
        return hostlink._trip_signal(signum)
    if _user.get(signum, _signal.SIG_DFL) in (_signal.SIG_DFL, _signal.SIG_IGN):
        return None
    hostlink.raise_signal(signum)
    hostlink.check_signals()
    return None


def _pthread_kill(thread_id, signalnum):
    """signal.pthread_kill: Pyodide has none. Sent to any thread of ours, a signal's Python
    handler runs in the main thread, as CPython's do; an unknown thread is ESRCH."""
    import threading

    known = {t.ident for t in threading.enumerate()} | {threading.get_ident()}
    if thread_id not in known:
        raise ProcessLookupError(errno.ESRCH, os.strerror(errno.ESRCH))
    if int(signalnum) != 0:
        deliver(signalnum)


def _os_kill(pid, sig):
    if pid in (os.getpid(), 0, -os.getpgrp()):
        deliver(sig)
        return None
    return _real_os_kill(pid, sig)


def _raise_signal(signalnum):
    deliver(signalnum)


# --- interval timers (kept by the host) -------------------------------------

class _Timer:
    deadline = None  # monotonic time of the next SIGALRM
    interval = 0.0


_timer = _Timer()


def _remaining():
    """Seconds until the timer fires next (0.0: not armed). A periodic timer that has fired
    is armed again a period later each time, as the kernel's is, whoever delivered it."""
    if _timer.deadline is None:
        return 0.0
    now = time.monotonic()
    if now >= _timer.deadline:
        if _timer.interval <= 0:
            _timer.deadline = None
            return 0.0
        periods = (now - _timer.deadline) // _timer.interval + 1
        _timer.deadline += periods * _timer.interval
    return max(0.0, _timer.deadline - now)


def _set_timer(seconds, interval):
    _timer.deadline = (time.monotonic() + seconds) if seconds > 0 else None
    _timer.interval = interval if seconds > 0 else 0.0
    hostlink.host().alarm(float(seconds), float(_timer.interval))


def _alarm(seconds):
    seconds = int(seconds)
    old = _remaining()
    # glibc rounds the old value to the nearest second, but never reports 0 for a pending alarm.
    old_int = int(old + 0.5)
    if old > 0 and old_int == 0:
        old_int = 1
    _set_timer(float(seconds), 0.0)
    return old_int


def _setitimer(which, seconds, interval=0.0):
    if which != signal.ITIMER_REAL:
        raise ItimerError("only ITIMER_REAL is available in Exit Lab")
    old = (_remaining(), _timer.interval)
    _set_timer(float(seconds), float(interval))
    return old


def _getitimer(which):
    if which != signal.ITIMER_REAL:
        raise ItimerError("only ITIMER_REAL is available in Exit Lab")
    return (_remaining(), _timer.interval)


class ItimerError(OSError):
    pass


def _pause():
    """Wait until a signal handler has run."""
    while True:
        if hostlink.wait(3600):
            hostlink.check_signals()
            return None


def install():
    global EMULATED, _TERMINATE, TICK_SIGNAL
    table = hostlink.signal_table()
    EMULATED = tuple(row["number"] for row in table["signals"] if row["action"] == "terminate")
    _TERMINATE = set(EMULATED) | _TERMINATE_TOO
    TICK_SIGNAL = table["tick"]
    _signal.signal = _signal_signal
    _signal.getsignal = _signal_getsignal
    _user[signal.SIGINT] = signal.default_int_handler
    for signum in EMULATED:
        _real_signal(signum, _dispatch)
    os.kill = _os_kill
    signal.raise_signal = _raise_signal
    signal.alarm = _alarm
    signal.setitimer = _setitimer
    signal.getitimer = _getitimer
    signal.pause = _pause
    if not hasattr(signal, "pthread_kill"):
        signal.pthread_kill = _pthread_kill
    _signal.pthread_sigmask = _pthread_sigmask
    _signal.sigpending = _sigpending
    _signal.sigwait = _sigwait
    if not hasattr(signal, "sigwait"):
        signal.sigwait = lambda sigset: signal.Signals(_sigwait(sigset))
    if not hasattr(signal, "ItimerError"):
        signal.ItimerError = ItimerError
    if hostlink.blocking() == "suspension":
        import _thread

        _real_signal(TICK_SIGNAL, _tick)
        _thread.interrupt_main = _interrupt_main
    _tell_host()
    hostlink.host().signals_ready()
