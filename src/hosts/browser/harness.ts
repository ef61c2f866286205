/** The Python harness bundled into the browser build (the same .py files the CLI reads). */
import type { HarnessFiles } from '../../engine/worker-core';

const modules = import.meta.glob('../../engine/harness/**/*.py', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const PREFIX = '../../engine/harness/';

export const harnessFiles: Record<string, string> = Object.fromEntries(
  Object.entries(modules).map(([path, text]) => [path.slice(PREFIX.length), text]),
);

/** Same hash as the Node host's (sha-256 over sorted names and contents, 16 hex digits). */
export async function harnessHash(files: Record<string, string> = harnessFiles): Promise<string> {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const name of Object.keys(files).sort()) {
    parts.push(enc.encode(name), new Uint8Array([0]), enc.encode(files[name]!), new Uint8Array([0]));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const all = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    all.set(p, off);
    off += p.length;
  }
  if (!globalThis.crypto?.subtle) return fnv1a64(all);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
}

/**
 * Outside a secure context (an http:// page that embeds the playground) there is no
 * crypto.subtle, and no Cache Storage to key either: any stable hash of the files will do.
 */
function fnv1a64(bytes: Uint8Array): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

export async function loadHarness(): Promise<HarnessFiles> {
  return { files: harnessFiles, hash: await harnessHash() };
}
