/**
 * The Node.js runtime of the page: a small adapter over `@webcontainer/api` (pinned 1.6.4).
 *
 * A WebContainer is StackBlitz's Node.js made of WebAssembly, running in the page. It is
 * optional and must never get in Python's way: nothing here is loaded or booted until a Node
 * lesson is run or the shell is opened, and every failure ends in a state the panel can show.
 *
 *   const node = getNodeRuntime();                  // one per page
 *   node.onStateChange((s) => panel.show(s));       // idle → booting → ready | unavailable
 *   const run = node.run(source, ['3'], { cols, rows, onOutput: (text) => term.write(text) });
 *   stopButton.onclick = () => run.kill();
 *   term.onData((data) => run.write(data));         // keys, Ctrl+C ('\x03') included
 *   const status = await run.exit;                  // rejects with NodeRuntimeUnavailableError
 *
 * Boot. `WebContainer.boot()` loads an iframe from StackBlitz's servers. Offline it neither
 * resolves nor rejects, and every later `boot()` on the page waits on the same promise until
 * the page is reloaded. So `boot()` here is raced against a timeout (default and maximum 20 s)
 * and the real `boot()` is called at most once per adapter, whatever happens: after a hang, a
 * timeout or an error the state stays `unavailable` (the reason says to reload the page). A boot
 * that resolves after the timeout is still adopted: the state then moves on to `ready`.
 * Before booting, the page is checked for what a WebContainer needs: `SharedArrayBuffer`
 * (unsupported browser), `crossOriginIsolated` (COOP/COEP headers) and `navigator.onLine`.
 *
 * Running. `run()` writes the source to `main.js` in the WebContainer's working directory with
 * `fs.writeFile(path, Uint8Array)` (not `mount()`: a mounted tree is serialised, larger and
 * slower) and spawns `node main.js ARGS...` on a pseudo-terminal of the given size. The output
 * is the terminal's: stdout and stderr mixed, in arrival order, with `\r\n` line ends and
 * whatever ANSI sequences the program or Node writes (the page strips them for the transcript).
 * Files persist between runs for the whole page, like a disk, so `node main.js; node main.js`
 * sees what the first run left.
 *
 * What a WebContainer cannot do (as of @webcontainer/api 1.6.x; not verified live here):
 * - Signals: the API has no way to send a named signal. `kill()` does not say which signal it
 *   sends, or what exit code the process then reports, and it has been reported not to stop a
 *   program stuck in a busy loop (`while (true) {}`): the JavaScript thread never yields.
 *   `sendSignal('SIGINT')` types Ctrl+C (`\x03`) into the terminal, as a person would; whether
 *   the WebContainer's terminal turns that into SIGINT for `process.on('SIGINT')` is not
 *   documented. SIGTERM, SIGHUP and SIGUSR1/2 cannot be sent to a running `node main.js` from
 *   outside (inside `jsh`, its `kill` command may reach a background job).
 * - Exit statuses after a signal: 128+N, as a Linux shell reports, is not promised.
 * - Versions: the Node.js version is StackBlitz's choice, not the local `node` that
 *   `exitlab check` verifies the lessons with.
 * - Network: booting needs StackBlitz's servers; offline there is no Node runtime at all.
 *
 * One file: it is the one adapter over `@webcontainer/api`; boot, the time limit, processes
 * and signal delivery share the one WebContainer and its state.
 */
import type { WebContainer, WebContainerProcess } from '@webcontainer/api';
import type { SendableSignal } from '../../engine/protocol';

/** Default and maximum time `boot()` may take before the runtime is declared unavailable. */
export const MAX_BOOT_TIMEOUT_MS = 20_000;

/** The file every run writes and runs. */
export const MAIN_FILE = 'main.js';

/** Why the Node runtime cannot be used on this page. */
export type UnavailableReason = 'offline' | 'timeout' | 'no-isolation' | 'unsupported-browser' | 'boot-error';

export type NodeRuntimeState =
  | { state: 'idle' }
  | { state: 'booting' }
  | { state: 'ready' }
  | {
      state: 'unavailable';
      reason: UnavailableReason;
      /** One sentence: what went wrong. */
      message: string;
      /** One sentence: what the user can do about it. */
      action: string;
      /** The error's own text, for `boot-error`. */
      detail?: string;
    };

/** The part of `WebContainer`'s static side the adapter uses: `WebContainer` itself fits. */
export interface WebContainerClass {
  boot(options?: { coep?: 'require-corp' | 'credentialless' | 'none'; workdirName?: string }): Promise<WebContainerLike>;
}

/** The part of a booted `WebContainer` the adapter uses (a real one fits; tests pass a fake). */
export type WebContainerLike = Pick<WebContainer, 'spawn' | 'teardown'> & {
  fs: Pick<WebContainer['fs'], 'writeFile'>;
};

/** The part of a spawned process the adapter uses. */
export type ProcessLike = Pick<WebContainerProcess, 'exit' | 'input' | 'output' | 'kill' | 'resize'>;

/** What the page offers a WebContainer; read from `globalThis` unless given. */
export interface PageEnvironment {
  crossOriginIsolated: boolean | undefined;
  hasSharedArrayBuffer: boolean;
  /** `navigator.onLine`; `false` is taken as offline, anything else as "maybe online". */
  onLine: boolean | undefined;
}

export interface NodeRuntimeOptions {
  /**
   * The WebContainer class, or a loader for it. Default: `import('@webcontainer/api')`, so that
   * pages that never run Node never load the package. Tests pass a fake.
   */
  WebContainer?: WebContainerClass | (() => Promise<WebContainerClass>);
  /** Boot time limit in ms (default 20 000; larger values are cut to 20 000). */
  bootTimeoutMs?: number;
  /** Overrides what is read from `globalThis` (tests). */
  environment?: Partial<PageEnvironment>;
  /** COEP mode passed to `boot()`; the page's own header must match (default `require-corp`). */
  coep?: 'require-corp' | 'credentialless';
  /** How long `exit` waits for the last output after the process has ended (default 250 ms). */
  outputGraceMs?: number;
}

export interface RunOptions {
  /** Terminal size for the pseudo-terminal. */
  cols: number;
  rows: number;
  /** Terminal output as it arrives (stdout and stderr mixed, `\r\n` line ends). */
  onOutput(text: string): void;
  /** Extra environment variables for the process. */
  env?: Record<string, string>;
}

/** What `sendSignal` could do: type Ctrl+C, call `kill()` (signal unspecified), or nothing. */
export type SignalDelivery = 'ctrl-c' | 'kill' | 'unsupported';

export interface ProcessHandle {
  /**
   * The exit code the WebContainer reports. Rejects with `NodeRuntimeUnavailableError` when the
   * runtime cannot boot, and with the error itself when writing the file or spawning fails.
   * After `kill()` the code is whatever the WebContainer reports (not necessarily 137); a
   * `kill()` before the process was spawned spawns nothing and gives 137.
   */
  readonly exit: Promise<number>;
  /** Resolves when the process has been spawned (a `timeout`'s clock starts here). */
  readonly started: Promise<void>;
  /** Stops the process with the WebContainer's `kill()` (see the module notes for its limits). */
  kill(): void;
  /** Types into the terminal: text, `\r` for Enter, `\x03` for Ctrl+C, `\x04` for Ctrl+D. */
  write(input: string): void;
  /** The best the WebContainer can do for a signal; the UI says what it did. */
  sendSignal(signal: SendableSignal): SignalDelivery;
  resize(cols: number, rows: number): void;
}

export interface NodeRuntime {
  state(): NodeRuntimeState;
  /** Calls `listener` on every change (not with the current state); returns an unsubscribe. */
  onStateChange(listener: (state: NodeRuntimeState) => void): () => void;
  /**
   * Boots on first call, raced against the time limit; later calls return the same promise or
   * the settled state. Never rejects, never boots twice.
   */
  boot(): Promise<NodeRuntimeState>;
  /** Writes `source` to `main.js` and runs `node main.js ...args` (booting first if needed). */
  run(source: string, args: readonly string[], options: RunOptions): ProcessHandle;
  /** Starts an interactive `jsh` shell on a pseudo-terminal (booting first if needed). */
  openShell(options: RunOptions): ProcessHandle;
}

/** Thrown (as `exit`'s rejection) when the runtime is unavailable; carries the state. */
export class NodeRuntimeUnavailableError extends Error {
  readonly state: Extract<NodeRuntimeState, { state: 'unavailable' }>;
  constructor(state: Extract<NodeRuntimeState, { state: 'unavailable' }>) {
    super(`${state.message} ${state.action}`);
    this.name = 'NodeRuntimeUnavailableError';
    this.state = state;
  }
}

const PYTHON_OK = 'Python lessons keep working.';

/** The panel's text for each reason: one sentence for what went wrong, one for what to do. */
export function unavailable(
  reason: UnavailableReason,
  opts: { timeoutMs?: number; detail?: string } = {},
): Extract<NodeRuntimeState, { state: 'unavailable' }> {
  const seconds = Math.round((opts.timeoutMs ?? MAX_BOOT_TIMEOUT_MS) / 1000);
  switch (reason) {
    case 'offline':
      return {
        state: 'unavailable',
        reason,
        message: 'The Node.js runtime cannot start because this browser is offline: it loads from StackBlitz’s servers.',
        action: `Connect to the internet and reload the page to try again; ${PYTHON_OK}`,
      };
    case 'timeout':
      return {
        state: 'unavailable',
        reason,
        message: `The Node.js runtime did not start within ${seconds} seconds: StackBlitz’s servers, which it loads from, could not be reached.`,
        action: `Check your connection (a firewall or a blocker may stop stackblitz.com) and reload the page to try again; ${PYTHON_OK}`,
      };
    case 'no-isolation':
      return {
        state: 'unavailable',
        reason,
        message: 'The Node.js runtime needs a cross-origin isolated page, and this page was served without the COOP and COEP headers.',
        action: `Open Exit Lab from a server that sends Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp (npm start does); ${PYTHON_OK}`,
      };
    case 'unsupported-browser':
      return {
        state: 'unavailable',
        reason,
        message: 'This browser cannot run the Node.js runtime: it has no SharedArrayBuffer.',
        action: `Use a recent Chrome or Edge, where StackBlitz’s WebContainers are best supported; ${PYTHON_OK}`,
      };
    case 'boot-error': {
      const detail = opts.detail ?? 'unknown error';
      return {
        state: 'unavailable',
        reason,
        message: `The Node.js runtime failed to start (${detail}).`,
        action: `Reload the page to try again; ${PYTHON_OK}`,
        detail,
      };
    }
  }
}

function readEnvironment(override: Partial<PageEnvironment> = {}): PageEnvironment {
  const g = globalThis as { crossOriginIsolated?: boolean; navigator?: { onLine?: boolean } };
  return {
    crossOriginIsolated: 'crossOriginIsolated' in override ? override.crossOriginIsolated : g.crossOriginIsolated,
    hasSharedArrayBuffer: override.hasSharedArrayBuffer ?? typeof SharedArrayBuffer !== 'undefined',
    onLine: 'onLine' in override ? override.onLine : g.navigator?.onLine,
  };
}

/** What the page lacks for a WebContainer, or null when it may boot. */
export function checkEnvironment(env: PageEnvironment): UnavailableReason | null {
  // Browsers hide SharedArrayBuffer from pages that are not isolated: say "headers" then.
  if (env.crossOriginIsolated === false) return 'no-isolation';
  if (!env.hasSharedArrayBuffer) return 'unsupported-browser';
  if (env.onLine === false) return 'offline';
  return null;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const defaultLoader = async (): Promise<WebContainerClass> => (await import('@webcontainer/api')).WebContainer;

export function createNodeRuntime(options: NodeRuntimeOptions = {}): NodeRuntime {
  const timeoutMs = Math.max(0, Math.min(options.bootTimeoutMs ?? MAX_BOOT_TIMEOUT_MS, MAX_BOOT_TIMEOUT_MS));
  const graceMs = options.outputGraceMs ?? 250;
  const coep = options.coep ?? 'require-corp';
  const source = options.WebContainer ?? defaultLoader;
  const loadClass = (): Promise<WebContainerClass> =>
    typeof source === 'function' ? (source as () => Promise<WebContainerClass>)() : Promise.resolve(source);

  let current: NodeRuntimeState = { state: 'idle' };
  let container: WebContainerLike | null = null;
  let booting: Promise<NodeRuntimeState> | null = null;
  const listeners = new Set<(s: NodeRuntimeState) => void>();

  const setState = (next: NodeRuntimeState): void => {
    current = next;
    for (const l of [...listeners]) l(next);
  };

  function boot(): Promise<NodeRuntimeState> {
    if (booting) return booting;
    const problem = checkEnvironment(readEnvironment(options.environment));
    if (problem) {
      setState(unavailable(problem));
      booting = Promise.resolve(current);
      return booting;
    }
    setState({ state: 'booting' });
    booting = new Promise<NodeRuntimeState>((settle) => {
      let settled = false;
      const finish = (next: NodeRuntimeState): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        setState(next);
        settle(next);
      };
      const timer = setTimeout(() => finish(unavailable('timeout', { timeoutMs })), timeoutMs);
      // Called once: the loader and the real boot() are both inside the race.
      loadClass()
        .then((cls) => cls.boot({ coep, workdirName: 'exitlab' }))
        .then(
          (wc) => {
            container = wc;
            if (settled) {
              // A late boot: the panel said "unavailable"; now it can say "ready".
              if (current.state === 'unavailable' && current.reason === 'timeout') setState({ state: 'ready' });
            } else {
              finish({ state: 'ready' });
            }
          },
          (err: unknown) => finish(unavailable('boot-error', { detail: message(err) })),
        );
    });
    return booting;
  }

  /** Boots if needed, then hands over the container or throws the unavailable state. */
  async function ready(): Promise<WebContainerLike> {
    const s = container ? current : await boot();
    if (container) return container;
    if (s.state === 'unavailable') throw new NodeRuntimeUnavailableError(s);
    // Not reached: boot() settles as ready (with a container) or unavailable.
    throw new NodeRuntimeUnavailableError(unavailable('boot-error', { detail: `unexpected state ${s.state}` }));
  }

  function startProcess(
    prepare: (wc: WebContainerLike) => Promise<ProcessLike>,
    opts: RunOptions,
  ): ProcessHandle {
    let proc: ProcessLike | null = null;
    let writer: WritableStreamDefaultWriter<string> | null = null;
    let killed = false;
    let size = { cols: opts.cols, rows: opts.rows };
    const pendingInput: string[] = [];
    let markStarted: () => void = () => {};
    const started = new Promise<void>((r) => (markStarted = r));

    const send = (text: string): void => {
      if (!writer) {
        pendingInput.push(text);
        return;
      }
      writer.write(text).catch(() => {}); // the process may have ended: typed input is dropped
    };

    const exit = (async (): Promise<number> => {
      const wc = await ready();
      if (killed) return 128 + 9; // Stopped before it was spawned: nothing ran; report SIGKILL's 137
      const p = await prepare(wc);
      proc = p;
      if (size.cols !== opts.cols || size.rows !== opts.rows) p.resize(size);
      markStarted();
      if (killed) p.kill();
      const outputDone = p.output
        .pipeTo(new WritableStream<string>({ write: (chunk) => opts.onOutput(chunk) }))
        .catch(() => {});
      writer = p.input.getWriter();
      for (const text of pendingInput.splice(0)) send(text);
      const code = await p.exit;
      // The last output may still be in flight: wait for the stream to end, briefly.
      await Promise.race([outputDone, new Promise<void>((r) => setTimeout(r, graceMs))]);
      writer.releaseLock();
      return code;
    })();
    // A run that never starts still "starts", so that nothing waits on it forever.
    exit.then(
      () => markStarted(),
      () => markStarted(),
    );

    return {
      exit,
      started,
      kill() {
        killed = true;
        proc?.kill();
      },
      write: send,
      sendSignal(signal) {
        if (signal === 'SIGINT') {
          send('\x03');
          return 'ctrl-c';
        }
        if (signal === 'SIGKILL') {
          killed = true;
          proc?.kill();
          return 'kill';
        }
        return 'unsupported';
      },
      resize(cols, rows) {
        size = { cols, rows };
        proc?.resize(size);
      },
    };
  }

  return {
    state: () => current,
    onStateChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    boot,
    run(programSource, args, opts) {
      return startProcess(async (wc) => {
        await wc.fs.writeFile(MAIN_FILE, new TextEncoder().encode(programSource));
        return wc.spawn('node', [MAIN_FILE, ...args], {
          terminal: { cols: opts.cols, rows: opts.rows },
          ...(opts.env ? { env: opts.env } : {}),
        });
      }, opts);
    },
    openShell(opts) {
      return startProcess(
        (wc) =>
          wc.spawn('jsh', [], {
            terminal: { cols: opts.cols, rows: opts.rows },
            ...(opts.env ? { env: opts.env } : {}),
          }),
        opts,
      );
    },
  };
}

let pageRuntime: NodeRuntime | null = null;

/**
 * The page's boot time limit from its address, `?nodeBootTimeoutMs=3000` (tests use a short one;
 * values above 20 000 are cut to 20 000), or undefined for the default.
 */
export function bootTimeoutFromQuery(search: string | undefined): number | undefined {
  if (!search) return undefined;
  const raw = new URLSearchParams(search).get('nodeBootTimeoutMs');
  const ms = raw === null ? NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * The page's one Node runtime (created on first use with the real `@webcontainer/api`, loaded
 * lazily). A WebContainer can be booted once per page: always go through this.
 */
export function getNodeRuntime(): NodeRuntime {
  if (pageRuntime === null) {
    const bootTimeoutMs = bootTimeoutFromQuery((globalThis as { location?: { search?: string } }).location?.search);
    pageRuntime = createNodeRuntime(bootTimeoutMs !== undefined ? { bootTimeoutMs } : {});
  }
  return pageRuntime;
}
