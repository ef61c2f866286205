/** The program's working directory as the host keeps it: changes as they happen, and a copy at the end. */
import type { WorkFile } from '../protocol';
import type { WorkerEnvironment } from './types';

/**
 * Reports each file of the working directory as it is closed, renamed or
 * deleted, so what a program saved survives even if it is killed later
 * (SIGKILL, Stop): what reached the "disk" stays, as it does natively.
 */
export function watchFiles(env: WorkerEnvironment, FS: any, cwd: string, programFile: string): void {
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  const rel = (path: string): string | null =>
    path.startsWith(prefix) && path !== programFile ? path.slice(prefix.length) : null;
  // FS.readFile opens and closes the file itself: without this guard, reading a
  // closed file would report its own close, and so on until the stack overflows.
  let reading = false;
  const report = (path: string) => {
    const r = rel(path);
    if (r === null || reading) return;
    reading = true;
    try {
      const stat = FS.stat(path);
      if (FS.isFile(stat.mode)) env.post({ type: 'file-changed', path: r, data: FS.readFile(path) });
    } catch {
      /* gone again already */
    } finally {
      reading = false;
    }
  };
  const gone = (path: string) => {
    const r = rel(path);
    if (r !== null) env.post({ type: 'file-changed', path: r, data: null });
  };
  const delegate = FS.trackingDelegate as Record<string, unknown>;
  delegate.onCloseFile = (path: string) => report(path);
  delegate.onDeletePath = (path: string) => gone(path);
  delegate.onMovePath = (from: string, to: string) => {
    gone(from);
    report(to);
  };
}

/** Copies of every file below `dir` (the browser's disk persists between runs). */
export function collectFiles(FS: any, dir: string, skip: string): WorkFile[] {
  const out: WorkFile[] = [];
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = FS.readdir(abs);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === '.' || name === '..') continue;
      const a = `${abs}/${name}`;
      const r = rel ? `${rel}/${name}` : name;
      if (a === skip) continue;
      const stat = FS.stat(a);
      if (FS.isDir(stat.mode)) walk(a, r);
      else if (FS.isFile(stat.mode) && out.length < 200) out.push({ path: r, data: FS.readFile(a) });
    }
  };
  walk(dir, '');
  return out;
}
