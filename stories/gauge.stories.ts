// <sla-gauge> in every state a user can see, set through properties only (no source, no network), so each
// story draws the same thing every time. The play functions are the story tests (npm run test:stories); they
// check what does not depend on the toolbar's language: states, statuses, roles and numbers.
import { usage } from './usage.js';
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/components/gauge/gauge.js';
import type { SlaGauge } from '../src/components/gauge/gauge.component.js';

type Args = Pick<SlaGauge, 'metric' | 'value' | 'target' | 'margin' | 'label' | 'previous' | 'state' | 'error' | 'progress' | 'updatedAt' | 'definition' | 'statusKind'>;

const DEFINITION = 'serviceLevel · SL 80/20 answered-and-abandoned, short abandons ≤ 5 s · zone America/New_York · 15-min intervals';
/** "Updated 2 min ago": two minutes before the story module loaded (the text is the same whenever it renders). */
const TWO_MINUTES_AGO = Date.now() - 2 * 60_000;

const meta: Meta<Args> = {
  parameters: usage('sla-gauge', 'metric="serviceLevel" target="0.8" margin="0.03"', "One figure against its target: service level, ASA, abandonment … with its status in words."),
  title: 'Widgets/Gauge',
  component: 'sla-gauge',
  args: {
    metric: 'serviceLevel',
    label: 'Service level 80/20',
    value: 0.862,
    target: 0.8,
    margin: 0.03,
    previous: 0.841,
    state: 'ready',
    error: '',
    progress: null,
    updatedAt: null,
    definition: DEFINITION,
    statusKind: 'live',
  },
  argTypes: {
    statusKind: { control: 'inline-radio', options: ['live', 'closed'] },
    state: { control: 'select', options: ['ready', 'loading', 'no-data', 'stale', 'error'] },
    value: { control: { type: 'number', step: 0.001 } },
    target: { control: { type: 'number', step: 0.01 } },
    margin: { control: { type: 'number', step: 0.01 } },
    previous: { control: { type: 'number', step: 0.001 } },
    // A number, not a range: Storybook's range control cannot show a null (unknown) progress and broke the page.
    progress: { control: { type: 'number', min: 0, max: 1, step: 0.01 } },
  },
  render: (a) => html`
    <sla-gauge
      metric=${a.metric}
      label=${a.label}
      definition=${a.definition}
      .value=${a.value}
      .target=${a.target}
      .margin=${a.margin}
      .previous=${a.previous}
      .state=${a.state}
      .error=${a.error}
      .progress=${a.progress}
      .updatedAt=${a.updatedAt}
      status-kind=${a.statusKind}
    ></sla-gauge>
  `,
};
export default meta;
type Story = StoryObj<Args>;

async function gauge(canvasElement: HTMLElement): Promise<{ el: SlaGauge; root: ShadowRoot }> {
  const el = canvasElement.querySelector('sla-gauge') as SlaGauge;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const part = (root: ShadowRoot, name: string) => root.querySelector(`[part~="${name}"]`);

export const Ok: Story = {
  play: async ({ canvasElement }) => {
    const { el, root } = await gauge(canvasElement);
    await expect(el.getAttribute('status')).toBe('ok');
    await expect(part(root, 'meter')?.getAttribute('role')).toBe('meter');
    await expect(part(root, 'meter')?.getAttribute('aria-valuenow')).toBe('0.862');
    await expect(part(root, 'value')?.textContent).toMatch(/86[.,]2/);
    await expect(part(root, 'trend')?.textContent).toContain('▲');
    // The tooltip: the definition, then which status the gauge shows (live, with the bound a breach must clear).
    await expect(part(root, 'meter')?.getAttribute('title')?.replace(/[\u00a0\u202f]/g, ' ')).toBe(`${DEFINITION}\nlive status: after a breach, back only from ≥ 81.5%`);
  },
};

export const Warn: Story = {
  args: { value: 0.814, previous: 0.826 },
  play: async ({ canvasElement }) => {
    const { el, root } = await gauge(canvasElement);
    await expect(el.getAttribute('status')).toBe('warn');
    await expect(part(root, 'value')?.textContent).toMatch(/81[.,]4/);
    await expect(part(root, 'trend')?.textContent).toContain('▼');
  },
};

export const Breach: Story = {
  args: { value: 0.724, previous: 0.78 },
  play: async ({ canvasElement }) => {
    const { el, root } = await gauge(canvasElement);
    await expect(el.getAttribute('status')).toBe('breach');
    await expect(part(root, 'meter')?.getAttribute('role')).toBe('meter');
  },
};

/** A lower-is-better metric in breach: the average speed of answer above its 30 s target. */
export const BreachLowerIsBetter: Story = {
  name: 'Breach (ASA, lower is better)',
  args: { metric: 'asa', label: 'Average speed of answer', value: 47.5, target: 30, margin: 5, previous: 38, definition: 'asa · zone America/New_York' },
  play: async ({ canvasElement }) => {
    const { el } = await gauge(canvasElement);
    await expect(el.getAttribute('status')).toBe('breach');
  },
};

export const Loading: Story = {
  args: { state: 'loading', value: null, previous: null, progress: 0.4 },
  play: async ({ canvasElement }) => {
    const { root } = await gauge(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('loading');
    await expect(part(root, 'state')?.textContent).toContain('40');
    await expect(part(root, 'meter')?.getAttribute('role')).toBe('group');
    await expect(part(root, 'value')?.textContent?.trim()).toBe('–');
  },
};

export const NoData: Story = {
  args: { state: 'no-data', value: null, previous: null },
  play: async ({ canvasElement }) => {
    const { el, root } = await gauge(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('no-data');
    await expect(part(root, 'meter')?.getAttribute('role')).toBe('group');
    await expect(el.hasAttribute('status')).toBe(false);
  },
};

export const Stale: Story = {
  args: { state: 'stale', value: 0.838, updatedAt: TWO_MINUTES_AGO },
  play: async ({ canvasElement }) => {
    const { root } = await gauge(canvasElement);
    // The last figure stays, said to be old.
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('stale');
    await expect(part(root, 'state')?.textContent).toMatch(/2/);
    await expect(part(root, 'value')?.textContent).toMatch(/83[.,]8/);
    await expect(part(root, 'meter')?.getAttribute('role')).toBe('meter');
  },
};

export const ErrorState: Story = {
  name: 'Error',
  args: { state: 'error', value: null, previous: null, error: 'contacts.csv could not be loaded (HTTP 404)' },
  play: async ({ canvasElement }) => {
    const { root } = await gauge(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('error');
    await expect(part(root, 'state')?.textContent).toContain('contacts.csv could not be loaded (HTTP 404)');
    await expect(part(root, 'meter')?.getAttribute('aria-label')).toContain('HTTP 404');
  },
};

/** The dark wallboard theme, as on the TV across the floor. */
export const Wallboard: Story = {
  globals: { theme: 'wallboard' },
  args: { value: 0.814 },
  play: async ({ canvasElement }) => {
    const { el } = await gauge(canvasElement);
    await expect(el.closest('.sla-theme-wallboard')).not.toBeNull();
    await waitFor(() => expect(getComputedStyle(el).getPropertyValue('--sla-color-surface').trim()).toBe('#0b0f14'));
  },
};

/** German: the nearest `lang` decides the numbers and the words. */
export const German: Story = {
  globals: { lang: 'de' },
  args: { label: 'Servicelevel 80/20', value: 0.824 },
  play: async ({ canvasElement }) => {
    const { root } = await gauge(canvasElement);
    await expect(part(root, 'value')?.textContent).toContain('82,4');
  },
};

/** A closed month's figure: 81 % against 80 % is near the target whatever the month before was (no hysteresis). */
export const ClosedPeriod: Story = {
  args: { value: 0.81, previous: 0.75, statusKind: 'closed', label: 'Service level, January' },
  play: async ({ canvasElement }) => {
    const { el, root } = await gauge(canvasElement);
    await expect(el.getAttribute('status')).toBe('warn');
    await expect(el.getAttribute('status-kind')).toBe('closed');
    await expect(part(root, 'meter')?.getAttribute('title')).toContain("status of the period's own value");
  },
};
