/**
 * A FAKE engine for developing the page without Pyodide. It understands a tiny
 * subset of Python, one top-level statement per line, ignoring indentation:
 * `print("literal")` (also `file=sys.stderr`), `input("prompt")`,
 * `sys.exit(N)`, `os._exit(N)`, `raise Name("msg")`, `time.sleep(s)`,
 * `while True:` (waits for a signal), `open("f", "w").write("text")`.
 * Everything else is skipped. Never used by the real page: see ../engine-instance.ts.
 */
import type { Engine, EngineStatus, ProcessListener, PythonProcess } from '../../engine/process';
import { SIGNALS, type ExitRecord, type RunRequest, type SignalName, type WorkFile } from '../../engine/protocol';

const enc = new TextEncoder();
const dec = new TextDecoder();

function literal(args: string): string | null {
  const m = /^\s*(?:f?)(["'])(.*?)\1/.exec(args);
  return m ? (m[2] ?? '').replace(/\\n/g, '\n') : null;
}

export function createFakeEngine(opts: { bootMs?: number } = {}): Engine {
  const bootMs = opts.bootMs ?? 900;
  const interactive = typeof crossOriginIsolated === 'boolean' ? crossOriginIsolated : true;
  let status: EngineStatus = { state: 'booting', percent: 0, interactive };
  const listeners = new Set<(s: EngineStatus) => void>();
  const emit = (s: EngineStatus): void => {
    status = s;
    for (const l of listeners) l(s);
  };
  const started = Date.now();
  const timer = setInterval(() => {
    const percent = Math.min(100, Math.round(((Date.now() - started) / bootMs) * 100));
    if (percent >= 100) {
      clearInterval(timer);
      emit({
        state: 'ready',
        percent: 100,
        interactive,
        info: { pythonVersion: '3.14.2', pyodideVersion: '314.0.7 (fake)', fromSnapshot: false, bootMs, blocking: 'shared-memory' },
      });
    } else {
      emit({ ...status, percent });
    }
  }, 60);

  return {
    status: () => status,
    onStatus(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    spawn(request, listener) {
      return fakeProcess(request, listener);
    },
  };
}

function fakeProcess(request: RunRequest, listener: ProcessListener): PythonProcess {
  const files = new Map<string, Uint8Array>((request.files ?? []).map((f) => [f.path, f.data]));
  const stdin: (string | null)[] = [];
  let stdinWaiter: (() => void) | null = null;
  let signalWaiter: ((sig: SignalName) => void) | null = null;
  const pendingSignals: SignalName[] = [];
  let resolveExit!: (r: ExitRecord) => void;
  const exited = new Promise<ExitRecord>((r) => (resolveExit = r));
  let done = false;
  let buffered = ''; // pipe mode: block-buffered stdout

  const out = (text: string): void => {
    if (request.stdio.stdout) listener.stdout?.(enc.encode(text));
    else buffered += text;
  };
  const flush = (): void => {
    if (buffered) listener.stdout?.(enc.encode(buffered));
    buffered = '';
  };
  const finish = (record: ExitRecord, cleanly: boolean): void => {
    if (done) return;
    done = true;
    if (cleanly) flush();
    else if (buffered) record.lostBytes = enc.encode(buffered).length;
    listener.files?.([...files].map(([path, data]): WorkFile => ({ path, data })));
    resolveExit(record);
  };

  const nextSignal = (): Promise<SignalName> =>
    new Promise((resolve) => {
      const s = pendingSignals.shift();
      if (s) resolve(s);
      else signalWaiter = resolve;
    });

  const sleep = (ms: number): Promise<SignalName | null> =>
    Promise.race([new Promise<null>((r) => setTimeout(() => r(null), ms)), nextSignal()]);

  const onSignal = (sig: SignalName, line: number): void => {
    if (sig === 'SIGINT') {
      listener.stderr?.(
        enc.encode(`Traceback (most recent call last):\n  File "${request.filename}", line ${line}, in <module>\nKeyboardInterrupt\n`),
      );
      finish({ status: 130, cause: 'exception', type: 'KeyboardInterrupt', signal: 'SIGINT', line }, true);
    } else {
      finish({ status: 128 + SIGNALS[sig], cause: 'signal', signal: sig }, false);
    }
  };

  async function main(): Promise<void> {
    await new Promise((r) => setTimeout(r, 5));
    const lines = request.source.split('\n');
    for (let i = 0; i < lines.length && !done; i++) {
      const n = i + 1;
      const text = (lines[i] ?? '').trim();
      let m: RegExpExecArray | null;
      if ((m = /^print\((.*)\)$/.exec(text))) {
        const s = literal(m[1] ?? '');
        if (s === null) continue;
        if (/file\s*=\s*sys\.stderr/.test(m[1] ?? '')) listener.stderr?.(enc.encode(s + '\n'));
        else out(s + '\n');
      } else if ((m = /input\((.*)\)/.exec(text))) {
        out(literal(m[1] ?? '') ?? '');
        flush();
        listener.inputRequest?.();
        while (stdin.length === 0 && !done) {
          const got = await Promise.race([
            new Promise<'input'>((r) => (stdinWaiter = () => r('input'))),
            nextSignal(),
          ]);
          if (got !== 'input') onSignal(got, n);
        }
        if (done) return;
        const line = stdin.shift();
        if (line === null || line === undefined) {
          listener.stderr?.(enc.encode('EOFError\n'));
          finish({ status: 1, cause: 'exception', type: 'EOFError', line: n }, true);
        }
      } else if ((m = /^sys\.exit\((.*)\)$/.exec(text))) {
        const arg = (m[1] ?? '').trim();
        const num = /^-?\d+$/.test(arg) ? Number(arg) : null;
        if (num === null && arg !== '' && arg !== 'None') listener.stderr?.(enc.encode((literal(arg) ?? arg) + '\n'));
        const st = arg === '' || arg === 'None' ? 0 : num === null ? 1 : ((num % 256) + 256) % 256;
        finish({ status: st, cause: 'sys.exit', value: arg || 'None', line: n }, true);
      } else if ((m = /^os\._exit\((\d+)\)$/.exec(text))) {
        finish({ status: Number(m[1]), cause: 'os._exit', value: m[1], line: n }, false);
      } else if ((m = /^raise (\w+)\((.*)\)$/.exec(text))) {
        const msg = literal(m[2] ?? '') ?? '';
        listener.stderr?.(
          enc.encode(`Traceback (most recent call last):\n  File "${request.filename}", line ${n}, in <module>\n${m[1]}: ${msg}\n`),
        );
        finish({ status: 1, cause: 'exception', type: m[1], line: n }, true);
      } else if ((m = /^time\.sleep\(([\d.]+)\)$/.exec(text))) {
        const sig = await sleep(Number(m[1]) * 1000);
        if (sig) onSignal(sig, n);
      } else if (/^while True:/.test(text)) {
        onSignal(await nextSignal(), n + 1);
      } else if ((m = /^open\((["'])(.+?)\1,\s*["']w["']\)\.write\((.*)\)$/.exec(text))) {
        files.set(m[2] ?? 'out.txt', enc.encode(literal(m[3] ?? '') ?? ''));
      }
    }
    finish({ status: 0, cause: 'end' }, true);
  }
  void main();

  return {
    started: Promise.resolve(),
    sendSignal(sig) {
      if (done) return;
      if (sig === 'SIGKILL') {
        finish({ status: 137, cause: 'signal', signal: 'SIGKILL' }, false);
        return;
      }
      if (signalWaiter) {
        const w = signalWaiter;
        signalWaiter = null;
        w(sig);
      } else pendingSignals.push(sig);
    },
    writeStdin(data) {
      if (data === null) stdin.push(null);
      else for (const line of dec.decode(data).split(/(?<=\n)/)) stdin.push(line.replace(/\n$/, ''));
      const w = stdinWaiter;
      stdinWaiter = null;
      w?.();
    },
    exited,
  };
}
