import { fixture, html, expect } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/csv-drop/csv-drop.js';
import '../../../src/components/source/source.js';
import type { SlaCsvDrop, FileAcceptedDetail } from '../../../src/components/csv-drop/csv-drop.component.js';
import type { SlaSource, DatasetReadyDetail } from '../../../src/components/source/source.component.js';
import { pageEngine } from '../../../src/client/page-engine.js';
import { generateContactsCsv } from '../../../src/sample/generate.js';
import { inspectHead } from '../../../src/engine/ingest/inspect.js';
import { ContactIngest } from '../../../src/engine/ingest/index.js';
import {
  checkMapping, dateSettings, editorRows, formatBytes, mappingFileText, mappingFromText, startMapping, summaryOf, withColumn, withDayMonthOrder, withInputTimeZone, withNulls, withOutcomeValue, withReadAs,
} from '../../../src/components/csv-drop/csv-drop.model.js';
import type { Validation } from '../../../src/engine/ingest/index.js';
import { reason, reasonText } from '../../../src/engine/ingest/reasons.js';
import { reasonWords } from '../../../src/l10n/reasons.js';

// ── data ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** 42 contacts in the kit's format, two of them with an arrival time nobody can read (lines 12 and 27). */
function kitCsv(): string {
  const out = ['id,queue,team,arrived,answered,ended,outcome,wait'];
  const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
  for (let i = 0; i < 42; i++) {
    const at = t0 + i * 60_000;
    const wait = (i * 7) % 50;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    const arrived = i === 10 ? 'yesterday at noon' : i === 25 ? 'ten past nine' : iso(at);
    const queue = i % 2 ? 'Help' : 'Sales';
    const team = ['A', 'B', 'C'][i % 3];
    out.push(i % 5 === 4
      ? `k${i},${queue},${team},${arrived},,${iso(at + wait * 1000)},abandoned,${wait}`
      : `k${i},${queue},${team},${arrived},${iso(at + wait * 1000)},${iso(at + (wait + 90) * 1000)},answered,${wait}`);
  }
  return out.join('\n') + '\n';
}
const KIT = kitCsv();

const UNKNOWN = 'Begin,Desk,Result,Secs\n2026-03-02T09:00:00Z,North,answered,12\n2026-03-02T09:01:00Z,South,abandoned,40\n2026-03-02T09:02:00Z,North,answered,3\n';
/** The same calls with their date and their time of day in columns whose names say nothing: no arrival by itself. */
const NO_ARRIVAL = 'Day,Clock,Desk,Result,Secs\n2026-03-02,09:00:00,North,answered,12\n2026-03-02,09:01:00,South,abandoned,40\n2026-03-02,09:02:00,North,answered,3\n';

function until(pred: () => boolean, ms = 15000, what = 'condition'): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error(`timed out waiting for ${what}`)) : setTimeout(tick, 20));
    tick();
  });
}

let n = 0;
const nextId = () => `src-${++n}`;

const $ = <T extends Element = HTMLElement>(el: SlaCsvDrop, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: SlaCsvDrop, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const headingText = (el: SlaCsvDrop) => $(el, '.step [role="heading"]')?.textContent?.trim() ?? '';
const focused = (el: SlaCsvDrop) => el.shadowRoot!.activeElement as HTMLElement | null;

function filesOf(...files: File[]): DataTransfer {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  return dt;
}

/** What a person does with the file dialog: the real input gets the file and says it changed. */
function choose(el: SlaCsvDrop, file: File): void {
  const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
  input.files = filesOf(file).files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function click(el: SlaCsvDrop, sel: string): void {
  const b = $<HTMLElement>(el, sel);
  if (!b) throw new Error(`nothing matches ${sel}`);
  b.click();
}

function selectColumn(el: SlaCsvDrop, field: string, column: string): void {
  const sel = $<HTMLSelectElement>(el, `tr[data-field="${field}"] select`)!;
  sel.focus(); // as a person reaches it: the select offers the file's columns from then on
  const opt = [...sel.options].find((o) => o.textContent!.trim() === column);
  if (!opt) throw new Error(`no option ${column} for ${field}`);
  sel.value = opt.value;
  sel.dispatchEvent(new Event('change', { bubbles: true }));
}

async function setup() {
  const id = nextId();
  const wrap = await fixture<HTMLDivElement>(html`
    <div>
      <sla-source id=${id} tz="UTC"></sla-source>
      <sla-csv-drop source=${id} throttle="20"></sla-csv-drop>
    </div>`);
  const src = wrap.querySelector('sla-source') as SlaSource;
  const el = wrap.querySelector('sla-csv-drop') as SlaCsvDrop;
  await until(() => el.datasets !== null, 15000, 'the recent list');
  await el.updateComplete;
  return { wrap, src, el, id };
}

async function clearCache(): Promise<void> {
  const engine = pageEngine();
  for (const d of await engine.list()) await engine.remove(d.id);
}

// ── the model, as data ─────────────────────────────────────────────────────────────────────────────────────

describe('<sla-csv-drop> model, as data', () => {
  const head = inspectHead(KIT);

  it('one editor row per contact field, required ones marked, each with the column it reads and a sample value', () => {
    const rows = editorRows(startMapping(head), head);
    assert.equal(rows.length, 22);
    assert.deepEqual(rows.filter((r) => r.required).map((r) => r.field), ['arrived', 'queue']);
    const arrived = rows.find((r) => r.field === 'arrived')!;
    assert.equal(arrived.choice, `c:${head.header.indexOf('arrived')}`);
    assert.equal(arrived.readAs, 'iso');
    assert.equal(arrived.sample, '2026-03-02T09:00:00Z');
    assert.equal(rows.find((r) => r.field === 'wait')!.readAs, 's');
    assert.equal(rows.find((r) => r.field === 'talk')!.choice, '', 'not in this file');
  });

  it('an edit makes the mapping "custom": a field taken out stays out (a named preset would put it back)', () => {
    const m0 = startMapping(head);
    assert.equal(m0.preset, 'sla-widgets');
    const m1 = withColumn(m0, 'answered', '', head);
    assert.equal(m1.preset, 'custom');
    assert.equal(m1.fields.answered, undefined);
    assert.equal(m0.fields.answered, 'answered', 'the original is not changed');
    const read = (mapping: typeof m0) => {
      const ing = new ContactIngest({ mapping: structuredClone(mapping), onContact: () => undefined });
      ing.push(KIT);
      return ing.end();
    };
    const asDetected = read(m0), edited = read(withColumn(withColumn(m0, 'answered', '', head), 'wait', '', head));
    assert.equal(asDetected.validation.rowsRejected, 2);
    assert.equal(edited.mapping.fields.answered, undefined, 'the engine read the mapping as edited');
    // With neither an answer time nor a wait in the mapping, answered contacts are counted with no wait
    // (in no SL or ASA, docs/metrics.md §1): the same rows are rejected as before, for the same reasons.
    assert.equal(edited.validation.rowsRejected, 2);
    assert.equal(edited.validation.byReason['answered, but no answer time or wait'], undefined);
  });

  it('a new column guesses how it is written; "read as" changes the unit or format', () => {
    const h = inspectHead('Call,Queue,When,Waited,Epoch\nc1,Q,05/03/2024 09:00,0:00:12,1709629200\nc2,Q,13/03/2024 10:00,0:01:02,1709629260\n');
    let m = startMapping(h);
    m = withColumn(m, 'arrived', `c:${h.header.indexOf('Epoch')}`, h);
    assert.deepEqual(m.fields.arrived, { column: 'Epoch', format: 'epoch-s' });
    m = withColumn(m, 'arrived', `c:${h.header.indexOf('When')}`, h);
    assert.deepEqual(m.fields.arrived, { column: 'When', format: 'datetime', dateFormat: 'auto' });
    assert.deepEqual(dateSettings(m, h), { dayMonthOrder: true, inputZone: true });
    m = withColumn(m, 'wait', `c:${h.header.indexOf('Waited')}`, h);
    assert.deepEqual(m.fields.wait, { column: 'Waited', unit: 'h:mm:ss' });
    m = withReadAs(m, 'wait', 's');
    assert.equal(m.fields.wait, 'Waited');
    m = withDayMonthOrder(m, 'dmy');
    assert.equal(m.dayMonthOrder, 'dmy');
    m = withInputTimeZone(m, ' Europe/Madrid ');
    assert.equal(m.inputTimeZone, 'Europe/Madrid');
    assert.deepEqual(dateSettings(startMapping(head), head), { dayMonthOrder: false, inputZone: false }, 'ISO times with Z need neither');
  });

  it('checks: required fields, columns not in the file, unknown outcomes and zones, and validateMapping\'s own words', () => {
    const h = inspectHead(NO_ARRIVAL);
    let m = startMapping(h);
    assert.equal(m.preset, 'custom');
    assert.deepEqual(checkMapping(m, h).problems.map((p) => [p.field, p.code]), [['arrived', 'required'], ['queue', 'required']]);
    m = withColumn(m, 'arrived', 'c:0', h);
    m = withColumn(m, 'queue', 'one-queue', h);
    assert.deepEqual(m.fields.queue, { const: 'all' });
    assert.equal(checkMapping(m, h).ok, true);
    const bad = { ...m, inputTimeZone: 'Mars/Olympus', fields: { ...m.fields, outcome: { column: 'Result', values: { ok: 'great' } }, wait: 'Gone' } };
    assert.deepEqual(checkMapping(bad, h).problems.map((p) => [p.field, p.code, p.detail]), [
      ['wait', 'column-missing', 'Gone'], ['outcome', 'outcome-values', 'great'], [null, 'zone', 'Mars/Olympus'],
    ]);
    const engineSays = checkMapping({ ...m, fields: { ...m.fields, talk: { column: 'Secs', unit: 'hours' } } } as never, h);
    assert.equal(engineSays.problems[0].code, 'engine');
    assert.equal(engineSays.problems[0].field, 'talk');
    assert.match(engineSays.problems[0].detail, /fields\.talk\.unit must be s, ms, min or h:mm:ss/);
  });

  it('the summary keeps the engine\'s identity: read = accepted + rejected; counted apart is part of accepted', () => {
    const v: Validation = {
      rowsRead: 10, rowsAccepted: 8, rowsRejected: 2, byReason: { 'unparseable time': 1, 'not a number': 1 },
      byCode: [{ ...reason('unparseableTime'), count: 1 }, { ...reason('notANumber'), count: 1 }],
      countedApart: { total: 3, byReason: { 'outbound contact': 3 }, byCode: [{ ...reason('outbound'), count: 3 }] }, rejections: [], contacts: 5,
    };
    const f = summaryOf(v);
    assert.equal(f.adds, true);
    assert.equal(f.apart, 3);
    assert.equal(f.contacts, 5);
    assert.deepEqual(f.reasons.map((r) => [reasonText(r), r.count]), [['not a number', 1], ['unparseable time', 1]]);
    assert.equal(summaryOf({ ...v, rowsRead: 11 }).adds, false);
  });

  it('sizes in the locale', () => {
    assert.equal(formatBytes(820, 'en'), '820 B');
    assert.equal(formatBytes(12_400, 'en'), '12.4 kB');
    assert.equal(formatBytes(3_100_000, 'de'), '3,1 MB');
  });
});

// ── the widget, with the real worker, IndexedDB and files ───────────────────────────────────────────────────

describe('<sla-csv-drop>', function () {
  this.timeout(60000);
  before(clearCache);

  it('without a source it says so (again when a file is picked); a source added later is found', async () => {
    const el = await fixture<SlaCsvDrop>(html`<sla-csv-drop source="nowhere" no-recent></sla-csv-drop>`);
    await until(() => !!$(el, '[part="notice"]'));
    const said = 'This CSV drop reads into the source "nowhere", but there is no <sla-source id="nowhere"> on this page.';
    assert.equal($(el, '[part="notice"]')!.textContent!.trim(), said);
    await expect(el).to.be.accessible();
    choose(el, new File([KIT], 'calls.csv'));
    await until(() => !!$(el, '.note[role="status"]'));
    assert.equal(el.step, 'pick');
    assert.equal($(el, '.note[role="status"]')!.textContent!.trim(), said);
    const late = document.createElement('sla-source');
    late.id = 'nowhere';
    el.before(late);
    choose(el, new File([KIT], 'calls.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.equal($(el, '[part="notice"]'), null);
    late.remove();
    const bare = await fixture<SlaCsvDrop>(html`<sla-csv-drop no-recent></sla-csv-drop>`);
    await until(() => !!$(bare, '[part="notice"]'));
    assert.match($(bare, '[part="notice"]')!.textContent!, /put it inside an <sla-source>/);
    const inside = await fixture<SlaSource>(html`<sla-source tz="UTC"><sla-csv-drop no-recent></sla-csv-drop></sla-source>`);
    const nested = inside.querySelector('sla-csv-drop') as SlaCsvDrop;
    await new Promise((r) => setTimeout(r, 50));
    await nested.updateComplete;
    assert.equal($(nested, '[part="notice"]'), null, 'an ancestor source is found');
  });

  it('pick → mapping → reading → summary: rows read = accepted + rejected, the rejected lines, the source\'s ready event, one sla-file-accepted', async () => {
    const { wrap, src, el } = await setup();
    const accepted: CustomEvent<FileAcceptedDetail>[] = [];
    const ready: CustomEvent<DatasetReadyDetail>[] = [];
    wrap.addEventListener('sla-file-accepted', (e) => accepted.push(e as CustomEvent<FileAcceptedDetail>));
    src.addEventListener('sla-dataset-ready', (e) => ready.push(e as CustomEvent<DatasetReadyDetail>));
    const steps: string[] = [];
    new MutationObserver(() => steps.push(el.getAttribute('step')!)).observe(el, { attributes: true, attributeFilter: ['step'] });

    // Step 1: pick, through the real file input; the visible control is its label.
    assert.equal(headingText(el), 'Load contacts from a CSV file');
    const label = $<HTMLLabelElement>(el, 'label[part~="choose"]')!;
    assert.equal(label.textContent!.trim(), 'Choose a CSV file');
    assert.equal(label.htmlFor, $<HTMLInputElement>(el, 'input[type="file"]')!.id);
    assert.equal($<HTMLInputElement>(el, 'input[type="file"]')!.accept, '.csv,.tsv,.txt,text/csv,.parquet,.ndjson,.jsonl,.json');
    assert.equal($(el, '.recent .empty')!.textContent!.trim(), 'No datasets kept in this browser yet.');
    await expect(el).to.be.accessible();
    choose(el, new File([KIT], 'calls.csv', { type: 'text/csv' }));

    // Step 2: the detected mapping, each field's column and a sample value.
    await until(() => el.step === 'mapping', 15000, 'the mapping step');
    await el.updateComplete;
    assert.equal(headingText(el), 'Check how calls.csv is read');
    assert.ok(focused(el)?.getAttribute('role') === 'heading', 'focus on the mapping step\'s heading');
    assert.match($(el, '.step')!.textContent!, /Detected: the kit's own format \(sla-widgets\)/);
    const arrivedSel = $<HTMLSelectElement>(el, 'tr[data-field="arrived"] select')!;
    assert.equal(arrivedSel.selectedOptions[0].textContent!.trim(), 'arrived');
    assert.equal(arrivedSel.getAttribute('aria-required'), 'true');
    assert.equal($(el, 'tr[data-field="arrived"] .sample')!.textContent!.trim(), '2026-03-02T09:00:00Z');
    assert.equal($<HTMLSelectElement>(el, 'tr[data-field="queue"] select')!.selectedOptions[0].textContent!.trim(), 'queue');
    assert.equal($<HTMLSelectElement>(el, 'tr[data-field="talk"] select')!.selectedOptions[0].textContent!.trim(), '— not in this file —');
    assert.equal($(el, 'tr[data-field="arrived"] th label')!.textContent!.trim(), 'Arrival time (entered the queue)');
    assert.equal(accepted.length, 0);
    await expect(el).to.be.accessible();

    // Step 3 and 4: confirm; the reading; the summary.
    click(el, 'button[data-action="confirm"]');
    assert.equal(el.step, 'reading');
    await el.updateComplete;
    assert.ok($(el, 'progress[part="progress"]'), 'a progress bar while reading');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    const seen = steps.filter((s, i) => s !== steps[i - 1]);
    assert.deepEqual(seen.slice(seen.indexOf('mapping')), ['mapping', 'reading', 'summary'], 'the steps in order');
    assert.equal(headingText(el), 'calls.csv is ready');
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '42 rows read = 40 accepted + 2 rejected');
    const lines = $$(el, '[part="rejections"] tbody tr').map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
    assert.deepEqual(lines, [['12', 'arrived', 'yesterday at noon', 'unparseable time'], ['27', 'arrived', 'ten past nine', 'unparseable time']]);
    assert.match($(el, '.step')!.textContent!, /unparseable time: 2/);
    assert.match($(el, '.step')!.textContent!, /40 contacts are in the numbers/);
    // "Kept" only once the browser's storage holds the dataset (a tab closed before that keeps nothing).
    await until(() => $(el, '[data-kept]')?.getAttribute('data-kept') === 'kept', 10000, 'the dataset kept');
    await el.updateComplete;
    assert.match($(el, '.step')!.textContent!, /Kept in this browser/);
    assert.ok($(el, 'button[data-action="back"]'), 'after rejections the mapping is one step away, the file still here');
    assert.ok(focused(el)?.getAttribute('role') === 'heading', 'focus on the summary heading');
    await expect(el).to.be.accessible();

    // The source's own event, and the drop's: once, after the person's confirm.
    await until(() => ready.length === 1);
    assert.deepEqual({ ...ready[0].detail, id: '' }, { id: '', rows: 42, rejected: 2, fromCache: false });
    assert.equal(accepted.length, 1);
    assert.deepEqual(accepted[0].detail, { name: 'calls.csv', preset: 'sla-widgets', detectedPreset: 'sla-widgets', datasetId: ready[0].detail.id, rows: 42, rejected: 2, fromCache: false });
    assert.equal(accepted[0].bubbles && accepted[0].composed, true);
    assert.equal(src.file instanceof File && (src.file as File).name, 'calls.csv');

    // The recent list holds it, in the page's locale.
    await until(() => !!$(el, `tr[data-id="${ready[0].detail.id}"]`), 15000, 'the dataset in the recent list');
    const row = $(el, `tr[data-id="${ready[0].detail.id}"]`)!;
    assert.equal(row.querySelector('th')!.textContent!.trim(), 'calls.csv');
    assert.equal(row.querySelectorAll('td')[0].textContent!.trim(), '40');
    assert.equal(row.querySelector('[data-reopen]')!.getAttribute('aria-label'), 'Reopen calls.csv');
    await expect(el).to.be.accessible();

    // Read another: back to the pick step, focus on its heading.
    click(el, 'button[data-action="another"]');
    await el.updateComplete;
    assert.equal(el.step, 'pick');
    assert.equal(focused(el)?.textContent?.trim(), 'Load contacts from a CSV file');
    assert.equal(accepted.length, 1, 'nothing more fired');
  });

  it('a dropped file is read once: its first look and its reading take each byte from the file one time; dropped again, it comes from the cache by the same single pass', async () => {
    const { el } = await setup();
    // About 700 kB: a head of 64 kB for the first look, the rest streamed.
    const text = [...generateContactsCsv({ contacts: 6000, seed: 'read-once', days: 2, start: '2026-03-02', timeZone: 'UTC' })].join('');
    const file = new File([text], 'once.csv', { type: 'text/csv' });
    const stats = () => pageEngine().call((api) => api.stats());
    const before = await stats();
    choose(el, file);
    await until(() => el.step === 'mapping', 15000, 'the mapping step');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 30000, 'the summary');
    const after = await stats();
    assert.ok(file.size > 500_000, `a file of ${file.size} bytes`);
    assert.equal(after.bytesRead - before.bytesRead, file.size, 'every byte read once (the head of the first look is not read again)');
    assert.equal(after.parses - before.parses, 1);

    // The same file again: found in the cache (no parse), its content checked in one pass.
    click(el, 'button[data-action="another"]');
    await el.updateComplete;
    choose(el, new File([text], 'once-again.csv', { type: 'text/csv' }));
    await until(() => el.step === 'mapping', 15000, 'the mapping step');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 30000, 'the summary');
    const again = await stats();
    assert.equal(again.parses, after.parses, 'no parse: the cache had it');
    assert.equal(again.bytesRead - after.bytesRead, file.size, 'its bytes read once, to check the content');
    assert.equal(el.fromCache, true);
  });

  it('a file with a header and no rows: the summary says there is nothing to show, not that it is ready', async () => {
    const { el } = await setup();
    choose(el, new File([KIT.split('\n')[0] + '\n'], 'empty-export.csv', { type: 'text/csv' }));
    await until(() => el.step === 'mapping', 15000, 'the mapping step');
    await el.updateComplete;
    click(el, '[data-action="confirm"]');
    await until(() => el.step === 'summary', 15000, 'the summary');
    await el.updateComplete;
    assert.match($(el, '[part="identity"]')!.textContent!, /^0 rows read = 0 accepted \+ 0 rejected/);
    assert.match($(el, '.problem[role="status"]')!.textContent!, /The file holds no contacts/);
    assert.equal($(el, '.ready'), null);
    await expect(el).to.be.accessible();
  });

  it('while the worker parses a large file: the bar, bytes and rows so far, announced politely', async () => {
    const { el } = await setup();
    const rows = ['id,queue,arrived,answered,outcome,wait'];
    const t0 = Date.UTC(2026, 2, 2, 0, 0, 0);
    for (let i = 0; i < 60_000; i++) {
      const at = t0 + i * 1000;
      rows.push(`big-${i},Q${i % 7},${new Date(at).toISOString()},${new Date(at + (i % 40) * 1000).toISOString()},answered,${i % 40}`);
    }
    const file = new File([rows.join('\n') + '\n'], 'big.csv');
    choose(el, file);
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    const texts: string[] = [], said: string[] = [];
    const watch = new MutationObserver(() => {
      const tx = $(el, '.progress-text')?.textContent?.trim();
      if (tx && tx !== texts[texts.length - 1]) texts.push(tx);
      const sx = $(el, '[role="status"][aria-live="polite"]')?.textContent?.trim();
      if (sx && sx !== said[said.length - 1]) said.push(sx);
    });
    watch.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    click(el, 'button[data-action="confirm"]');
    await el.updateComplete;
    await expect(el).to.be.accessible();
    await until(() => el.step === 'summary', 30000, 'the summary');
    watch.disconnect();
    const size = formatBytes(file.size, 'en');
    assert.ok(texts.some((x) => new RegExp(`of ${size.replace('.', '\\.')} · [1-9][\\d,]* rows · 0 rejected$`).test(x)), `the bar moves while the file is read (rows counted before the end): ${texts.join(' | ')}`);
    assert.ok(said.some((x) => /^\d+ % read, [\d,]+ rows, 0 rejected$/.test(x)), `progress said: ${said.join(' | ')}`);
    assert.ok(said.length <= 6, 'said once per quarter at most (after "Starting…"), not on every update');
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '60,000 rows read = 60,000 accepted + 0 rejected');
  });

  it('a running read can be stopped: nothing is kept, the mapping is shown again with the file, and it can be read again', async () => {
    const { el, src } = await setup();
    await clearCache();
    const file = new File([...generateContactsCsv({ contacts: 150_000, seed: 'stop' })], 'stop.csv');
    choose(el, file);
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'reading' && $(el, 'button[data-action="stop"]') !== null, 15000, 'the stop button');
    click(el, 'button[data-action="stop"]');
    await until(() => el.step === 'mapping', 15000, 'the mapping again');
    await el.updateComplete;
    assert.match($(el, '[part="notice"]')!.textContent!, /Reading stopped: nothing of stop\.csv was kept/);
    assert.deepEqual((await src.kept()).map((d) => d.name), [], 'nothing of the stopped file is in the browser\'s storage');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 60000, 'the summary');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '150,000 rows read = 150,000 accepted + 0 rejected');
  });

  it('the engine restarted under a read: an error, never a spinner; "Read again" then reads the file', async () => {
    const { el } = await setup();
    const file = new File([...generateContactsCsv({ contacts: 300_000, seed: 'restart' })], 'restart.csv');
    choose(el, file);
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    // Mid-read: rows already counted (a restart before the reading began would simply read on the new worker).
    await until(() => el.step === 'reading' && ((el as unknown as { progress: { rows: number } | null }).progress?.rows ?? 0) > 0, 15000, 'the reading under way');
    await pageEngine().restart();
    await until(() => el.step === 'error', 15000, 'the error');
    await el.updateComplete;
    assert.match($(el, '[part="error"]')!.textContent!, /engine stopped while it read the file/);
    click(el, 'button[data-action="retry"]');
    await until(() => el.step === 'summary', 60000, 'the summary after reading again');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '300,000 rows read = 300,000 accepted + 0 rejected');
  });

  it('after a read with rejections, "Back to the mapping" keeps the file: fixing a column reads it whole', async () => {
    const { el } = await setup();
    const csv = 'id,queue,arrived,wait,outcome\na1,Q,2026-03-02 09:00,12,answered\na2,Q,2026-03-02 09:05,40,abandoned\na3,Q,2026-03-02 09:07,7,answered\n';
    choose(el, new File([csv], 'minutes.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    selectColumn(el, 'arrived', 'wait');
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary' || el.step === 'error', 20000, 'the summary');
    await el.updateComplete;
    if (el.step === 'summary') {
      assert.match($(el, '[part="identity"]')!.textContent!, /3 rows read = 0 accepted \+ 3 rejected/);
      click(el, 'button[data-action="back"]');
    } else click(el, 'button[data-action="back"]');
    await until(() => el.step === 'mapping', 5000, 'the mapping');
    await el.updateComplete;
    selectColumn(el, 'arrived', 'arrived');
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '3 rows read = 3 accepted + 0 rejected');
  });

  it('outcome values in the file\'s own words are mapped in the page; a value marked "not a queue contact" is counted apart', async () => {
    const { el, src } = await setup();
    const csv = 'id,queue,arrived,wait,result\n' + [
      'b1,Q,2026-03-02T09:00:00Z,12,AGENT', 'b2,Q,2026-03-02T09:01:00Z,40,HANG', 'b3,Q,2026-03-02T09:02:00Z,3,AGENT',
      'b4,Q,2026-03-02T09:03:00Z,0,IVR', 'b5,Q,2026-03-02T09:04:00Z,25,AGENT',
    ].join('\n') + '\n';
    choose(el, new File([csv], 'bank-words.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    selectColumn(el, 'outcome', 'result');
    await el.updateComplete;
    const pick = (value: string, choice: string) => {
      const sel = $<HTMLSelectElement>(el, `select[data-outcome-value="${value}"]`)!;
      sel.value = choice;
      sel.dispatchEvent(new Event('change', { bubbles: true }));
    };
    assert.deepEqual($$<HTMLSelectElement>(el, 'select[data-outcome-value]').map((x) => x.dataset.outcomeValue), ['AGENT', 'HANG', 'IVR'], 'each distinct value listed, most frequent first');
    // The preview reads the rows with the mapping as it is, before the file is read: words it does not know, rejected.
    await until(() => /All 5 rows/.test($(el, '[part="preview"]')?.textContent ?? ''), 5000, 'the preview');
    assert.match($(el, '[part="preview"]')!.textContent!.replace(/\s+/g, ' '), /5 rejected\. line 2 · result AGENT: unknown outcome value/);
    pick('AGENT', 'answered');
    pick('HANG', 'abandoned');
    pick('IVR', 'apart');
    await el.updateComplete;
    await until(() => /0 rejected/.test($(el, '[part="preview"]')?.textContent ?? ''), 5000, 'the preview after the edits');
    assert.match($(el, '[part="preview"]')!.textContent!.replace(/\s+/g, ' '), /All 5 rows, read with this mapping: 3 answered, 1 abandoned, 0 flow-outs, callbacks or voicemails, 1 counted apart, 0 rejected\./);
    await expect(el).to.be.accessible();
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '5 rows read = 5 accepted + 0 rejected');
    const view = await (await src.datasetHandle())!.view({});
    // By hand: answered waits 12, 3, 25 (two within 20 s); one abandon after 40 s; the IVR row counted apart.
    assert.equal(view.totals!.answered, 3);
    assert.equal(view.totals!.abandoned, 1);
    assert.close(view.totals!.serviceLevel, 2 / 4);
    assert.equal(view.validation!.countedApart.total, 1);
  });

  it('a date and a time of day combined in the page, values that mean blank set per field', async () => {
    const { el, src } = await setup();
    const csv = 'Call,Queue,Day,Clock,Waited,Agent,Result\nc1,Q,2026-03-02,09:00:00,12,ann,answered\nc2,Q,2026-03-02,09:30:00,40,NO_SERVER,abandoned\n';
    choose(el, new File([csv], 'split.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    selectColumn(el, 'arrived', 'Day');
    await el.updateComplete;
    const readAs = $<HTMLSelectElement>(el, 'select[data-read-as="arrived"]')!;
    readAs.value = 'split';
    readAs.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    assert.equal($<HTMLSelectElement>(el, 'select[data-time-col="arrived"]')!.value, 'Clock', 'the time column found from its values');
    selectColumn(el, 'queue', 'Queue');
    selectColumn(el, 'wait', 'Waited');
    selectColumn(el, 'agent', 'Agent');
    selectColumn(el, 'outcome', 'Result');
    await el.updateComplete;
    const nulls = $<HTMLInputElement>(el, 'input[data-nulls="agent"]')!;
    nulls.value = 'NO_SERVER';
    nulls.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    const view = await (await src.datasetHandle())!.view({ by: ['hour'] });
    assert.deepEqual(view.mapping!.fields.arrived, { date: 'Day', time: 'Clock', dateFormat: 'auto' });
    assert.deepEqual(view.mapping!.fields.agent, { column: 'Agent', null: ['NO_SERVER'] });
    assert.equal(view.totals!.offered, 2);
    assert.deepEqual(view.groups.map((g) => g.by.hour!.slice(0, 16)), ['2026-03-02T09:00']);
  });

  it('a mapping file loaded in the page is used as the command line would use it; a bad one is refused with the validator\'s words', async () => {
    const { el, src } = await setup();
    choose(el, new File([UNKNOWN], 'desks.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    const load = (text: string, name: string) => {
      const input = $<HTMLInputElement>(el, 'input[data-action="load-mapping"]')!;
      input.files = filesOf(new File([text], name, { type: 'application/json' })).files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    load('{ "fields": { "talk": "Secs" } }', 'bad.mapping.json');
    await until(() => $(el, '[part="mapping-file"] [role="alert"]') !== null, 5000, 'the refusal');
    assert.match($(el, '[part="mapping-file"] [role="alert"]')!.textContent!, /must map "arrived"/);
    const good = { preset: 'custom', fields: { arrived: 'Begin', queue: 'Desk', outcome: 'Result', wait: 'Secs' } };
    load(JSON.stringify(good), 'desks.mapping.json');
    await until(() => /desks\.mapping\.json is in use/.test($(el, '[part="mapping-file"] [role="status"]')?.textContent ?? ''), 5000, 'the mapping in use');
    await el.updateComplete;
    assert.equal($<HTMLSelectElement>(el, 'tr[data-field="queue"] select')!.selectedOptions[0].textContent!.trim(), 'Desk');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    const view = await (await src.datasetHandle())!.view({ by: ['queue'] });
    assert.deepEqual(view.groups.map((g) => g.by.queue).sort(), ['North', 'South']);
    assert.equal(view.totals!.answered, 2);
  });

  it('the mapping downloaded is the file --map takes: read back by the engine\'s validator, the same mapping', () => {
    const head = inspectHead(KIT, 200);
    const m = withOutcomeValue(withNulls(startMapping(head), 'queue', 'N/A'), 'answered', 'answered');
    const back = mappingFromText(mappingFileText(m));
    assert.ok('mapping' in back);
    const { notes: _n, ...rest } = m;
    assert.deepEqual((back as { mapping: unknown }).mapping, rest);
    assert.match((mappingFromText('{ not json') as { error: string }).error, /^not JSON/);
  });

  it('a header of 7,000 columns (a line with no end) offers the first 300 per field and says how many there are', async () => {
    const { el } = await setup();
    const header = Array.from({ length: 7000 }, (_, i) => `c${i}`).join(',');
    choose(el, new File([header + '\n' + Array.from({ length: 7000 }, () => '1').join(',') + '\n'], 'wide.csv'));
    await until(() => el.step === 'mapping', 15000, 'the mapping');
    await el.updateComplete;
    assert.match($(el, '[part="notice"]')!.textContent!, /The header has 7,000 columns: the first 300 are offered below/);
    const select = $<HTMLSelectElement>(el, 'tr[data-field="arrived"] select')!;
    // Until a person reaches a select it holds only its chosen column (20 selects × 300 options cost a long task).
    assert.ok([...select.options].filter((o) => o.value.startsWith('c:')).length <= 1, 'not filled before it is reached');
    select.focus();
    const columns = [...select.options].filter((o) => o.value.startsWith('c:')).map((o) => o.textContent!.trim());
    assert.deepEqual(columns, Array.from({ length: 300 }, (_, i) => `c${i}`), 'once reached, the select offers the first 300 columns');
  });

  /** `n` bytes of `unit` over and over, as bytes (a 50 MB JS string would leave the test's garbage in the page's tasks). */
  const repeated = (unit: string, n: number) => {
    const u = new TextEncoder().encode(unit);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += u.length) out.set(u.subarray(0, Math.min(u.length, n - i)), i);
    return out;
  };
  /** 60,000 generated contacts with a quote opened on line 6 and never closed. */
  const runaway = () => {
    const text = [...generateContactsCsv({ contacts: 60_000, seed: 'runaway' })].join('');
    let at = 0;
    for (let i = 0; i < 5; i++) at = text.indexOf('\n', at) + 1;
    at = text.indexOf(',', at) + 1;
    return text.slice(0, at) + '"' + text.slice(at);
  };
  // The page under hostile files (docs/mapping.md "Bounds"): each ends in a message the person can act on, and the page
  // stays responsive while it gets there — no main-thread task over 200 ms (Chromium's Long Tasks API).
  for (const [what, make, expect, reason] of [
    ['a 50 MB line with no end after the rows', () => new File([KIT, repeated('z', 50 << 20)], 'no-end.csv'), /^43 rows read = 40 accepted \+ 3 rejected$/, ['44', /^record longer than 1048576 bytes \(reading goes on at the next line\)$/]],
    ['a 50 MB header line', () => new File(['id,queue,arrived,wait,outcome,', repeated('x,', 50 << 20)], 'wide-head.csv'), null, null],
    ['a runaway quote on line 6 of 60,000 lines', () => new File([runaway()], 'runaway.csv'), /^60,000 rows read = 59,999 accepted \+ 1 rejected$/, ['6', /^quoted field runs past 100 lines from line 6: a stray quote\?/]],
  ] as const) {
    it(`${what}: a message, and no main-thread task over 200 ms`, async function () {
      this.timeout(120_000);
      const { el } = await setup();
      await clearCache();
      const file = make(); // made before watching: building 50 MB in the test is not the page's work
      await new Promise((r) => setTimeout(r, 50));
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
      observer.observe({ type: 'longtask' });
      try {
        choose(el, file);
        await until(() => el.step === 'mapping' || el.step === 'error', 30000, 'the first look');
        await el.updateComplete;
        if (expect === null) {
          // The header is one line of millions of columns (the first look sees its first 64 KB): the mapping offers a bounded number and says so.
          assert.equal(el.step, 'mapping');
          assert.match($(el, '[part="notice"]')!.textContent!, /The header has [\d,]+ columns: the first 300 are offered below/);
        } else {
          if (el.step === 'mapping') click(el, 'button[data-action="confirm"]');
          await until(() => el.step === 'summary' || el.step === 'error', 90000, 'the end of the reading');
          await el.updateComplete;
          assert.equal(el.step, 'summary', `it ends in a summary: ${el.shadowRoot!.textContent!.slice(0, 300)}`);
          assert.match($(el, '[part="identity"]')!.textContent!.trim(), expect);
          const cells = $$(el, '[part="rejections"] tbody tr').map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent!.trim()));
          const row = cells.find((c) => c[0] === reason![0]);
          assert.ok(row, `line ${reason![0]} is among the rejected lines: ${JSON.stringify(cells)}`);
          assert.match(row![row!.length - 1], reason![1], 'and why');
        }
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        observer.disconnect();
      }
      const longest = Math.max(0, ...tasks);
      assert.ok(longest < 200, `the longest main-thread task took ${Math.round(longest)} ms (${tasks.length} tasks over 50 ms)`);
    });
  }

  it('every rejected row can be exported as CSV (the summary lists the first 100): read again in the worker, cells made inert', async () => {
    const { el, src } = await setup();
    const rows = ['id,queue,arrived,wait,outcome'];
    for (let i = 0; i < 300; i++) rows.push(i % 2 ? `ok${i},Q,2026-03-02T09:00:00Z,5,answered` : `bad${i},Q,=1+1,5,answered`);
    const file = new File([rows.join('\n') + '\n'], 'many-bad.csv');
    choose(el, file);
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.ok($(el, 'button[data-action="export-rejections"]'), 'the export is offered after rejections');
    const text = await (await src.rejectedRows(file, el.mapping)).text();
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, 1 + 150, 'all 150 rejected rows, not the first 100');
    assert.equal(lines[0], 'line,column,value,reason,code');
    assert.equal(lines[1], "2,arrived,'=1+1,unparseable time,unparseableTime");
  });

  it('a dropped file (DragEvent with a DataTransfer) is taken like a chosen one; the zone highlights while dragged over', async () => {
    const { el } = await setup();
    const zone = $(el, '[part="dropzone"]')!;
    const file = new File([UNKNOWN], 'lines.csv', { type: 'text/csv' });
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: filesOf(file), bubbles: true, cancelable: true }));
    await el.updateComplete;
    assert.ok(zone.classList.contains('over'));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: filesOf(file), bubbles: true, cancelable: true }));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.equal($(el, '[part="dropzone"]'), null);
    assert.equal(headingText(el), 'Check how lines.csv is read');
  });

  it('a header the kit does not know: the problem said, the columns mapped by hand, the errors inline until they are', async () => {
    const { src, el } = await setup();
    choose(el, new File([NO_ARRIVAL], 'lines.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.equal($(el, '.step .problem')!.textContent!.trim(), 'The kit cannot map this file by itself: found date, outcome, but no arrival time (a column such as arrived, start time, or date + time). Choose the column for each field below. Arrival time and queue are required.');
    await expect(el).to.be.accessible();
    click(el, 'button[data-action="confirm"]');
    await el.updateComplete;
    await el.updateComplete;
    assert.equal(el.step, 'mapping', 'nothing is read with a mapping that cannot work');
    assert.equal(src.file, null);
    assert.deepEqual($$(el, '[role="alert"] li').map((li) => li.textContent!.replace(/\s+/g, ' ').trim()), [
      'Arrival time (entered the queue): missing — choose the column that holds it.',
      'Queue: missing — choose the column that holds it.',
    ]);
    assert.equal($(el, 'tr[data-field="queue"] .field-error')!.textContent!.trim(), 'missing — choose the column that holds it.');
    assert.equal(focused(el)?.id, $(el, 'tr[data-field="arrived"] select')!.id, 'focus on the first field to fix');
    assert.equal($(el, 'tr[data-field="arrived"] select')!.getAttribute('aria-invalid'), 'true');
    await expect(el).to.be.accessible();
    selectColumn(el, 'arrived', 'Day');
    await el.updateComplete;
    const readAs = $<HTMLSelectElement>(el, 'select[data-read-as="arrived"]')!;
    readAs.value = 'split';
    readAs.dispatchEvent(new Event('change', { bubbles: true }));
    selectColumn(el, 'queue', 'Desk');
    selectColumn(el, 'outcome', 'Result');
    selectColumn(el, 'wait', 'Secs');
    await el.updateComplete;
    assert.equal($(el, '[role="alert"]'), null);
    assert.equal($(el, 'tr[data-field="arrived"] .sample')!.textContent!.trim(), '2026-03-02 09:00:00', 'the date and the time of day, combined');
    assert.equal($(el, 'tr[data-field="queue"] .sample')!.textContent!.trim(), 'North');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '3 rows read = 3 accepted + 0 rejected');
    const ds = await src.datasetHandle();
    const view = await ds!.view({ by: ['queue'] });
    assert.deepEqual(view.groups.map((g) => g.by.queue).sort(), ['North', 'South']);
    assert.equal(view.mapping!.preset, 'custom');
    assert.equal(view.totals!.answered, 2);
  });

  it('changing a column in the mapping editor changes what the engine reads', async () => {
    const { src, el } = await setup();
    choose(el, new File([KIT], 'teams.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    selectColumn(el, 'queue', 'team');
    selectColumn(el, 'answered', '— not in this file —');
    selectColumn(el, 'wait', '— not in this file —');
    await el.updateComplete;
    assert.match($(el, '.step')!.textContent!, /Edited by hand \(detected: sla-widgets\)/);
    const accepted: FileAcceptedDetail[] = [];
    el.addEventListener('sla-file-accepted', (e) => accepted.push((e as CustomEvent<FileAcceptedDetail>).detail));
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    const ds = await src.datasetHandle();
    const view = await ds!.view({ by: ['queue'] });
    assert.deepEqual(view.groups.map((g) => g.by.queue).sort(), ['A', 'B', 'C'], 'queues from the team column');
    assert.equal(view.mapping!.fields.answered, undefined, 'the field taken out stayed out');
    // Answered contacts now have neither an answer time nor a wait: counted, but in no service level or ASA.
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '42 rows read = 40 accepted + 2 rejected');
    assert.equal(view.totals!.serviceLevel, null, 'no answered wait is known: no service level');
    assert.equal(view.totals!.asa, null);
    assert.ok(view.totals!.answered > 0);
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0].preset, 'custom');
    assert.equal(accepted[0].detectedPreset, 'sla-widgets');
  });

  it('recent datasets: Reopen loads from the cache (fromCache) into the source; Delete asks, removes, refreshes, moves focus', async () => {
    await clearCache();
    // Two datasets in the cache, read through a first drop.
    const first = await setup();
    for (const [name, text] of [['one.csv', KIT], ['two.csv', UNKNOWN.replace('Begin,Desk,Result,Secs', 'arrived,queue,outcome,wait')]] as const) {
      first.el.step = 'pick';
      await first.el.updateComplete;
      choose(first.el, new File([text], name));
      await until(() => first.el.step === 'mapping');
      await first.el.updateComplete;
      click(first.el, 'button[data-action="confirm"]');
      await until(() => first.el.step === 'summary', 20000, 'the summary');
    }
    await until(() => (first.el.datasets ?? []).length === 2, 15000, 'two kept datasets');

    // A second page section (another source): the list shows both, most recent first.
    const { src, el } = await setup();
    assert.deepEqual(el.datasets!.map((d) => d.name), ['two.csv', 'one.csv']);
    const one = el.datasets!.find((d) => d.name === 'one.csv')!;
    assert.equal(one.contacts, 40);
    await expect(el).to.be.accessible();

    const ready: DatasetReadyDetail[] = [];
    src.addEventListener('sla-dataset-ready', (e) => ready.push((e as CustomEvent<DatasetReadyDetail>).detail));
    const accepted: unknown[] = [];
    el.addEventListener('sla-file-accepted', (e) => accepted.push(e));
    click(el, `[data-reopen="${one.id}"]`);
    await until(() => ready.length === 1, 15000, 'the reopened dataset');
    assert.equal(src.datasetId, one.id);
    assert.deepEqual(ready[0], { id: one.id, rows: 42, rejected: 2, fromCache: true });
    await until(() => el.step === 'summary');
    await el.updateComplete;
    assert.equal(headingText(el), 'one.csv is ready');
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '42 rows read = 40 accepted + 2 rejected');
    assert.match($(el, '.step')!.textContent!, /Taken from this browser's cache/);
    assert.equal(accepted.length, 0, 'a reopen is no file the person confirmed');
    await expect(el).to.be.accessible();

    // Delete: asks first; Keep puts focus back.
    const two = el.datasets!.find((d) => d.name === 'two.csv')!;
    click(el, `[data-delete="${two.id}"]`);
    await el.updateComplete;
    assert.equal(focused(el)?.textContent?.trim(), 'Delete two.csv from this browser? The file itself is not touched.');
    await expect(el).to.be.accessible();
    click(el, `[data-keep="${two.id}"]`);
    await el.updateComplete;
    assert.equal(focused(el)?.getAttribute('data-delete'), two.id);
    // Delete for real: gone from the list and the cache; focus on the next row's Reopen.
    click(el, `[data-delete="${two.id}"]`);
    await el.updateComplete;
    click(el, `[data-confirm-delete="${two.id}"]`);
    await until(() => el.datasets!.length === 1, 15000, 'the list without two.csv');
    await el.updateComplete;
    assert.deepEqual((await pageEngine().list()).map((d) => d.name), ['one.csv']);
    assert.equal($(el, `tr[data-id="${two.id}"]`), null);
    assert.equal(focused(el)?.getAttribute('data-reopen'), one.id);
    assert.equal($(el, '.recent [role="status"]')!.textContent!.trim(), 'two.csv was deleted.');
    // The last one: the list says it is empty and focus goes to its heading.
    click(el, `[data-delete="${one.id}"]`);
    await el.updateComplete;
    click(el, `[data-confirm-delete="${one.id}"]`);
    await until(() => el.datasets!.length === 0, 15000, 'an empty list');
    await el.updateComplete;
    assert.equal($(el, '.recent .empty')!.textContent!.trim(), 'No datasets kept in this browser yet.');
    assert.equal(focused(el)?.textContent?.trim(), 'Datasets kept in this browser');
    await expect(el).to.be.accessible();
  });

  it('sla-file-accepted fires on the person\'s confirm only: not when the page sets the source\'s file or the drop\'s properties', async () => {
    const { wrap, src, el } = await setup();
    const got: unknown[] = [];
    wrap.addEventListener('sla-file-accepted', (e) => got.push(e));
    const ready: unknown[] = [];
    src.addEventListener('sla-dataset-ready', (e) => ready.push(e));
    src.file = new File([KIT.replace('k0,', 'p0,')], 'page.csv');
    await until(() => ready.length === 1, 15000, 'the page\'s own file');
    const head = inspectHead(KIT);
    el.head = head;
    el.mapping = startMapping(head);
    el.fileName = 'set.csv';
    el.step = 'mapping';
    await el.updateComplete;
    el.step = 'summary';
    el.validation = { rowsRead: 1, rowsAccepted: 1, rowsRejected: 0, byReason: {}, byCode: [], countedApart: { total: 0, byReason: {}, byCode: [] }, rejections: [], contacts: 1 };
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(got.length, 0);
    assert.equal(el.step, 'summary', 'the page\'s dataset does not move the drop');
  });

  it('errors said clearly: not a text file, an empty file, a sample that cannot be loaded', async () => {
    const { el } = await setup();
    choose(el, new File([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x0a])], 'calls.csv.gz'));
    await until(() => el.step === 'error');
    await el.updateComplete;
    assert.equal(headingText(el), 'calls.csv.gz is not a CSV file');
    assert.equal($(el, '[part="error"]')!.textContent!.trim(), 'The file is gzip-compressed: unpack it first.');
    assert.ok(focused(el)?.getAttribute('role') === 'heading');
    await expect(el).to.be.accessible();
    click(el, 'button[data-action="another"]');
    await el.updateComplete;
    assert.equal(el.step, 'pick');

    choose(el, new File([], 'nothing.csv'));
    await until(() => el.step === 'error');
    await el.updateComplete;
    assert.equal(headingText(el), 'nothing.csv is empty');
    assert.equal($(el, '[part="error"]')!.textContent!.trim(), 'There is nothing in it: choose a CSV export with a header line and rows.');
    click(el, 'button[data-action="another"]');
    await el.updateComplete;
    choose(el, new File(['\n\n\n'], 'blank.csv'));
    await until(() => headingText(el) === 'blank.csv is empty');

    el.step = 'pick';
    el.samples = [{ label: 'Missing', url: '/no/such/sample.csv' }];
    await el.updateComplete;
    const sampleButton = $$(el, '[part="samples"] button')[0];
    assert.equal(sampleButton.textContent!.trim(), 'Load sample: Missing');
    sampleButton.click();
    await until(() => el.step === 'error');
    await el.updateComplete;
    assert.equal(headingText(el), 'The sample could not be loaded');
    assert.match($(el, '[part="error"]')!.textContent!, /HTTP 404/);
    await expect(el).to.be.accessible();
  });

  it('a sample is fetched into a file and inspected like a dropped one', async () => {
    const { el } = await setup();
    const url = URL.createObjectURL(new Blob([KIT], { type: 'text/csv' }));
    el.samples = [{ label: 'A small day', url }];
    await el.updateComplete;
    $$(el, '[part="samples"] button')[0].click();
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.match($(el, '.step')!.textContent!, /sla-widgets/);
    URL.revokeObjectURL(url);
  });

  it('a read that fails (day/month order undecidable) says why and leads back to the mapping', async () => {
    const { src, el } = await setup();
    // 3 May and 5 March, or 5 March and 3 May: the dates span 60 days either way, so nothing tells the order.
    const csv = 'Call Id,Queue,Date,Time,Result,Wait\nc1,Q,03/05/2024,09:00:00,answered,12\nc2,Q,05/03/2024,09:10:00,abandoned,30\n';
    choose(el, new File([csv], 'ambiguous.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.equal($<HTMLSelectElement>(el, 'tr[data-field="arrived"] select')!.selectedOptions[0].textContent!.trim(), 'Date + Time');
    assert.match($(el, 'tr[data-field="arrived"]')!.textContent!, /date and time in two columns/);
    assert.equal($(el, 'tr[data-field="arrived"] .sample')!.textContent!.trim(), '03/05/2024 09:00:00');
    assert.ok($(el, 'fieldset.dates select'), 'the date order is offered');
    assert.ok($(el, 'fieldset.dates input[list]'), 'the input zone is offered');
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'error', 20000, 'the error');
    await el.updateComplete;
    assert.equal(headingText(el), 'ambiguous.csv could not be read');
    assert.match($(el, '[part="error"]')!.textContent!, /^Cannot tell the day\/month order of "Date"/);
    assert.match($(el, '.step')!.textContent!, /choose the order of day and month/);
    await expect(el).to.be.accessible();
    click(el, 'button[data-action="back"]');
    await el.updateComplete;
    assert.equal(el.step, 'mapping');
    const order = $<HTMLSelectElement>(el, 'fieldset.dates select')!;
    order.value = 'dmy';
    order.dispatchEvent(new Event('change'));
    const zone = $<HTMLInputElement>(el, 'fieldset.dates input')!;
    zone.value = 'Europe/Madrid';
    zone.dispatchEvent(new Event('change'));
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '2 rows read = 2 accepted + 0 rejected');
    // Day first, and 09:00 in Madrid (UTC+2 in May) is 07:00 in the source's zone (UTC); 09:10 on 5 March (UTC+1) is 08:10.
    const view = await (await src.datasetHandle())!.view({ by: ['hour'] });
    assert.deepEqual(view.groups.map((g) => g.by.hour!.slice(0, 16)), ['2024-03-05T08:00', '2024-05-03T07:00']);
    assert.equal(view.mapping!.inputTimeZone, 'Europe/Madrid');
    assert.equal(view.mapping!.dayMonthOrder, 'dmy');
  });

  it('an unknown zone is refused inline, on the zone field', async () => {
    const { el } = await setup();
    choose(el, new File(['Call Id,Queue,Date,Time\nc1,Q,13/05/2024,09:00:00\n'], 'zone.csv'));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    const zone = $<HTMLInputElement>(el, 'fieldset.dates input')!;
    zone.value = 'Mars/Olympus';
    zone.dispatchEvent(new Event('change'));
    await el.updateComplete;
    click(el, 'button[data-action="confirm"]');
    await el.updateComplete;
    await el.updateComplete;
    assert.equal(el.step, 'mapping');
    assert.equal(zone.getAttribute('aria-invalid'), 'true');
    assert.equal(focused(el), zone);
    assert.match($(el, '[role="alert"]')!.textContent!, /"Mars\/Olympus" is not a time zone this browser knows/);
    await expect(el).to.be.accessible();
  });

  it('every step renders from properties (no source data), each accessible: progress with bytes, rows and rejected; a warning', async () => {
    const el = await fixture<SlaCsvDrop>(html`<sla-csv-drop no-recent></sla-csv-drop>`);
    el.fileName = 'big.csv';
    el.step = 'reading';
    el.progress = { bytes: 500_000, totalBytes: 1_000_000, rows: 1200, rejected: 3 };
    el.warning = 'The dataset cache is full: datasets are kept in memory only.';
    await el.updateComplete;
    const bar = $<HTMLProgressElement>(el, 'progress')!;
    assert.equal(bar.max, 1_000_000);
    assert.equal(bar.value, 500_000);
    assert.equal(bar.getAttribute('aria-label'), 'Reading big.csv');
    assert.equal($(el, '.progress-text')!.textContent!.trim(), '500 kB of 1 MB · 1,200 rows · 3 rejected');
    assert.ok($(el, '[role="status"][aria-live="polite"]'), 'progress is announced politely');
    assert.match($(el, '.warning')!.textContent!, /cache is full/);
    await expect(el).to.be.accessible();
    el.progress = { bytes: 100, totalBytes: null, rows: 1, rejected: 0 };
    await el.updateComplete;
    assert.equal(bar.hasAttribute('value'), false, 'unknown size: an indeterminate bar');

    el.step = 'summary';
    el.validation = {
      rowsRead: 1000, rowsAccepted: 997, rowsRejected: 3, byReason: { 'unparseable time': 2, 'negative duration': 1 },
      byCode: [{ ...reason('unparseableTime'), count: 2 }, { ...reason('negativeDuration'), count: 1 }],
      countedApart: { total: 20, byReason: { 'outbound contact': 20 }, byCode: [{ ...reason('outbound'), count: 20 }] }, contacts: 977,
      rejections: [{ line: 5, column: 'arrived', value: 'x', reason: 'unparseable time', ...reason('unparseableTime') }, { line: 9, column: 'arrived', value: 'y', reason: 'unparseable time', ...reason('unparseableTime') }],
    };
    el.fromCache = true;
    await el.updateComplete;
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '1,000 rows read = 997 accepted + 3 rejected');
    assert.match($(el, '.step')!.textContent!, /Of the accepted rows, 20 are valid but no queue contact/);
    assert.match($(el, '.step')!.textContent!, /The first 2 of 3 rejected rows/);
    assert.match($(el, '.step')!.textContent!, /Taken from this browser's cache/);
    await expect(el).to.be.accessible();

    el.step = 'error';
    el.errorKind = 'reopen';
    el.error = 'the dataset abc is no longer in this browser\'s cache: load the file again';
    await el.updateComplete;
    assert.equal(headingText(el), 'The dataset could not be reopened');
    await expect(el).to.be.accessible();
  });

  it('speaks the page\'s language', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><sla-source id="de-src" tz="UTC"></sla-source><sla-csv-drop source="de-src" .datasets=${[{ id: 'x', name: 'alt.csv', bytes: 12_400, contacts: 1234, createdAt: Date.UTC(2026, 0, 2), lastUsed: Date.UTC(2026, 0, 2, 10, 30) }]}></sla-csv-drop></div>`);
    const el = wrap.querySelector('sla-csv-drop') as SlaCsvDrop;
    await el.updateComplete;
    assert.equal(headingText(el), 'Kontakte aus einer CSV-Datei laden');
    const row = $(el, 'tr[data-id="x"]')!;
    assert.equal(row.querySelectorAll('td')[0].textContent!.trim(), '1.234');
    assert.equal(row.querySelectorAll('td')[1].textContent!.trim(), '12,4 kB');
    assert.equal(row.querySelector('time')!.textContent!.trim(), new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.UTC(2026, 0, 2, 10, 30)));
  });

  it('the rejected lines\' reasons in the page\'s language; every engine reason has Spanish and German words', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="es"><sla-source id="es-src" tz="UTC"></sla-source><sla-csv-drop source="es-src" throttle="20"></sla-csv-drop></div>`);
    const el = wrap.querySelector('sla-csv-drop') as SlaCsvDrop;
    await until(() => el.datasets !== null, 15000, 'the recent list');
    choose(el, new File([KIT + 'k99,Sales,A,2026-03-02T12:00:00Z\n'], 'llamadas.csv', { type: 'text/csv' }));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.ok(el.shadowRoot!.textContent!.includes('el formato propio del kit (sla-widgets)'), 'the detected format named in Spanish');
    click(el, '[data-action="confirm"]');
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    const reasons = $$(el, '[part="rejections"] tbody tr').map((tr) => tr.children[3].textContent!.trim());
    assert.deepEqual(reasons, ['hora ilegible', 'hora ilegible', 'tiene 4 campos, la cabecera tiene 8']);
    const byReason = $$(el, 'ul.reasons li').map((li) => li.textContent!.trim());
    assert.deepEqual(byReason, ['hora ilegible: 2', 'tiene 4 campos, la cabecera tiene 8: 1']);
    await expect(el).to.be.accessible();

    // Every code's words in every language: test/l10n. Here, one with places, and a mapping's own words.
    assert.equal(reasonWords(reason('unclosedQuoteToEnd', { from: 3, to: 9 }), 'de'), 'nicht geschlossenes Anführungszeichen: das Feld reicht bis zum Dateiende (Zeilen 3–9)');
    assert.equal(reasonWords(reason('mappingRule', { text: 'Geisteranruf' }), 'es'), 'Geisteranruf', 'a mapping\'s own words stay as given');
  });

  it('how a file is read, and what a header lacks, said in the page\'s language', async () => {
    const wrap = await fixture<HTMLDivElement>(html`<div lang="de"><sla-source id="de-notes" tz="UTC"></sla-source><sla-csv-drop source="de-notes" throttle="20"></sla-csv-drop></div>`);
    const el = wrap.querySelector('sla-csv-drop') as SlaCsvDrop;
    await until(() => el.datasets !== null, 15000, 'the recent list');
    const worded = [
      'Call Id,Agent,Date,Time,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Satisfaction rating',
      'ID0001,Diane,01/02/2021,9:12:58,Y,Y,109,0:02:23,3',
      'ID0002,Becky,13/02/2021,10:00:00,Y,N,10,0:04:02,5',
    ].join('\n') + '\n';
    choose(el, new File([worded], 'tabelle.csv', { type: 'text/csv' }));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    const notes = $$(el, 'details li').map((li) => li.textContent!.trim());
    assert.ok(notes.includes('Keine Warteschlangenspalte: jeder Kontakt zählt in einer Warteschlange namens "all".'), notes.join(' | '));
    assert.ok(notes.includes('Keine Halte- und keine Nachbearbeitungsspalte: die AHT enthält nur die vorhandenen Teile.'), notes.join(' | '));
    click(el, '[data-action="cancel"]');
    await el.updateComplete;
    choose(el, new File([NO_ARRIVAL], 'zeilen.csv', { type: 'text/csv' }));
    await until(() => el.step === 'mapping');
    await el.updateComplete;
    assert.ok($(el, '.step .problem')!.textContent!.includes('outcome gefunden, aber keine Ankunftszeit'), $(el, '.step .problem')!.textContent!);
    await expect(el).to.be.accessible();
  });

  it('releases its subscription to the source when removed', async () => {
    const { src, el } = await setup();
    await until(() => src.subscriptionCount === 1);
    el.remove();
    assert.equal(src.subscriptionCount, 0);
  });
});

describe('<sla-csv-drop> and parts tables (docs/parts.md)', () => {
  it('a dropped parts table (Parquet) needs no mapping: read, summed up as parts rows, kept, and its figures on the source', async function () {
    this.timeout(30000);
    const { wrap, src, el } = await setup();
    const accepted: CustomEvent<FileAcceptedDetail>[] = [];
    wrap.addEventListener('sla-file-accepted', (e) => accepted.push(e as CustomEvent<FileAcceptedDetail>));
    const bytes = await (await fetch('/test/fixtures/parts/sample.parts.parquet')).arrayBuffer();
    choose(el, new File([bytes], 'march.parts.parquet'));
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal(headingText(el), 'march.parts.parquet is ready');
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), '2,396 rows read = 2,396 accepted + 0 rejected');
    assert.ok(!$(el, 'tr[data-field]'), 'no mapping step');
    await until(() => $(el, '[data-kept]')?.getAttribute('data-kept') === 'kept', 10000, 'the dataset kept');
    assert.equal(accepted.length, 1);
    assert.equal(accepted[0].detail.preset, 'parts');
    const r = await new Promise<import('../../../src/protocol/index.js').ViewResult>((resolve) => {
      const stop = src.subscribe({}, (x) => { if (x.status.state === 'ready') { stop(); resolve(x); } }, 0);
    });
    const rows = await fixture<SlaSource>(html`<sla-source tz="UTC" src="/examples/data/sample.csv"></sla-source>`);
    const fromRows = await new Promise<import('../../../src/protocol/index.js').ViewResult>((resolve) => {
      const stop = rows.subscribe({}, (x) => { if (x.status.state === 'ready') { stop(); resolve(x); } }, 0);
    });
    assert.ok(fromRows.totals!.offered > 1000);
    assert.deepEqual(r.totals, fromRows.totals, 'the figures of the contacts the parts count');
    await expect(el).to.be.accessible();
  });

  it('a dropped Amazon Connect metrics file (GetMetricDataV2 JSON) is read as parts too: no mapping, every entry counted, what it cannot give said', async function () {
    this.timeout(30000);
    const { src, el } = await setup();
    const text = await (await fetch('/test/fixtures/vendors/aggregates-amazon-connect-get-metric-data-v2.json')).text();
    const entries = (JSON.parse(text) as { MetricResults: unknown[] }[]).reduce((n, p) => n + p.MetricResults.length, 0);
    choose(el, new File([text], 'connect-march.json', { type: 'application/json' }));
    await until(() => el.step === 'summary', 20000, 'the summary');
    await el.updateComplete;
    assert.equal(headingText(el), 'connect-march.json is ready');
    assert.equal($(el, '[part="identity"]')!.textContent!.trim(), `${entries.toLocaleString('en-US')} rows read = ${entries.toLocaleString('en-US')} accepted + 0 rejected`);
    assert.ok(!$(el, 'tr[data-field]'), 'no mapping step');
    const r = await new Promise<import('../../../src/protocol/index.js').ViewResult>((resolve) => {
      const stop = src.subscribe({}, (x) => { if (x.status.state === 'ready') { stop(); resolve(x); } }, 0);
    });
    assert.deepEqual(r.notGiven, { source: 'Amazon Connect', metrics: ['waitP50', 'waitP90', 'waitP95'] });
    assert.equal(r.totals!.waitP90, null);
    assert.ok(r.totals!.answered > 600 && r.totals!.serviceLevel !== null);
  });
});
