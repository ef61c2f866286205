#!/usr/bin/env node
/**
 * A small static server for the built site (`dist/`), used by `npm start` and
 * the Playwright tests. Sends the cross-origin isolation headers the page needs
 * (COOP same-origin, COEP require-corp, CORP same-origin) on every response, and
 * `Access-Control-Allow-Origin: *` (other sites load `embed.js` with CORS).
 *
 *   node scripts/serve.mjs [--dir dist] [--port 5173] [--host 127.0.0.1] [--no-isolation]
 *
 * `--no-isolation` serves without those headers, as most static hosts do (GitHub Pages).
 *
 * PORT and HOST in the environment work too. Prints the URL once listening.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = resolve(arg('dir') ?? join(here, '..', 'dist'));
const port = Number(arg('port') ?? process.env.PORT ?? 5173);
const host = arg('host') ?? process.env.HOST ?? '127.0.0.1';

const isolate = !process.argv.includes('--no-isolation');
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

async function fileFor(urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const full = normalize(join(dir, path));
  if (full !== dir && !full.startsWith(dir + sep)) return null;
  try {
    const s = await stat(full);
    if (s.isFile()) return { full, size: s.size };
    if (s.isDirectory()) {
      const index = join(full, 'index.html');
      const si = await stat(index);
      if (si.isFile()) return { full: index, size: si.size };
    }
  } catch {
    // not found
  }
  return null;
}

const server = createServer(async (req, res) => {
  if (isolate) for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
  // Everything here is public and static; other sites' pages load embed.js as a module
  // script, which the browser fetches with CORS.
  res.setHeader('Access-Control-Allow-Origin', '*');
  // The embed view may be framed by pages that are cross-origin isolated themselves.
  if (isolate && /^\/embed\.(html|js)$/.test((req.url ?? '').split(/[?#]/)[0])) res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const urlPath = (req.url ?? '/').split('?')[0].split('#')[0];
  let found = await fileFor(urlPath);
  // Single-page app: unknown paths without an extension get index.html.
  if (!found && extname(urlPath) === '') found = await fileFor('/index.html');
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  const type = MIME[extname(found.full).toLowerCase()] ?? 'application/octet-stream';
  const hashed = urlPath.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(found.size),
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.full).pipe(res);
});

server.on('error', (err) => {
  console.error(`serve: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const addr = server.address();
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const p = typeof addr === 'object' && addr ? addr.port : port;
  console.log(`Exit Lab: serving ${dir} at http://${shownHost}:${p}/`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
