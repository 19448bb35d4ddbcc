// What the benchmarks share: the generated contacts file (made once, by the CLI) and the page the browser
// benchmarks drive (the worker benchmark's page, its engine worker and the Papa Parse worker, served with a file).
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { closeSync, createReadStream, existsSync, openSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { extname, join } from 'node:path';

/** bench/out/contacts-N.csv, generated with the CLI (seed "bench") when it is not there yet. */
export function contactsFile(contacts) {
  const csv = `bench/out/contacts-${contacts}.csv`;
  if (!existsSync(csv)) {
    console.log(`generating ${csv} …`);
    const fd = openSync(csv, 'w');
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'generate', '--contacts', String(contacts), '--seed', 'bench'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) process.exit(1);
  }
  return csv;
}

/** Builds the benchmark page into `out` and serves it, with `dataFile` at /data.csv. Resolves to { base, close }. */
export async function servePage(out, dataFile) {
  await build({
    entryPoints: { page: 'bench/worker/page.ts', 'engine.worker': 'src/worker/engine.worker.ts', 'papa.worker': 'bench/worker/papa.worker.ts' },
    outdir: out, bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning',
  });
  writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="./page.js"></script>');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.csv': 'text/csv' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = path === '/data.csv' ? dataFile : join(out, path === '/' ? 'index.html' : path.slice(1));
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
