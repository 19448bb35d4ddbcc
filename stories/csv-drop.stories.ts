// <sla-csv-drop> in every step a person can see, set through properties only (no file, no worker, no network):
// the drop sits beside an <sla-source> with no data, so it has a source to read into and nothing is loaded.
// The file heads are what the engine's inspectHead() makes of small exports (pure, no worker). The play
// functions are the story tests (npm run test:stories): steps, roles and figures, whatever the toolbar language.
import { usage } from './usage.js';
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import '../src/components/csv-drop/csv-drop.js';
import type { SlaCsvDrop } from '../src/components/csv-drop/csv-drop.component.js';
import { inspectHead } from '../src/engine/ingest/inspect.js';
import { startMapping } from '../src/components/csv-drop/csv-drop.model.js';
import type { DatasetInfo } from '../src/protocol/index.js';
import type { Validation } from '../src/engine/ingest/index.js';
import { reason } from '../src/engine/ingest/reasons.js';

type Args = Pick<SlaCsvDrop, 'step' | 'fileName' | 'head' | 'mapping' | 'progress' | 'validation' | 'fromCache' | 'usedPreset' | 'warning' | 'error' | 'errorKind' | 'datasets' | 'samples' | 'noRecent'>;

/** A Genesys Cloud interactions export as it arrives: BOM, every field quoted, CRLF, durations in ms. */
const GENESYS = '\ufeff' + [
  '"Full Export Completed","Media Type","Users - Interacted","Date","Direction","Queue","Conversation ID","Transferred","Abandoned","Non-ACD","Flow-Out Type","Total Queue","Total Talk","Total Hold","Total ACW"',
  '"YES","voice","Ann Lee","2024-03-05T14:05:00.000Z","inbound","Billing","g-1","YES","NO","NO","","15000","200000","10000","30000"',
  '"YES","voice","","2024-03-05T14:07:00.000Z","inbound","Billing","g-2","NO","YES","NO","","25000","","",""',
  '"YES","voice","Raj Patel","2024-03-05T14:09:30.000Z","inbound","Sales","g-3","NO","NO","NO","","4000","95000","0","12000"',
  '',
].join('\r\n');
const GENESYS_HEAD = inspectHead(GENESYS);

/** A report whose column names the kit does not know. */
/** A file the kit cannot map by itself: its date and its time of day sit in columns whose names say nothing. */
const UNKNOWN_HEAD = inspectHead('Day,Clock,Desk,Result,Secs\n2026-03-02,09:00:00,North,answered,12\n2026-03-02,09:01:00,South,abandoned,40\n');

const DAY = Date.UTC(2026, 2, 2, 15, 30);
const KEPT: DatasetInfo[] = [
  { id: 'kept-1', name: 'interactions-march.csv', bytes: 4_812_331, contacts: 61_204, createdAt: DAY - 86_400_000, lastUsed: DAY },
  { id: 'kept-2', name: 'ctr-export-2026-02.csv', bytes: 912_044, contacts: 9_870, createdAt: DAY - 9 * 86_400_000, lastUsed: DAY - 3 * 86_400_000 },
];

const VALIDATION: Validation = {
  rowsRead: 12_482, rowsAccepted: 12_479, rowsRejected: 3,
  byReason: { 'unparseable time': 2, 'negative duration': 1 },
  byCode: [{ ...reason('unparseableTime'), count: 2 }, { ...reason('negativeDuration'), count: 1 }],
  countedApart: {
    total: 214,
    byReason: { 'non-ACD conversation (never queued)': 190, 'outbound conversation': 24 },
    byCode: [{ ...reason('mappingRule', { text: 'non-ACD conversation (never queued)' }), count: 190 }, { ...reason('mappingRule', { text: 'outbound conversation' }), count: 24 }],
  },
  rejections: [
    { line: 418, column: 'Date', value: '2024-03-05T25:61:00.000Z', reason: 'unparseable time', ...reason('unparseableTime') },
    { line: 2203, column: 'Total Talk', value: '-1200', reason: 'negative duration', ...reason('negativeDuration') },
    { line: 9911, column: 'Date', value: 'n/a', reason: 'unparseable time', ...reason('unparseableTime') },
  ],
  contacts: 12_265,
};

const meta: Meta<Args> = {
  parameters: usage('sla-csv-drop', '', "Drop an ACD's CSV export (any vendor's): the columns are recognised, the mapping can be fixed in the page, and the figures are computed and kept in the browser."),
  title: 'Widgets/CsvDrop',
  component: 'sla-csv-drop',
  args: {
    step: 'pick', fileName: '', head: null, mapping: null, progress: null, validation: null, fromCache: false,
    usedPreset: '', warning: '', error: '', errorKind: 'read', datasets: KEPT, samples: [], noRecent: false,
  },
  argTypes: {
    step: { control: 'select', options: ['pick', 'inspecting', 'mapping', 'reading', 'summary', 'error'] },
    errorKind: { control: 'select', options: ['not-text', 'empty', 'read', 'reopen', 'sample'] },
  },
  render: (a) => html`
    <sla-source id="csv-drop-story" tz="UTC"></sla-source>
    <sla-csv-drop
      source="csv-drop-story"
      .step=${a.step}
      .fileName=${a.fileName}
      .head=${a.head}
      .mapping=${a.mapping}
      .progress=${a.progress}
      .validation=${a.validation}
      .fromCache=${a.fromCache}
      .usedPreset=${a.usedPreset}
      .warning=${a.warning}
      .error=${a.error}
      .errorKind=${a.errorKind}
      .datasets=${a.datasets}
      .samples=${a.samples}
      ?no-recent=${a.noRecent}
    ></sla-csv-drop>
  `,
};
export default meta;
type Story = StoryObj<Args>;

async function drop(canvasElement: HTMLElement): Promise<{ el: SlaCsvDrop; root: ShadowRoot }> {
  const el = canvasElement.querySelector('sla-csv-drop') as SlaCsvDrop;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

/** Step 1: the drop zone, the file input behind its visible label, samples, and the datasets kept in this browser. */
export const Empty: Story = {
  name: 'Empty (pick)',
  args: { samples: [{ label: 'A day of a small center', url: 'contacts-sample.csv' }] },
  play: async ({ canvasElement }) => {
    const { el, root } = await drop(canvasElement);
    await expect(el.getAttribute('step')).toBe('pick');
    const input = root.querySelector<HTMLInputElement>('input[type="file"]')!;
    await expect(input.accept).toBe('.csv,.tsv,.txt,text/csv,.parquet,.ndjson,.jsonl,.json');
    await expect(root.querySelector<HTMLLabelElement>('label[part~="choose"]')?.htmlFor).toBe(input.id);
    await expect(root.querySelectorAll('[part="recent"] tbody tr').length).toBe(2);
    await expect(root.querySelectorAll('[part="samples"] button').length).toBe(1);
  },
};

/** Nothing kept yet: the list says so. */
export const NothingKept: Story = {
  args: { datasets: [] },
  play: async ({ canvasElement }) => {
    const { root } = await drop(canvasElement);
    await expect(root.querySelector('[part="recent"] .empty')).not.toBeNull();
    await expect(root.querySelector('[part="recent"] table')).toBeNull();
  },
};

/** Step 2: the Genesys preset detected; each field's column, how it is written and its first value. */
export const Mapping: Story = {
  args: { step: 'mapping', fileName: 'interactions-march.csv', head: GENESYS_HEAD, mapping: startMapping(GENESYS_HEAD), datasets: null, noRecent: true },
  play: async ({ canvasElement }) => {
    const { el, root } = await drop(canvasElement);
    await expect(el.getAttribute('step')).toBe('mapping');
    await expect(root.querySelectorAll('[part="mapping"] tbody tr').length).toBe(22);
    await expect(root.querySelector<HTMLSelectElement>('tr[data-field="queue"] select')?.selectedOptions[0].textContent?.trim()).toBe('Queue');
    await expect(root.querySelector('tr[data-field="wait"] .sample')?.textContent?.trim()).toBe('15000');
    await expect(root.querySelector<HTMLSelectElement>('[data-read-as="wait"]')?.value).toBe('ms');
    await expect(root.querySelector('[role="alert"]')).toBeNull();
  },
};

/** Step 2 when nothing maps by itself: what is missing, and the columns to map by hand. */
export const MappingWithProblem: Story = {
  name: 'Mapping with problem',
  args: { step: 'mapping', fileName: 'desk-report.csv', head: UNKNOWN_HEAD, mapping: startMapping(UNKNOWN_HEAD), datasets: null, noRecent: true },
  play: async ({ canvasElement }) => {
    const { root } = await drop(canvasElement);
    await expect(root.querySelector('.step .problem')?.textContent).toContain('found date, outcome, but no arrival time');
    await expect(root.querySelector<HTMLSelectElement>('tr[data-field="arrived"] select')?.value).toBe('');
    await expect(root.querySelector('tr[data-field="arrived"] select')?.getAttribute('aria-required')).toBe('true');
  },
};

/** Step 3: the worker parsing, with bytes, rows and rejected so far. */
export const Reading: Story = {
  name: 'Reading (progress)',
  args: { step: 'reading', fileName: 'interactions-march.csv', progress: { bytes: 2_406_000, totalBytes: 4_812_331, rows: 30_611, rejected: 2 }, datasets: null, noRecent: true },
  play: async ({ canvasElement }) => {
    const { root } = await drop(canvasElement);
    const bar = root.querySelector<HTMLProgressElement>('progress[part="progress"]')!;
    await expect(bar.max).toBe(4_812_331);
    await expect(bar.value).toBe(2_406_000);
    await expect(bar.getAttribute('aria-label')).toContain('interactions-march.csv');
    await expect(root.querySelector('[role="status"][aria-live="polite"]')).not.toBeNull();
  },
};

/** Step 4: rows read = accepted + rejected, counted apart, rejections by reason, the first rejected lines. */
export const SummaryWithRejections: Story = {
  name: 'Summary with rejections',
  args: { step: 'summary', fileName: 'interactions-march.csv', validation: VALIDATION, usedPreset: 'genesys-cloud' },
  play: async ({ canvasElement }) => {
    const { el, root } = await drop(canvasElement);
    await expect(el.getAttribute('step')).toBe('summary');
    await expect(root.querySelector('[part="identity"]')?.textContent).toMatch(/12.482.*12.479.*3/);
    await expect([...root.querySelectorAll('[part="rejections"] tbody th')].map((c) => c.textContent?.replace(/\D/g, ''))).toEqual(['418', '2203', '9911']);
    await expect(root.querySelector('[part="rejections"]')?.getAttribute('tabindex')).toBe('0');
  },
};

/** Read from the cache, with the cache-full warning (datasets kept in memory only). */
export const SummaryFromCache: Story = {
  args: {
    step: 'summary', fileName: 'ctr-export-2026-02.csv', fromCache: true, usedPreset: 'amazon-connect',
    validation: { ...VALIDATION, rowsRead: 9_870, rowsAccepted: 9_870, rowsRejected: 0, byReason: {}, byCode: [], rejections: [], countedApart: { total: 0, byReason: {}, byCode: [] }, contacts: 9_870 },
    warning: 'The browser\'s storage is full: this dataset is kept in memory only and is gone after a reload.',
  },
  play: async ({ canvasElement }) => {
    const { root } = await drop(canvasElement);
    await expect(root.querySelector('[part="rejections"]')).toBeNull();
    await expect(root.querySelector('.warning')?.textContent).toContain('storage is full');
  },
};

/** A file that is no CSV text: one sentence saying what to do. */
export const ErrorState: Story = {
  name: 'Error',
  args: { step: 'error', errorKind: 'not-text', fileName: 'interactions-march.xlsx', error: 'the file is a ZIP archive (an .xlsx workbook?): export the sheet as CSV', datasets: null, noRecent: true },
  play: async ({ canvasElement }) => {
    const { el, root } = await drop(canvasElement);
    await expect(el.getAttribute('step')).toBe('error');
    await expect(root.querySelector('[part="error"]')?.getAttribute('role')).toBe('alert');
    await expect(root.querySelector('[part="error"]')?.textContent).toContain('xlsx');
    await expect(root.querySelector('button[data-action="another"]')).not.toBeNull();
  },
};
