// Bundles the Node host (the `exitlab` command and its worker) into dist-cli/.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: {
    exitlab: join(root, 'src/hosts/node/cli.ts'),
    worker: join(root, 'src/hosts/node/worker.ts'),
    'bench-support': join(root, 'src/hosts/node/bench-support.ts'),
  },
  outdir: join(root, 'dist-cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
