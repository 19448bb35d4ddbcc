// The demo's wallboard on an Asterisk PBX (npm run test:demo): the AMI simulator plays a generated session of
// calls happening now, `startAcdFeed({ from: 'asterisk-ami' })` turns Asterisk's events into the stream, and
// the real wallboard page in headless Chromium shows gauges and the queue board — then goes STALE when the PBX
// stops answering, because the feed sends heartbeats only while Asterisk does.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';
import { serveDemo } from '../../scripts/serve-demo.mjs';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { generateContactsCsv } from '../../dist/sample/generate.js';
import { ContactIngest } from '../../dist/engine/index.js';
import { asteriskCalls, startAsterisk } from '../helpers/acd/asterisk.mjs';

mkdirSync('screenshots', { recursive: true });
const chrome = findChrome();
if (!chrome) throw new Error(HOW_TO_GET_CHROME);
let browser, demo, pbx, feed;
// The board's zone: one where six hours ago and now fall on the same day, so that "today" holds the session.
const zone = ['UTC', 'Etc/GMT-12', 'Etc/GMT+12'].find((z) => {
  const day = (t) => new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
  return day(Date.now() - 6 * 3600_000) === day(Date.now() + 3600_000);
});

before(async () => {
  // A generated day's calls (3 queues), moved so that the session runs from an hour ago: today's figures.
  let csv = '';
  for (const c of generateContactsCsv({ contacts: 4000, seed: 'pbx-wallboard', days: 1, start: '2026-03-02', queues: 3 })) csv += c;
  const contacts = [];
  const ingest = new ContactIngest({ inputTimeZone: 'UTC', onContact: (c) => contacts.push({ ...c }) });
  ingest.push(csv);
  ingest.end();
  // From 9:00 in New York (the generator's zone), when the queues are busy.
  const calls = asteriskCalls(contacts).filter((c) => c.arrived >= Date.UTC(2026, 2, 2, 14, 0));
  const first = Math.min(...calls.map((c) => c.arrived));
  // From six hours ago: the replay (faster than real time) stays in the past, where the feed takes its times.
  const shift = Math.floor((Date.now() - 6 * 3600_000 - first) / 1000) * 1000;
  for (const c of calls) for (const k of ['arrived', 'answered', 'ended']) if (c[k] !== undefined) c[k] += shift;
  pbx = await startAsterisk({ calls, rate: 150 });
  feed = await startAcdFeed({ from: 'asterisk-ami', port: 0, heartbeatMs: 400, ami: { host: '127.0.0.1', port: pbx.port, username: pbx.username, secret: pbx.secret, pingMs: 400 }, log: () => {} });
  demo = await serveDemo({ port: 0 });
  browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
});

after(async () => {
  await browser?.close();
  await feed?.close();
  await pbx?.stop().catch(() => {});
  await demo?.close().catch(() => {});
});

const until = (page, fn, arg, timeout = 30000) => page.waitForFunction(fn, { timeout, polling: 100 }, arg);

it('the wallboard on Asterisk\'s AMI: gauges and the queue board from the PBX\'s own events; STALE when the PBX stops', async () => {
  const page = await browser.newPage();
  await page.setViewport({ width: 1920, height: 1080 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${demo.url}wallboard.html?stream=ws://127.0.0.1:${feed.port}/ws&stale=2&rotate=0&tz=${encodeURIComponent(zone)}`, { waitUntil: 'load' });
  await until(page, () => ['live', 'recovered'].includes(document.getElementById('connection').dataset.state));
  await until(page, () => document.getElementById('gauge-all').value !== null);
  // A gauge per queue (all queues and the three of the PBX), and agents by state from its member events.
  await until(page, () => document.querySelectorAll('#gauges sla-gauge').length === 4);
  const live = await page.evaluate(() => document.querySelector('sla-source').datasetHandle().then((d) => d.view({})).then((v) => ({ offered: v.totals.offered, agents: v.live.agents, rejected: v.live.events.rejected })));
  assert.ok(live.offered > 0);
  assert.equal(live.rejected, 0);
  assert.ok(live.agents.handling + live.agents.available > 0, `agents from the PBX: ${JSON.stringify(live.agents)}`);
  await page.keyboard.press('ArrowRight');
  await until(page, () => document.body.dataset.board === 'board-queues');
  await until(page, () => document.getElementById('board').shadowRoot.querySelectorAll('tbody tr').length === 3);
  const queues = await page.evaluate(() => [...document.getElementById('board').shadowRoot.querySelectorAll('tbody tr th')].map((th) => th.textContent.trim().split(/\s/)[0]).sort());
  assert.deepEqual(queues, [...new Set(pbx.session.filter((s) => s.ami.Event === 'QueueCallerJoin').map((s) => s.ami.Queue))].sort());
  await new Promise((r) => setTimeout(r, 1500)); // the boards' cross-fade
  await page.screenshot({ path: join('screenshots', 'wallboard-asterisk.png') });

  // A break in the AMI (no queue_log given) while callers hang up: the board says how many ends it lost.
  // The first moment from now when three of the callers waiting will hang up within the next 400 events (the
  // session is seeded: always the same moment), so that the break is short and certain to lose them.
  const waitingAt = (i) => {
    const w = new Set();
    for (let k = 0; k < i; k++) {
      const e = pbx.session[k].ami;
      if (e.Event === 'QueueCallerJoin') w.add(e.Uniqueid);
      else if (e.Event === 'QueueCallerLeave' || e.Event === 'QueueCallerAbandon') w.delete(e.Uniqueid);
    }
    return w;
  };
  let at = pbx.sent() + 1;
  let to = 0;
  for (; at < pbx.session.length; at += 10) {
    const w = waitingAt(at);
    let hung = 0;
    for (to = at; to < Math.min(pbx.session.length, at + 400) && hung < 3; to++) {
      const e = pbx.session[to].ami;
      if (e.Event === 'QueueCallerAbandon' && w.has(e.Uniqueid)) hung++;
    }
    if (hung === 3) break;
  }
  // Up to that moment the calls are told quickly (the board is shown already): the test waits seconds, not tens.
  pbx.pace(1500);
  await pbx.until(at);
  pbx.pace(150);
  assert.ok(to > at && to - at <= 400, 'a moment found');
  // The PBX paused there: the feed reads what was sent before the cut (a cut drops what is still on the way).
  await new Promise((r) => setTimeout(r, 700));
  pbx.outage();
  pbx.pace(5000); // the outage's calls told quickly, so the feed's reconnecting has not backed off far
  await pbx.until(to);
  pbx.pace(150);
  pbx.restore();
  // The feed sends its lost callers one event each; the board has them all once its text says the feed's count.
  const t0 = Date.now();
  while (!(feed.status().lostCallers >= 3) && Date.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 100));
  const lost = feed.status().lostCallers;
  assert.equal(feed.status().calls.refused, 0, 'no step refused: the replay stays in the past');
  assert.ok(lost >= 3, `${lost} lost`);
  await until(page, (n) => document.getElementById('connection').textContent.includes(` · ${n} contacts whose end was lost`), lost, 20000);
  assert.match(await page.$eval('#connection', (e) => e.textContent), new RegExp(`LIVE.* · ${lost} contacts whose end was lost`));
  assert.equal(await page.evaluate(() => document.querySelector('sla-source').datasetHandle().then((d) => d.view({})).then((v) => v.status.stream.events.lost)), lost);
  pbx.resume();

  // The PBX stops: no answer to the feed's pings, so no heartbeats, so the board says how old its numbers are.
  await pbx.stop();
  await until(page, () => document.getElementById('connection').dataset.state === 'stale', undefined, 15000);
  assert.match(await page.$eval('#connection', (e) => e.textContent), /STALE · no data since \d\d:\d\d:\d\d/);
  await page.keyboard.press('ArrowLeft');
  await until(page, () => document.getElementById('gauge-all').getAttribute('state') === 'stale', undefined, 10000);
  assert.equal(feed.status().connected, false);
  assert.deepEqual(errors, []);
  await page.close();
});
