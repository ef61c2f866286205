"""asyncio.run() as it behaves natively.

Pyodide's WebLoop cannot run a loop to completion in a worker that blocks
synchronously. We install a standard BaseEventLoop whose "selector" waits
through the interruptible sleep: timers fire on time, a signal wakes the
loop at once, and everything else (cancelling pending tasks at exit, SIGINT
cancelling the main task via asyncio.Runner) is CPython's own code.
"""
import asyncio
import asyncio.base_events
import asyncio.events
import signal

from . import hostlink


class _SleepSelector:
    """Just enough of selectors.BaseSelector for BaseEventLoop._run_once."""

    def select(self, timeout=None):
        hostlink.check_signals()
        if timeout is None:
            timeout = 3600.0
        if timeout > 0:
            hostlink.wait(timeout)
            hostlink.check_signals()
        return []

    def close(self):
        pass

    def get_map(self):
        return {}


class ExitLabEventLoop(asyncio.base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = _SleepSelector()
        self._signal_handlers = {}

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        # A host signal already wakes the wait; nothing else can call in.
        pass

    def add_signal_handler(self, sig, callback, *args):
        self._check_closed()
        handle = asyncio.events.Handle(callback, args, self, None)
        self._signal_handlers[sig] = handle

        def _on_signal(signum, frame):
            if not handle._cancelled:
                self._add_callback(handle)

        signal.signal(sig, _on_signal)

    def remove_signal_handler(self, sig):
        if self._signal_handlers.pop(sig, None) is None:
            return False
        handler = signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL
        signal.signal(sig, handler)
        return True

    def close(self):
        for sig in list(self._signal_handlers):
            self.remove_signal_handler(sig)
        super().close()


class ExitLabPolicy(asyncio.events._BaseDefaultEventLoopPolicy):
    _loop_factory = ExitLabEventLoop


def no_running_loop():
    """Leave no loop marked as running, as when CPython starts a program. Called again just
    before the program: on the suspension path prepare() is a promising call of its own,
    and the end of such a call puts the thread's running loop (Pyodide's) back."""
    asyncio.events._set_running_loop(None)


def install():
    # Pyodide wraps asyncio.run to hand the coroutine to its always-running
    # WebLoop; put CPython's own back and leave no loop marked as running.
    try:
        from pyodide import webloop

        asyncio.run = webloop._orig_run
    except ImportError:
        pass
    # Kept for the suspension path: a promise handed to Python becomes a future of this loop.
    hostlink.pyodide_loop = asyncio.events._get_running_loop()
    no_running_loop()
    setter = getattr(asyncio.events, "_set_event_loop_policy", None) or asyncio.set_event_loop_policy
    setter(ExitLabPolicy())
