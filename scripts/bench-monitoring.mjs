// node.monitoringOverheadRatio: a program making 10^6 Python calls, timed inside the
// program, with timeline events recorded versus without (EXITLAB_TIMELINE=0), same run.
// The calls happen after a caught SystemExit, so recording is active while they run.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PROGRAM = `
import sys, time
try:
    sys.exit(0)          # starts recording: the timeline is live from here on
except SystemExit:
    pass

def f(x):
    return x + 1

def work(n):
    total = 0
    for i in range(n):
        total = f(total)
    return total

start = time.perf_counter()
work(1_000_000)
print(time.perf_counter() - start)
`;

export async function monitoringOverhead(exitlab, work, runs = 5) {
  const file = join(work, 'calls.py');
  writeFileSync(file, PROGRAM);
  const env = (timeline) => {
    const e = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PYTHON')));
    e.EXITLAB_TIMELINE = timeline ? '1' : '0';
    return e;
  };
  const time = (timeline) => {
    const r = spawnSync('node', [exitlab, 'run', file], { env: env(timeline), encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return Number(r.stdout.trim());
  };
  const withEvents = [];
  const without = [];
  for (let i = 0; i < runs; i++) {
    without.push(time(false));
    withEvents.push(time(true));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return Math.round((median(withEvents) / median(without)) * 100) / 100;
}
