import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/trend/trend.js';
import '../../../src/components/source/source.js';
import type { SlaTrend, IntervalSelectDetail, StatusChangeDetail, TrendPoint } from '../../../src/components/trend/trend.component.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

const sp = (s: string | null | undefined) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ').trim();

function until(pred: () => boolean, ms = 10000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

// Nine quarter hours from 10:00 UTC: ok, ok, breach ×3 (hysteresis), warn, ok, no data, breach.
const VALUES = [0.9, 0.85, 0.7, 0.75, 0.81, 0.82, 0.9, null, 0.6];
const POINTS: TrendPoint[] = VALUES.map((value, i) => {
  const start = Date.UTC(2026, 2, 2, 10, 15 * i);
  return { key: `${new Date(start).toISOString().slice(0, 16)}+00:00`, start, value };
});

const root = (el: SlaTrend) => el.shadowRoot!;
const part = (el: SlaTrend, p: string) => root(el).querySelector(`[part="${p}"]`) as HTMLElement | null;
const text = (el: SlaTrend, p: string) => sp(part(el, p)?.textContent);
const svgSize = (el: SlaTrend) => {
  const s = root(el).querySelector('svg');
  return s ? [Number(s.getAttribute('width')), Number(s.getAttribute('height'))] : [0, 0];
};
const plotSize = (el: SlaTrend) => {
  const r = part(el, 'plot')!.getBoundingClientRect();
  return [Math.round(r.width), Math.round(r.height)];
};
const drawn = (el: SlaTrend) => until(() => svgSize(el)[0] > 0 && svgSize(el)[0] === plotSize(el)[0] && svgSize(el)[1] === plotSize(el)[1], 5000, 'the chart at its pixel size');

async function trend(tpl: ReturnType<typeof html>): Promise<SlaTrend> {
  const el = await fixture<SlaTrend>(tpl);
  await el.updateComplete;
  return el;
}

describe('<sla-trend> states', () => {
  it('renders each state, each accessible: loading with progress, no data, ready, stale, error', async () => {
    const el = await trend(html`<sla-trend style="width: 480px; height: 200px" tz="UTC" label="Service level 80/20" .target=${0.8} .margin=${0.03}></sla-trend>`);
    el.state = 'loading';
    el.progress = 0.4;
    await el.updateComplete;
    assert.equal(text(el, 'state'), 'loading 40 %…');
    assert.equal((part(el, 'progress') as HTMLProgressElement).value, 0.4);
    assert.equal(part(el, 'chart'), null, 'no chart while loading');
    await expect(el).to.be.accessible();

    el.progress = null;
    await el.updateComplete;
    assert.equal(part(el, 'progress')!.hasAttribute('value'), false, 'progress unknown: indeterminate');

    el.state = 'ready';
    await el.updateComplete;
    assert.equal(text(el, 'state'), 'no data');
    assert.equal(part(el, 'chart'), null);
    await expect(el).to.be.accessible();

    el.points = POINTS;
    await el.updateComplete;
    await drawn(el);
    assert.equal(text(el, 'state'), '');
    assert.equal(part(el, 'chart')!.getAttribute('role'), 'img');
    assert.equal(text(el, 'value'), '60.0%');
    assert.equal(el.getAttribute('status'), 'breach');
    await expect(el).to.be.accessible();

    el.state = 'stale';
    el.updatedAt = Date.now() - 120_000;
    await el.updateComplete;
    assert.equal(text(el, 'state'), 'updated 2 min ago');
    assert.match(part(el, 'chart')!.getAttribute('aria-label')!, /updated 2 min ago$/);
    await expect(el).to.be.accessible();

    el.state = 'error';
    el.error = 'the file could not be read: line 3 has no arrival time';
    await el.updateComplete;
    assert.equal(text(el, 'state'), 'the file could not be read: line 3 has no arrival time');
    assert.equal(part(el, 'state')!.dataset.kind, 'error');
    await expect(el).to.be.accessible();

    el.state = 'ready';
    el.tz = 'Mars/Olympus_Mons';
    await el.updateComplete;
    assert.equal(text(el, 'state'), 'unknown time zone "Mars/Olympus_Mons"');
    await expect(el).to.be.accessible();
  });

  it('draws the target line, the warning band, one shaded run per breach and a line with its gap', async () => {
    const el = await trend(html`<sla-trend style="width: 600px; height: 240px" tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03}></sla-trend>`);
    await drawn(el);
    const r = root(el);
    assert.equal(r.querySelectorAll('rect.breach').length, 2, 'intervals 3–5 and 9');
    assert.equal(r.querySelectorAll('rect.band').length, 1);
    assert.equal(r.querySelectorAll('line.target').length, 1);
    assert.equal(r.querySelector('path.line')!.getAttribute('d')!.split('M').filter((s) => s.includes('L')).length, 1);
    assert.equal(r.querySelectorAll('circle.dot').length, 1, 'the last value stands alone after the gap');
    assert.equal(getComputedStyle(r.querySelector('path.line')!).vectorEffect, 'non-scaling-stroke');
    const [w, h] = svgSize(el);
    assert.equal(r.querySelector('svg')!.getAttribute('viewBox'), `0 0 ${w} ${h}`, 'drawn in pixels: the viewBox is the measured size');
    const ticks = [...r.querySelectorAll('.x-axis text')].map((t) => sp(t.textContent));
    assert.ok(ticks.length >= 2 && ticks.every((t) => /^\d{1,2}:\d{2} (AM|PM)$/.test(t)), ticks.join());
  });

  it('by day, it speaks of periods, not intervals or times of day, in the page\'s language', async () => {
    const days: TrendPoint[] = [0.9, 0.7, 0.75, 0.6].map((value, i) => {
      const start = Date.UTC(2026, 9, 28 + i);
      return { key: new Date(start).toISOString().slice(0, 10), start, value };
    });
    const wrap = await fixture(html`<div lang="es"><sla-trend style="width: 600px; height: 240px" tz="UTC" grain="day" label="NS 80/20" .points=${days} .target=${0.8} .margin=${0.03}></sla-trend></div>`);
    const el = wrap.querySelector('sla-trend') as SlaTrend;
    await el.updateComplete;
    await drawn(el);
    const label = sp(part(el, 'chart')!.getAttribute('aria-label'));
    assert.match(label, /^NS 80\/20: último 60,0 % \(31 oct\.?\)/);
    assert.match(label, /3 de 4 periodos incumplidos$/);
    assert.ok(!/ a las /.test(label), label);
    (part(el, 'details') as HTMLDetailsElement).open = true;
    await until(() => part(el, 'table') !== null, 10000, 'the table');
    assert.equal(sp(part(el, 'table')!.querySelector('caption')!.textContent), 'NS 80/20 por día');
    assert.equal(sp(part(el, 'table')!.querySelector('thead th')!.textContent), 'Periodo');
    await expect(el).to.be.accessible();
  });

  it('says what the chart shows, which definition produced it, and lists every interval in a data table', async () => {
    const el = await trend(html`<sla-trend style="width: 600px; height: 240px" tz="UTC" label="SL 80/20" .points=${POINTS} .target=${0.8} .margin=${0.03} definition="SL 80/20 answered-and-abandoned · zone UTC · 15-min intervals"></sla-trend>`);
    await drawn(el);
    const chart = part(el, 'chart')!;
    assert.equal(sp(chart.getAttribute('aria-label')), 'SL 80/20: last 60.0% at 12:00 PM, in breach; target at least 80.0%; 4 of 8 intervals in breach');
    assert.equal(chart.getAttribute('title'), 'SL 80/20 answered-and-abandoned · zone UTC · 15-min intervals');
    assert.equal(chart.tabIndex, 0);
    const details = part(el, 'details') as HTMLDetailsElement;
    assert.equal(part(el, 'table'), null, 'the table is built when it is opened');
    details.open = true;
    await until(() => part(el, 'table') !== null, 10000, 'the table');
    assert.equal(text(el, 'definition'), 'SL 80/20 answered-and-abandoned · zone UTC · 15-min intervals');
    const rows = [...part(el, 'table')!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => sp(c.textContent)));
    assert.equal(rows.length, 9);
    assert.deepEqual(rows[2], ['10:30 AM', '70.0%', 'in breach']);
    assert.deepEqual(rows[7], ['11:45 AM', 'no data', '–']);
    await expect(el).to.be.accessible();
  });

  it('speaks the page\'s language', async () => {
    const wrap = await fixture<HTMLElement>(html`<div lang="de"><sla-trend style="width: 500px; height: 200px" tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03}></sla-trend></div>`);
    const el = wrap.querySelector('sla-trend') as SlaTrend;
    await drawn(el);
    assert.equal(text(el, 'label'), 'Servicelevel');
    assert.equal(text(el, 'value'), '60,0 %');
    assert.match(sp(part(el, 'chart')!.getAttribute('aria-label')), /^Servicelevel: zuletzt 60,0 % um 12:00, verfehlt; Ziel mindestens 80,0 %; 4 von 8 Intervallen verfehlt$/);
  });
});

describe('<sla-trend> keyboard, pointer and events', () => {
  it('arrows move a highlighted interval that is read out; Enter selects it', async () => {
    const el = await trend(html`<sla-trend style="width: 600px; height: 240px" tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03}></sla-trend>`);
    await drawn(el);
    const got: CustomEvent<IntervalSelectDetail>[] = [];
    el.addEventListener('sla-interval-select', (e) => got.push(e as CustomEvent<IntervalSelectDetail>));
    const live = () => sp(root(el).querySelector('[aria-live="polite"].sr')!.textContent);
    part(el, 'chart')!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    assert.equal(live(), '12:00 PM: 60.0%, in breach', 'the first arrow goes to the latest interval');
    assert.ok(root(el).querySelector('line.focus'), 'a focus marker');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    assert.equal(live(), '11:45 AM: no data');
    assert.equal(root(el).querySelector('circle.focus-dot'), null, 'no value: no dot, the marker only');
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    assert.equal(live(), '10:15 AM: 85.0%, on target');
    assert.equal(text(el, 'readout'), '10:15 AM: 85.0%, on target');
    await sendKeys({ press: 'Enter' });
    assert.equal(got.length, 1);
    assert.deepEqual(got[0].detail, { metric: 'serviceLevel', key: '2026-03-02T10:15+00:00', start: Date.UTC(2026, 2, 2, 10, 15), value: 0.85, status: 'ok' });
    assert.equal(got[0].bubbles && got[0].composed, true);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    assert.equal(live(), '12:00 PM: 60.0%, in breach');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    assert.equal(root(el).querySelector('line.focus'), null);
    await expect(el).to.be.accessible();
  });

  it('a click selects the interval under the pointer', async () => {
    const el = await trend(html`<sla-trend style="width: 600px; height: 240px" tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03}></sla-trend>`);
    await drawn(el);
    const got: CustomEvent<IntervalSelectDetail>[] = [];
    el.addEventListener('sla-interval-select', (e) => got.push(e as CustomEvent<IntervalSelectDetail>));
    const box = root(el).querySelector('svg')!.getBoundingClientRect();
    const band = root(el).querySelectorAll('rect.breach')[0] as SVGRectElement;
    // The middle of the first breach run: the fourth interval (10:45).
    const x = box.left + Number(band.getAttribute('x')) + Number(band.getAttribute('width')) / 2;
    const y = box.top + box.height / 2;
    await sendMouse({ type: 'click', position: [Math.round(x), Math.round(y)] });
    await until(() => got.length === 1, 10000, 'the select event');
    assert.equal(got[0].detail.key, '2026-03-02T10:45+00:00');
    assert.equal(got[0].detail.status, 'breach');
    assert.equal(got[0].detail.value, 0.75);
    await sendMouse({ type: 'move', position: [0, 0] });
  });

  it('fires sla-status-change when data moves the last interval\'s status, never when the page sets a property', async () => {
    const el = await trend(html`<sla-trend style="width: 400px; height: 180px" tz="UTC" .target=${0.8} .margin=${0.03}></sla-trend>`);
    const events: CustomEvent<StatusChangeDetail>[] = [];
    el.addEventListener('sla-status-change', (e) => events.push(e as CustomEvent<StatusChangeDetail>));
    el.points = POINTS; // the page itself
    await el.updateComplete;
    el.target = 0.5;
    await el.updateComplete;
    assert.equal(el.status, 'ok');
    el.target = 0.8;
    await el.updateComplete;
    assert.equal(events.length, 0);
    assert.equal(el.status, 'breach');
    el.applyData({ points: [...POINTS.slice(0, 8), { ...POINTS[8], value: 0.62 }] }); // data: still a breach
    el.applyData({ points: [...POINTS.slice(0, 8), { ...POINTS[8], value: 0.95 }] }); // data: back to ok
    await el.updateComplete;
    assert.deepEqual(events.map((e) => e.detail), [{ metric: 'serviceLevel', status: 'ok', previous: 'breach', value: 0.95 }]);
    assert.equal(events[0].bubbles && events[0].composed, true);
    assert.equal(el.getAttribute('status'), 'ok');
  });

  it('redraws at the new pixel size when it is resized: a portal card, then a wallboard', async () => {
    const el = await trend(html`<sla-trend style="width: 300px; height: 150px" tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03}></sla-trend>`);
    await drawn(el);
    const [w0, h0] = svgSize(el);
    assert.ok(w0 > 250 && w0 <= 300 && h0 > 60 && h0 < 150, `card ${w0}×${h0}`);
    el.style.width = '1600px';
    el.style.height = '500px';
    await until(() => svgSize(el)[0] > 1500, 5000, 'the wallboard size');
    await drawn(el);
    const [w1, h1] = svgSize(el);
    assert.ok(w1 > 1500 && h1 > 400, `wallboard ${w1}×${h1}`);
    assert.equal(root(el).querySelector('svg')!.getAttribute('viewBox'), `0 0 ${w1} ${h1}`);
    const breach = root(el).querySelector('rect.breach')!;
    assert.ok(Number(breach.getAttribute('width')) > 250, 'the shading is laid out in the new pixels');
    await expect(el).to.be.accessible();
  });
});

describe('<sla-trend> with a real <sla-source>', () => {
  // New York, the day clocks spring forward: quarter hours from 09:00 EDT (13:00 UTC), 10 contacts each, none at 09:45;
  // and one interval the day before, which "today" leaves out.
  const waits = [[5, 5, 5, 5, 5, 5, 5, 5, 5, 60], [5, 5, 5, 5, 5, 5, 60, 60, 60, 60], [5, 5, 5, 5, 5, 5, 5, 5, 60, 60], null, [5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [60, 60, 60, 5, 5, 5, 5, 5, 5, 5]];
  const lines = ['id,queue,arrived,answered,outcome'];
  let n = 0;
  const add = (at: number, wait: number, queue = 'Sales') => {
    lines.push(`c${n++},${queue},${new Date(at).toISOString()},${new Date(at + wait * 1000).toISOString()},answered`);
  };
  for (let i = 0; i < 5; i++) add(Date.UTC(2026, 2, 7, 15, 0, i * 30), 5);
  waits.forEach((ws, k) => ws?.forEach((w, i) => add(Date.UTC(2026, 2, 8, 13, 15 * k, i * 30), w)));
  for (let i = 0; i < 4; i++) add(Date.UTC(2026, 2, 8, 13, 0, i * 30), 90, 'Help');
  const csv = lines.join('\n');
  const defs = defaultDefinitions('America/New_York');

  it('draws one point per interval of today with the engine\'s values, in the data\'s zone, and releases its subscription', async () => {
    const statusEvents: CustomEvent<StatusChangeDetail>[] = [];
    const src = await fixture<SlaSource>(html`<sla-source tz="America/New_York" .file=${new Blob([csv])}>
      <sla-trend style="width: 640px; height: 240px" queue="Sales" throttle="50" .target=${0.8} .margin=${0.03} @sla-status-change=${(e: CustomEvent) => statusEvents.push(e)}></sla-trend>
    </sla-source>`);
    const el = src.querySelector('sla-trend') as SlaTrend;
    await until(() => el.points.length > 0, 10000, 'points from the source');
    const engine = query(analyzeText(csv).parts, defs, { by: ['interval'], filter: { queue: ['Sales'] } }).groups.filter((g) => g.key.startsWith('2026-03-08'));
    assert.equal(engine.length, 5);
    assert.deepEqual(el.points.map((p) => p.key), ['2026-03-08T09:00-04:00', '2026-03-08T09:15-04:00', '2026-03-08T09:30-04:00', '2026-03-08T09:45-04:00', '2026-03-08T10:00-04:00', '2026-03-08T10:15-04:00']);
    assert.equal(el.points[0].start, Date.UTC(2026, 2, 8, 13));
    for (const g of engine) assert.equal(el.points.find((p) => p.key === g.key)!.value, g.serviceLevel, g.key);
    assert.equal(el.points[3].value, null, '09:45 had no contacts: no data, not 0');
    assert.equal(el.tz, 'America/New_York');
    await drawn(el);
    assert.equal(root(el).querySelectorAll('rect.breach').length, 2);
    assert.match(el.definition, /SL 80\/20 answered-and-abandoned, short abandons ≤ 5 s · zone America\/New_York · 15-min intervals/);
    const ticks = [...root(el).querySelectorAll('.x-axis text')].map((t) => sp(t.textContent));
    assert.ok(ticks.includes('9:00 AM') && ticks.includes('10:00 AM'), `ticks in New York time: ${ticks}`);
    assert.deepEqual(statusEvents.map((e) => [e.detail.previous, e.detail.status]), [[null, 'breach']], 'the first figures: one event');
    await expect(el).to.be.accessible();

    el.range = 'all';
    await until(() => el.points[0]?.key.startsWith('2026-03-07') ?? false, 5000, 'all periods');
    assert.equal(el.points.filter((p) => p.value !== null).length, 6);
    el.grain = 'hour';
    await until(() => el.points.length > 0 && el.points.length < 30, 10000, 'hours');
    assert.equal(el.points[0].key, '2026-03-07T10:00-05:00');
    assert.equal(el.points.length, 24, '10:00–23:00, 00:00, 01:00, then 03:00–10:00 (no 2 AM that day)');
    el.range = 'today';
    await until(() => el.points.length === 2, 5000, 'today by hour');
    const hours = query(analyzeText(csv).parts, defs, { by: ['hour'], filter: { queue: ['Sales'] } }).groups.filter((g) => g.key.startsWith('2026-03-08'));
    assert.deepEqual(el.points.map((p) => [p.key, p.value]), hours.map((g) => [g.key, g.serviceLevel]));
    assert.equal(statusEvents.length, 1, 'the page changing range and grain fires nothing');

    assert.equal(src.subscriptionCount, 1);
    el.remove();
    assert.equal(src.subscriptionCount, 0, 'unmounted: its subscription is released');
  });

  it('a source that fails says so in the chart', async () => {
    const src = await fixture<SlaSource>(html`<sla-source tz="UTC" dataset-id="no-such-dataset">
      <sla-trend style="width: 400px; height: 180px" throttle="50"></sla-trend>
    </sla-source>`);
    const el = src.querySelector('sla-trend') as SlaTrend;
    await until(() => el.state === 'error', 10000, 'the error');
    assert.match(text(el, 'state'), /no longer in this browser's cache/);
    await expect(el).to.be.accessible();
  });
});

describe('<sla-trend> styled by its page', () => {
  it('a page that sets display: block and a height on the tag still gets a chart of that height', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div><style>sla-trend.host { display: block; height: 260px; width: 500px; }</style>
      <sla-trend class="host" metric="serviceLevel" .target=${0.8} .points=${POINTS}></sla-trend></div>`);
    const el = wrap.querySelector('sla-trend') as SlaTrend;
    await drawn(el);
    const [w, h] = svgSize(el);
    assert.equal(w, 500);
    assert.ok(h > 150 && h < 260, `the chart is ${h}px high in a 260px tag`);
  });
});
