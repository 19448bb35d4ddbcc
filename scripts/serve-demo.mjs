// A small static server for the built demo (dist/demo): right MIME types, no caching of the app shell by the
// HTTP cache (the service worker keeps it), and a strict Content-Security-Policy on every page — the kit must
// run under one in a vendor's portal, so the demo runs under one too.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.map': 'application/json',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/**
 * The policy: scripts, styles, workers and data only from this origin — nothing leaves the machine from the
 * portal and offline pages; the wallboard may also open the stream it is given (`connect`: WebSocket, SSE or
 * NDJSON origins). No inline scripts anywhere (the widgets' styles are constructable stylesheets, which a
 * style-src policy does not block).
 */
export function contentSecurityPolicy(connect = []) {
  return [
    "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'",
    "worker-src 'self'", `connect-src 'self' ${connect.join(' ')}`.trim(), "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'",
    // Trusted Types on: the kit's worker comes through its `sla-widgets` policy, lit's templates through `lit-html`.
    "require-trusted-types-for 'script'", 'trusted-types sla-widgets lit-html sla-demo',
  ].join('; ');
}

/** Serves `root` on host:port (0: any free port). Resolves to { url, port, close() }. */
export async function serveDemo({ root = 'dist/demo', port = 8080, host = '127.0.0.1', connect = ['ws:', 'wss:', 'http:', 'https:'] } = {}) {
  const base = resolve(root);
  if (!existsSync(join(base, 'index.html'))) throw new Error(`${root}/index.html is missing: run npm run build:demo first`);
  const strict = contentSecurityPolicy();
  const wallboard = contentSecurityPolicy(connect);
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400); res.end('bad path\n'); return;
    }
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) { res.writeHead(403); res.end('forbidden\n'); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end(`not found: ${path}\n`); return; }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': file.endsWith('wallboard.html') ? wallboard : strict } : {}),
      // The service worker controls the whole demo, from its own folder.
      ...(path.endsWith('/sw.js') ? { 'Service-Worker-Allowed': '/' } : {}),
    });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok, fail) => { server.once('error', fail); server.listen(port, host, ok); });
  const actual = server.address().port;
  return {
    port: actual,
    url: `http://${host}:${actual}/`,
    close: () => new Promise((ok) => { for (const s of sockets) s.destroy(); server.close(() => ok()); }),
  };
}
