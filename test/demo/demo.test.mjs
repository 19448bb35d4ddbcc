// End-to-end tests of the demo (npm run test:demo, part of npm test): the built demo (dist/demo) served as
// npm start serves it, a feed server like the one npm start runs, and headless Chromium (puppeteer-core on
// the found Chromium). Screenshots land in screenshots/ for people to look at.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';
import { serveDemo } from '../../scripts/serve-demo.mjs';
import { startFeedServer } from '../../dist/feed/server.js';
import { analyzeText, query, defaultDefinitions } from '../../dist/engine/index.js';

const SHOTS = 'screenshots';
mkdirSync(SHOTS, { recursive: true });
const chrome = findChrome();
if (!chrome) throw new Error(HOW_TO_GET_CHROME);

let browser, demo, feed;
const errors = new Map(); // page → console errors and page errors

/** A page that records every console error, uncaught error and failed request. */
async function open(path, { width = 1400, height = 1000 } = {}) {
  const page = await browser.newPage();
  await page.setViewport({ width, height });
  const list = [];
  errors.set(page, list);
  page.on('console', (m) => { if (m.type() === 'error') list.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => list.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => { if (!r.url().startsWith('data:')) list.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); });
  await page.goto(demo.url + path, { waitUntil: 'load' });
  return page;
}

const until = (page, fn, arg, timeout = 30000) => page.waitForFunction(fn, { timeout, polling: 100 }, arg);

before(async () => {
  // Live contacts for the wallboard: four queues, a few contacts a second, heartbeats every half second.
  const t0 = Date.now() - 3600_000;
  const queues = ['Billing', 'Claims', 'Sales', 'Support'];
  const contacts = Array.from({ length: 20000 }, (_, i) => {
    const arrived = t0 + i * 1500;
    const wait = (i * 7) % 50;
    return i % 9
      ? { id: `W${i}`, queue: queues[i % 4], arrived, answered: arrived + wait * 1000, ended: arrived + (wait + 180) * 1000, outcome: 'answered', wait, talk: 180 }
      : { id: `W${i}`, queue: queues[i % 4], arrived, ended: arrived + wait * 1000, outcome: 'abandoned', wait };
  });
  feed = await startFeedServer({ contacts, rate: 40, port: 0, host: '127.0.0.1', heartbeatMs: 500, control: true });
  demo = await serveDemo({ port: 0 });
  browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
});

after(async () => {
  await browser?.close();
  await feed?.close();
  await demo?.close().catch(() => {});
});

const control = (action) => fetch(`${feed.url}/control?action=${action}`, { method: 'POST' }).then((r) => assert.ok(r.ok, `control ${action}: HTTP ${r.status}`));

describe('the demo', () => {
  it('every page loads with no console errors', async () => {
    for (const path of ['index.html', 'portal.html', 'portal-script.html', 'offline.html', `wallboard.html?stream=ws://127.0.0.1:${feed.port}/ws`]) {
      const page = await open(path);
      // Each page's widgets are defined and have rendered.
      await until(page, () => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('sla-')).every((e) => customElements.get(e.localName) && (e.localName === 'sla-source' || e.shadowRoot)));
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(errors.get(page), [], `${path}: ${errors.get(page).join('\n')}`);
      await page.close();
    }
  });

  it('the wallboard updates from the feed, says "stale" when it stops, and recovers when it resumes', async () => {
    const page = await open(`wallboard.html?stream=ws://127.0.0.1:${feed.port}/ws&stale=2&rotate=0`, { width: 1920, height: 1080 });
    // Live (or 'recovered', had the first connection taken longer than the 2 s stale limit).
    await until(page, () => ['live', 'recovered'].includes(document.getElementById('connection').dataset.state));
    // Figures arrive and move: the all-queues gauge gets a value, then another contact changes the offered count.
    await until(page, () => document.getElementById('gauge-all').value !== null);
    const offered0 = await page.evaluate(() => document.querySelector('sla-source').datasetHandle().then((d) => d.view({})).then((v) => v.totals.offered));
    await until(page, (n) => document.querySelector('sla-source').datasetHandle().then((d) => d.view({})).then((v) => v.totals.offered > n), offered0);
    // A gauge per queue appears.
    await until(page, () => document.querySelectorAll('#gauges sla-gauge').length === 5);
    // This feed replays faster than the wall clock: the header says the feed's own time (the alerts' clock) too.
    await until(page, () => !document.getElementById('feed-clock').hidden);
    const [wall, fed, feedNow] = await page.evaluate(() => document.querySelector('sla-source').datasetHandle().then((d) => d.view({}))
      .then((v) => [document.getElementById('clock').textContent, document.getElementById('feed-clock').textContent, v.live.now]));
    assert.match(fed, /^feed time \w{3} \d\d:\d\d( [AP]M)?$/);
    assert.ok(Math.abs(feedNow - Date.now()) > 120_000, `shown only when the clocks are apart: feed ${new Date(feedNow).toISOString()}`);
    assert.notEqual(fed.slice('feed time '.length), wall);
    await new Promise((r) => setTimeout(r, 2500));
    await page.screenshot({ path: join(SHOTS, 'wallboard-1920x1080.png') });

    await control('pause');
    await until(page, () => document.getElementById('connection').dataset.state === 'stale', undefined, 15000);
    assert.match(await page.$eval('#connection', (e) => e.textContent), /STALE · no data since \d\d:\d\d:\d\d/);
    await until(page, () => document.getElementById('gauge-all').getAttribute('state') === 'stale', undefined, 10000);
    await page.screenshot({ path: join(SHOTS, 'wallboard-stale.png') });

    await control('resume');
    await until(page, () => ['recovered', 'live'].includes(document.getElementById('connection').dataset.state), undefined, 15000);
    assert.match(await page.$eval('#connection', (e) => e.textContent), /LIVE/);
    await until(page, () => document.getElementById('gauge-all').getAttribute('state') === 'ready', undefined, 10000);

    // In the background (another tab in front) it keeps up: figures keep arriving while the tab is hidden.
    const other = await browser.newPage();
    await other.bringToFront();
    await until(page, () => document.visibilityState === 'hidden', undefined, 10000);
    const seen = await page.evaluate(() => document.getElementById('gauge-all').updatedAt);
    await until(page, (t) => document.getElementById('gauge-all').updatedAt > t + 1000, seen, 15000);
    await other.close();
    await page.bringToFront();

    // The other board: the queue board with a row per queue, and today's trend.
    await page.keyboard.press('ArrowRight');
    await until(page, () => document.body.dataset.board === 'board-queues');
    await until(page, () => document.getElementById('board').shadowRoot.querySelectorAll('tbody tr').length === 4);
    await new Promise((r) => setTimeout(r, 1500));
    await page.screenshot({ path: join(SHOTS, 'wallboard-queues-1920x1080.png') });
    assert.deepEqual(errors.get(page), []);
    await page.close();
  });

  it('the portal and the offline page on a phone (390 px): no sideways scroll, every widget within the screen', async () => {
    for (const path of ['portal.html', 'offline.html']) {
      const page = await open(path, { width: 390, height: 844 });
      await new Promise((r) => setTimeout(r, 2500)); // the sample's figures drawn
      const { scroll, widest } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        widest: [...document.querySelectorAll('*')].filter((e) => e.tagName.startsWith('SLA-')).map((e) => [e.tagName.toLowerCase(), Math.round(e.getBoundingClientRect().right)]).filter(([, r]) => r > 391),
      }));
      await page.screenshot({ path: join(SHOTS, `${path.replace('.html', '')}-390.png`), fullPage: true });
      assert.ok(scroll <= 391, `${path}: the page is ${scroll} px wide at 390`);
      assert.deepEqual(widest, [], `${path}: widgets past the screen's edge`);
      await page.close();
    }
  });

  it('the wallboard from the far side of the room: at 1920×1080 every queue name, target and status is 32 px or more (3 % of the height), on one line, the status in words', async () => {
    for (const [width, height] of [[1920, 1080], [3840, 2160]]) {
      const page = await open(`wallboard.html?stream=ws://127.0.0.1:${feed.port}/ws&rotate=0`, { width, height });
      await until(page, () => document.querySelectorAll('#gauges sla-gauge').length === 5 && [...document.querySelectorAll('#gauges sla-gauge')].every((g) => g.value !== null));
      await new Promise((r) => setTimeout(r, 1500));
      // Every text that names a figure or says how it stands: its font size, and whether it wraps.
      const measure = () => {
        const out = [];
        const look = (where, el, within) => {
          if (!el) return;
          const cs = getComputedStyle(el);
          const r = el.getBoundingClientRect(), w = within.getBoundingClientRect();
          const seen = r.top >= w.top - 1 && r.bottom <= w.bottom + 1 && r.left >= w.left - 1 && r.right <= w.right + 1;
          const size = parseFloat(cs.fontSize);
          const lineHeight = cs.lineHeight === 'normal' ? size * 1.25 : parseFloat(cs.lineHeight);
          const box = el.getBoundingClientRect().height - ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((n, k) => n + parseFloat(cs[k]), 0);
          const lines = Math.round(box / lineHeight);
          out.push({ where, text: el.textContent.trim(), size, lines, seen });
        };
        for (const g of document.querySelectorAll('#gauges sla-gauge')) {
          for (const p of ['label', 'target', 'status']) look(`gauge ${p}`, g.shadowRoot.querySelector(`[part="${p}"]`), document.getElementById('gauges'));
        }
        const board = document.getElementById('board').shadowRoot;
        const host = document.getElementById('board');
        for (const th of board.querySelectorAll('tbody th')) look('board queue', th, host);
        for (const th of board.querySelectorAll('thead th')) look('board column', th, host);
        return out;
      };
      const seen = (await page.evaluate(measure)).filter((m) => m.where.startsWith('gauge'));
      await page.screenshot({ path: join(SHOTS, `wallboard-type-${width}x${height}.png`) });
      await page.keyboard.press('ArrowRight');
      await until(page, () => document.getElementById('board').shadowRoot.querySelectorAll('tbody tr').length === 4);
      await new Promise((r) => setTimeout(r, 1000));
      seen.push(...(await page.evaluate(measure)).filter((m) => m.where.startsWith('board')));
      await page.screenshot({ path: join(SHOTS, `wallboard-type-queues-${width}x${height}.png`) });
      const least = (3 / 100) * height;
      assert.ok(seen.filter((m) => m.where === 'gauge status').length >= 1, 'statuses shown in words');
      for (const m of seen) {
        assert.ok(m.size >= least - 0.5, `${width}×${height}: ${m.where} "${m.text}" is ${m.size.toFixed(1)} px, under ${least} px`);
        assert.ok(m.seen, `${width}×${height}: ${m.where} "${m.text}" is cut off (outside its box)`);
        // Column headings may take two lines; names, targets and statuses never.
        if (m.where !== 'board column') assert.equal(m.lines, 1, `${width}×${height}: ${m.where} "${m.text}" wraps onto ${m.lines} lines`);
      }
      await page.close();
    }
  });

  it('the wallboard refuses a ?stream= on another host that the page does not list, and says so', async () => {
    const page = await open('wallboard.html?stream=wss://feeds.example.invalid/ws');
    await until(page, () => document.getElementById('feed-url').dataset.refused !== undefined);
    assert.match(await page.evaluate(() => document.getElementById('feed-url').textContent), /^stream refused: wss:\/\/feeds\.example\.invalid\/ws/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(errors.get(page).filter((e) => /feeds\.example\.invalid/.test(e)), [], 'no request to the host it was pointed at');
    await page.close();
  });

  it('the portal: its CSS does not reach inside the widgets, and the widgets do not change the page', async () => {
    // The host page alone (no script: no widgets defined) — what its own elements look like.
    const bare = await browser.newPage();
    await bare.setJavaScriptEnabled(false);
    await bare.setViewport({ width: 1400, height: 1000 });
    await bare.goto(demo.url + 'portal.html');
    const hostLook = () => ['#host-table td', '#host-table caption', '#host-button', '.sidebar h2', '.lead'].map((sel) => {
      const e = document.querySelector(sel);
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return { sel, font: s.font, padding: s.padding, color: s.color, bg: s.backgroundColor, transform: s.textTransform, w: Math.round(r.width), h: Math.round(r.height) };
    });
    const before = await bare.evaluate(hostLook);
    await bare.close();

    for (const path of ['portal.html', 'portal-script.html']) {
      const page = await open(path);
      await until(page, () => document.getElementById('scorecard').shadowRoot?.querySelector('table tbody tr') && document.getElementById('g-sl').value !== null);
      // The widgets left the host's own elements as they were.
      assert.deepEqual(await page.evaluate(hostLook), before, `${path}: host elements changed once the widgets loaded`);
      assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0, 'the kit adds no document-wide styles');

      // The host's global rules (tables, buttons, svg, italics, line-height …) do not reach inside: the widgets'
      // insides measure the same with the host stylesheet on and off; the theme (custom properties) does reach.
      const inside = () => {
        // Styles of elements inside the widgets, and the sizes of those whose size is the widget's own (the
        // table and the chart fill the column the host's layout gives them, so only their styles count).
        const pick = (el, sel, size) => {
          const e = el.shadowRoot.querySelector(sel);
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          return [el.id, sel, s.fontFamily, s.fontSize, s.fontStyle, s.fontWeight, s.lineHeight, s.letterSpacing, s.textTransform, s.textAlign, s.padding, s.borderTopWidth, s.backgroundColor, s.color, ...(size ? [Math.round(r.width), Math.round(r.height)] : [])].join(' | ');
        };
        const g = document.getElementById('g-sl'), sc = document.getElementById('scorecard'), tr = document.getElementById('trend');
        return [pick(g, '[part="value"]', true), pick(g, 'svg', true), pick(g, '[part="label"]', true), pick(sc, 'table td'), pick(sc, 'table th'), pick(sc, 'button', true), pick(tr, 'svg')];
      };
      const withHost = await page.evaluate(inside);
      await page.evaluate(() => { document.getElementById('host-css').disabled = true; });
      await new Promise((r) => setTimeout(r, 300));
      const withoutHost = await page.evaluate(inside);
      assert.deepEqual(withHost, withoutHost, `${path}: the host's CSS changed the widgets' insides`);
      assert.match(withHost[0], /Trebuchet MS/, 'the portal theme reaches the gauge through --sla-font-family');
      // The daily trend is drawn at the size the page gives the tag.
      await until(page, () => (document.getElementById('trend').shadowRoot.querySelector('svg [part="line"], svg path')?.getBoundingClientRect().height ?? 0) > 0);
      assert.ok(await page.evaluate(() => document.getElementById('trend').shadowRoot.querySelector('svg').getBoundingClientRect().height) > 150, 'the trend has its height');
      await page.evaluate(() => { document.getElementById('host-css').disabled = false; });
      if (path === 'portal.html') {
        await new Promise((r) => setTimeout(r, 500));
        await page.screenshot({ path: join(SHOTS, 'portal.png'), fullPage: true });
      } else {
        assert.equal(await page.$eval('#kit-kind', (e) => e.textContent), 'single <script> bundle');
      }
      assert.deepEqual(errors.get(page), []);
      await page.close();
    }
  });

  it('the offline demo, through its file input: a vendor export detected with no help, outcome values mapped in the page, a mapping file loaded, and a read whose engine died ends in an error that "Read again" mends', async () => {
    // A browser context of its own: its storage (and the page's last dataset) stays out of the other tests.
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const list = [];
    errors.set(page, list);
    page.on('pageerror', (e) => list.push(`pageerror: ${e.message}`));
    await page.goto(demo.url + 'offline.html', { waitUntil: 'load' });
    await until(page, () => document.getElementById('drop').shadowRoot.querySelector('input[type="file"]'));
    // The page enforces Trusted Types (its CSP): a script URL without a policy is refused, and the kit's worker,
    // made through its own policy, starts all the same (everything below reads in it).
    assert.equal(await page.evaluate(() => { try { document.createElement('script').src = 'x.js'; return 'allowed'; } catch { return 'refused'; } }), 'refused');
    const drop = (sel) => `document.getElementById('drop').shadowRoot.querySelector(${JSON.stringify(sel)})`;
    const clickIn = (sel) => page.evaluate(`${drop(sel)}.click()`);
    const stepIs = (step) => until(page, (s) => document.getElementById('drop').step === s, step, 60000);
    const upload = async (path) => {
      await page.evaluate(`${drop('[data-action="another"]')}?.click()`);
      await stepIs('pick');
      const input = await page.evaluateHandle(drop('input[type="file"]'));
      await input.uploadFile(path);
      await stepIs('mapping');
    };

    // 1. A Five9 call log, no mapping: the page says what it read it as, and the figures are the truth set's.
    const { truth } = await import('../fixtures/vendors/truth.mjs');
    const queued = truth().filter((c) => c.kind === 'queue' && (c.outcome === 'answered' || c.outcome === 'abandoned')).length;
    await upload('test/fixtures/vendors/five9-call-log.csv');
    assert.match(await page.evaluate(`${drop('.step')}.textContent`), /Five9 Call Log report/);
    await clickIn('[data-action="confirm"]');
    await until(page, (n) => document.getElementById('g-offered').value === n, queued, 60000);

    // 2. Outcome values in the file's own words, mapped in the page.
    const words = join(SHOTS, 'bank-words.csv');
    writeFileSync(words, 'id,queue,arrived,wait,result\nb1,Q,2026-03-02T09:00:00Z,12,AGENT\nb2,Q,2026-03-02T09:01:00Z,40,HANG\nb3,Q,2026-03-02T09:02:00Z,3,AGENT\nb4,Q,2026-03-02T09:03:00Z,0,IVR\n');
    await upload(words);
    await page.evaluate(`(() => { const sel = ${drop('tr[data-field="outcome"] select')}; sel.focus(); sel.value = [...sel.options].find((o) => o.textContent.trim() === 'result').value; sel.dispatchEvent(new Event('change')); })()`);
    await until(page, () => document.getElementById('drop').shadowRoot.querySelector('select[data-outcome-value="HANG"]'));
    for (const [value, choice] of [['AGENT', 'answered'], ['HANG', 'abandoned'], ['IVR', 'apart']]) {
      await page.evaluate(`(() => { const sel = ${drop(`select[data-outcome-value="${value}"]`)}; sel.value = ${JSON.stringify(choice)}; sel.dispatchEvent(new Event('change')); })()`);
    }
    await clickIn('[data-action="confirm"]');
    await until(page, () => document.getElementById('g-offered').value === 3, undefined, 30000);
    assert.match(await page.evaluate(`${drop('[part="identity"]')}.textContent`), /^4 rows read = 4 accepted \+ 0 rejected/);

    // 3. A mapping file loaded in the page (the JSON --map takes).
    const desks = join(SHOTS, 'desks.csv');
    writeFileSync(desks, 'Begin,Desk,Result,Secs\n2026-03-02T09:00:00Z,North,answered,12\n2026-03-02T09:01:00Z,South,abandoned,40\n');
    const mapFile = join(SHOTS, 'desks.mapping.json');
    writeFileSync(mapFile, JSON.stringify({ preset: 'custom', fields: { arrived: 'Begin', queue: 'Desk', outcome: 'Result', wait: 'Secs' } }));
    await upload(desks);
    const mapInput = await page.evaluateHandle(drop('input[data-action="load-mapping"]'));
    await mapInput.uploadFile(mapFile);
    await until(page, () => /is in use/.test(document.getElementById('drop').shadowRoot.querySelector('[part="mapping-file"] [role="status"]')?.textContent ?? ''));
    await clickIn('[data-action="confirm"]');
    await until(page, () => document.getElementById('g-offered').value === 2, undefined, 30000);

    // 4. The engine dies mid-read: an error, never a spinner; "Read again" then reads the file.
    const { generateContactsCsv } = await import('../../dist/sample/generate.js');
    const big = join(SHOTS, 'big-read.csv');
    writeFileSync(big, [...generateContactsCsv({ contacts: 300_000, seed: 'e2e-kill' })].join(''));
    await upload(big);
    await clickIn('[data-action="confirm"]');
    await until(page, () => (document.getElementById('drop').progress?.rows ?? 0) > 0, undefined, 30000);
    const workers = page.workers();
    assert.ok(workers.length > 0, 'the engine runs in a worker');
    for (const w of workers) await w.evaluate(() => self.close()).catch(() => undefined);
    await stepIs('error');
    assert.match(await page.evaluate(`${drop('[part="error"]')}.textContent`), /engine stopped while it read the file/);
    await clickIn('[data-action="retry"]');
    await stepIs('summary');
    assert.match(await page.evaluate(`${drop('[part="identity"]')}.textContent`), /^300,000 rows read = 300,000 accepted \+ 0 rejected/);
    await page.screenshot({ path: join(SHOTS, 'offline-any-export.png'), fullPage: true });
    assert.deepEqual(list, []);
    await context.close();
  });

  it('the offline demo takes an upload through its file input, then shows the same totals after a reload with the server stopped', async () => {
    const file = 'dist/demo/samples/offline-october.csv';
    const text = readFileSync(file, 'utf8');
    const expected = query(analyzeText(text).parts, defaultDefinitions('America/New_York')).totals;
    const rowsRead = text.trim().split('\n').length - 1;
    const page = await open('offline.html');
    await until(page, () => navigator.serviceWorker.controller !== null && document.getElementById('net').dataset.state === 'ready');
    const input = await page.evaluateHandle(() => document.getElementById('drop').shadowRoot.querySelector('input[type="file"]'));
    await input.uploadFile(file);
    await until(page, () => document.getElementById('drop').shadowRoot.querySelector('[data-action="confirm"]'));
    await page.evaluate(() => document.getElementById('drop').shadowRoot.querySelector('[data-action="confirm"]').click());
    await until(page, () => document.getElementById('g-offered').value !== null && document.body.dataset.dataset);
    const figures = () => ({
      offered: document.getElementById('g-offered').value,
      serviceLevel: document.getElementById('g-sl').value,
      asa: document.getElementById('g-asa').value,
      abandonRate: document.getElementById('g-ab').value,
    });
    const shown = await page.evaluate(figures);
    assert.equal(shown.offered, expected.offered);
    assert.equal(shown.serviceLevel, expected.serviceLevel);
    assert.equal(shown.asa, expected.asa);
    assert.equal(shown.abandonRate, expected.abandonRate);
    await until(page, () => document.getElementById('scorecard').shadowRoot.querySelector('table tbody tr'));
    await until(page, () => document.getElementById('trend').shadowRoot.querySelector('svg')?.getBoundingClientRect().height > 150);
    await until(page, () => document.getElementById('drop').shadowRoot.querySelector('[part="identity"]'));
    assert.match(await page.evaluate(() => document.getElementById('drop').shadowRoot.querySelector('[part="identity"]').textContent), new RegExp(`^${rowsRead.toLocaleString('en-US')} rows read = ${rowsRead.toLocaleString('en-US')} accepted \\+ 0 rejected`));
    await new Promise((r) => setTimeout(r, 1000));
    await page.screenshot({ path: join(SHOTS, 'offline-after-upload.png'), fullPage: true });

    // The demo server goes away: the page comes back from the service worker, the figures from IndexedDB.
    await demo.close();
    const reply = await page.reload({ waitUntil: 'load' });
    assert.ok(reply === null || reply.fromServiceWorker(), 'the page came from the service worker');
    await until(page, () => document.getElementById('g-offered').value !== null);
    assert.deepEqual(await page.evaluate(figures), shown);
    await until(page, () => document.getElementById('scorecard').shadowRoot.querySelector('table tbody tr'));

    // Two more small files, still offline: every widget moves to each, the scorecard too (two small files reach
    // the same dataset version — a widget must not take the second for "nothing new").
    const lines = text.split('\n');
    const upload = async (name, rows) => {
      const f = join(SHOTS, name);
      writeFileSync(f, [lines[0], ...rows].join('\n'));
      await page.evaluate(() => document.getElementById('drop').shadowRoot.querySelector('[data-action="another"]')?.click());
      await until(page, () => document.getElementById('drop').shadowRoot.querySelector('input[type="file"]'));
      const input = await page.evaluateHandle(() => document.getElementById('drop').shadowRoot.querySelector('input[type="file"]'));
      await input.uploadFile(f);
      await until(page, () => document.getElementById('drop').shadowRoot.querySelector('[data-action="confirm"]'));
      await page.evaluate(() => document.getElementById('drop').shadowRoot.querySelector('[data-action="confirm"]').click());
      await until(page, () => document.getElementById('drop').shadowRoot.querySelector('[part="identity"]'));
      const want = query(analyzeText([lines[0], ...rows].join('\n')).parts, defaultDefinitions('America/New_York')).totals.offered;
      await until(page, (n) => document.getElementById('g-offered').value === n, want);
    };
    const values = () => page.evaluate(() => JSON.stringify(document.getElementById('scorecard').scorecard?.metrics.map((m) => m.value)));
    const whole = await values();
    await upload('small-1.csv', lines.slice(1, 41));
    await until(page, (b) => { const s = document.getElementById('scorecard'); return s.state === 'ready' && JSON.stringify(s.scorecard?.metrics.map((m) => m.value)) !== b; }, whole, 15000);
    const first = JSON.parse(await values());
    await upload('small-2.csv', lines.slice(41, 81));
    await until(page, (b) => { const s = document.getElementById('scorecard'); return s.state !== 'loading' && JSON.stringify(s.scorecard?.metrics.map((m) => m.value)) !== JSON.stringify(b); }, first, 15000);
    assert.deepEqual(errors.get(page).filter((e) => !/ERR_CONNECTION_REFUSED/.test(e)), []);
    await page.close();
  });
});
