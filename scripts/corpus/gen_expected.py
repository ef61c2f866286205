#!/usr/bin/env python3
"""Regenerate corpus/expected/<topic>/<name>.<mode>.json from NATIVE CPython.

Each case corpus/<topic>/<name>.py is run from the repository root as
``python3 -E corpus/<topic>/<name>.py ARGS...`` (the python running this script, environment
without PYTHON* variables, NO_COLOR=1) in every mode its metadata line lists, through
scripts/corpus/runner.py -- the same code the test uses to run the CLI.

Usage: python3 scripts/corpus/gen_expected.py [--jobs N] [--python PATH] [FILTER...]
FILTER selects cases whose "topic/name" contains it. Stale expectation files are removed only
when no filter is given.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
import runner  # noqa: E402

CORPUS = ROOT / "corpus"
EXPECTED = CORPUS / "expected"
TOPICS = ["exit-values", "os-exit", "finally-with", "atexit", "catch-systemexit", "exceptions",
          "signals", "stdin", "finalizers", "asyncio", "threads"]
ALLOWED_FIELDS = {"modes", "argv", "stdin", "stdinEof", "stdinAfter", "signals", "timeoutMs",
                  "thread", "note"}


def discover() -> list[tuple[str, str, Path, dict]]:
    cases = []
    for topic_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir() and p.name != "expected"):
        for f in sorted(topic_dir.glob("*.py")):
            meta = runner.read_meta(str(f))
            validate(f, meta)
            cases.append((topic_dir.name, f.stem, f, meta))
    return cases


def validate(path: Path, meta: dict) -> None:
    unknown = set(meta) - ALLOWED_FIELDS
    if unknown:
        raise ValueError(f"{path}: unknown metadata fields {sorted(unknown)}")
    modes = meta.get("modes")
    if not isinstance(modes, list) or "pipe" not in modes or not set(modes) <= {"pipe", "tty"}:
        raise ValueError(f"{path}: modes must be a subset of ['pipe','tty'] containing 'pipe'")
    for s in meta.get("signals", []):
        if set(s) != {"name", "after"} or not s["name"].startswith("SIG"):
            raise ValueError(f"{path}: bad signal spec {s!r}")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not 5 <= len(lines) - 1 <= 30:
        print(f"note: {path.relative_to(ROOT)} has {len(lines) - 1} lines of code", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--python", default=sys.executable,
                    help="native python (default: the one running this script)")
    ap.add_argument("filters", nargs="*")
    a = ap.parse_args()

    cases = discover()
    if a.filters:
        cases = [c for c in cases if any(flt in f"{c[0]}/{c[1]}" for flt in a.filters)]
    version = runner.run([a.python, "-E", "-c", "import sys; print(sys.version)"])["stdout"].strip()

    jobs = []
    for topic, name, path, meta in cases:
        for mode in meta["modes"]:
            jobs.append((topic, name, path, meta, mode))

    def do(job):
        topic, name, path, meta, mode = job
        rel = path.relative_to(ROOT).as_posix()
        cmd = [a.python, "-E", rel, *meta.get("argv", [])]
        res = runner.run_case(cmd, meta, mode, cwd=str(ROOT))
        return job, res

    written = set()
    problems = []
    per_topic: dict[str, int] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for job, res in ex.map(do, jobs):
            topic, name, path, meta, mode = job
            if res["timedOut"]:
                problems.append(f"{topic}/{name} [{mode}] timed out")
            if len(res["signalsSent"]) != len(meta.get("signals", [])):
                problems.append(f"{topic}/{name} [{mode}] sent {res['signalsSent']}, "
                                f"expected {[s['name'] for s in meta.get('signals', [])]}")
            out = {
                "case": f"{topic}/{name}",
                "file": path.relative_to(ROOT).as_posix(),
                "mode": mode,
                "argv": meta.get("argv", []),
                "stdout": res["stdout"],
                # Object addresses vary from run to run: masked so regenerating does not churn.
                "stderr": re.sub(r" at 0x[0-9a-f]+", " at 0x...", res["stderr"]),
                "stderrLast": res["stderrLast"],
                "status": res["status"],
                "signal": res["signal"],
                "pythonVersion": version,
            }
            dest = EXPECTED / topic / f"{name}.{mode}.json"
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8",
                            errors="surrogateescape")
            written.add(dest)
            per_topic[topic] = per_topic.get(topic, 0) + 1
            sig = f" killed by {res['signal']}" if res["signal"] else ""
            print(f"{topic}/{name} [{mode}]: status {res['status']}{sig}"
                  f"  stderr: {res['stderrLast'][:70]!r}")

    if not a.filters and EXPECTED.exists():
        for stale in EXPECTED.rglob("*.json"):
            if stale not in written:
                stale.unlink()
                print(f"removed stale {stale.relative_to(ROOT)}")

    n_cases = len({(j[0], j[1]) for j in jobs})
    print()
    print(f"native python: {version}")
    print("per topic (case x mode runs): " +
          ", ".join(f"{t} {per_topic.get(t, 0)}" for t in sorted(per_topic)))
    print(f"wrote {len(written)} expectation files for {n_cases} cases "
          f"({sum(1 for j in jobs if j[4] == 'tty')} tty runs)")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
