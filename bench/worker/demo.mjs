// The offline demo's own page, as a person uses it (npm run bench:worker, part 5): the file handed to the drop's
// real file input, the mapping confirmed with its button, the gauges watched until they show figures so far and
// then the whole file's; then the page reloaded, and the same figures found again from the cache. Each run in a
// fresh browser context (an empty IndexedDB: every run reads the file).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.csv': 'text/csv', '.webmanifest': 'application/manifest+json' };

/** Serves the built demo (dist/demo). */
export async function serveDemo(root = 'dist/demo') {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = join(root, path === '/' ? 'index.html' : path.slice(1));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Waits in the page until `fn` (a string of a function body returning a value) is truthy; resolves to that value. */
function until(page, body, timeout = 120_000) {
  return page.waitForFunction(new Function(body), { timeout, polling: 'raf' }).then((h) => h.jsonValue());
}

/** One run: drop, confirm, first figures, final figures, reload, figures again. Times in ms. */
export async function demoRun(browser, base, csvPath, { profileDir = null } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  // With profileDir: a CPU profile of every thread of the reading (the page, its engine worker and the helpers
  // that worker starts, which are nested workers no debugger session of the page reaches), from the browser's
  // trace, written when the reading ends.
  try {
    await page.goto(`${base}/offline.html`);
    await until(page, "const d = document.getElementById('drop'); return d && d.shadowRoot && d.shadowRoot.querySelector('input[type=file]') && customElements.get('sla-gauge');");
    // The moment the file is handed over: the input's change event, in the page's own clock.
    await page.evaluate(() => {
      const input = document.getElementById('drop').shadowRoot.querySelector('input[type=file]');
      input.addEventListener('change', () => { window.__dropAt = performance.now(); }, { once: true, capture: true });
    });
    const input = await page.evaluateHandle(() => document.getElementById('drop').shadowRoot.querySelector('input[type=file]'));
    await input.uploadFile(csvPath);
    const mappingAt = await until(page, "const d = document.getElementById('drop'); return d.step === 'mapping' && d.shadowRoot.querySelector('[data-action=confirm]') ? performance.now() : 0;");
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    const taskTime = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    const busyBefore = await taskTime();
    if (profileDir) await page.tracing.start({ categories: ['disabled-by-default-v8.cpu_profiler'] });
    const t = await page.evaluate(() => {
      const at = performance.now();
      document.getElementById('drop').shadowRoot.querySelector('[data-action=confirm]').click();
      return { drop: window.__dropAt, confirm: at };
    });
    const firstAt = await until(page, "const g = document.getElementById('g-offered'); return g.value > 0 ? performance.now() : 0;");
    const finalAt = await until(page, "const g = document.getElementById('g-offered'); const d = document.getElementById('drop'); return g.value > 0 && g.partial === null && g.state === 'ready' && d.step === 'summary' ? performance.now() : 0;");
    // The page's main thread while the file was read: its time, against the reading's.
    const pageBusyMs = ((await taskTime()) - busyBefore) * 1000;
    const offered = await page.evaluate(() => document.getElementById('g-offered').value);
    // Kept for after a reload (the demo opens the last dataset again from the cache, with no parse): the drop
    // says so ("kept in this browser").
    await until(page, "const k = document.getElementById('drop').shadowRoot.querySelector('[data-kept]'); return k && k.getAttribute('data-kept') === 'kept' && localStorage.getItem('sla-widgets-demo:dataset') ? 1 : 0;");
    if (profileDir) {
      const { writeFileSync } = await import('node:fs');
      for (const [name, profile] of threadProfiles(JSON.parse(new TextDecoder().decode(await page.tracing.stop())))) {
        writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
      }
    }
    await page.reload();
    const reopenAt = await until(page, "const g = document.getElementById('g-offered'); return g && g.value > 0 && g.partial === null ? performance.now() : 0;");
    const again = await page.evaluate(() => document.getElementById('g-offered').value);
    const stored = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? null);
    return { pageBusyMs, firstLookMs: mappingAt - t.drop, firstFiguresMs: firstAt - t.confirm, finalMs: finalAt - t.confirm, reopenMs: reopenAt, offered, again, storedBytes: stored };
  } finally {
    await context.close();
  }
}

/**
 * A trace's CPU profiles, one per profiled thread, as .cpuprofile objects (for bench/engine/profile-summary.mjs),
 * named by thread and by how many samples it has: the trace sends each profile's nodes and samples in chunks.
 */
function threadProfiles(trace) {
  const byId = new Map();
  for (const e of trace.traceEvents ?? trace) {
    if (e.name !== 'Profile' && e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}:${e.id}`;
    let p = byId.get(key);
    if (!p) byId.set(key, (p = { tid: e.tid, nodes: new Map(), samples: [], timeDeltas: [], startTime: 0 }));
    const d = e.args?.data ?? {};
    if (e.name === 'Profile') { p.startTime = d.startTime ?? 0; continue; }
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, { id: n.id, callFrame: n.callFrame, parent: n.parent, children: [] });
    p.samples.push(...(d.cpuProfile?.samples ?? []));
    p.timeDeltas.push(...(d.timeDeltas ?? []));
  }
  const out = [];
  for (const p of byId.values()) {
    if (p.samples.length < 10) continue;
    for (const n of p.nodes.values()) if (n.parent !== undefined) p.nodes.get(n.parent)?.children.push(n.id);
    const endTime = p.startTime + p.timeDeltas.reduce((a, b) => a + b, 0);
    const nodes = [...p.nodes.values()].map(({ parent, ...n }) => n);
    out.push([`thread-${p.tid}-${p.samples.length}-samples`, { nodes, samples: p.samples, timeDeltas: p.timeDeltas, startTime: p.startTime, endTime }]);
  }
  return out;
}
