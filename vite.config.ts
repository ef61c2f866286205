import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { lessonsPlugin } from './src/lessons/vite-plugin';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Headers every response needs so the page is cross-origin isolated
 * (SharedArrayBuffer for stdin and signals). The same set is sent by
 * `scripts/serve.mjs` and listed in `public/_headers` for static hosts.
 */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Pyodide's runtime files, served from our own origin under `/pyodide/` (never a CDN). */
export const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];
const PYODIDE_DIR = join(root, 'node_modules', 'pyodide');

const MIME: Record<string, string> = {
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json; charset=utf-8',
};

/** Serves Pyodide's files at `/pyodide/*` in dev and emits them into `dist/pyodide/` in the build. */
function pyodideAssets(): Plugin {
  return {
    name: 'exitlab:pyodide-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        const m = /^\/pyodide\/([^/]+)$/.exec(url);
        const name = m?.[1];
        if (!name || !PYODIDE_FILES.includes(name)) return next();
        const file = join(PYODIDE_DIR, name);
        const ext = name.slice(name.lastIndexOf('.'));
        res.setHeader('Content-Type', MIME[ext] ?? 'application/octet-stream');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'no-cache');
        for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of PYODIDE_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `pyodide/${name}`,
          source: readFileSync(join(PYODIDE_DIR, name)),
        });
      }
    },
  };
}

/**
 * `coi-serviceworker.js` at the site's root, from the npm package: a top-level page with
 * neither JSPI nor cross-origin isolation (Firefox or Safari on a static host without
 * COOP/COEP) registers it, and it adds the headers to every response and reloads once.
 */
const COI_FILE = join(root, 'node_modules', 'coi-serviceworker', 'coi-serviceworker.min.js');
function coiServiceWorker(): Plugin {
  return {
    name: 'exitlab:coi-serviceworker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== '/coi-serviceworker.js') return next();
        res.setHeader('Content-Type', MIME['.js']!);
        res.end(readFileSync(COI_FILE));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'coi-serviceworker.js', source: readFileSync(COI_FILE) });
    },
  };
}

/**
 * `embed.js` at the site's root: the drop-in script for other sites' pages, bundled into one
 * file with a fixed name (pages load it by that name, from another origin, with CORS).
 */
const EMBED_SCRIPT = join(root, 'src', 'hosts', 'article', 'embed-script.ts');
async function bundleEmbedScript(minify: boolean): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [EMBED_SCRIPT], bundle: true, format: 'esm', target: 'es2022', minify, write: false, legalComments: 'none' });
  return out.outputFiles[0]!.text;
}
function embedScript(): Plugin {
  return {
    name: 'exitlab:embed-script',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] !== '/embed.js') return next();
        bundleEmbedScript(false).then(
          (code) => {
            res.setHeader('Content-Type', MIME['.js']!);
            res.setHeader('Access-Control-Allow-Origin', '*');
            res.end(code);
          },
          (err: unknown) => next(err),
        );
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed.js', source: await bundleEmbedScript(true) });
    },
  };
}

export default defineConfig({
  plugins: [react(), pyodideAssets(), coiServiceWorker(), embedScript(), lessonsPlugin()],
  server: {
    headers: ISOLATION_HEADERS,
  },
  preview: {
    headers: ISOLATION_HEADERS,
  },
  worker: {
    format: 'es',
  },
  resolve: {
    alias: [
      // monaco-yaml's worker imports Monaco's worker by its pre-0.55 deep path, which
      // monaco-editor's export map no longer resolves.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: join(root, 'node_modules', 'monaco-editor', 'esm', 'vs', '$1') },
    ],
  },
  optimizeDeps: {
    // Pyodide is loaded at run time from /pyodide/, never pre-bundled.
    exclude: ['pyodide'],
  },
  build: {
    target: 'es2022',
    // Monaco is large by nature; the editor chunk is expected to exceed the default warning.
    chunkSizeWarningLimit: 5000,
    assetsInlineLimit: 0,
    rollupOptions: {
      // The playground, and the embed view other sites put in an <iframe>.
      input: { main: join(root, 'index.html'), embed: join(root, 'embed.html') },
    },
  },
});
