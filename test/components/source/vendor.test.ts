// <sla-source parts> over a vendor's saved aggregates (docs/parts.md, "Vendor aggregates"), in real Chromium
// with the real worker: the test counts seeded contacts as Amazon Connect and Genesys Cloud report them (its
// own aggregation), and the gauges and trend show what they show for the same contacts uploaded; a figure the
// vendor does not give says so, and Genesys without the queues' service-level time is refused in words.
import { fixture, html } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/source/source.js';
import '../../../src/components/gauge/gauge.js';
import '../../../src/components/trend/trend.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import { connectResult, genesysResponse, quarterHourCells } from '../../helpers/vendor-json.mjs';

const TZ = 'Europe/Berlin';

const all = [...generateContactsCsv({ contacts: 4000, seed: 'vendor-page', days: 2 })].join('').trimEnd().split('\n');
const outcome = all[0].split(',').indexOf('outcome');
const contactsCsv = [all[0], ...all.slice(1).filter((l) => /^(answered|abandoned)$/.test(l.split(',')[outcome]))].join('\n') + '\n';
const list = quarterHourCells(all);
const connectJson = JSON.stringify({ MetricResults: list.map((c) => connectResult(c)) }, null, 2);
const genesysJson = JSON.stringify(genesysResponse(list));

const widgets = html`
  <sla-gauge metric="serviceLevel" target="0.8" margin="0.03"></sla-gauge>
  <sla-gauge metric="asa" target="30" margin="5"></sla-gauge>
  <sla-gauge metric="abandonRate" target="0.05" margin="0.01"></sla-gauge>
  <sla-gauge metric="offered"></sla-gauge>
  <sla-gauge metric="aht"></sla-gauge>
  <sla-trend metric="serviceLevel" grain="interval" range="all" target="0.8" margin="0.03" style="block-size: 240px"></sla-trend>`;

type Gauge = Element & { value: number | null; state: string; partial: number | null };
async function settled(el: Element): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const gauges = [...el.querySelectorAll('sla-gauge')] as Gauge[];
    const trend = el.querySelector('sla-trend');
    // Settled: the whole file's figures, not the figures so far of a file being read.
    const done = gauges.every((g) => g.state === 'error' || (g.state === 'ready' && g.partial === null && (g.value !== null || /not in/.test(g.shadowRoot?.textContent ?? ''))));
    if (done && (!trend || (trend as unknown as { state: string }).state === 'error' || (trend.shadowRoot?.querySelectorAll('path').length ?? 0) > 0)) return;
    if (performance.now() - t0 > 20000) throw new Error(`not settled: ${gauges.map((g) => `${g.getAttribute('metric')} ${g.state} ${g.value}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
function seen(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const g of el.querySelectorAll('sla-gauge')) out[g.getAttribute('metric')!] = `${(g as Gauge).value} · ${g.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim()}`;
  const trend = el.querySelector('sla-trend')!;
  out.trend = [...trend.shadowRoot!.querySelectorAll('path')].map((p) => p.getAttribute('d')).join(' | ');
  return out;
}
/** Figures as a person compares them: equal to the last shown digit (a sum of averages × counts may differ in the 15th). */
const rounded = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.replace(/^(-?\d+\.\d{9})\d*/, '$1')]));

describe('<sla-source parts> over a vendor\'s saved aggregates', () => {
  let expected: Record<string, string>;
  before(async function () {
    this.timeout(30000);
    const rows = await fixture<SlaSource>(html`<div><sla-source tz=${TZ} .file=${new File([contactsCsv], 'contacts.csv')}>${widgets}</sla-source></div>`);
    await settled(rows);
    expected = rounded(seen(rows));
    assert.match(expected.serviceLevel, /%/);
  });

  it('Amazon Connect\'s GetMetricDataV2 JSON shows the gauges and trend of the same contacts; a percentile says Connect does not give it', async function () {
    this.timeout(30000);
    const el = await fixture<SlaSource>(html`<div><sla-source tz=${TZ} .parts=${new File([connectJson], 'connect.json')}>${widgets}<sla-gauge metric="waitP90"></sla-gauge></sla-source></div>`);
    await settled(el);
    const got = rounded(seen(el));
    const p90 = got.waitP90;
    delete got.waitP90;
    assert.deepEqual(got, expected);
    assert.match(p90, /^null · .*not in Amazon Connect's figures/);
  });

  it('given as contacts (a file, not parts), the saved aggregates are refused in words that say to load them as parts', async function () {
    this.timeout(20000);
    const el = await fixture<SlaSource>(html`<div><sla-source tz=${TZ} .file=${new File([connectJson], 'connect.json')}><sla-gauge metric="serviceLevel"></sla-gauge></sla-source></div>`);
    await settled(el);
    const g = el.querySelector('sla-gauge') as Gauge;
    assert.equal(g.state, 'error');
    assert.match(g.shadowRoot!.textContent!, /Amazon Connect's saved aggregates, not contacts: load it as parts/);
  });

  it('Genesys Cloud\'s aggregates: refused in words without the queues\' service-level time, the same figures with it', async function () {
    this.timeout(30000);
    const without = await fixture<SlaSource>(html`<div><sla-source tz=${TZ} .parts=${new File([genesysJson], 'genesys.json')}><sla-gauge metric="serviceLevel"></sla-gauge></sla-source></div>`);
    await settled(without);
    const g = without.querySelector('sla-gauge') as Gauge;
    assert.equal(g.state, 'error');
    assert.match(g.shadowRoot!.textContent!, /each queue's own service-level time/);
    const el = await fixture<SlaSource>(html`<div><sla-source tz=${TZ} source-threshold="20" source-short-abandon="5" .parts=${new File([genesysJson], 'genesys.json')}>${widgets}</sla-source></div>`);
    await settled(el);
    assert.deepEqual(rounded(seen(el)), expected);
  });
});
