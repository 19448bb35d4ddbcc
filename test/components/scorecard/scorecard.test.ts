import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys, emulateMedia } from '@web/test-runner-commands';
import { periodAt } from '../../../src/engine/agreement/period.js';
import { zoneNamed } from '../../../src/engine/time/zone.js';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/scorecard/scorecard.js';
import '../../../src/components/source/source.js';
import type { SlaScorecard } from '../../../src/components/scorecard/scorecard.component.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import {
  formatDelta, formatMoney, formatShare, grainOf, markerPath, periodAround, periodForGrain, shiftPeriod, summaryGeometry, trendWay,
} from '../../../src/components/scorecard/scorecard.model.js';
import { csvField, neutralize, plainNumber, scorecardCsv } from '../../../src/components/scorecard/scorecard.export.js';
import { formatMetric } from '../../../src/components/common/format.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { evaluate, type Scorecard, type ScorecardMetric } from '../../../src/engine/agreement/evaluate.js';
import { validateSla } from '../../../src/engine/agreement/sla.js';

// ---------------------------------------------------------------------------------------------------------------
// A hand-built scorecard: SL near the target, ASA in breach (a credit), abandonment on target; text cells that
// try formula injection.

const metric = (o: Partial<ScorecardMetric> & Pick<ScorecardMetric, 'metric' | 'target' | 'direction'>): ScorecardMetric => ({
  label: o.metric, period: 'month', margin: 0, value: null, status: null, previousValue: null, trend: null, valueWithoutExclusions: null,
  exclusionEffect: null, credit: 0, bonusMargin: null, bonusMet: null, definition: `${o.metric} definition`, baseline: null, baselineGapToTarget: null, ...o,
});

function handBuilt(): Scorecard {
  return {
    sla: 'Acme support', timeZone: 'America/New_York',
    period: { grain: 'month', key: '2026-01', start: '2026-01-01T05:00:00Z', end: '2026-02-01T05:00:00Z' },
    previousPeriod: '2025-12',
    metrics: [
      metric({ metric: 'serviceLevel', label: 'Service level 80/20', target: 0.8, margin: 0.03, direction: 'higher', value: 0.812, status: 'warn', previousValue: 0.832, trend: -0.02, valueWithoutExclusions: 0.805, exclusionEffect: 0.007, credit: 0, bonusMargin: 0.05, bonusMet: false, definition: 'answered within 20 s' }),
      metric({ metric: 'asa', label: '=1+2', target: 30, margin: 5, direction: 'lower', value: 41.5, status: 'breach', previousValue: 28, trend: 13.5, valueWithoutExclusions: 44, exclusionEffect: -2.5, credit: 0.02, bonusMargin: 5, bonusMet: false }),
      metric({ metric: 'abandonRate', label: 'Abandonment', target: 0.05, margin: 0.01, direction: 'lower', value: 0.031, status: 'ok', previousValue: 0.031, trend: 0, valueWithoutExclusions: 0.031, exclusionEffect: 0, credit: 0, bonusMargin: 0.01, bonusMet: true }),
    ],
    exclusions: [
      { start: '2026-01-14T02:00:00Z', end: '2026-01-14T04:00:00Z', queue: null, reason: 'agreed maintenance, "CRM"', contacts: 12 },
      { start: '2026-01-20T15:00:00Z', end: '2026-01-20T15:15:00Z', queue: '@SUM(A1)', reason: '-x', contacts: 40 },
      { start: '2026-01-21T15:00:00Z', end: '2026-01-21T15:15:00Z', queue: '+x', reason: '\tcmd', contacts: 3 },
    ],
    credits: { byMetric: [{ metric: 'asa', credit: 0.02 }], total: 0.02, cap: 0.15, owed: 0.02, capped: false, amount: 2400, currency: 'USD' },
    bonus: { amount: 0.03, earned: false, missed: [{ metric: 'serviceLevel', reason: 'needed ≥ 85 %, was 81.2 %' }, { metric: 'asa', reason: 'needed ≤ 25 s, was 41.5 s' }], money: 0 },
    escalations: [{ metric: 'asa', severity: 'medium', owner: 'Team lead', responseMinutes: 240 }],
    review: ['monthly'],
  };
}

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false, i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && field === '') { quoted = true; i++; continue; }
    if (ch === ',') { row.push(field); field = ''; i++; continue; }
    if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.ok(ch !== '\n' && ch !== '"', `a bare ${JSON.stringify(ch)} at ${i}: not RFC 4180`);
    field += ch; i++;
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

function until(pred: () => boolean, ms = 15000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

const $ = (el: SlaScorecard, sel: string) => el.shadowRoot!.querySelector(sel) as HTMLElement | null;
const $$ = (el: SlaScorecard, sel: string) => [...el.shadowRoot!.querySelectorAll(sel)] as HTMLElement[];
const text = (el: SlaScorecard, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
/** The metrics table as text, row by row (header cell first). */
const tableRows = (el: SlaScorecard) => $$(el, '[part="table"] tbody tr').map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));

// ---------------------------------------------------------------------------------------------------------------

describe('scorecard model, as data', () => {
  it('steps periods back and forth at every grain, across years', () => {
    assert.equal(shiftPeriod('2026-01', -1), '2025-12');
    assert.equal(shiftPeriod('2026-01', 1), '2026-02');
    assert.equal(shiftPeriod('2026-Q1', -1), '2025-Q4');
    assert.equal(shiftPeriod('2026-W01', -1), '2025-W52');
    assert.equal(shiftPeriod('2020-W53', 1), '2021-W01');
    assert.equal(shiftPeriod('2024-03-01', -1), '2024-02-29');
    assert.equal(shiftPeriod('2026-01', -13), '2024-12');
    assert.equal(grainOf('2026-W05'), 'week');
    assert.equal(grainOf('quarter'), 'quarter');
    assert.equal(grainOf('2026-13'), null);
  });

  it('another grain keeps the time shown: the period holding its last day, or the latest when it is the latest', () => {
    assert.equal(periodAround('2026-01', 'week'), '2026-W05', 'Jan 31 2026 is in the ISO week of Jan 26 – Feb 1');
    assert.equal(periodAround('2026-01', 'quarter'), '2026-Q1');
    assert.equal(periodAround('2026-W05', 'month'), '2026-02');
    const latest = { month: '2026-02', week: '2026-W06' } as const;
    assert.equal(periodForGrain({ key: '2026-02', grain: 'month' }, 'week', latest), 'week', 'the latest month → the latest week');
    assert.equal(periodForGrain({ key: '2026-01', grain: 'month' }, 'week', latest), '2026-W05');
    assert.equal(periodForGrain({ key: '2026-01', grain: 'month' }, 'day', latest), '2026-01-31');
    assert.equal(periodForGrain({ key: '2026-01', grain: 'month' }, 'week', { month: '2026-02', week: '2026-W04' }), 'week', 'not past the latest week');
    assert.equal(periodForGrain(null, 'day', {}), 'day');
  });

  it('differences in the metric\'s unit: points for fractions, seconds for times; the trend\'s way depends on the direction', () => {
    assert.equal(formatDelta('serviceLevel', 0.012, 'en'), '+1.2 pts');
    assert.equal(formatDelta('serviceLevel', -0.02, 'de'), '-2,0 Pp.');
    assert.equal(formatDelta('asa', -3, 'en'), '-3 s');
    assert.equal(formatDelta('asa', 1e-15, 'en'), '0 s', 'floating-point noise is no change');
    assert.equal(trendWay({ trend: -3, direction: 'lower' }), 'better');
    assert.equal(trendWay({ trend: -0.02, direction: 'higher' }), 'worse');
    assert.equal(trendWay({ trend: 0, direction: 'higher' }), 'unchanged');
    assert.equal(trendWay({ trend: null, direction: 'higher' }), null);
  });

  it('the SVG summary: a row per metric, its marker shaped by status, values and targets right-aligned, the credits line', () => {
    const sc = handBuilt();
    const g = summaryGeometry(sc, 'en');
    assert.equal(g.width, 720);
    assert.equal(g.texts[0].text, 'Acme support');
    assert.match(g.texts[1].text, /^2026-01 · Month · Jan 1 – 31, 2026 · America\/New_York$/);
    assert.deepEqual(g.rows.map((r) => [r.metric, r.tone, r.marker.shape]), [['serviceLevel', 'warn', 'triangle'], ['asa', 'breach', 'square'], ['abandonRate', 'ok', 'circle']]);
    assert.deepEqual(g.rows.map((r) => r.y), [106, 140, 174], 'rows 34 units apart under the heads');
    assert.deepEqual(g.rows[1].texts.map((x) => x.text), ['=1+2', '42 s', '≤ 30 s', 'in breach']);
    assert.deepEqual(g.rows[1].texts.map((x) => x.anchor), ['start', 'end', 'end', 'start']);
    assert.equal(g.rows[1].marker.d, markerPath('square', 36, 157, 7));
    assert.equal(g.rows[1].marker.d, 'M29.7,150.7H42.3V163.3H29.7Z');
    const credits = g.texts.find((x) => x.text.startsWith('Credits'))!;
    assert.equal(credits.text, 'Credits: owed 2% of the monthly fee ($2,400.00)');
    assert.equal(credits.tone, 'breach');
    assert.equal(g.height, credits.y + 24 + 24, 'the bonus line, then the padding');
    const none = summaryGeometry({ ...sc, metrics: [{ ...sc.metrics[0], value: null, status: null }] }, 'en');
    assert.equal(none.rows[0].marker.shape, 'ring');
    assert.equal(none.rows[0].texts[1].text, 'no data');
  });
});

describe('scorecard CSV, as data', () => {
  it('neutralizes text cells that a spreadsheet would run: = + - @ tab CR; quotes and commas per RFC 4180', () => {
    const cases: [string, string][] = [
      ['=1+2', "'=1+2"],
      ['+x', "'+x"],
      ['-x', "'-x"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\tcmd', "'\tcmd"],
      ['\r=1', `"'\r=1"`],
      ['＝1+2', "'＝1+2"],
      ['a "b", c', '"a ""b"", c"'],
      ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
      ['line\nbreak', '"line\nbreak"'],
      ['plain', 'plain'],
      ['a=b', 'a=b'],
      ['', ''],
      ['-5', "'-5"],
    ];
    for (const [input, expected] of cases) assert.equal(csvField(input), expected, JSON.stringify(input));
    assert.equal(neutralize('1-2'), '1-2', 'only the first character matters');
  });

  it('numbers stay numbers: a dot decimal, no exponent, negative figures unprefixed so they import as numbers', () => {
    assert.equal(csvField(-0.02), '-0.02');
    assert.equal(Number(csvField(-0.02)), -0.02);
    assert.equal(csvField(0.15000000000000002), '0.15');
    assert.equal(csvField(1e-12), '0');
    assert.equal(csvField(-0), '0');
    assert.equal(csvField(2400), '2400');
    assert.equal(csvField(1.5e-7), '0.00000015', 'never 1.5e-7');
    assert.equal(csvField(1.23456789012e-7), '0.0000001235', 'at most 10 decimals');
    assert.equal(plainNumber(-13.5), '-13.5');
    assert.equal(csvField(Number.NaN), '');
    assert.equal(csvField(null), '');
    assert.equal(csvField(true), 'TRUE');
  });

  it('the scorecard as one rectangle of records; every text cell inert; figures in their unit', () => {
    const csv = scorecardCsv(handBuilt(), 'en');
    assert.ok(!csv.startsWith('\uFEFF'), 'no BOM in the string (the downloaded file has one)');
    const rows = parseCsv(csv);
    const width = rows[0].length;
    assert.ok(rows.every((r) => r.length === width), 'every record has the same number of fields');
    assert.deepEqual(rows[1].slice(0, 7), ['Acme support', '2026-01', 'month', '2026-01-01 00:00', '2026-02-01 00:00', 'America/New_York', '2025-12']);
    const head = rows.findIndex((r) => r[0] === 'Metric');
    const col = (name: string) => rows[head].indexOf(name);
    const asa = rows.find((r) => r[0] === 'asa')!;
    assert.equal(asa[col('Label')], "'=1+2", 'a label that is a formula is text');
    assert.equal(asa[col('Value')], '41.5');
    assert.equal(asa[col('Status')], 'breach');
    assert.equal(asa[col('Exclusion effect')], '-2.5', 'a negative number, not neutralized');
    assert.equal(Number(asa[col('Exclusion effect')]), -2.5);
    const sl = rows.find((r) => r[0] === 'serviceLevel')!;
    assert.equal(sl[col('Trend')], '-0.02');
    assert.equal(sl[col('Bonus met')], 'FALSE');
    const excl = rows.filter((r) => r[0].startsWith('2026-01-'));
    assert.deepEqual(excl.map((r) => r.slice(0, 5)), [
      ['2026-01-13 21:00', '2026-01-13 23:00', 'all queues', 'agreed maintenance, "CRM"', '12'],
      ['2026-01-20 10:00', '2026-01-20 10:15', "'@SUM(A1)", "'-x", '40'],
      ['2026-01-21 10:00', '2026-01-21 10:15', "'+x", "'\tcmd", '3'],
    ]);
    // Whatever a cell holds, if it starts like a formula it is one of the widget's own numbers.
    for (const r of rows) for (const cell of r) if (/^[=+\-@\t\r]/.test(cell)) assert.match(cell, /^-\d+(\.\d+)?$/, `cell ${JSON.stringify(cell)}`);
    assert.ok(rows.some((r) => r[0] === 'Credits total') && rows.some((r) => r.slice(0, 6).join('|') === '0.02|0.15|0.02|FALSE|2400|USD'));
    assert.ok(rows.some((r) => r[0] === 'asa' && r[1] === 'medium' && r[2] === 'Team lead' && r[3] === '240'), 'the escalation');
  });

  it('headers speak the widget\'s language; codes and numbers do not change', () => {
    const rows = parseCsv(scorecardCsv(handBuilt(), 'de'));
    assert.equal(rows[3][0], 'Kennzahl');
    assert.equal(rows.find((r) => r[0] === 'asa')![2], '41.5');
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('<sla-scorecard> with a finished scorecard', () => {
  it('a real table: caption, column and row heads, status in words beside the colour, trend, credits, bonus; accessible', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard .scorecard=${handBuilt()}></sla-scorecard>`);
    assert.equal(text(el, '[part="table"] caption'), 'Acme support: 2026-01');
    assert.equal($$(el, '[part="table"] thead th[scope="col"]').length, 8);
    assert.equal($$(el, '[part="table"] tbody th[scope="row"]').length, 3);
    assert.deepEqual(tableRows(el), [
      ['Service level 80/20', '81.2%', '≥ 80.0%', '! near the target', '▼ -2.0 pts (worse)', '80.5% (+0.7 pts)', '0%', 'missed (≥ 85.0%)'],
      ['=1+2', '42 s', '≤ 30 s', '✕ in breach', '▼ +13.5 s (worse)', '44 s (-2.5 s)', '2%', 'missed (≤ 25 s)'],
      ['Abandonment', '3.1%', '≤ 5.0%', '✓ on target', '▶ 0.0 pts (unchanged)', '3.1% (0.0 pts)', '0%', 'met (≤ 4.0%)'],
    ]);
    assert.equal($(el, 'tbody tr[data-metric="asa"]')!.getAttribute('data-status'), 'breach');
    assert.equal(el.getAttribute('status'), 'breach', 'the worst status is reflected');
    assert.equal($(el, 'tbody th[scope="row"]')!.title, 'answered within 20 s · contract period: month · zone America/New_York', 'the definition as a tooltip');
    assert.match(text(el, '[part="definitions"]')!, /Service level 80\/20answered within 20 s · contract period: month/);
    assert.match(text(el, '[part="exclusions"]')!, /Jan 13, 2026, 21:00 – 23:00.*all queues.*agreed maintenance, "CRM"\s*12/);
    assert.equal(text(el, '[part="credits"]'), 'Credits Total2% of the monthly fee Cap15% Owed2% of the monthly fee Amount$2,400.00');
    assert.match(text(el, '[part="bonus"]')!, /Missed \(3% of the monthly fee\).*Service level 80\/20: needed ≥ 85 %, was 81.2 %/);
    assert.match(text(el, '[part="escalations"]')!, /=1\+2 — medium: Team lead, respond within 240 min/);
    assert.equal(text(el, '[part="period"]'), '2026-01 · Month · Jan 1 – 31, 2026 · America/New_York');
    await expect(el).to.be.accessible();
  });

  it('renders every state, each accessible: loading with progress, no data, stale, error with its message', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard state="loading" .progress=${0.4}></sla-scorecard>`);
    assert.equal(text(el, '[part="state"]'), 'loading 40 %…');
    assert.equal($(el, '[part="table"]'), null);
    await expect(el).to.be.accessible();

    el.state = 'ready';
    el.progress = null;
    await el.updateComplete;
    assert.equal(text(el, '[part="state"]'), 'no data');
    assert.ok(($(el, '[part="export-csv"]') as HTMLButtonElement).disabled, 'nothing to export');
    await expect(el).to.be.accessible();

    const empty = handBuilt();
    empty.metrics = empty.metrics.map((m) => ({ ...m, value: null, status: null, trend: null, previousValue: null, valueWithoutExclusions: null, exclusionEffect: null }));
    el.scorecard = empty;
    el.state = 'no-data';
    await el.updateComplete;
    assert.equal(text(el, '[part="state"]'), 'No data for 2026-01.');
    assert.deepEqual(tableRows(el)[0].slice(0, 4), ['Service level 80/20', 'no data', '≥ 80.0%', 'no data'], 'targets still shown');
    await expect(el).to.be.accessible();

    el.scorecard = handBuilt();
    el.state = 'stale';
    el.updatedAt = Date.now() - 120_000;
    await el.updateComplete;
    assert.equal(text(el, '[part="state"]'), 'updated 2 min ago');
    assert.equal(tableRows(el).length, 3);
    await expect(el).to.be.accessible();

    el.state = 'error';
    el.error = 'SLA document: metrics[0].target must be a fraction 0–1 (0.8 for 80 %)';
    await el.updateComplete;
    assert.equal(text(el, '[part="state"]'), 'SLA document: metrics[0].target must be a fraction 0–1 (0.8 for 80 %)');
    assert.equal($(el, '[part="state"]')!.dataset.kind, 'error');
    assert.equal($(el, '[part="table"]'), null, 'no stale figures under an error');
    await expect(el).to.be.accessible();
  });

  it('the page setting scorecard or period fires nothing; new data that moves a status fires sla-status-change', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard .scorecard=${handBuilt()}></sla-scorecard>`);
    const status: CustomEvent[] = [], period: CustomEvent[] = [];
    el.addEventListener('sla-status-change', (e) => status.push(e as CustomEvent));
    el.addEventListener('sla-period-change', (e) => period.push(e as CustomEvent));
    const worse = handBuilt();
    worse.metrics[0] = { ...worse.metrics[0], value: 0.7, status: 'breach' };
    el.scorecard = worse;
    el.period = '2025-12';
    await el.updateComplete;
    assert.equal(status.length + period.length, 0, 'the page\'s own sets');

    el.applyScorecard(handBuilt(), '2026-01'); // the first scorecard from the data: every status is news
    assert.deepEqual(status.map((e) => [e.detail.metric, e.detail.previous, e.detail.status]), [['serviceLevel', null, 'warn'], ['asa', null, 'breach'], ['abandonRate', null, 'ok']]);
    status.length = 0;
    el.applyScorecard(worse, '2026-01'); // new data for the same period
    assert.deepEqual(status.map((e) => e.detail), [{ metric: 'serviceLevel', label: 'Service level 80/20', status: 'breach', previous: 'warn', value: 0.7, period: '2026-01' }]);
    assert.ok(status[0].bubbles && status[0].composed);
    status.length = 0;
    el.applyScorecard(handBuilt(), '2025-12'); // another period asked for: a new memory, silently
    assert.equal(status.length, 0);
  });

  it('the period picker works from the keyboard: arrows pick a grain, Enter steps back; each fires sla-period-change', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard .scorecard=${handBuilt()}></sla-scorecard>`);
    const got: string[] = [];
    el.addEventListener('sla-period-change', (e) => got.push((e as CustomEvent).detail.period));
    const month = $(el, 'input[value="month"]') as HTMLInputElement;
    assert.ok(month.checked);
    assert.equal($(el, 'fieldset legend')!.textContent, 'Period');
    month.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    assert.ok(($(el, 'input[value="quarter"]') as HTMLInputElement).checked);
    assert.equal(el.period, 'quarter', 'no latest period known: the grain itself');
    ($(el, '[part="previous"]') as HTMLButtonElement).focus();
    assert.equal($(el, '[part="previous"]')!.getAttribute('aria-label'), 'Previous period: 2025-12');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    assert.deepEqual(got, ['quarter', '2025-12']);
  });

  it('exports CSV: the file is the CSV with a BOM, named by the period; sla-export can take the file over', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard .scorecard=${handBuilt()}></sla-scorecard>`);
    const got: CustomEvent[] = [];
    el.addEventListener('sla-export', (e) => { got.push(e as CustomEvent); e.preventDefault(); });
    ($(el, '[part="export-csv"]') as HTMLButtonElement).click();
    await until(() => got.length === 1, 5000, 'sla-export');
    assert.equal(got[0].detail.format, 'csv');
    assert.equal(got[0].detail.filename, 'sla-scorecard-2026-01.csv');
    const bytes = new Uint8Array(await (got[0].detail.blob as Blob).arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    assert.equal(new TextDecoder().decode(bytes.slice(3)), el.toCsv());
  });

  it('exports PNG from its own SVG: a real PNG of the summary\'s size, in the colours the widget shows', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard style="--sla-color-breach: rgb(0, 0, 255); --sla-color-surface: rgb(255, 255, 240)" .scorecard=${handBuilt()}></sla-scorecard>`);
    const png = await el.toPng();
    assert.equal(png.type, 'image/png');
    const head = new Uint8Array(await png.slice(0, 8).arrayBuffer());
    assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const g = summaryGeometry(el.scorecard!, 'en');
    const bitmap = await createImageBitmap(png);
    assert.equal(bitmap.width, g.width * 2);
    assert.equal(bitmap.height, g.height * 2);
    // The breach marker (ASA) is drawn in the themed breach colour; the background is the themed surface.
    const c = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    c.drawImage(bitmap, 0, 0);
    const px = (x: number, y: number) => [...c.getImageData(x, y, 1, 1).data];
    const asa = g.rows[1].marker;
    assert.deepEqual(px(asa.cx * 2, asa.cy * 2), [0, 0, 255, 255]);
    assert.deepEqual(px(4, 4), [255, 255, 240, 255]);
    const svg = el.summarySvg();
    assert.equal(svg.querySelector('title')!.textContent, 'Acme support: 2026-01');
    assert.equal(svg.querySelectorAll('path').length, 3);

    const got: CustomEvent[] = [];
    el.addEventListener('sla-export', (e) => { got.push(e as CustomEvent); e.preventDefault(); });
    ($(el, '[part="export-png"]') as HTMLButtonElement).click();
    await until(() => got.length === 1, 10000, 'sla-export');
    assert.equal(got[0].detail.filename, 'sla-scorecard-2026-01.png');
    assert.equal((got[0].detail.blob as Blob).type, 'image/png');
  });

  it('with nothing evaluated, the export methods say so', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard></sla-scorecard>`);
    assert.throws(() => el.toCsv(), /Nothing to export yet/);
    await assert.rejects(el.toPng(), /Nothing to export yet/);
  });

  it('printed: no controls, black on white, heads repeated', async () => {
    const el = await fixture<SlaScorecard>(html`<sla-scorecard style="--sla-color-breach: rgb(200, 0, 0)" .scorecard=${handBuilt()}></sla-scorecard>`);
    await emulateMedia({ media: 'print' });
    try {
      assert.equal(getComputedStyle($(el, '[part="toolbar"]')!).display, 'none');
      assert.equal(getComputedStyle($(el, 'tr[data-status="breach"] .status')!).color, 'rgb(0, 0, 0)');
      assert.equal(getComputedStyle($(el, '[part="table"] thead')!).display, 'table-header-group');
      assert.equal(getComputedStyle($(el, '[part="table"] tbody tr')!).breakInside, 'avoid');
    } finally {
      await emulateMedia({ media: 'screen' });
    }
    assert.ok(getComputedStyle($(el, '[part="toolbar"]')!).display !== 'none', 'the toolbar is back on screen');
  });

  it('speaks the page\'s language', async () => {
    const wrap = await fixture(html`<div lang="de"><sla-scorecard .scorecard=${handBuilt()}></sla-scorecard></div>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await el.updateComplete;
    assert.deepEqual(tableRows(el)[0].slice(0, 4), ['Service level 80/20', '81,2 %', '≥ 80,0 %', '! nahe am Ziel']);
    assert.equal(text(el, '[part="export-csv"]'), 'CSV exportieren');
    // German nouns keep their capital inside a sentence.
    assert.ok(text(el, '[part="definitions"]')!.includes('Vertragszeitraum: Monat'), text(el, '[part="definitions"]')!);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('<sla-scorecard> on a real <sla-source>', () => {
  const TZ = 'America/New_York';
  // 35 days from Monday 2026-01-05: January whole from the 5th, and the first days of February.
  const csv = [...generateContactsCsv({ contacts: 12000, seed: 'scorecard', days: 35, start: '2026-01-05' })].join('');
  let doc: unknown;
  let parts: ReturnType<typeof analyzeText>['parts'];
  /** What the engine says, called directly on the same data: the one formula. */
  const engine = (period: string) => evaluate(parts, validateSla(doc), { period, timeZone: TZ, baselineDays: 30 });

  before(async () => {
    doc = await (await fetch(new URL('../../../examples/sla.example.json', import.meta.url))).json();
    parts = analyzeText(csv, { inputTimeZone: TZ, keepRepeats: true }).parts;
  });

  /** The table's cells as the engine's figures would show them. */
  function expectTable(el: SlaScorecard, sc: Scorecard) {
    const rows = tableRows(el);
    assert.equal(rows.length, sc.metrics.length);
    sc.metrics.forEach((m, i) => {
      assert.equal(rows[i][0], m.label);
      assert.equal(rows[i][1], formatMetric(m.metric, m.value, 'en'), `${m.metric}'s value`);
      assert.equal(rows[i][2], `${m.direction === 'higher' ? '≥' : '≤'} ${formatMetric(m.metric, m.target, 'en')}`);
      assert.equal($$(el, '[part="table"] tbody tr')[i].dataset.status, m.status ?? 'none');
    });
  }

  it('a second file on the same source is evaluated too (not left loading)', async () => {
    // Two small files of the same size: their datasets reach the same version numbers.
    const lines = csv.split('\n');
    const first = lines.slice(0, 41).join('\n');
    const half = [lines[0], ...lines.slice(41, 81)].join('\n');
    const wrap = await fixture(html`<sla-source tz=${TZ} .file=${new Blob([first])} .slaDocument=${doc}><sla-scorecard period="month" throttle="50"></sla-scorecard></sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.state === 'ready', 20000, 'the first file');
    const halfParts = analyzeText(half, { inputTimeZone: TZ, keepRepeats: true }).parts;
    const expected = evaluate(halfParts, validateSla(doc), { period: periodAt('month', halfParts.lastArrival, zoneNamed(TZ)), timeZone: TZ, baselineDays: 30 });
    (wrap as SlaSource).file = new Blob([half]);
    // Both datasets reach the same version: the widget must still take the second one as new data.
    await (wrap as SlaSource).datasetHandle();
    await new Promise((r) => setTimeout(r, 1500));
    await until(() => el.state === 'ready' && el.scorecard?.metrics[0].value === expected.metrics[0].value, 20000, 'the second file evaluated');
    assert.deepEqual(el.scorecard, expected);
  });

  it('shows what the engine computes for the same data, and releases its subscription when removed', async () => {
    const wrap = await fixture(html`
      <div>
        <sla-source id="sc-src" tz=${TZ} .file=${new Blob([csv])} .slaDocument=${doc}></sla-source>
        <sla-scorecard source="sc-src" throttle="50"></sla-scorecard>
      </div>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    const src = wrap.querySelector('sla-source') as SlaSource;
    await until(() => el.state === 'ready' && el.scorecard !== null, 20000, 'the scorecard');
    const sc = el.scorecard!;
    assert.equal(sc.period.key, '2026-02', 'the month of the last contact (the first metric\'s period)');
    assert.deepEqual(sc, engine('2026-02'));
    expectTable(el, sc);
    await expect(el).to.be.accessible();
    assert.equal(src.subscriptionCount, 1);
    el.remove();
    assert.equal(src.subscriptionCount, 0);
  });

  it('the period picker by keyboard fires sla-period-change and evaluates again; the page setting period fires nothing', async () => {
    const wrap = await fixture(html`
      <sla-source tz=${TZ} .file=${new Blob([csv])} .slaDocument=${doc}>
        <sla-scorecard throttle="50"></sla-scorecard>
      </sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.scorecard !== null && !$(el, '[aria-busy="true"]'), 20000, 'the first scorecard');
    const periods: string[] = [], statuses: CustomEvent[] = [];
    el.addEventListener('sla-period-change', (e) => periods.push((e as CustomEvent).detail.period));
    el.addEventListener('sla-status-change', (e) => statuses.push(e as CustomEvent));

    ($(el, 'input[value="month"]') as HTMLInputElement).focus();
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => el.scorecard?.period.grain === 'week', 20000, 'the week');
    assert.deepEqual(periods, ['week']);
    const week = el.scorecard!;
    assert.equal(week.period.key, '2026-W06', 'the week of the last contact (Feb 8, a Sunday)');
    assert.deepEqual(week, engine('2026-W06'));
    expectTable(el, week);
    assert.match(text(el, '[part="note"]')!, /assessed only over each metric's contract period \(month\)/);
    assert.ok(($(el, '[part="next"]') as HTMLButtonElement).disabled, 'no week after the last contact\'s');

    ($(el, '[part="previous"]') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => el.scorecard?.period.key === '2026-W05', 20000, 'the week before');
    assert.deepEqual(periods, ['week', '2026-W05']);
    assert.deepEqual(el.scorecard, engine('2026-W05'));
    expectTable(el, el.scorecard!);
    assert.ok(!($(el, '[part="next"]') as HTMLButtonElement).disabled, 'a later week exists');

    el.period = '2026-01'; // the page itself
    await until(() => el.scorecard?.period.key === '2026-01', 20000, 'January');
    await el.updateComplete;
    assert.deepEqual(periods, ['week', '2026-W05'], 'no event for the page\'s own set');
    assert.equal(statuses.length, 0, 'another period is not a status change');
    const jan = engine('2026-01');
    assert.deepEqual(el.scorecard, jan);
    expectTable(el, jan);
    assert.match(text(el, '[part="exclusions"]')!, /agreed maintenance of the client's CRM/);
    const credits = text(el, '[part="credits"]')!;
    assert.ok(credits.includes(`Owed${formatShare(jan.credits.owed, 'en')} of the monthly fee${jan.credits.capped ? ' (capped)' : ''}`), credits);
    assert.ok(credits.includes(`Amount${formatMoney(jan.credits.amount!, 'USD', 'en')}`), credits);
    await expect(el).to.be.accessible();
  });

  it('the first scorecard from the data fires sla-status-change for each metric with a status', async () => {
    const got: CustomEvent[] = [];
    const wrap = await fixture(html`
      <sla-source tz=${TZ} .file=${new Blob([csv])} .slaDocument=${doc} @sla-status-change=${(e: CustomEvent) => got.push(e)}>
        <sla-scorecard period="2026-01" throttle="50"></sla-scorecard>
      </sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.scorecard !== null, 20000, 'the scorecard');
    const jan = engine('2026-01');
    assert.deepEqual(got.map((e) => [e.detail.metric, e.detail.status, e.detail.previous]), jan.metrics.filter((m) => m.status !== null).map((m) => [m.metric, m.status, null]));
  });

  it('an invalid SLA document or none: the error state with the engine\'s message, accessible', async () => {
    const bad = { name: 'Bad', metrics: [{ metric: 'serviceLevel', target: 8, margin: 0, period: 'month' }] };
    const wrap = await fixture(html`<sla-source tz=${TZ} .file=${new Blob([csv])} .slaDocument=${bad}><sla-scorecard throttle="50"></sla-scorecard></sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.state === 'error', 20000, 'the error');
    assert.match(text(el, '[part="state"]')!, /metrics\[0\]\.target/);
    await expect(el).to.be.accessible();
    // The page fixes the document on the source: the scorecard hears it and evaluates again by itself.
    (wrap as SlaSource).slaDocument = doc;
    await until(() => el.state === 'ready', 20000, 'evaluated again after the new agreement');
    assert.deepEqual(el.scorecard, engine('2026-02'));

    const none = await fixture(html`<sla-source tz=${TZ} .file=${new Blob([csv])}><sla-scorecard throttle="50"></sla-scorecard></sla-source>`);
    const el2 = none.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el2.state === 'error', 20000, 'the error');
    assert.match(text(el2, '[part="state"]')!, /no SLA document: give the source an sla="…json" attribute or an slaDocument/);
  });

  it('a file with no contacts: no data, said plainly; accessible', async () => {
    const wrap = await fixture(html`<sla-source tz=${TZ} .file=${new Blob(['id,queue,arrived,answered,outcome\n'])} .slaDocument=${doc}><sla-scorecard throttle="50"></sla-scorecard></sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.state === 'no-data', 20000, 'no data');
    assert.equal(text(el, '[part="state"]'), 'No contacts in the data yet, so there is no period to evaluate.');
    await expect(el).to.be.accessible();
  });

  it('a period with no contacts keeps the table with "no data" figures and the way back', async () => {
    const wrap = await fixture(html`<sla-source tz=${TZ} .file=${new Blob([csv])} .slaDocument=${doc}><sla-scorecard period="2025-06" throttle="50"></sla-scorecard></sla-source>`);
    const el = wrap.querySelector('sla-scorecard') as SlaScorecard;
    await until(() => el.scorecard !== null, 20000, 'the scorecard');
    assert.equal(el.state, 'no-data');
    assert.equal(text(el, '[part="state"]'), 'No data for 2025-06.');
    assert.ok(tableRows(el).every((r) => r[1] === 'no data'));
    await expect(el).to.be.accessible();
  });
});
