#!/usr/bin/env python3
"""Run one command the way the Exit Lab fidelity corpus needs it, and report what happened.

Shared by gen_expected.py (native ``python3 -E``) and src/hosts/node/corpus.test.ts (the CLI under
test), so both sides are spawned, fed and signalled by exactly the same code.

Modes:
  pipe  stdin, stdout and stderr are pipes.
  tty   stdin and stdout are one pseudo-terminal (normal settings: ECHO and ONLCR on, 80x24, made
        the controlling terminal of a new session, like a user's terminal); stderr is a pipe.
        "\r\n" in the captured stdout is normalised to "\n".

Usage (command line):
  runner.py --json [--mode pipe|tty] [--case corpus/t/n.py] [--stdin TEXT] [--no-eof]
            [--stdin-after TEXT] [--signal NAME:AFTER ...] [--timeout MS] -- COMMAND...

--case reads the ``# exitlab-case: {...}`` metadata line of that file for stdin, stdinEof,
stdinAfter, signals and timeoutMs; explicit options override it. COMMAND is run as given (the
caller appends the file and its arguments). The environment is the caller's minus every PYTHON*
variable, plus NO_COLOR=1.

Output (--json): one JSON object: stdout, stderr, stderrLast, status (shell convention, 128+N when
killed by signal N), signal (name or null), waitStatus (raw wait status), timedOut, durationMs,
signalsSent (list of names actually sent), mode.
"""
from __future__ import annotations

import argparse
import errno
import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

# The last-stderr-line rule, one copy for the native side (the same as src/lessons/compare.ts).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from stderr_rule import last_stderr_line  # noqa: E402

META_PREFIX = "# exitlab-case:"
# Time between the moment a signal's ready text appears and the moment the signal is sent, so the
# program has surely reached the blocking call that follows its ready line.
SIGNAL_SETTLE_S = 0.1
DEFAULT_TIMEOUT_MS = 10000


def read_meta(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    if not first.startswith(META_PREFIX):
        raise ValueError(f"{path}: first line must start with {META_PREFIX!r}")
    meta = json.loads(first[len(META_PREFIX):])
    if not isinstance(meta, dict):
        raise ValueError(f"{path}: metadata must be a JSON object")
    return meta


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["NO_COLOR"] = "1"
    env.pop("FORCE_COLOR", None)
    return env


def decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


def _reset_signals() -> None:
    # Give the child default dispositions and an empty mask whatever our parent left us, so that
    # e.g. CPython installs its SIGINT handler (it does so only when SIGINT is SIG_DFL).
    for n in range(1, signal.NSIG):
        if n in (signal.SIGKILL, signal.SIGSTOP):
            continue
        try:
            signal.signal(n, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def _preexec_pipe() -> None:
    _reset_signals()
    os.setsid()


def _preexec_tty() -> None:
    _reset_signals()
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def run(command: list[str], mode: str = "pipe", stdin: str | None = None, stdin_eof: bool = True,
        stdin_after: str | None = None, signals: list | None = None,
        timeout_ms: int = DEFAULT_TIMEOUT_MS, cwd: str | None = None) -> dict:
    signals = list(signals or [])
    env = clean_env()
    start = time.monotonic()
    deadline = start + timeout_ms / 1000.0
    out = bytearray()
    err = bytearray()
    master = None
    stdin_w = None

    if mode == "tty":
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.PIPE,
                                cwd=cwd, env=env, close_fds=True, preexec_fn=_preexec_tty)
        os.close(slave)
        out_fd = master
        veof = termios.tcgetattr(master)[6][termios.VEOF]
        eof_bytes = veof if isinstance(veof, bytes) else bytes([veof])
    elif mode == "pipe":
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, cwd=cwd, env=env, close_fds=True,
                                preexec_fn=_preexec_pipe)
        out_fd = proc.stdout.fileno()
        stdin_w = proc.stdin
    else:
        raise ValueError(f"unknown mode {mode!r}")
    err_fd = proc.stderr.fileno()
    for fd in (out_fd, err_fd):
        os.set_blocking(fd, False)

    stdin_fed = False
    stdin_search_from = 0

    def feed_stdin() -> None:
        nonlocal stdin_fed
        stdin_fed = True
        data = (stdin or "").encode("utf-8")
        if mode == "tty":
            # A terminal user types the text, then Ctrl+D: once at the start of a line, twice
            # after a partial line (the first one only hands the partial line over).
            if data:
                os.write(master, data)
            if stdin_eof:
                if data and not data.endswith(b"\n"):
                    os.write(master, eof_bytes)
                os.write(master, eof_bytes)
        else:
            try:
                if data:
                    stdin_w.write(data)
                    stdin_w.flush()
                if stdin_eof:
                    stdin_w.close()
            except (BrokenPipeError, OSError):
                pass

    if stdin_after is None:
        feed_stdin()

    sig_index = 0
    sig_search_from = 0
    sig_due: float | None = None
    sent: list[str] = []
    open_fds = {out_fd, err_fd}
    wait_status = None
    timed_out = False

    def drain(fd: int) -> None:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                return
            except OSError as e:  # EIO on the pty master once every slave end is closed
                if e.errno == errno.EIO:
                    open_fds.discard(fd)
                    return
                raise
            if not chunk:
                open_fds.discard(fd)
                return
            (out if fd == out_fd else err).extend(chunk)

    while True:
        now = time.monotonic()
        if wait_status is None:
            pid, st = os.waitpid(proc.pid, os.WNOHANG)
            if pid == proc.pid:
                wait_status = st
        if wait_status is not None and not open_fds:
            break
        if wait_status is not None and mode == "tty" and open_fds == {out_fd}:
            # The pty stays readable until EIO; after the exit one more drain is enough.
            drain(out_fd)
            if wait_status is not None:
                r, _, _ = select.select([out_fd], [], [], 0.05)
                if not r:
                    break
        if now > deadline:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if wait_status is None:
                _, wait_status = os.waitpid(proc.pid, 0)
            for fd in list(open_fds):
                drain(fd)
            break
        # Stdin fed after a text of stdout.
        text = decode(bytes(out))
        if not stdin_fed and stdin_after is not None:
            i = text.find(stdin_after, stdin_search_from)
            if i >= 0:
                feed_stdin()
        # Signals, each after its text (searched after the previous signal's text).
        if wait_status is None and sig_index < len(signals):
            spec = signals[sig_index]
            if sig_due is None:
                i = text.find(spec["after"], sig_search_from)
                if i >= 0:
                    sig_search_from = i + len(spec["after"])
                    sig_due = now + SIGNAL_SETTLE_S
            if sig_due is not None and now >= sig_due:
                signum = getattr(signal, spec["name"])
                try:
                    os.kill(proc.pid, signum)
                    sent.append(spec["name"])
                except ProcessLookupError:
                    pass
                sig_index += 1
                sig_due = None
        timeout = 0.02 if (sig_due is not None or wait_status is None) else 0.05
        r, _, _ = select.select(list(open_fds), [], [], timeout) if open_fds else ([], [], [])
        for fd in r:
            drain(fd)
        if wait_status is None and not open_fds:
            # All output closed but the process still runs: just wait for it (with the deadline).
            time.sleep(0.01)

    for f in (proc.stdout, proc.stderr, proc.stdin):
        try:
            if f is not None:
                f.close()
        except OSError:
            pass
    if master is not None:
        os.close(master)
    proc.returncode = 0  # reaped by us; keep Popen from waiting again

    if os.WIFSIGNALED(wait_status):
        signum = os.WTERMSIG(wait_status)
        status = 128 + signum
        signame = signal.Signals(signum).name
    else:
        status = os.WEXITSTATUS(wait_status)
        signame = None
    stdout = decode(bytes(out))
    if mode == "tty":
        stdout = stdout.replace("\r\n", "\n")
    stderr = decode(bytes(err))
    return {
        "mode": mode,
        "stdout": stdout,
        "stderr": stderr,
        "stderrLast": last_stderr_line(stderr) or "",
        "status": status,
        "signal": signame,
        "waitStatus": wait_status,
        "timedOut": timed_out,
        "signalsSent": sent,
        "durationMs": round((time.monotonic() - start) * 1000),
    }


def run_case(command: list[str], meta: dict, mode: str, cwd: str | None = None,
             timeout_ms: int | None = None) -> dict:
    return run(command, mode=mode, stdin=meta.get("stdin"), stdin_eof=meta.get("stdinEof", True),
               stdin_after=meta.get("stdinAfter"), signals=meta.get("signals"),
               timeout_ms=timeout_ms or meta.get("timeoutMs", DEFAULT_TIMEOUT_MS), cwd=cwd)


def main(argv: list[str]) -> int:
    if "--" not in argv:
        print("usage: runner.py [options] -- COMMAND...", file=sys.stderr)
        return 2
    k = argv.index("--")
    opts, command = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser(prog="runner.py")
    ap.add_argument("--json", action="store_true", help="print one JSON object (the default)")
    ap.add_argument("--mode", choices=["pipe", "tty"], default="pipe")
    ap.add_argument("--case", help="corpus file whose metadata line gives stdin/signals/timeout")
    ap.add_argument("--stdin")
    ap.add_argument("--no-eof", action="store_true", help="keep stdin open after feeding")
    ap.add_argument("--stdin-after")
    ap.add_argument("--signal", action="append", default=[], metavar="NAME:AFTER")
    ap.add_argument("--timeout", type=int, help="milliseconds")
    ap.add_argument("--cwd")
    a = ap.parse_args(opts)
    if not command:
        ap.error("no command after --")
    meta = read_meta(a.case) if a.case else {}
    if a.stdin is not None:
        meta["stdin"] = a.stdin
    if a.no_eof:
        meta["stdinEof"] = False
    if a.stdin_after is not None:
        meta["stdinAfter"] = a.stdin_after
    if a.signal:
        meta["signals"] = [dict(zip(("name", "after"), s.split(":", 1))) for s in a.signal]
    result = run_case(command, meta, a.mode, cwd=a.cwd, timeout_ms=a.timeout)
    print(json.dumps(result, ensure_ascii=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
