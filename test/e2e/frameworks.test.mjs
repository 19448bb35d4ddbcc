// The framework pages (npm run test:frameworks, after npm run build): builds examples/react and examples/vue
// with Vite, serves them and examples/plain (the classic script bundle, no build) over HTTP, loads each in
// headless Chromium and checks that the widgets drew their figures from the page's CSV — the same service level
// as the CLI's report of that file in the same zone — that `sla-status-change` reached the page's listener, and
// that nothing logged an error. Also type-checks the pages against the generated React and Vue typings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TZ = 'America/New_York';
const CSV = join(root, 'examples/data/sample.csv');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.csv': 'text/csv', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };

let server;
let origin;
let browser;

before(async () => {
  if (!existsSync(join(root, 'dist/lib/sla-widgets.js')) || !existsSync(join(root, 'dist/cli/main.js'))) {
    throw new Error('dist/lib or dist/cli is missing: run `npm run build` first.');
  }
  const chrome = findChrome();
  if (!chrome) throw new Error(HOW_TO_GET_CHROME);
  for (const page of ['react', 'vue']) await build({ configFile: join(root, `examples/${page}/vite.config.mjs`), logLevel: 'warn' });
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The service level of the sample, by the CLI in the page's zone: the pages must show the same figure. */
function expectedServiceLevel() {
  const out = execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), 'report', CSV, '--tz', TZ, '--json'], { encoding: 'utf8' });
  return JSON.parse(out).totals.serviceLevel;
}

async function checkPage(path, { select = false } = {}) {
  const page = await browser.newPage();
  const problems = [];
  const workers = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'assert') problems.push(`console.${m.type()}: ${m.text()}`);
    if (/dev mode|multiple versions/i.test(m.text())) problems.push(`console.${m.type()}: ${m.text()}`); // lit's development build or two copies
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('workercreated', (w) => workers.push(w.url()));
  try {
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    // The figures: a meter with a number in the first gauge, rows in the board, the page's listener called.
    await page.waitForFunction(() => {
      const g = document.querySelector('sla-gauge')?.shadowRoot;
      const meter = g?.querySelector('[part="meter"][role="meter"]');
      const value = g?.querySelector('[part="value"]')?.textContent ?? '';
      const rows = document.querySelector('sla-queue-board')?.shadowRoot?.querySelectorAll('tbody tr').length ?? 0;
      const status = document.getElementById('status')?.textContent ?? '';
      return !!meter && /\d/.test(value) && rows > 0 && /^serviceLevel: (ok|warn|breach)$/.test(status.trim());
    }, { timeout: 30_000 }).catch(async (e) => {
      const state = await page.evaluate(() => ({
        gauge: document.querySelector('sla-gauge')?.shadowRoot?.innerHTML.slice(0, 600),
        status: document.getElementById('status')?.textContent,
      })).catch(() => null);
      throw new Error(`${path}: the widgets did not render (${e.message}); ${JSON.stringify(state)}; ${problems.join(' | ')}`);
    });
    const seen = await page.evaluate(() => {
      const g = document.querySelector('sla-gauge');
      const meter = g.shadowRoot.querySelector('[part="meter"]');
      return {
        valueNow: Number(meter.getAttribute('aria-valuenow')),
        valueText: meter.getAttribute('aria-valuetext'),
        status: g.getAttribute('status'),
        queues: [...document.querySelector('sla-queue-board').shadowRoot.querySelectorAll('tbody th[scope="row"]')].map((th) => th.textContent.trim()),
        asa: document.querySelectorAll('sla-gauge')[1].shadowRoot.querySelector('[part="value"]').textContent.trim(),
        rowStatuses: [...document.querySelector('sla-queue-board').shadowRoot.querySelectorAll('tbody tr')].map((tr) => tr.dataset.status),
        event: document.getElementById('status').textContent.trim(),
        // The classic script's global, for hosts that hand in their own worker (strict CSP).
        global: typeof window.SlaWidgets === 'object' ? Object.keys(window.SlaWidgets).sort() : null,
      };
    });
    if (select) {
      // The framework sets a new target as a property: the status follows, and no event fires (the page did it).
      await page.select('select', '0.9');
      await page.waitForFunction(() => document.querySelector('sla-gauge').target === 0.9 && document.querySelector('sla-gauge').getAttribute('status') === 'breach', { timeout: 10_000 });
      seen.afterSelect = await page.evaluate(() => document.getElementById('status').textContent.trim());
    }
    return { seen, problems, workers };
  } finally {
    await page.close();
  }
}

const pages = [
  ['plain (classic script bundle)', '/examples/plain/index.html', /\/dist\/lib\/engine\.worker\.js$/, false],
  ['React 19', '/dist/examples/react/index.html', /\/dist\/examples\/react\/assets\/engine\.worker-[\w-]+\.js$/, true],
  ['Vue 3', '/dist/examples/vue/index.html', /\/dist\/examples\/vue\/assets\/engine\.worker-[\w-]+\.js$/, true],
];

for (const [name, path, workerPattern, select] of pages) {
  test(`${name}: widgets render the sample's figures, the status event arrives, no console errors`, async () => {
    const sl = expectedServiceLevel();
    const { seen, problems, workers } = await checkPage(path, { select });
    assert.deepEqual(problems, [], `${path} logged errors`);
    assert.ok(Math.abs(seen.valueNow - sl) < 1e-9, `service level ${seen.valueNow} on the page, ${sl} from the CLI`);
    assert.match(seen.valueText, /^Service level 80\/20: \d+(\.\d)?%, target at least 80(\.0)?%/);
    assert.ok(['ok', 'warn', 'breach'].includes(seen.status));
    assert.deepEqual([...seen.queues].map((q) => q.replace(/ · .*$/, '')).sort(), ['Billing', 'Retention', 'Sales', 'Support']);
    assert.match(seen.asa, /\d/);
    // The board's thresholds went in as a property: its rows have statuses.
    assert.ok(seen.rowStatuses.length === 4 && seen.rowStatuses.every((st) => ['ok', 'warn', 'breach'].includes(st)), `row statuses ${seen.rowStatuses}`);
    assert.equal(seen.event, `serviceLevel: ${seen.status}`);
    if (select) assert.equal(seen.afterSelect, seen.event, 'setting the target as a property fired sla-status-change');
    if (!select) for (const name of ['SlaGauge', 'SlaQueueBoard', 'SlaSource', 'pageEngine', 'setPageEngine', 'EngineClient']) assert.ok(seen.global?.includes(name), `SlaWidgets.${name}`);
    assert.ok(workers.some((u) => workerPattern.test(new URL(u).pathname)), `the engine worker came from ${workers.join(', ') || 'nowhere'}`);
  });
}

test('the React and Vue typings type the pages and reject wrong props', () => {
  const tsc = (files, extra = []) => spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '--ignoreConfig', '--strict', '--target', 'es2022', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--skipLibCheck', '--noUncheckedSideEffectImports', 'false', '--types', '', '--lib', 'es2023,dom,dom.iterable', ...extra, ...files], { cwd: root, encoding: 'utf8' });
  const pagesOk = tsc(['examples/react/main.tsx', 'examples/react/App.tsx'], ['--jsx', 'react-jsx']);
  assert.equal(pagesOk.status, 0, pagesOk.stdout + pagesOk.stderr);
  // Wrong types must fail: a string for a number, a detail field that does not exist (React and Vue).
  const dir = join(root, 'dist/examples/typecheck');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'react.tsx'), `import type {} from 'sla-widgets/react';
export const ok = <sla-gauge target={0.8} metric="asa" onsla-status-change={(e) => e.detail.metric} />;
// @ts-expect-error a number property
export const badType = <sla-gauge target="x" />;
// @ts-expect-error the detail has no such field
export const badDetail = <sla-gauge onsla-status-change={(e) => e.detail.nope} />;
`);
  writeFileSync(join(dir, 'vue.ts'), `import type {} from 'sla-widgets/vue';
import type { GlobalComponents } from 'vue';
type Props = InstanceType<GlobalComponents['sla-gauge']>['$props'];
export const ok: Props = { target: 0.8, onSlaStatusChange: (e) => e.detail.metric };
// @ts-expect-error a number property
export const bad: Props = { target: 'x' };
`);
  const checks = tsc([join(dir, 'react.tsx'), join(dir, 'vue.ts')], ['--jsx', 'react-jsx']);
  assert.equal(checks.status, 0, checks.stdout + checks.stderr);
});
