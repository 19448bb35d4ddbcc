// <sla-queue-board> in every state a user can see. Figures go in as the `rows` and `thresholds` properties.
// The board has no property for loading, stale or error (those come from its source), so those stories give it
// a fixed source: an element with the `subscribe(view, onResult)` a widget's SourceController calls, answering
// with one ViewResult (the worker's own shape) — no worker, no network, the same picture every time.
import { usage } from './usage.js';
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/components/queue-board/queue-board.js';
import '../src/components/source/source.js'; // widgets wait for <sla-source> to be defined before they look for one
import type { SlaQueueBoard } from '../src/components/queue-board/queue-board.component.js';
import type { BoardThresholds, QueueRow } from '../src/components/queue-board/queue-board.model.js';
import { error } from '../src/engine/ingest/errors.js';
import type { DatasetStatus, ViewResult, ViewSpec } from '../src/protocol/index.js';
import type { Group } from '../src/engine/rollup.js';
import { defaultDefinitions } from '../src/engine/definitions.js';

type Args = Pick<SlaQueueBoard, 'rows' | 'thresholds' | 'label' | 'sortBy' | 'sortDir'>;

const THRESHOLDS: BoardThresholds = { serviceLevel: { target: 0.8, margin: 0.03 }, waiting: { threshold: 10 }, longestWait: { threshold: 120 } };
const row = (queue: string, r: Partial<QueueRow>): QueueRow => ({
  queue, waiting: null, longestWait: null, serviceLevelToday: null, serviceLevelInterval: null, abandonRate: null, asa: null, offered: null, ...r,
});
const OK_ROWS = [
  row('Billing', { waiting: 2, longestWait: 34, serviceLevelToday: 0.871, serviceLevelInterval: 0.9, abandonRate: 0.021, asa: 11.2, offered: 412 }),
  row('Sales', { waiting: 4, longestWait: 51, serviceLevelToday: 0.842, serviceLevelInterval: 0.86, abandonRate: 0.034, asa: 14.8, offered: 655 }),
  row('Support', { waiting: 1, longestWait: 12, serviceLevelToday: 0.912, serviceLevelInterval: 0.95, abandonRate: 0.012, asa: 7.5, offered: 388 }),
];
const WARN_ROWS = [OK_ROWS[0], row('Sales', { waiting: 9, longestWait: 96, serviceLevelToday: 0.812, serviceLevelInterval: 0.79, abandonRate: 0.046, asa: 19.9, offered: 655 }), OK_ROWS[2]];
const BREACH_ROWS = [
  row('Billing', { waiting: 3, longestWait: 40, serviceLevelToday: 0.868, serviceLevelInterval: 0.88, abandonRate: 0.025, asa: 12.1, offered: 412 }),
  row('Retention', { waiting: 8, longestWait: 101, serviceLevelToday: 0.815, serviceLevelInterval: 0.8, abandonRate: 0.044, asa: 18.0, offered: 201 }),
  row('Sales', { waiting: 17, longestWait: 244, serviceLevelToday: 0.713, serviceLevelInterval: 0.58, abandonRate: 0.091, asa: 41.6, offered: 655 }),
];

// A fixed source for the states that only a source can put the board in.
const RESULTS = new Map<string, ViewResult>();
class StorySource extends HTMLElement {
  subscribe(_view: ViewSpec, onResult: (r: ViewResult) => void): () => void {
    const r = RESULTS.get(this.id);
    if (r) queueMicrotask(() => onResult(r));
    return () => undefined;
  }
}
if (!customElements.get('sla-story-source')) customElements.define('sla-story-source', StorySource);

const TZ = 'America/New_York';
const TWO_MINUTES_AGO = Date.now() - 2 * 60_000;
function result(status: Partial<DatasetStatus>, groups: Group[] = []): ViewResult {
  return {
    status: { id: 'story', name: 'contacts.csv', state: 'ready', progress: null, fromCache: false, error: null, warning: null, stream: null, ...status },
    definitions: defaultDefinitions(TZ), totals: null, groups, validation: null, mapping: null, version: 1, live: null,
  };
}
function group(queue: string, m: { serviceLevel: number; abandonRate: number; asa: number; offered: number }): Group {
  return {
    key: `${queue} · 2026-03-02`, by: { queue, day: '2026-03-02' }, offered: m.offered, answered: Math.round(m.offered * (1 - m.abandonRate)),
    abandoned: Math.round(m.offered * m.abandonRate), shortAbandoned: 0, flowout: 0, callback: 0, voicemail: 0, serviceLevel: m.serviceLevel,
    serviceLevelMet: 0, serviceLevelBase: 0, asa: m.asa, abandonRate: m.abandonRate, aht: null, waitP50: null, waitP90: null, waitP95: null,
    fcr: null, csat: null, csatMean: null, nps: null, qa: null,
  };
}
RESULTS.set('qb-loading', result({ state: 'loading', progress: { bytes: 400_000, totalBytes: 1_000_000, rows: 3000, rejected: 0 } }));
RESULTS.set('qb-error', result({ state: 'error', error: error('message', { text: 'contacts.csv could not be loaded (HTTP 404)' }) }));
RESULTS.set('qb-stale', result(
  { stream: { state: 'stale', kind: 'ws', url: 'wss://acd.example/events', lastEventAt: TWO_MINUTES_AGO, staleSince: TWO_MINUTES_AGO, reconnects: 3, error: null } },
  [group('Billing', { serviceLevel: 0.871, abandonRate: 0.021, asa: 11.2, offered: 412 }), group('Sales', { serviceLevel: 0.842, abandonRate: 0.034, asa: 14.8, offered: 655 })],
));

const meta: Meta<Args> = {
  parameters: usage('sla-queue-board', '', "Every queue now: waiting, longest wait, service level today and this interval, abandonment, ASA; sortable."),
  title: 'Widgets/Queue board',
  component: 'sla-queue-board',
  args: { rows: OK_ROWS, thresholds: THRESHOLDS, label: 'Queues today', sortBy: 'queue', sortDir: 'asc' },
  argTypes: {
    sortBy: { control: 'select', options: ['queue', 'waiting', 'longestWait', 'serviceLevelToday', 'serviceLevelInterval', 'abandonRate', 'asa', 'offered'] },
    sortDir: { control: 'inline-radio', options: ['asc', 'desc'] },
  },
  render: (a) => html`<sla-queue-board label=${a.label} sort-by=${a.sortBy} sort-dir=${a.sortDir} .rows=${a.rows} .thresholds=${a.thresholds}></sla-queue-board>`,
};
export default meta;
type Story = StoryObj<Args>;

async function board(canvasElement: HTMLElement): Promise<{ el: SlaQueueBoard; root: ShadowRoot }> {
  const el = canvasElement.querySelector('sla-queue-board') as SlaQueueBoard;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}
const statuses = (root: ShadowRoot) => [...root.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-status'));
const fromSource = (id: string, label = 'Queues today') => html`<sla-story-source id=${id}></sla-story-source><sla-queue-board source=${id} label=${label}></sla-queue-board>`;

export const Ok: Story = {
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await expect(root.querySelector('table')?.getAttribute('aria-label')).toBe('Queues today');
    await expect(statuses(root)).toEqual(['ok', 'ok', 'ok']);
    await expect(root.querySelectorAll('thead th').length).toBe(8);
  },
};

export const Warn: Story = {
  args: { rows: WARN_ROWS },
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await expect(statuses(root)).toEqual(['ok', 'warn', 'ok']);
  },
};

export const Breach: Story = {
  args: { rows: BREACH_ROWS, sortBy: 'serviceLevelToday', sortDir: 'asc' },
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    // Worst first when sorted by today's service level.
    await expect(statuses(root)).toEqual(['breach', 'warn', 'ok']);
    await expect(root.querySelector('tbody th[scope="row"]')?.textContent).toContain('Sales');
    await expect(root.querySelector('thead th[aria-sort="ascending"]')).not.toBeNull();
  },
};

export const NoData: Story = {
  args: { rows: [] },
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await expect(root.querySelectorAll('tbody tr').length).toBe(0);
    await expect(root.querySelector('[part="state"]')?.getAttribute('data-kind')).toBe('no-data');
  },
};

export const Loading: Story = {
  render: () => fromSource('qb-loading'),
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await waitFor(() => expect(root.querySelector('[part="state"]')?.getAttribute('data-kind')).toBe('loading'));
  },
};

export const Stale: Story = {
  render: () => fromSource('qb-stale'),
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await waitFor(() => expect(root.querySelector('[part="state"]')?.getAttribute('data-kind')).toBe('stale'));
    // The last figures stay on the board, said to be old.
    await expect(root.querySelectorAll('tbody tr').length).toBe(2);
    await expect(root.querySelector('[part="state"]')?.textContent).toMatch(/2/);
  },
};

export const ErrorState: Story = {
  name: 'Error',
  render: () => fromSource('qb-error'),
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await waitFor(() => expect(root.querySelector('[part="state"]')?.getAttribute('data-kind')).toBe('error'));
    await expect(root.querySelector('[part="state"]')?.textContent).toContain('contacts.csv could not be loaded (HTTP 404)');
  },
};

/** The dark wallboard theme, as on the TV across the floor. */
export const Wallboard: Story = {
  globals: { theme: 'wallboard' },
  args: { rows: BREACH_ROWS },
  play: async ({ canvasElement }) => {
    const { el, root } = await board(canvasElement);
    await expect(el.closest('.sla-theme-wallboard')).not.toBeNull();
    await expect(statuses(root)).toEqual(['ok', 'warn', 'breach']);
  },
};

/** Spanish: column heads and numbers follow the nearest `lang`. */
export const Spanish: Story = {
  globals: { lang: 'es' },
  args: { label: 'Colas hoy' },
  play: async ({ canvasElement }) => {
    const { root } = await board(canvasElement);
    await expect(root.querySelector('thead th button')?.textContent).toContain('Cola');
    await expect(root.querySelector('tbody')?.textContent).toContain('87,1');
  },
};
