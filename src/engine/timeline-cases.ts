/**
 * Programs that check the cleanup timeline against native python3, shared by the
 * engine's test (`src/hosts/node/timeline.test.ts`) and the panel's
 * (`e2e/timeline.spec.ts`). Each prints a marker at every cleanup step it reaches
 * ("[finally]", "[context-exit] Name.__exit__", "[atexit] name"): native `python3 -E`
 * prints the true order, and the timeline must name the same steps in that order.
 *
 * Test data only (no Node or DOM APIs), so both test runners can import it. The
 * e2e test clicks lines by number: keep the line numbers of CONDITIONAL_WITH and
 * HARD_STOP as they are.
 */

/** Handlers registered in a loop; argv[1] is a comma-separated list (`f...` names register close_file). */
export const LOOP_HANDLERS = `import atexit, sys

def make(name):
    def handler():
        print("[atexit]", "make.<locals>.handler")
    return handler

def close_file(name):
    print("[atexit]", "close_file")

names = sys.argv[1].split(",") if len(sys.argv) > 1 and sys.argv[1] else []
for n in names:
    if n.startswith("f"):
        atexit.register(close_file, n)
    else:
        atexit.register(make(n))
atexit.register(print, "[atexit] print")
sys.exit(len(names))
`;

/** A `with` entered only on some branches; argv[1] is none, lock or both. `with Lock():` is line 18, the finally body line 25. */
export const CONDITIONAL_WITH = `import sys

class Lock:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("[context-exit] Lock.__exit__")

class Transaction:
    def __enter__(self):
        return self
    def __exit__(self, exc_type, exc, tb):
        print("[context-exit] Transaction.__exit__")

def step(kind):
    try:
        if kind in ("lock", "both"):
            with Lock():
                if kind == "both":
                    with Transaction():
                        sys.exit(2)
                sys.exit(1)
        sys.exit(0)
    finally:
        print("[finally]")

step(sys.argv[1])
`;

/**
 * `stop` runs in a try whose finally body is line 24, inside a with, called from a
 * module-level try/finally, with two atexit handlers registered and 14 bytes of output
 * unflushed. After a hard stop there (`os._exit(3)`, or a wait for a default-action
 * signal) the timeline lists as skipped what native python3 runs with `sys.exit(3)`.
 */
export const HARD_STOP = (stop: string): string => `import atexit, os, sys, time

class Guard:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        print("[context-exit] Guard.__exit__")

def first():
    print("[atexit] first")

def second():
    print("[atexit] second")

atexit.register(first)
atexit.register(second)

def inner():
    with Guard():
        try:
            print("pending output", end="")
            ${stop}
        finally:
            print("[finally]")

try:
    inner()
finally:
    print("[finally]")
`;

/** The "[...]" markers a run printed, in order (a marker may follow unfinished output on its line). */
export function markers(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((l) => l.includes('['))
    .map((l) => l.slice(l.indexOf('[')));
}
