#!/usr/bin/env node
// The `exitlab` command. The TypeScript sources are bundled into dist-cli/ by
// `npm install` (the prepare script); a fresh checkout without it builds once here.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist-cli', 'exitlab.mjs');
if (!existsSync(entry)) {
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { main } = await import(entry);
await main(process.argv.slice(2));
