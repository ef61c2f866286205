/**
 * The last-stderr-line rule, by which a run's stderr is compared with native python3's (lesson
 * expectations, the fidelity corpus, the command's tests). `scripts/stderr_rule.py` is the same
 * rule on the native side; `compare.test.ts` runs both on the same samples.
 *
 * - the last line of stderr that is not blank, as written (a prompt's trailing space stays),
 *   not counting SyntaxWarning reports (the warning line and the indented source and caret lines under it);
 * - `[Errno N]` in place of every errno number (`[Errno 2]` natively is `[Errno 44]` in
 *   WebAssembly).
 */

const ERRNO = /\[Errno -?\d+\]/g;

export function maskErrno(line: string): string {
  return line.replace(ERRNO, '[Errno N]');
}

export function lastStderrLine(stderr: string): string | null {
  let last: string | null = null;
  let inWarning = false;
  for (const line of stderr.replace(/\r\n/g, '\n').split('\n')) {
    if (line.includes('SyntaxWarning')) {
      inWarning = true;
      continue;
    }
    if (inWarning && (line.startsWith(' ') || line.startsWith('\t'))) continue;
    inWarning = false;
    if (line.trim() !== '') last = line;
  }
  return last;
}
