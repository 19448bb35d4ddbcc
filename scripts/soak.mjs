// The wallboard soak run (npm run soak; not in CI): the built demo's wallboard, fed by the feed server at 10×
// speed, in headless Chromium at 1920×1080 for 30 minutes (--minutes N). Every minute: the page's JS heap
// after a forced collection, and the events applied; all the while, every main-thread task over 50 ms.
// Prints the start and end heap, the growth, and the longest task; writes bench/out/soak.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from './find-chrome.mjs';
import { serveDemo } from './serve-demo.mjs';
import { startFeedServer } from '../dist/feed/server.js';
import { ContactIngest } from '../dist/engine/index.js';
import { generateContactsCsv } from '../dist/sample/generate.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const MINUTES = arg('minutes', 30);
const SPEED = arg('speed', 10);
const chrome = findChrome();
if (!chrome) { console.error(HOW_TO_GET_CHROME); process.exit(2); }

// One generated day (seeded), replayed at SPEED× from its first contact: 30 minutes at 10× is 5 hours of the day.
const contacts = [];
const ingest = new ContactIngest({ inputTimeZone: 'UTC', onContact: (c) => contacts.push({ ...c }) });
for (const chunk of generateContactsCsv({ contacts: 40000, seed: 'soak', days: 1, start: '2026-03-02', queues: 8, timeZone: 'UTC' })) ingest.push(chunk);
ingest.end();
// From 08:00 of the generated day (the quiet night would make a dull first hour).
const from = Date.UTC(2026, 2, 2, 8);
const busy = contacts.filter((c) => c.arrived >= from);
const feed = await startFeedServer({ contacts: busy, speed: SPEED, port: 0, host: '127.0.0.1', heartbeatMs: 2000 });
const demo = await serveDemo({ port: 0 });
const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: [...CHROME_FLAGS, '--enable-precise-memory-info'] });
const page = await browser.newPage();
await page.setViewport({ width: 1920, height: 1080 });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.evaluateOnNewDocument(() => {
  window.__longTasks = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(`${demo.url}wallboard.html?stream=ws://127.0.0.1:${feed.port}/ws&rotate=20&tz=UTC`);
await page.waitForFunction(() => document.getElementById('connection').dataset.state === 'live', { timeout: 60000 });
await new Promise((r) => setTimeout(r, 15000)); // settle: every queue seen, every gauge made
const cdp = await page.createCDPSession();
const heap = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
};
const offered = () => page.evaluate(() => document.querySelector('sla-source').datasetHandle().then((d) => d.view({})).then((v) => v.totals?.offered ?? 0));
const t0 = await page.evaluate(() => performance.now());
const samples = [{ minute: 0, heapMB: (await heap()) / 1e6, offered: await offered() }];
console.log(`soak: wallboard at ${SPEED}× for ${MINUTES} min — minute 0: heap ${samples[0].heapMB.toFixed(2)} MB`);
for (let m = 1; m <= MINUTES; m++) {
  await new Promise((r) => setTimeout(r, 60_000));
  const s = { minute: m, heapMB: (await heap()) / 1e6, offered: await offered(), state: await page.$eval('#connection', (e) => e.dataset.state) };
  samples.push(s);
  console.log(`  minute ${m}: heap ${s.heapMB.toFixed(2)} MB · ${s.offered} contacts offered so far · ${s.state}`);
}
const tasks = await page.evaluate((from) => window.__longTasks.filter((t) => t.at >= from), t0);
await page.screenshot({ path: 'bench/out/soak-wallboard.png' });
await browser.close();
await feed.close();
await demo.close();
const first = samples[0].heapMB, last = samples[samples.length - 1].heapMB;
const half = samples.slice(Math.floor(samples.length / 2)).map((s) => s.heapMB);
const longest = tasks.length ? Math.max(...tasks.map((t) => t.ms)) : 0;
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/soak.json', JSON.stringify({ date: new Date().toISOString(), minutes: MINUTES, speed: SPEED, samples, longTasks: tasks, errors }, null, 2));
console.log(`
soak: ${MINUTES} min at ${SPEED}× — heap ${first.toFixed(2)} MB at the start, ${last.toFixed(2)} MB at the end (${(last - first >= 0 ? '+' : '')}${(last - first).toFixed(2)} MB; second half ${Math.min(...half).toFixed(2)}–${Math.max(...half).toFixed(2)} MB)
  ${tasks.length ? `longest main-thread task ${longest.toFixed(0)} ms` : 'no main-thread task over 50 ms (the Long Tasks API reported none)'} (goal < 50 ms) ${longest < 50 ? 'PASS' : 'MISS'} · ${tasks.length} tasks over 50 ms · ${errors.length} page errors
  contacts offered by the end: ${samples[samples.length - 1].offered} · results: bench/out/soak.json · screenshot: bench/out/soak-wallboard.png`);
