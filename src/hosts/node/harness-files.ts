/** Reads the Python harness from disk for the Node host, with its content hash. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HarnessFiles } from '../../engine/worker-core';

export function harnessHash(files: Record<string, string>): string {
  const h = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    h.update(name).update('\0').update(files[name]!).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

export function readHarnessFiles(harnessDir: string): HarnessFiles {
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '__pycache__') continue;
      const abs = join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(abs, r);
      else if (entry.name.endsWith('.py')) files[r] = readFileSync(abs, 'utf8');
    }
  };
  walk(harnessDir, '');
  return { files, hash: harnessHash(files) };
}
