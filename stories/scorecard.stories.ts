// <sla-scorecard> in every state a user can see, set through properties only (a hand-built Scorecard: no
// source, no worker, no network), so each story draws the same thing every time. The play functions are the
// story tests (npm run test:stories); they check what does not depend on the toolbar's language: states,
// statuses, the table's structure and the numbers' digits.
import { usage } from './usage.js';
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/components/scorecard/scorecard.js';
import type { Scorecard, ScorecardMetric } from '../src/engine/agreement/evaluate.js';
import type { SlaScorecard } from '../src/components/scorecard/scorecard.component.js';

type Args = Pick<SlaScorecard, 'scorecard' | 'state' | 'error' | 'progress' | 'updatedAt'>;

/** "Updated 2 min ago": two minutes before the story module loaded (the text is the same whenever it renders). */
const TWO_MINUTES_AGO = Date.now() - 2 * 60_000;

const metric = (o: Partial<ScorecardMetric> & Pick<ScorecardMetric, 'metric' | 'label' | 'target' | 'margin' | 'direction'>): ScorecardMetric => ({
  period: 'month', value: null, status: null, previousValue: null, trend: null, valueWithoutExclusions: null, exclusionEffect: null,
  credit: 0, bonusMargin: null, bonusMet: null, definition: '', baseline: null, baselineGapToTarget: null, ...o,
});

const base = {
  sla: 'Example support agreement (monthly)',
  timeZone: 'America/New_York',
  period: { grain: 'month', key: '2026-01', start: '2026-01-01T05:00:00Z', end: '2026-02-01T05:00:00Z' },
  previousPeriod: '2025-12',
  review: ['monthly', 'quarterly'],
};

/** January on target: every metric beats its bonus margin; one excluded maintenance window. */
const ok: Scorecard = {
  ...base,
  metrics: [
    metric({ metric: 'serviceLevel', label: 'Service level 80/20', target: 0.8, margin: 0.03, direction: 'higher', value: 0.874, status: 'ok', previousValue: 0.861, trend: 0.013, valueWithoutExclusions: 0.869, exclusionEffect: 0.005, bonusMargin: 0.05, bonusMet: true, definition: 'answered within 20 s, answered-and-abandoned; short abandons ≤ 5 s left out' }),
    metric({ metric: 'asa', label: 'Average speed of answer', target: 30, margin: 5, direction: 'lower', value: 12.4, status: 'ok', previousValue: 14.1, trend: -1.7, valueWithoutExclusions: 13, exclusionEffect: -0.6, bonusMargin: 5, bonusMet: true, definition: 'mean wait of answered contacts' }),
    metric({ metric: 'abandonRate', label: 'Abandonment', target: 0.05, margin: 0.01, direction: 'lower', value: 0.028, status: 'ok', previousValue: 0.031, trend: -0.003, valueWithoutExclusions: 0.029, exclusionEffect: -0.001, bonusMargin: 0.01, bonusMet: true, definition: 'abandoned (wait > 5 s) / (answered + abandoned)' }),
  ],
  exclusions: [{ start: '2026-01-14T02:00:00Z', end: '2026-01-14T04:00:00Z', queue: null, reason: "agreed maintenance of the client's CRM", contacts: 37 }],
  credits: { byMetric: [], total: 0, cap: 0.15, owed: 0, capped: false, amount: 0, currency: 'USD' },
  bonus: { amount: 0.03, earned: true, missed: [], money: 3600 },
  escalations: [],
};

/** January near the target: service level inside its warning margin, the bonus missed, nothing owed. */
const warn: Scorecard = {
  ...ok,
  metrics: [{ ...ok.metrics[0], value: 0.812, status: 'warn', trend: -0.049, valueWithoutExclusions: 0.807, bonusMet: false }, ...ok.metrics.slice(1)],
  bonus: { amount: 0.03, earned: false, missed: [{ metric: 'serviceLevel', reason: 'needed ≥ 85 %, was 81.2 %' }], money: 0 },
};

/** January in breach: three metrics breached, credits over the cap, escalations due. */
const breach: Scorecard = {
  ...base,
  metrics: [
    metric({ metric: 'serviceLevel', label: 'Service level 80/20', target: 0.8, margin: 0.03, direction: 'higher', value: 0.877, status: 'ok', previousValue: 0.88, trend: -0.003, valueWithoutExclusions: 0.877, exclusionEffect: 0, bonusMargin: 0.05, bonusMet: true, definition: 'answered within 20 s, answered-and-abandoned; short abandons ≤ 5 s left out' }),
    metric({ metric: 'abandonRate', label: 'Abandonment', target: 0.05, margin: 0.01, direction: 'lower', value: 0.068, status: 'breach', credit: 0.03, previousValue: 0.052, trend: 0.016, valueWithoutExclusions: 0.071, exclusionEffect: -0.003, bonusMargin: 0.01, bonusMet: false, definition: 'abandoned (wait > 5 s) / (answered + abandoned)' }),
    metric({ metric: 'fcr', label: 'First contact resolution', target: 0.8, margin: 0.02, direction: 'higher', value: 0.75, status: 'breach', credit: 0.05, previousValue: 0.79, trend: -0.04, valueWithoutExclusions: 0.75, exclusionEffect: 0, bonusMargin: 0.02, bonusMet: false, definition: 'resolved flag / answered contacts with a result' }),
    metric({ metric: 'csat', label: 'Customer satisfaction', target: 0.85, margin: 0.02, direction: 'higher', value: 0.708, status: 'breach', credit: 0.1, previousValue: 0.83, trend: -0.122, valueWithoutExclusions: 0.708, exclusionEffect: 0, bonusMargin: 0.02, bonusMet: false, definition: 'share of ratings 4–5' }),
  ],
  exclusions: [{ start: '2026-01-14T02:00:00Z', end: '2026-01-14T04:00:00Z', queue: null, reason: "agreed maintenance of the client's CRM", contacts: 0 }],
  credits: {
    byMetric: [{ metric: 'abandonRate', credit: 0.03 }, { metric: 'fcr', credit: 0.05 }, { metric: 'csat', credit: 0.1 }],
    total: 0.18, cap: 0.15, owed: 0.15, capped: true, amount: 18000, currency: 'USD',
  },
  bonus: {
    amount: 0.03, earned: false, money: 0,
    missed: [
      { metric: 'abandonRate', reason: 'needed ≤ 4 %, was 6.8 %' },
      { metric: 'fcr', reason: 'needed ≥ 82 %, was 75 %' },
      { metric: 'csat', reason: 'needed ≥ 87 %, was 70.8 %' },
    ],
  },
  escalations: [
    { metric: 'abandonRate', severity: 'high', owner: 'Account manager', responseMinutes: 60 },
    { metric: 'fcr', severity: 'high', owner: 'Account manager', responseMinutes: 60 },
    { metric: 'csat', severity: 'high', owner: 'Account manager', responseMinutes: 60 },
  ],
};

/** A period with no contacts: the targets, and "no data" for every figure. */
const empty: Scorecard = {
  ...ok,
  period: { grain: 'month', key: '2025-06', start: '2025-06-01T04:00:00Z', end: '2025-07-01T04:00:00Z' },
  previousPeriod: '2025-05',
  metrics: ok.metrics.map((m) => ({ ...m, value: null, status: null, previousValue: null, trend: null, valueWithoutExclusions: null, exclusionEffect: null, bonusMet: false })),
  exclusions: [],
  bonus: { amount: 0.03, earned: false, money: 0, missed: ok.metrics.map((m) => ({ metric: m.metric, reason: 'no data' })) },
};

const meta: Meta<Args> = {
  parameters: usage('sla-scorecard', '', "The agreement's scorecard for a period: each metric against its target, exclusions, credits and bonus; exports CSV and PNG; a list on a phone."),
  title: 'Widgets/Scorecard',
  component: 'sla-scorecard',
  args: { scorecard: ok, state: 'ready', error: '', progress: null, updatedAt: null },
  argTypes: {
    state: { control: 'select', options: ['ready', 'loading', 'no-data', 'stale', 'error'] },
    // A number, not a range: Storybook's range control cannot show a null (unknown) progress and broke the page.
    progress: { control: { type: 'number', min: 0, max: 1, step: 0.01 } },
    scorecard: { control: 'object' },
  },
  render: (a) => html`
    <sla-scorecard
      .scorecard=${a.scorecard}
      .state=${a.state}
      .error=${a.error}
      .progress=${a.progress}
      .updatedAt=${a.updatedAt}
    ></sla-scorecard>
  `,
};
export default meta;
type Story = StoryObj<Args>;

async function scorecard(canvasElement: HTMLElement): Promise<{ el: SlaScorecard; root: ShadowRoot }> {
  const el = canvasElement.querySelector('sla-scorecard') as SlaScorecard;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const part = (root: ShadowRoot, name: string) => root.querySelector(`[part~="${name}"]`);
const rows = (root: ShadowRoot) => [...root.querySelectorAll('[part="table"] tbody tr')] as HTMLTableRowElement[];

export const Loading: Story = {
  args: { scorecard: null, state: 'loading', progress: 0.42 },
  play: async ({ canvasElement }) => {
    const { root } = await scorecard(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('loading');
    await expect(part(root, 'state')?.textContent).toContain('42');
    await expect(part(root, 'table')).toBeNull();
    await expect((part(root, 'export-csv') as HTMLButtonElement).disabled).toBe(true);
  },
};

export const NoData: Story = {
  args: { scorecard: empty, state: 'no-data' },
  play: async ({ canvasElement }) => {
    const { el, root } = await scorecard(canvasElement);
    await expect(part(root, 'state')?.textContent).toContain('2025-06');
    await expect(rows(root).map((r) => r.dataset.status)).toEqual(['none', 'none', 'none']);
    await expect(el.hasAttribute('status')).toBe(false);
  },
};

export const Ok: Story = {
  play: async ({ canvasElement }) => {
    const { el, root } = await scorecard(canvasElement);
    await expect(el.getAttribute('status')).toBe('ok');
    await expect(rows(root).map((r) => r.dataset.status)).toEqual(['ok', 'ok', 'ok']);
    await expect(root.querySelectorAll('[part="table"] th[scope="col"]').length).toBe(8);
    await expect(rows(root)[0].cells[1].textContent).toMatch(/87[.,]4/);
    await expect(part(root, 'bonus')?.textContent).toContain('3');
  },
};

export const Warn: Story = {
  args: { scorecard: warn },
  play: async ({ canvasElement }) => {
    const { el, root } = await scorecard(canvasElement);
    await expect(el.getAttribute('status')).toBe('warn');
    await expect(rows(root)[0].dataset.status).toBe('warn');
    await expect(rows(root)[0].cells[4].textContent).toContain('▼');
  },
};

/** Three metrics breached: credits over the 15 % cap (USD 18,000 owed), the bonus missed, escalations due. */
export const Breach: Story = {
  args: { scorecard: breach },
  play: async ({ canvasElement }) => {
    const { el, root } = await scorecard(canvasElement);
    await expect(el.getAttribute('status')).toBe('breach');
    await expect(rows(root).map((r) => r.dataset.status)).toEqual(['ok', 'breach', 'breach', 'breach']);
    await expect(part(root, 'credits')?.textContent).toMatch(/18[.,]000/);
    await expect(root.querySelectorAll('[part="escalations"] li').length).toBe(3);
  },
};

export const Stale: Story = {
  args: { state: 'stale', updatedAt: TWO_MINUTES_AGO },
  play: async ({ canvasElement }) => {
    const { root } = await scorecard(canvasElement);
    // The last figures stay, said to be old.
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('stale');
    await expect(part(root, 'state')?.textContent).toMatch(/2/);
    await expect(rows(root).length).toBe(3);
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { scorecard: null, state: 'error', error: 'SLA document: metrics[0].target must be a fraction 0–1 (0.8 for 80 %)' },
  play: async ({ canvasElement }) => {
    const { root } = await scorecard(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('error');
    await expect(part(root, 'state')?.textContent).toContain('metrics[0].target must be a fraction');
    await expect(part(root, 'table')).toBeNull();
  },
};

/** The dark wallboard theme. */
export const Wallboard: Story = {
  globals: { theme: 'wallboard' },
  args: { scorecard: breach },
  play: async ({ canvasElement }) => {
    const { el } = await scorecard(canvasElement);
    await expect(el.closest('.sla-theme-wallboard')).not.toBeNull();
    await waitFor(() => expect(getComputedStyle(el).getPropertyValue('--sla-color-surface').trim()).toBe('#0b0f14'));
  },
};

/** German: the nearest `lang` decides the numbers and the words. */
export const German: Story = {
  globals: { lang: 'de' },
  args: { scorecard: breach },
  play: async ({ canvasElement }) => {
    const { root } = await scorecard(canvasElement);
    await expect(rows(root)[1].cells[1].textContent).toContain('6,8');
  },
};
