import { fixture, html } from '@open-wc/testing';
import { assert } from '../helpers/assert.js';
import '../../src/components/gauge/gauge.js';
import '../../src/components/queue-board/queue-board.js';
import '../../src/components/scorecard/scorecard.js';
import '../../src/components/trend/trend.js';
import '../../src/components/alerts/alerts.js';
import '../../src/components/staffing/staffing.js';
import '../../src/components/csv-drop/csv-drop.js';
import '../../src/components/source/source.js';
import type { QueueRow } from '../../src/components/queue-board/queue-board.model.js';
import type { AlertItem } from '../../src/components/alerts/alerts.model.js';
import type { Scorecard } from '../../src/engine/agreement/evaluate.js';
import { evaluate } from '../../src/engine/agreement/evaluate.js';
import { validateSla } from '../../src/engine/agreement/sla.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { generateContactsCsv } from '../../src/sample/generate.js';

// Every widget lays out from a phone's narrowest column to a 4K wallboard: at each width, no element inside a
// widget reaches past the widget's own box (nothing cut, nothing scrolled sideways), and the widget is no wider
// than the room it is given. Each is drawn from its fullest story (the data a person would see).

const WIDTHS = [280, 390, 768, 1280, 1920, 3840];

const row = (queue: string, o: Partial<QueueRow>): QueueRow => ({ queue, waiting: null, longestWait: null, serviceLevelToday: null, serviceLevelInterval: null, abandonRate: null, asa: null, offered: null, ...o });
const ROWS = [
  row('Sales and renewals', { waiting: 3, longestWait: 40, serviceLevelToday: 0.85, serviceLevelInterval: 0.9, abandonRate: 0.03, asa: 12, offered: 400 }),
  row('Billing', { waiting: 25, longestWait: 200, serviceLevelToday: 0.7, serviceLevelInterval: 0.62, abandonRate: 0.11, asa: 55, offered: 1300 }),
  row('Claims', { waiting: 0, longestWait: null, serviceLevelToday: 0.81, serviceLevelInterval: 0.8, abandonRate: 0.04, asa: 9, offered: 120 }),
];
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const POINTS = [0.82, 0.79, 0.71, 0.84, 0.9, 0.77].map((value, i) => ({ key: `${new Date(T0 + i * 900_000).toISOString().slice(0, 16)}+00:00`, start: T0 + i * 900_000, value }));
const ALERTS: AlertItem[] = [
  { id: 'serviceLevel|0.8|Sales', severity: 'breach', queue: 'Sales and renewals', metric: 'projectedServiceLevel', value: 0.712, threshold: 0.8, margin: 0.05, since: T0 + 60_000, acknowledged: true },
  { id: 'longestWait|60|Support', severity: 'near', queue: 'Support', metric: 'longestWait', value: 57, threshold: 60, margin: 6, since: T0 + 30_000, acknowledged: false },
];

/** A scorecard the engine makes: the sample month against the example agreement. */
async function scorecard(): Promise<Scorecard> {
  const csv = [...generateContactsCsv({ contacts: 4000, seed: 'responsive', start: '2026-03-02', days: 10 })].join('');
  const doc = validateSla(await (await fetch('/examples/sla.example.json')).json(), 'sla.example.json');
  return evaluate(analyzeText(csv, { keepRepeats: true, dimensions: ['channel'] }).parts, doc, { period: '2026-03', timeZone: 'America/New_York' });
}

const CASES: [string, () => Promise<unknown>][] = [
  ['sla-gauge', async () => html`<sla-gauge metric="serviceLevel" label="All queues" .value=${0.724} .target=${0.8} .margin=${0.03} .previous=${0.81}></sla-gauge>`],
  ['sla-queue-board', async () => html`<sla-queue-board .rows=${ROWS} .thresholds=${{ serviceLevel: { target: 0.8, margin: 0.03 }, waiting: { threshold: 20 }, longestWait: { threshold: 120 } }}></sla-queue-board>`],
  ['sla-scorecard', async () => html`<sla-scorecard .scorecard=${await scorecard()}></sla-scorecard>`],
  ['sla-trend', async () => html`<sla-trend tz="UTC" .points=${POINTS} .target=${0.8} .margin=${0.03} style="block-size: 260px"></sla-trend>`],
  ['sla-alerts', async () => html`<sla-alerts tz="UTC" .alerts=${ALERTS}></sla-alerts>`],
  ['sla-staffing', async () => html`<sla-staffing contacts="600" aht="240" interval="30" sl="80/20" model="erlang-a" patience="90"></sla-staffing>`],
];

/** Every element of a shadow tree (nested shadow roots too). */
function* deep(root: ShadowRoot | Element): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

/** Inside something clipped to nothing (text for screen readers only, a table's heads in a list). */
function hiddenForEyes(el: Element): boolean {
  for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).clipPath !== 'none') return true;
  return false;
}

/** Elements that stick out of the host (by more than a pixel), each said with its part or tag and how far. */
function overflowing(host: HTMLElement): string[] {
  const box = host.getBoundingClientRect();
  const out: string[] = [];
  for (const el of deep(host.shadowRoot!)) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || cs.position === 'fixed') continue;
    if (hiddenForEyes(el)) continue; // screen-reader text: clipped to nothing
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const past = Math.max(r.right - box.right, box.left - r.left);
    if (past > 1) out.push(`${el.getAttribute('part') ?? el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} by ${Math.round(past)} px ("${(el.textContent ?? '').trim().slice(0, 30)}")`);
  }
  return out;
}

describe('widgets from 280 px to a 4K wallboard', function () {
  this.timeout(120_000);
  for (const [tag, make] of CASES) {
    it(`${tag}: nothing reaches past the widget at ${WIDTHS.join(', ')} px`, async () => {
      const problems: string[] = [];
      for (const width of WIDTHS) {
        const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px">${await make()}</div>`);
        const host = wrap.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
        await host.updateComplete;
        // Layouts that follow their own width (ResizeObserver) settle in the next frames.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        await host.updateComplete;
        const hostWidth = host.getBoundingClientRect().width;
        if (hostWidth > width + 1) problems.push(`at ${width} px: the widget is ${Math.round(hostWidth)} px wide`);
        for (const o of overflowing(host)) problems.push(`at ${width} px: ${o}`);
      }
      assert.deepEqual(problems.slice(0, 12), [], `${problems.length} elements out of their widget`);
    });
  }

  it('sla-csv-drop: the pick, the mapping and the summary with rejected lines, at every width', async () => {
    const csv = ['id,queue,arrived,answered,outcome,a very long column name that an export might well have', ...Array.from({ length: 30 }, (_, i) => `k${i},Sales and renewals,${i === 7 ? 'yesterday at noon' : `2026-03-02T09:${String(i).padStart(2, '0')}:00Z`},2026-03-02T09:${String(i).padStart(2, '0')}:20Z,answered,x`)].join('\n');
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const id = `resp-${width}`;
      const wrap = await fixture<HTMLDivElement>(html`<div style="inline-size: ${width}px"><sla-source id=${id} tz="UTC"></sla-source><sla-csv-drop source=${id}></sla-csv-drop></div>`);
      const drop = wrap.querySelector('sla-csv-drop') as HTMLElement & { updateComplete: Promise<unknown>; step: string };
      await drop.updateComplete;
      const check = async (what: string) => {
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        for (const o of overflowing(drop)) problems.push(`${what} at ${width} px: ${o}`);
      };
      await check('pick');
      const input = drop.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
      const dt = new DataTransfer();
      dt.items.add(new File([csv], `export-${width}.csv`, { type: 'text/csv' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await waitFor(() => drop.step === 'mapping');
      await drop.updateComplete;
      await check('mapping');
      drop.shadowRoot!.querySelector<HTMLButtonElement>('button[data-action="confirm"]')!.click();
      await waitFor(() => drop.step === 'summary');
      await drop.updateComplete;
      await check('summary');
    }
    assert.deepEqual(problems.slice(0, 12), [], `${problems.length} elements out of the drop`);
  });
});

function waitFor(pred: () => boolean, ms = 20000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 20));
    tick();
  });
}
