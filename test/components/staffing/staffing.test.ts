import { fixture, html, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/staffing/staffing.js';
import '../../../src/components/source/source.js';
import type { SlaStaffing, StaffingChangeDetail } from '../../../src/components/staffing/staffing.component.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import {
  DEFAULT_VALUES, MAX_ERLANGS, calculate, fieldText, fractionFromAttribute, intervalChart, intervalDays, intervalRows, parseField, splitSl,
  type FormValues,
} from '../../../src/components/staffing/staffing.model.js';
import { requiredAgents, staffingTable } from '../../../src/engine/erlang/erlang-c.js';
import { requiredAgentsA } from '../../../src/engine/erlang/erlang-a.js';
import { observedStaffing, type ObservedStaffing } from '../../../src/engine/erlang/observed.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

const form = (o: Partial<FormValues>): FormValues => ({ ...DEFAULT_VALUES, ...o });

function until(pred: () => boolean, ms = 15000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 20));
    tick();
  });
}

const shadow = (el: SlaStaffing) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: SlaStaffing, sel: string) => shadow(el).querySelector(sel) as T;
const out = (el: SlaStaffing, id: string) => q(el, `output#${id}`)?.textContent?.trim();
const field = (el: SlaStaffing, name: string) => q<HTMLInputElement>(el, `#${name}`);
const message = (el: SlaStaffing, name: string) => q(el, `#${name}-msg`).textContent!.trim();

/** Replaces a field's text from the keyboard: focus, select all, type. */
async function typeInto(el: SlaStaffing, name: string, text: string): Promise<void> {
  field(el, name).focus();
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'a' });
  await sendKeys({ up: 'Control' });
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<sla-staffing> model, as data', () => {
  it('the defaults (120 contacts / 15 min, AHT 240 s, 80/20, 30 % shrinkage) are the engine\'s staffingTable, N − 2 … N + 3', () => {
    const c = calculate(DEFAULT_VALUES);
    const input = { contacts: 120, intervalSec: 900, ahtSec: 240, target: 0.8, thresholdSec: 20, shrinkage: 0.3 };
    assert.deepEqual(c.input, input);
    const engine = staffingTable(input, 2, 3);
    assert.deepEqual(c.result, engine.required);
    assert.deepEqual(c.result, requiredAgents(input));
    assert.deepEqual(c.rows, engine.rows);
    assert.deepEqual(c.rows.map((r) => r.agents), [c.result!.agents - 2, c.result!.agents - 1, c.result!.agents, c.result!.agents + 1, c.result!.agents + 2, c.result!.agents + 3]);
    assert.deepEqual(c.errors, {});
  });

  it('the worked case of METRICS.md §8: 100 contacts in 30 min, AHT 180 s, 80/20 → 14 agents, 20 scheduled at 30 % shrinkage', () => {
    const c = calculate(form({ contacts: '100', interval: '30', aht: '180', target: '80', threshold: '20', shrinkage: '30' }));
    assert.equal(c.result!.agents, 14);
    assert.equal(c.result!.scheduledAgents, 20);
    assert.close(c.result!.serviceLevel, 0.88835, 5e-6);
    assert.close(c.result!.asa, 7.836, 5e-4);
    assert.close(c.result!.occupancy, 0.714, 5e-4);
  });

  it('an occupancy cap goes to the engine as a fraction; an empty cap is none', () => {
    const capped = calculate(form({ maxOccupancy: '70' }));
    assert.equal(capped.input!.maxOccupancy, 0.7);
    assert.deepEqual(capped.result, requiredAgents({ ...capped.input! }));
    assert.ok(capped.result!.occupancy <= 0.7);
    assert.ok(capped.result!.agents > calculate(DEFAULT_VALUES).result!.agents, 'the cap needs more agents here');
    assert.equal('maxOccupancy' in calculate(DEFAULT_VALUES).input!, false);
  });

  it('says what is wrong per field, and gives no numbers then (never NaN)', () => {
    const cases: [Partial<FormValues>, string, string][] = [
      [{ contacts: '' }, 'contacts', 'errRequired'],
      [{ contacts: '-5' }, 'contacts', 'errContacts'],
      [{ contacts: 'abc' }, 'contacts', 'errNotNumber'],
      [{ aht: '0' }, 'aht', 'errAht'],
      [{ aht: '-1' }, 'aht', 'errAht'],
      [{ interval: '0' }, 'interval', 'errInterval'],
      [{ target: '100' }, 'target', 'errTarget'],
      [{ target: '0' }, 'target', 'errTarget'],
      [{ threshold: '-1' }, 'threshold', 'errThreshold'],
      [{ shrinkage: '100' }, 'shrinkage', 'errShrinkage'],
      [{ shrinkage: '-3' }, 'shrinkage', 'errShrinkage'],
      [{ maxOccupancy: '0' }, 'maxOccupancy', 'errMaxOccupancy'],
      [{ maxOccupancy: '120' }, 'maxOccupancy', 'errMaxOccupancy'],
      [{ contacts: '1000000000' }, 'contacts', 'errTraffic'],
    ];
    for (const [o, f, key] of cases) {
      const c = calculate(form(o));
      assert.equal(c.errors[f as keyof FormValues]?.key, key, JSON.stringify(o));
      assert.equal(c.input, null);
      assert.equal(c.result, null);
      assert.deepEqual(c.rows, []);
    }
    // A number input holding text that is no number reports "" with badInput: not "enter a number".
    assert.equal(calculate(form({ aht: '' }), new Set(['aht'])).errors.aht!.key, 'errNotNumber');
    // The traffic limit: just at it works, just above it does not.
    const atMax = form({ contacts: String(MAX_ERLANGS * 900 / 240), aht: '240', interval: '15' });
    assert.ok(calculate(atMax).result !== null);
    assert.deepEqual(calculate(form({ contacts: '1000000000' })).errors.contacts!.vars, { erlangs: Math.round(1e9 * 240 / 900), max: MAX_ERLANGS });
  });

  it('0 contacts is a valid question with the engine\'s answer; decimal commas are read', () => {
    assert.deepEqual(calculate(form({ contacts: '0' })).result, requiredAgents({ contacts: 0, intervalSec: 900, ahtSec: 240, target: 0.8, thresholdSec: 20, shrinkage: 0.3 }));
    assert.equal(parseField('2,5'), 2.5);
    assert.equal(parseField(' '), null);
    assert.ok(Number.isNaN(parseField('1e999')));
  });

  it('reads the attributes: sl as 80/20, fractions or percentages, numbers without float noise', () => {
    assert.deepEqual(splitSl('80/20'), ['80', '20']);
    assert.deepEqual(splitSl(' 90 % / 15 s'), ['90', '15']);
    assert.deepEqual(splitSl('80'), ['80', '']);
    assert.equal(fractionFromAttribute('30%'), 0.3);
    assert.equal(fractionFromAttribute('0.25'), 0.25);
    assert.equal(fractionFromAttribute(''), null);
    assert.equal(fieldText(0.3 * 100), '30');
    assert.equal(fieldText(null), '');
  });
});

const observed = (interval: string, requiredAgents: number | null, presentAgents: number | null): ObservedStaffing => ({
  interval, offered: 40, aht: 200, trafficErlangs: 8.9, requiredAgents, presentAgents, gap: presentAgents !== null && requiredAgents !== null ? presentAgents - requiredAgents : null,
});
const twoDays: ObservedStaffing[] = [
  observed('2026-01-06T09:00-05:00', 12, 13),
  observed('2026-01-05T09:15-05:00', 14, 12.5),
  observed('2026-01-05T09:00-05:00', 12, 12),
  observed('2026-01-06T09:15-05:00', 10, 11),
];

describe('<sla-staffing> intervals and chart, as data', () => {
  it('groups by the data\'s local day (the last by default), in time order; under-staffed is present < required', () => {
    assert.deepEqual(intervalDays(twoDays), ['2026-01-05', '2026-01-06']);
    const last = intervalRows(twoDays, '');
    assert.deepEqual(last.map((r) => r.time), ['09:00', '09:15']);
    assert.equal(last[0].day, '2026-01-06');
    const first = intervalRows(twoDays, '2026-01-05');
    assert.deepEqual(first.map((r) => [r.time, r.short]), [['09:00', false], ['09:15', true]]);
  });

  it('the chart: a bar per present count, a step line for required across each interval, the short bar flagged', () => {
    const rows = intervalRows(twoDays, '2026-01-05');
    const g = intervalChart(rows, { width: 200, height: 100 });
    assert.equal(g.viewBox, '0 0 200 100');
    assert.equal(g.bars.length, 2);
    assert.deepEqual(g.bars.map((b) => b.short), [false, true]);
    // Bars stand on the plot's bottom, their heights in proportion to the agents present (12 and 12.5).
    assert.close(g.bars[0].y + g.bars[0].height, g.plot.bottom, 1e-3);
    assert.close(g.bars[1].height / g.bars[0].height, 12.5 / 12, 1e-3);
    // The required line steps from 12 (lower on screen) up to 14 and runs to the end of the last interval.
    assert.ok(g.required.startsWith('M'));
    const pts = [...g.required.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [+m[1], +m[2]]);
    assert.equal(new Set(pts.map((p) => p[1])).size, 2);
    assert.ok(pts[0][1] > pts[pts.length - 1][1]);
    assert.ok(pts[0][0] >= g.plot.left && pts[0][0] < g.bars[0].x + 1e-6);
    assert.ok(pts[pts.length - 1][0] > g.bars[1].x + g.bars[1].width - 1e-6 && pts[pts.length - 1][0] <= g.plot.right);
    assert.ok(g.yTicks[0].value === 0 && g.yTicks[g.yTicks.length - 1].value >= 14);
    assert.deepEqual(g.xTicks.map((t) => t.label), ['09:00', '09:15']);
    // Without agent states: no bars, the line alone.
    const noStates = intervalChart(intervalRows(twoDays.map((r) => ({ ...r, presentAgents: null, gap: null })), ''));
    assert.equal(noStates.bars.length, 0);
    assert.ok(noStates.required.startsWith('M'));
    assert.equal(intervalChart([]).required, '');
  });
});

describe('<sla-staffing> calculator', () => {
  it('shows the required agents, scheduled, SL, ASA and occupancy in a polite live region of <output>s, and the levels around them', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing></sla-staffing>`);
    const c = calculate(DEFAULT_VALUES);
    const region = q(el, '[part="result"]');
    assert.equal(region.getAttribute('aria-live'), 'polite');
    assert.equal(out(el, 'out-agents'), String(c.result!.agents));
    assert.equal(out(el, 'out-scheduled'), String(c.result!.scheduledAgents));
    assert.equal(out(el, 'out-sl'), `${(c.result!.serviceLevel * 100).toFixed(1)}%`);
    assert.equal(out(el, 'out-occupancy'), `${(c.result!.occupancy * 100).toFixed(1)}%`);
    assert.equal(out(el, 'out-traffic'), '32.00 Erlangs');
    assert.equal(q(el, '#out-agents').closest('[aria-live]'), region);
    const rows = [...shadow(el).querySelectorAll('table.levels tbody tr')];
    assert.equal(rows.length, 6);
    const current = rows.filter((r) => r.getAttribute('aria-current') === 'true');
    assert.equal(current.length, 1);
    assert.equal(rows.indexOf(current[0]), 2, 'the required row is the third (N − 2, N − 1, N …)');
    assert.match(current[0].querySelector('th')!.textContent!, new RegExp(`${c.result!.agents}\\s+required`));
    assert.match(region.getAttribute('title')!, /Erlang C: 120 contacts in 15 min at AHT 240 s = 32.00 Erlangs/);
    // Every field has a label.
    for (const f of ['contacts', 'aht', 'interval', 'target', 'threshold', 'shrinkage', 'maxOccupancy']) {
      assert.ok(q(el, `label[for="${f}"]`), `a label for ${f}`);
    }
    await expect(el).to.be.accessible();
  });

  it('the page presets the inputs by attribute (the worked case) and gets no event for it', async () => {
    const got: CustomEvent[] = [];
    const el = await fixture<SlaStaffing>(html`<sla-staffing contacts="100" aht="180" interval="30" sl="80/20" shrinkage="30%"
      @sla-staffing-change=${(e: CustomEvent) => got.push(e)}></sla-staffing>`);
    assert.equal(out(el, 'out-agents'), '14');
    assert.equal(out(el, 'out-scheduled'), '20');
    assert.equal(out(el, 'out-sl'), '88.8%');
    assert.equal(out(el, 'out-asa'), '8 s');
    assert.equal(out(el, 'out-occupancy'), '71.4%');
    assert.equal(field(el, 'contacts').value, '100');
    assert.equal(q<HTMLSelectElement>(el, '#interval').value, '30');
    assert.equal(field(el, 'shrinkage').value, '30');
    el.setAttribute('contacts', '200');
    el.sl = '90/15';
    el.maxOccupancy = 0.85;
    await el.updateComplete;
    const c = calculate(form({ contacts: '200', aht: '180', interval: '30', target: '90', threshold: '15', shrinkage: '30', maxOccupancy: '85' }));
    assert.equal(out(el, 'out-agents'), String(c.result!.agents));
    assert.equal(field(el, 'target').value, '90');
    assert.equal(field(el, 'maxOccupancy').value, '85');
    assert.equal(got.length, 0, 'no event when the page sets attributes or properties');
  });

  it('Erlang A: chosen in the list, the patience typed; the figures are the engine\'s, with the share that hangs up, and say which model', async () => {
    const got: CustomEvent<StaffingChangeDetail>[] = [];
    const el = await fixture<SlaStaffing>(html`<sla-staffing contacts="200" aht="180" interval="30" sl="80/20" shrinkage="30%"
      @sla-staffing-change=${(e: CustomEvent<StaffingChangeDetail>) => got.push(e)}></sla-staffing>`);
    assert.equal(out(el, 'out-model'), 'Erlang C (callers wait)');
    assert.equal(q(el, 'output#out-abandoned'), null, 'Erlang C has no abandons');
    const model = q<HTMLSelectElement>(el, '#model');
    model.value = 'erlang-a';
    model.dispatchEvent(new Event('input', { bubbles: true }));
    model.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    // No patience yet: the field asks for it, and no figures are given.
    assert.equal(message(el, 'patience'), 'Enter a number.');
    assert.equal(out(el, 'out-agents'), undefined);
    await typeInto(el, 'patience', '90');
    const a = requiredAgentsA({ contacts: 200, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20, shrinkage: 0.3, patienceSec: 90 });
    assert.equal(out(el, 'out-agents'), String(a.agents));
    assert.ok(a.agents < requiredAgents({ contacts: 200, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20 }).agents, 'fewer than Erlang C');
    assert.equal(out(el, 'out-abandoned'), `${(a.abandonment * 100).toFixed(1)}%`);
    assert.equal(out(el, 'out-model'), 'Erlang A (callers hang up)');
    assert.match(q(el, '[part="result"]').getAttribute('title')!, /^Erlang A: .* callers hanging up after 90 s on average/);
    const heads = [...shadow(el).querySelectorAll('[part="table"] thead th')].map((t) => t.textContent!.trim());
    assert.ok(heads.includes('Abandoned'), heads.join(' | '));
    assert.equal(el.model, 'erlang-a');
    assert.equal(el.patience, 90);
    assert.ok(got.some((e) => e.detail.field === 'model'), 'choosing the model is a committed change');
    // Preset by attributes as well.
    const b = await fixture<SlaStaffing>(html`<sla-staffing contacts="200" aht="180" interval="30" sl="80/20" model="erlang-a" patience="90"></sla-staffing>`);
    assert.equal(out(b, 'out-agents'), String(a.agents));
  });

  it('by keyboard: typing updates the result at once; each committed change fires sla-staffing-change once with the inputs and the result', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing></sla-staffing>`);
    const got: StaffingChangeDetail[] = [];
    const ev: CustomEvent[] = [];
    const listen = (e: Event) => { got.push((e as CustomEvent).detail); ev.push(e as CustomEvent); };
    document.addEventListener('sla-staffing-change', listen);
    await typeInto(el, 'contacts', '200');
    const c200 = calculate(form({ contacts: '200' }));
    assert.equal(out(el, 'out-agents'), String(c200.result!.agents), 'updated while typing');
    assert.equal(got.length, 0, 'not yet committed');
    await sendKeys({ press: 'Tab' }); // to AHT: commits contacts
    await el.updateComplete;
    assert.equal(got.length, 1);
    assert.equal(got[0].field, 'contacts');
    assert.deepEqual(got[0].input, c200.input);
    assert.deepEqual(got[0].result, c200.result);
    assert.deepEqual(got[0].rows, c200.rows);
    assert.equal(ev[0].bubbles && ev[0].composed, true);
    assert.equal(el.contacts, 200, 'the property follows the person\'s valid input');
    // Arrow up on AHT (focused after Tab): one step, one event.
    assert.equal(shadow(el).activeElement, field(el, 'aht'));
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    assert.equal(field(el, 'aht').value, '241');
    assert.equal(got.length, 2);
    assert.equal(got[1].input!.ahtSec, 241);
    // The interval list by keyboard.
    await sendKeys({ press: 'Tab' });
    assert.equal(shadow(el).activeElement, q(el, '#interval'));
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    assert.equal(got.length, 3);
    assert.equal(got[2].input!.intervalSec, 1800);
    assert.equal(out(el, 'out-agents'), String(calculate(form({ contacts: '200', aht: '241', interval: '30' })).result!.agents));
    // A change that changes nothing (type the same value again) fires nothing.
    await typeInto(el, 'target', '80');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    assert.equal(got.length, 3);
    await typeInto(el, 'target', '90');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    assert.equal(got.length, 4);
    assert.equal(el.sl, '90/20');
    assert.equal(got[3].input!.target, 0.9);
    document.removeEventListener('sla-staffing-change', listen);
  });

  it('invalid input: an inline message tied to the field, no numbers and no NaN, accessible; the event says so', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing></sla-staffing>`);
    const got: StaffingChangeDetail[] = [];
    el.addEventListener('sla-staffing-change', (e) => got.push((e as CustomEvent).detail));
    await typeInto(el, 'aht', '0');
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    const aht = field(el, 'aht');
    assert.equal(aht.getAttribute('aria-invalid'), 'true');
    assert.equal(aht.getAttribute('aria-describedby'), 'aht-msg');
    assert.equal(message(el, 'aht'), 'AHT must be more than 0 seconds.');
    assert.equal(out(el, 'out-agents'), undefined, 'no figures');
    assert.match(q(el, '[part="result"]').textContent!, /Correct the marked fields/);
    assert.equal(shadow(el).querySelector('table.levels'), null);
    assert.ok(!/NaN|Infinity/.test(shadow(el).textContent!), 'no NaN anywhere');
    assert.equal(field(el, 'contacts').getAttribute('aria-invalid'), 'false');
    assert.equal(got.length, 1);
    assert.equal(got[0].result, null);
    assert.equal(got[0].errors.aht, 'AHT must be more than 0 seconds.');
    await expect(el).to.be.accessible();
    // Empty contacts as well: two messages; then fixing both brings the numbers back.
    await typeInto(el, 'contacts', '');
    assert.equal(message(el, 'contacts'), 'Enter a number.');
    await typeInto(el, 'aht', '240');
    await typeInto(el, 'contacts', '120');
    assert.equal(out(el, 'out-agents'), String(calculate(DEFAULT_VALUES).result!.agents));
    assert.equal(aht.getAttribute('aria-invalid'), 'false');
    assert.equal(aht.hasAttribute('aria-describedby'), false);
    assert.equal(message(el, 'aht'), '');
  });

  it('traffic too high for any sensible staffing: the message says so at contacts, both fields marked, nothing computed', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing contacts="50000000" aht="600"></sla-staffing>`);
    assert.match(message(el, 'contacts'), /more than this calculator staffs \(at most 5000\)/);
    assert.equal(field(el, 'contacts').getAttribute('aria-invalid'), 'true');
    assert.equal(field(el, 'aht').getAttribute('aria-invalid'), 'true');
    assert.equal(field(el, 'aht').getAttribute('aria-describedby'), 'contacts-msg');
    assert.equal(out(el, 'out-agents'), undefined);
    await expect(el).to.be.accessible();
    // Negative preset by the page: the same inline message as typing it.
    el.contacts = -4;
    await el.updateComplete;
    assert.equal(message(el, 'contacts'), 'Contacts cannot be negative.');
    assert.ok(!/NaN/.test(shadow(el).textContent!));
  });

  it('a page may preset an interval outside the list: it joins the list and the engine gets it', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing interval="45"></sla-staffing>`);
    const select = q<HTMLSelectElement>(el, '#interval');
    assert.equal(select.value, '45');
    assert.deepEqual([...select.options].map((o) => o.textContent!.trim()), ['15 min', '30 min', '60 min', '45 min']);
    assert.equal(el.calculation.input!.intervalSec, 2700);
    assert.equal(field(el, 'maxOccupancy').getAttribute('aria-describedby'), 'maxOccupancy-hint');
  });

  it('speaks the page\'s language', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><sla-staffing contacts="100" aht="180" interval="30"></sla-staffing></div>`);
    const el = wrap.querySelector('sla-staffing') as SlaStaffing;
    await el.updateComplete;
    assert.equal(q(el, 'label[for="contacts"]').textContent!.trim(), 'Kontakte pro Intervall');
    assert.equal(out(el, 'out-sl'), '88,8\u00a0%');
    assert.equal(q(el, 'form').getAttribute('aria-label'), 'Personalbedarfsrechner');
  });
});

describe('<sla-staffing> per-interval view, set by the page', () => {
  it('renders each state accessibly: loading with progress, no data, error, stale, ready', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing time-zone="America/New_York"></sla-staffing>`);
    const state = () => q(el, '[part="state"]')?.textContent?.trim();
    assert.equal(q(el, '[part="intervals"]'), null, 'no source and no intervals: the calculator alone');
    el.state = 'loading';
    el.progress = 0.25;
    await el.updateComplete;
    assert.equal(state(), 'loading 25 %…');
    await expect(el).to.be.accessible();
    el.state = 'no-data';
    el.intervals = [];
    await el.updateComplete;
    assert.equal(state(), 'no data');
    await expect(el).to.be.accessible();
    el.state = 'error';
    el.error = 'cannot load /data/today.csv: HTTP 404';
    await el.updateComplete;
    assert.equal(state(), 'cannot load /data/today.csv: HTTP 404');
    assert.equal(q(el, '[part="interval-table"]'), null);
    await expect(el).to.be.accessible();
    el.intervals = twoDays;
    el.state = 'stale';
    el.updatedAt = Date.now() - 120_000;
    await el.updateComplete;
    assert.equal(state(), 'updated 2 min ago');
    assert.ok(q(el, '[part="interval-table"]'), 'stale still shows the last figures');
    await expect(el).to.be.accessible();
    el.state = 'ready';
    await el.updateComplete;
    assert.equal(state(), undefined);
    await expect(el).to.be.accessible();
  });

  it('required versus present per interval of the chosen day, under-staffed marked by text and colour; the day by keyboard', async () => {
    const el = await fixture<SlaStaffing>(html`<sla-staffing time-zone="America/New_York" .intervals=${twoDays}></sla-staffing>`);
    const cells = () => [...shadow(el).querySelectorAll('[part="interval-table"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
    assert.deepEqual(cells(), [['09:00', '40', '3:20', '12', '13', '+1'], ['09:15', '40', '3:20', '10', '11', '+1']], 'the last day by default');
    assert.match(q(el, '[part="interval-table"] caption').textContent!, /15-minute interval, Tue, Jan 6, 2026 \(times in America\/New_York\)/);
    const day = q<HTMLSelectElement>(el, '#day');
    day.focus();
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    assert.equal(el.day, '2026-01-05');
    assert.deepEqual(cells(), [['09:00', '40', '3:20', '12', '12', '0'], ['09:15', '40', '3:20', '14', '12.5', '-1.5 under-staffed']]);
    const short = shadow(el).querySelector('[part="interval-table"] tr.short')!;
    assert.equal(short.getAttribute('data-interval'), '2026-01-05T09:15-05:00');
    assert.ok(getComputedStyle(short.querySelector('td')!).color !== getComputedStyle(shadow(el).querySelector('[part="interval-table"] tbody tr:not(.short) td')!).color, 'coloured too');
    assert.equal(q(el, '[part="note"]').textContent!.trim(), '1 of 2 intervals under-staffed');
    assert.equal(shadow(el).querySelectorAll('[part="chart"] rect.bar.short').length, 1);
    assert.match(q(el, '[part="chart"]').getAttribute('aria-label')!, /2 intervals, 1 under-staffed/);
    await expect(el).to.be.accessible();
  });

  it('without agent states, present says so rather than 0', async () => {
    const rows = twoDays.map((r) => ({ ...r, presentAgents: null, gap: null }));
    const el = await fixture<SlaStaffing>(html`<sla-staffing .intervals=${rows}></sla-staffing>`);
    const heads = [...shadow(el).querySelectorAll('[part="interval-table"] thead th')].map((th) => th.textContent!.trim());
    assert.deepEqual(heads, ['Interval', 'Offered', 'AHT', 'Required']);
    assert.equal(q(el, '[part="note"]').textContent!.trim(), 'Present agents: no agent states in this data.');
    assert.equal(shadow(el).querySelectorAll('[part="chart"] rect').length, 0);
    await expect(el).to.be.accessible();
  });
});

describe('<sla-staffing> with a real <sla-source>', () => {
  const tz = 'America/New_York';
  const csv = [...generateContactsCsv({ contacts: 3000, seed: 'staffing-widget', days: 2, timeZone: tz })].join('');

  it('the per-interval table is the engine\'s observedStaffing on the same data, refreshed per version; unmounting releases the subscription', async () => {
    const expected = observedStaffing(analyzeText(csv).parts, defaultDefinitions(tz));
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <sla-source id="staffing-src" tz=${tz} .file=${new Blob([csv])}></sla-source>
      <sla-staffing source="staffing-src" throttle="50"></sla-staffing>
    </div>`);
    const src = wrap.querySelector('sla-source') as SlaSource;
    const el = wrap.querySelector('sla-staffing') as SlaStaffing;
    await until(() => el.state === 'ready' && (el.intervals?.length ?? 0) > 0);
    await el.updateComplete;
    assert.deepEqual(el.intervals, expected);
    assert.equal(src.subscriptionCount, 1);
    // The table shows the last day of the data, row by row as the engine has it.
    const lastDay = intervalDays(expected).at(-1)!;
    const dayRows = expected.filter((r) => r.interval.startsWith(lastDay));
    const trs = [...shadow(el).querySelectorAll('[part="interval-table"] tbody tr')];
    assert.equal(trs.length, dayRows.length);
    trs.forEach((tr, i) => {
      const r = dayRows[i];
      const cells = [...tr.children].map((c) => c.textContent!.trim());
      assert.equal(tr.getAttribute('data-interval'), r.interval);
      assert.equal(cells[0], r.interval.slice(11, 16));
      assert.equal(cells[1], String(r.offered));
      assert.equal(cells[3], r.requiredAgents === null ? 'no data' : String(r.requiredAgents));
    });
    // The source computes no agent states from a contact file: the widget says so.
    assert.equal(q(el, '[part="note"]').textContent!.trim(), 'Present agents: no agent states in this data.');
    assert.match(q(el, '[part="interval-table"] caption').textContent!, /America\/New_York/);
    assert.match(q(el, '[part="intervals"]').getAttribute('title')!, /Erlang C at 80\/20/);
    await expect(el).to.be.accessible();
    // A new dataset (the source's file changes): the table follows.
    const small = [...generateContactsCsv({ contacts: 400, seed: 'staffing-widget-2', days: 1, timeZone: tz })].join('');
    src.file = new Blob([small]);
    const expected2 = observedStaffing(analyzeText(small).parts, defaultDefinitions(tz));
    await until(() => JSON.stringify(el.intervals) === JSON.stringify(expected2));
    el.remove();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(src.subscriptionCount, 0, 'unmounting releases the subscription');
  });

  it('a source whose file cannot be loaded: the error state with the message; the calculator still works', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <sla-source tz="UTC" src="/no/such/staffing.csv"><sla-staffing throttle="50"></sla-staffing></sla-source>
    </div>`);
    const el = wrap.querySelector('sla-staffing') as SlaStaffing;
    await until(() => el.state === 'error');
    await el.updateComplete;
    assert.match(q(el, '[part="state"]').textContent!, /cannot load http:\/\/[^ ]+\/no\/such\/staffing\.csv: HTTP 404$/, 'the address once, then why');
    assert.equal(out(el, 'out-agents'), String(calculate(DEFAULT_VALUES).result!.agents));
    await expect(el).to.be.accessible();
  });
});
