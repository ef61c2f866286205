#!/usr/bin/env python3
"""Check every lesson program's expectation against the machine's native python3 (and, for
Node lessons, `runtime: node`, against the machine's native `node`).

For each program of each lesson (read through the app's own loader, `scripts/lessons/dump.ts`,
since the standard library has no YAML parser):

* `source` is written to a fresh temporary directory as `main.py` (`main.js` for a Node lesson);
* the `command` line runs there with `bash -c`, where `python` is a shim that runs
  `python3 -E` (as every native expectation is made), records the python process id (signals go to python, not to
  bash) and records how python ended (so a death by signal can be told from `exit(143)`);
  `node` is the same kind of shim around the `node` on PATH;
* stdin and stdout are a pseudo-terminal with ECHO off (stdout holds only program output,
  `\\r\\n` becomes `\\n`); stderr is a pipe. Pipe mode is the command's own `| cat`;
* the environment has no PYTHON* or NODE_* variables, no FORCE_COLOR, and NO_COLOR=1;
* `script` steps run in order: typed lines go to the terminal, `null` is Ctrl+D, signals go to
  the current python process after `afterOutput` appears on stdout (since the previous step;
  plus SETTLE_S) or after `afterMs`; a signal for a python that already ended is a no-op;
* status, signal and stdout are compared exactly; stderrLast as native's last non-empty stderr
  line being equal to, or a prefix of, the expected line (Pyodide's CPython 3.14 may add a
  suffix), with `[Errno N]` masked and SyntaxWarning lines ignored.

Python code blocks in the lesson prose (the "Load into editor" snippets) must compile;
JavaScript blocks (```js) must pass `node --check`.

Usage: scripts/lessons/native_check.py [DIR] [--only ID[/PROGRAM]] [--show] [-j N] [--outcomes FILE]
Prints one line per program and `lessons-native: N passed, M failed`; exit 1 on any failure,
2 when the lessons cannot be loaded. `--outcomes FILE` also writes each program's native outcome
as JSON (`[{name, ok, status, signal, stdout, stderrLast, verifiedWith, problems}]`, in lesson
order), which `npm run lessons:expect` writes into the lessons.

One file: the shims, the pseudo-terminal runner and the comparison are one program run by
CI; the last-stderr-line rule it compares by is scripts/stderr_rule.py.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

# The last-stderr-line rule, one copy for the native side (the same as src/lessons/compare.ts).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from stderr_rule import last_stderr_line, mask_errno  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIME_LIMIT_S = 15.0
# A signal step waits this long after its afterOutput text appears, as a person pressing a button
# would. Sent within microseconds, the signal can land while CPython still holds stdout's buffer
# lock from the write that produced the text; a handler that prints then fails with
# "RuntimeError: reentrant call inside <_io.BufferedWriter name='<stdout>'>".
SETTLE_S = 0.05

SHIM = r'''#!{python} -IS
# `python` (or `node`) for lesson command lines: runs `python3 -E "$@"` (`node "$@"`) as a
# child, records its pid (signals are sent to it) and how it ended, then ends the same way.
import os, signal, sys
state = os.environ["EXITLAB_NATIVE_STATE"]
env = {{k: v for k, v in os.environ.items() if k != "EXITLAB_NATIVE_STATE"}}
CATCHABLE = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2,
             signal.SIGALRM, signal.SIGQUIT]
# Ignore before fork so that a group-wide signal (timeout sends one) cannot kill the shim.
for s in CATCHABLE:
    signal.signal(s, signal.SIG_IGN)
pid = os.fork()
if pid == 0:
    for s in CATCHABLE:
        signal.signal(s, signal.SIG_DFL)
    with open(os.path.join(state, "pid.tmp"), "w") as f:
        f.write(str(os.getpid()))
    os.replace(os.path.join(state, "pid.tmp"), os.path.join(state, "pid"))
    try:
        os.execve({exe!r}, {argv0!r} + sys.argv[1:], env)
    finally:
        os._exit(127)
while True:
    try:
        _, st = os.waitpid(pid, 0)
        break
    except InterruptedError:
        pass
with open(os.path.join(state, "ended"), "a") as f:
    f.write("%d %d\n" % (pid, st))
if os.WIFSIGNALED(st):
    sig = os.WTERMSIG(st)
    if sig in CATCHABLE:
        signal.signal(sig, signal.SIG_DFL)
    os.kill(os.getpid(), sig)
    os._exit(128 + sig)  # not reached
os._exit(os.waitstatus_to_exitcode(st) if os.WIFEXITED(st) else 1)
'''


@dataclass
class Outcome:
    status: int | None = None
    signal: str | None = None
    stdout: str = ""
    stderr: str = ""
    problems: list[str] = field(default_factory=list)


def load_lessons(directory: str) -> list[dict]:
    tsx = os.path.join(ROOT, "node_modules", ".bin", "tsx")
    cmd = [tsx, os.path.join(ROOT, "scripts", "lessons", "dump.ts"), directory]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.stderr.write("lessons-native: cannot load lessons\n")
        sys.exit(2)
    return json.loads(proc.stdout)


def signal_name(num: int) -> str:
    try:
        return signal.Signals(num).name
    except ValueError:
        return f"SIG{num}"


def clean_env(state: str, shim_dir: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "NODE_"))}
    env["PATH"] = shim_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["NO_COLOR"] = "1"
    env["TERM"] = "xterm-256color"
    env["LC_ALL"] = env.get("LC_ALL") or "C.UTF-8"
    env["EXITLAB_NATIVE_STATE"] = state
    env.pop("FORCE_COLOR", None)
    return env


def run_program(program: dict, runtime: str = "python") -> Outcome:
    out = Outcome()
    work = tempfile.mkdtemp(prefix="exitlab-native-")
    try:
        return _run_in(work, program, out, runtime)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def make_shim_dir() -> str:
    """One shim for the whole run, written before any program starts: a file still open for
    writing when another thread forks cannot be executed ("Text file busy")."""
    shim_dir = tempfile.mkdtemp(prefix="exitlab-native-bin-")
    python = os.path.realpath(sys.executable)
    shims = {"python": (python, ["python3", "-E"])}
    if NODE:
        shims["node"] = (NODE, ["node"])
    for name, (exe, argv0) in shims.items():
        shim = os.path.join(shim_dir, name)
        with open(shim, "w") as f:
            f.write(SHIM.format(python=python, exe=exe, argv0=argv0))
        os.chmod(shim, 0o755)
    return shim_dir


NODE = shutil.which("node")


def node_version() -> str | None:
    if not NODE:
        return None
    return "node " + subprocess.run([NODE, "--version"], capture_output=True, text=True).stdout.strip()


SHIM_DIR = ""


def _run_in(work: str, program: dict, out: Outcome, runtime: str = "python") -> Outcome:
    state = os.path.join(work, ".state")
    shim_dir = SHIM_DIR
    cwd = os.path.join(work, "run")
    for d in (state, cwd):
        os.mkdir(d)
    with open(os.path.join(cwd, "main.js" if runtime == "node" else "main.py"), "w") as f:
        f.write(program["source"])

    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[3] &= ~termios.ECHO  # lflag: the terminal does not echo typed input into stdout
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    proc = subprocess.Popen(
        ["bash", "-c", program["command"]],
        stdin=slave, stdout=slave, stderr=subprocess.PIPE, cwd=cwd,
        env=clean_env(state, shim_dir), start_new_session=True, close_fds=True,
    )
    os.close(slave)
    err_fd = proc.stderr.fileno()

    stdout = bytearray()
    stderr = bytearray()
    open_fds = {master, err_fd}
    steps = list(program.get("script") or [])
    step_index = 0
    mark = 0  # stdout offset that afterOutput searches from
    step_started = time.monotonic()
    deadline = time.monotonic() + TIME_LIMIT_S

    def text_so_far() -> str:
        return stdout.decode("utf-8", "replace").replace("\r\n", "\n")

    def python_pid() -> int | None:
        try:
            with open(os.path.join(state, "pid")) as f:
                return int(f.read())
        except (OSError, ValueError):
            return None

    seen_at: float | None = None  # when the current afterOutput text was first seen

    def run_due_steps() -> None:
        nonlocal step_index, mark, step_started, seen_at
        while step_index < len(steps):
            step = steps[step_index]
            now = time.monotonic()
            if "input" in step:
                data = b"\x04" if step["input"] is None else step["input"].encode() + b"\n"
                try:
                    os.write(master, data)
                except OSError as e:
                    out.problems.append(f"script[{step_index}]: cannot type input: {e}")
                mark = len(text_so_far())
            else:
                if "afterOutput" in step:
                    text = text_so_far()
                    at = text.find(step["afterOutput"], mark)
                    if at < 0:
                        seen_at = None
                        return
                    if seen_at is None:
                        seen_at = now
                    if now - seen_at < SETTLE_S:
                        return
                    seen_at = None
                    new_mark = at + len(step["afterOutput"])
                else:
                    if (now - step_started) * 1000 < step["afterMs"]:
                        return
                    new_mark = len(text_so_far())
                pid = python_pid()
                if pid is None:
                    return  # python has not started yet
                try:
                    os.kill(pid, getattr(signal, step["signal"]))
                except ProcessLookupError:
                    pass  # python already ended: nothing to signal (e.g. SIGKILL after a grace period)
                mark = new_mark
            step_index += 1
            step_started = time.monotonic()

    run_due_steps()
    while open_fds:
        if time.monotonic() > deadline:
            out.problems.append(f"time limit: still running after {TIME_LIMIT_S:.0f} s")
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        ready, _, _ = select.select(list(open_fds), [], [], 0.02)
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: every slave end is closed
                data = b""
            if not data:
                open_fds.discard(fd)
            elif fd == master:
                stdout += data
            else:
                stderr += data
        run_due_steps()
        if master in open_fds and proc.poll() is not None and not ready:
            # bash ended; a child that kept the terminal open would hang us: drain briefly.
            time.sleep(0.05)
            r, _, _ = select.select([master], [], [], 0.2)
            if not r:
                open_fds.discard(master)
    proc.wait()
    os.close(master)
    proc.stderr.close()
    # Signals due a while after the previous step are moot once everything has ended (a SIGKILL
    # after a grace period the program did not need); anything else left over is a problem.
    left = steps[step_index:]
    if any("afterMs" not in step for step in left):
        out.problems.append(f"script[{step_index}]: never happened ({json.dumps(steps[step_index])})")

    out.status = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    out.stdout = text_so_far()
    out.stderr = stderr.decode("utf-8", "replace").replace("\r\n", "\n")
    out.signal = last_python_signal(state)
    return out


def last_python_signal(state: str) -> str | None:
    """How the last python process ended: the name of the signal that killed it, or None."""
    try:
        with open(os.path.join(state, "pid")) as f:
            pid = int(f.read())
    except (OSError, ValueError):
        return None  # python never ran
    try:
        with open(os.path.join(state, "ended")) as f:
            ended = dict(line.split() for line in f if line.strip())
    except OSError:
        ended = {}
    st = ended.get(str(pid))
    if st is None:
        # The shim was killed together with python: only SIGKILL can do that (timeout -k).
        return "SIGKILL"
    st = int(st)
    return signal_name(os.WTERMSIG(st)) if os.WIFSIGNALED(st) else None


def compare(expect: dict, got: Outcome) -> list[str]:
    diffs = list(got.problems)
    if got.status != expect["status"]:
        diffs.append(f"status: expected {expect['status']}, got {got.status}")
    if got.signal != expect.get("signal"):
        diffs.append(f"signal: expected {expect.get('signal')}, got {got.signal}")
    if got.stdout != expect["stdout"]:
        diffs.append(f"stdout: expected {json.dumps(expect['stdout'])}, got {json.dumps(got.stdout)}")
    if "stderrLast" in expect:
        want = mask_errno(expect["stderrLast"])
        have = last_stderr_line(got.stderr)
        have_m = mask_errno(have) if have is not None else None
        if have_m is None or not want.startswith(have_m):
            diffs.append(f"stderrLast: expected {json.dumps(expect['stderrLast'])}, got {json.dumps(have)}")
    return diffs


SNIPPET = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
JS_SNIPPET = re.compile(r"^```(?:js|javascript)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def check_snippets(entry: dict) -> list[str]:
    problems = []
    for n, m in enumerate(SNIPPET.finditer(entry["body"])):
        try:
            compile(m.group(1), f"{entry['file']} snippet {n + 1}", "exec")
        except SyntaxError as e:
            problems.append(f"prose snippet {n + 1} does not compile: {e}")
    for n, m in enumerate(JS_SNIPPET.finditer(entry["body"])):
        if not NODE:
            problems.append(f"JavaScript snippet {n + 1}: no node on PATH to check it")
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".js", delete=False) as f:
            f.write(m.group(1))
        try:
            proc = subprocess.run([NODE, "--check", f.name], capture_output=True, text=True)
        finally:
            os.unlink(f.name)
        if proc.returncode != 0:
            err = [line for line in proc.stderr.splitlines() if line.strip()]
            problems.append(f"JavaScript snippet {n + 1} does not parse: {err[-1] if err else proc.returncode}")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", nargs="?", default="lessons")
    ap.add_argument("--only", help="lesson id, or id/program")
    ap.add_argument("--show", action="store_true", help="print native stdout/stderr of each program")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="programs run at once (default 1)")
    ap.add_argument("--outcomes", metavar="FILE", help="also write every native outcome to FILE as JSON")
    args = ap.parse_args()

    lessons = load_lessons(os.path.abspath(args.dir))
    jobs = []
    snippet_failures = 0
    for entry in lessons:
        lesson = entry["lesson"]
        if args.only and args.only.split("/")[0] != lesson["id"]:
            continue
        for problem in check_snippets(entry):
            print(f"FAIL {lesson['id']}: {problem}")
            snippet_failures += 1
        for program in lesson["programs"]:
            if args.only and "/" in args.only and args.only.split("/", 1)[1] != program["name"]:
                continue
            jobs.append((lesson, program))

    global SHIM_DIR
    SHIM_DIR = make_shim_dir()
    try:
        return run_all(jobs, args, snippet_failures)
    finally:
        shutil.rmtree(SHIM_DIR, ignore_errors=True)


def run_all(jobs: list, args: argparse.Namespace, snippet_failures: int) -> int:
    version = platform.python_version()
    node = node_version()
    passed = failed = 0
    stale = []
    outcomes = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_program, program, lesson["runtime"]) for lesson, program in jobs]
        for (lesson, program), fut in zip(jobs, futures):
            got = fut.result()
            diffs = compare(program["expect"], got)
            name = f"{lesson['id']}/{program['name']}"
            if diffs:
                failed += 1
                print(f"FAIL {name}")
                for d in diffs:
                    print(f"     {d}")
            else:
                passed += 1
                print(f"ok   {name}  (status {got.status}{', ' + got.signal if got.signal else ''})")
            outcomes.append({
                "name": name,
                "ok": not diffs,
                "status": got.status,
                "signal": got.signal,
                "stdout": got.stdout,
                "stderrLast": last_stderr_line(got.stderr),
                "verifiedWith": node if lesson["runtime"] == "node" else version,
                "problems": got.problems,
            })
            vw = program["expect"].get("verifiedWith")
            if vw is not None and vw != (node if lesson["runtime"] == "node" else version):
                stale.append(name)
            if args.show:
                print(f"     stdout: {json.dumps(got.stdout)}")
                print(f"     stderr: {json.dumps(got.stderr)}")
    if stale:
        print(f"note: {len(stale)} expectation(s) were verified with another python3 than {version}"
              f"{f' (or another node than {node})' if node else ''}")
    failed += snippet_failures
    if args.outcomes:
        with open(args.outcomes, "w") as f:
            json.dump(outcomes, f, indent=1)
            f.write("\n")
    print(f"lessons-native: {passed} passed, {failed} failed (python3 {version}{f', {node}' if node else ''})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
