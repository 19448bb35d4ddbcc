// <sla-source parts> (docs/parts.md): a parts table — Parquet written by DuckDB's recipe, NDJSON by the kit —
// shows the same gauges, trend and scorecard as the same contacts uploaded, in real Chromium with the real
// worker; a file that is no parts table, and a bad row, are said in words.
import { fixture, html } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/source/source.js';
import '../../../src/components/gauge/gauge.js';
import '../../../src/components/trend/trend.js';
import '../../../src/components/scorecard/scorecard.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import type { ViewResult } from '../../../src/protocol/index.js';

const SLA = '/examples/sla.example.json';
const TZ = 'America/New_York';

async function ready(el: Element): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const all = [...el.querySelectorAll('sla-gauge, sla-trend, sla-scorecard')] as unknown as { state: string; localName: string }[];
    const cardText = el.querySelector('sla-scorecard')!.shadowRoot?.textContent ?? '';
    // The whole file's figures, not the figures so far of one being read.
    const drawn = [...el.querySelectorAll('sla-gauge')].every((g) => (g as unknown as { value: number | null; partial: number | null }).value !== null && (g as unknown as { partial: number | null }).partial === null) && (el.querySelector('sla-trend')!.shadowRoot?.querySelectorAll('path').length ?? 0) > 0;
    if (drawn && all.every((w) => w.state === 'ready') && /Service level/.test(cardText)) return;
    if (performance.now() - t0 > 15000) throw new Error(`not ready: ${all.map((w) => `${w.localName} ${w.state}`).join(', ')} · gauges ${[...el.querySelectorAll('sla-gauge')].map((g) => (g as unknown as { value: number | null }).value)} · points ${(el.querySelector("sla-trend") as any).points.length} w ${el.querySelector("sla-trend")!.getBoundingClientRect().width}x${el.querySelector("sla-trend")!.getBoundingClientRect().height} · paths ${el.querySelector("sla-trend")!.shadowRoot?.querySelectorAll("path").length} svg ${el.querySelector("sla-trend")!.shadowRoot?.querySelectorAll("svg").length} sl ${/Service level/.test(cardText)} · card ${cardText.replace(/\s+/g, " ").slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What a person sees: each widget's figures and words (the trend's drawn path too). */
function seen(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of el.querySelectorAll('sla-gauge')) out[`gauge ${g.getAttribute('metric')}`] = `${(g as unknown as { value: number }).value} · ${g.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim()}`;
  const trend = el.querySelector('sla-trend')!;
  out.trend = [...trend.shadowRoot!.querySelectorAll('path')].map((p) => p.getAttribute('d')).join(' | ') + ' · ' + trend.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
  out.scorecard = el.querySelector('sla-scorecard')!.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
  return out;
}

const widgets = html`
  <sla-gauge metric="serviceLevel" label="Service level 80/20" target="0.8" margin="0.03"></sla-gauge>
  <sla-gauge metric="asa" label="ASA" target="30" margin="5"></sla-gauge>
  <sla-gauge metric="abandonRate" label="Abandoned" target="0.05" margin="0.01"></sla-gauge>
  <sla-gauge metric="offered" label="Contacts offered"></sla-gauge>
  <sla-trend metric="serviceLevel" grain="interval" range="all" target="0.8" margin="0.03" style="block-size: 240px"></sla-trend>
  <sla-scorecard period="month"></sla-scorecard>`;

describe('<sla-source parts>: a parts table instead of contacts', () => {
  it('Parquet (DuckDB\'s recipe) and NDJSON (the kit) show the gauges, trend and scorecard of the same contacts uploaded', async function () {
    this.timeout(60000);
    const rows = await fixture<SlaSource>(html`<div><sla-source src="/examples/data/sample.csv" tz=${TZ} sla=${SLA}>${widgets}</sla-source></div>`);
    await ready(rows);
    const expected = seen(rows);
    assert.match(expected['gauge serviceLevel'], /%/);
    assert.ok(expected.trend.length > 40, 'the trend draws a line');
    for (const file of ['/test/fixtures/parts/sample.parts.parquet', '/test/fixtures/parts/sample.parts.ndjson']) {
      const parts = await fixture<SlaSource>(html`<div><sla-source parts=${file} tz=${TZ} sla=${SLA}>${widgets}</sla-source></div>`);
      await ready(parts);
      assert.deepEqual(seen(parts), expected, file);
    }
  });

  it('a parts table set as a File property reads too; its validation counts parts rows, read = accepted + rejected', async function () {
    this.timeout(30000);
    const text = await (await fetch('/test/fixtures/parts/sample.parts.ndjson')).text();
    const lines = text.trimEnd().split('\n');
    // One line that is no JSON, one with a count of -1: both rejected with their line, the rest kept.
    lines.splice(3, 0, '{"parts_version":1,');
    const at = lines.findIndex((l, i) => i > 5 && l.includes('"part":"counts"'));
    lines[at] = lines[at].replace(/"answered":\d+,/, '').replace('"slot_minutes":15', '"slot_minutes":15,"answered":-1');
    const el = await fixture<SlaSource>(html`<sla-source tz=${TZ} .parts=${new File([lines.join('\n')], 'sample.parts.ndjson')}></sla-source>`);
    const result = await new Promise<ViewResult>((resolve) => {
      const stop = el.subscribe({}, (r) => { if (r.status.state === 'ready' || r.status.state === 'error') { stop(); resolve(r); } }, 0);
    });
    assert.equal(result.status.state, 'ready', JSON.stringify(result.status.error));
    const v = result.validation!;
    assert.equal(v.rowsRead, lines.length);
    assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead);
    // The counts row's own waits rows go with it (waits without the contacts they belong to would raise the SL).
    const alone = v.rejections.filter((r) => r.code === 'waitsWithoutCounts');
    assert.deepEqual(v.rejections.filter((r) => r.code !== 'waitsWithoutCounts').map((r) => [r.line, r.code]), [[4, 'notJson'], [at + 1, 'negativeCount']]);
    assert.ok(alone.every((r) => r.line > at + 1 && lines[r.line - 1].includes('"part":"waits"')));
    assert.ok(result.totals!.offered > 1000);
  });

  it('a file that is no parts table is an error in words, on every widget', async function () {
    this.timeout(30000);
    const el = await fixture<SlaSource>(html`<sla-source tz=${TZ} parts="/examples/data/sample.csv"></sla-source>`);
    const result = await new Promise<ViewResult>((resolve) => {
      const stop = el.subscribe({}, (r) => { if (r.status.state === 'error' || r.status.state === 'ready') { stop(); resolve(r); } }, 0);
    });
    assert.equal(result.status.state, 'error');
    assert.equal(result.status.error!.code, 'notPartsTable');
    assert.match(String(result.status.error!.values!.columns), /"parts_version", "part", "slot_start", "slot_minutes"/);
  });
});
