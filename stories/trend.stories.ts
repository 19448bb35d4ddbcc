// <sla-trend> in every state a user can see, set through properties only (no source, no network): the series are
// computed here from fixed formulas, in a pinned zone, so each story draws the same thing every time. The play
// functions are the story tests (npm run test:stories); they check what does not depend on the toolbar's
// language: states, statuses, roles, shading and sizes.
import { usage } from './usage.js';
import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import '../src/components/trend/trend.js';
import type { SlaTrend, TrendPoint } from '../src/components/trend/trend.component.js';
import { periodKey } from '../src/components/trend/trend.geometry.js';
import { zoneNamed } from '../src/engine/time/zone.js';

type Args = Pick<SlaTrend, 'metric' | 'points' | 'target' | 'margin' | 'label' | 'grain' | 'tz' | 'state' | 'error' | 'progress' | 'updatedAt' | 'definition'> & {
  width: string;
  height: string;
};

const NY = 'America/New_York';
const DEFINITION = 'Service level · SL 80/20 answered-and-abandoned, short abandons ≤ 5 s · zone America/New_York · 15-min intervals';
/** "Updated 2 min ago": two minutes before the story module loaded. */
const TWO_MINUTES_AGO = Date.now() - 2 * 60_000;

/** Quarter hours of Monday 2 March 2026 from 08:00 New York time, one value per interval (null: no contacts). */
function series(values: (i: number) => number | null, count = 40): TrendPoint[] {
  const zone = zoneNamed(NY);
  const first = Date.UTC(2026, 2, 2, 13); // 08:00 EST
  return Array.from({ length: count }, (_, i) => {
    const start = first + i * 15 * 60_000;
    const v = values(i);
    return { key: periodKey('interval', start, zone), start, value: v === null ? null : Math.round(v * 1000) / 1000 };
  });
}

/** A good day: always above 83 %. */
const OK = series((i) => 0.88 + 0.04 * Math.sin(i / 4));
/** A lunch-time dip into breach, back near the target at the end. */
const WARN = series((i) => (i === 17 ? null : 0.86 + 0.05 * Math.cos(i / 5) - (i >= 14 && i <= 22 ? 0.11 : 0) - (i === 39 ? 0.04 : 0)));
/** The afternoon goes wrong: the last intervals are in breach. */
const BREACH = series((i) => (i === 9 ? null : 0.9 - 0.006 * i - (i > 30 ? 0.08 : 0)));
/** ASA in seconds (lower is better): a spike over the 30 s target. */
const ASA = series((i) => 18 + 6 * Math.sin(i / 3) + (i >= 24 && i <= 29 ? 20 : 0));

const meta: Meta<Args> = {
  parameters: usage('sla-trend', 'metric="serviceLevel" target="0.8" range="today"', "A figure interval by interval (or day by day) against its target, with the breached periods marked."),
  title: 'Widgets/Trend',
  component: 'sla-trend',
  args: {
    metric: 'serviceLevel',
    label: 'Service level 80/20 today',
    points: WARN,
    target: 0.8,
    margin: 0.03,
    grain: 'interval',
    tz: NY,
    state: 'ready',
    error: '',
    progress: null,
    updatedAt: null,
    definition: DEFINITION,
    width: '640px',
    height: '240px',
  },
  argTypes: {
    state: { control: 'select', options: ['ready', 'loading', 'no-data', 'stale', 'error'] },
    grain: { control: 'select', options: ['interval', 'hour', 'day', 'week', 'month'] },
    target: { control: { type: 'number', step: 0.01 } },
    margin: { control: { type: 'number', step: 0.01 } },
    // A number, not a range: Storybook's range control cannot show a null (unknown) progress and broke the page.
    progress: { control: { type: 'number', min: 0, max: 1, step: 0.01 } },
    points: { control: 'object' },
  },
  render: (a) => html`
    <sla-trend
      style=${`width: ${a.width}; height: ${a.height}`}
      metric=${a.metric}
      label=${a.label}
      grain=${a.grain}
      tz=${a.tz}
      definition=${a.definition}
      .points=${a.points}
      .target=${a.target}
      .margin=${a.margin}
      .state=${a.state}
      .error=${a.error}
      .progress=${a.progress}
      .updatedAt=${a.updatedAt}
    ></sla-trend>
  `,
};
export default meta;
type Story = StoryObj<Args>;

async function trend(canvasElement: HTMLElement): Promise<{ el: SlaTrend; root: ShadowRoot }> {
  const el = canvasElement.querySelector('sla-trend') as SlaTrend;
  await el.updateComplete;
  return { el, root: el.shadowRoot! };
}

const part = (root: ShadowRoot, name: string) => root.querySelector(`[part~="${name}"]`);

/** Waits until the chart is drawn at the measured size of its plot (the ResizeObserver has run). */
async function drawn(root: ShadowRoot): Promise<SVGSVGElement> {
  await waitFor(() => {
    const svg = root.querySelector('svg');
    const plot = part(root, 'plot')!.getBoundingClientRect();
    expect(svg).not.toBeNull();
    expect(Number(svg!.getAttribute('width'))).toBe(Math.round(plot.width));
    expect(Number(svg!.getAttribute('height'))).toBe(Math.round(plot.height));
  });
  return root.querySelector('svg')!;
}

export const Ok: Story = {
  args: { points: OK, label: 'Service level 80/20 today' },
  play: async ({ canvasElement }) => {
    const { el, root } = await trend(canvasElement);
    await drawn(root);
    await expect(el.getAttribute('status')).toBe('ok');
    await expect(part(root, 'chart')?.getAttribute('role')).toBe('img');
    await expect(root.querySelectorAll('rect.breach').length).toBe(0);
    await expect(part(root, 'chart')?.getAttribute('title')).toBe(DEFINITION);
  },
};

export const Warn: Story = {
  play: async ({ canvasElement }) => {
    const { el, root } = await trend(canvasElement);
    await drawn(root);
    await expect(el.getAttribute('status')).toBe('warn');
    await expect(root.querySelectorAll('rect.breach').length).toBeGreaterThan(0);
    await expect(root.querySelectorAll('rect.band').length).toBe(1);
  },
};

export const Breach: Story = {
  args: { points: BREACH },
  play: async ({ canvasElement }) => {
    const { el, root } = await trend(canvasElement);
    await drawn(root);
    await expect(el.getAttribute('status')).toBe('breach');
    await expect(part(root, 'chart')?.getAttribute('aria-label')).toMatch(/23\D+39/);
  },
};

/** A lower-is-better metric: average speed of answer against ≤ 30 s. */
export const BreachLowerIsBetter: Story = {
  name: 'Breach (ASA, lower is better)',
  args: { metric: 'asa', label: 'Average speed of answer', points: ASA, target: 30, margin: 5, definition: 'ASA · zone America/New_York · 15-min intervals' },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    await drawn(root);
    await expect(root.querySelectorAll('rect.breach').length).toBe(1);
  },
};

export const Loading: Story = {
  args: { state: 'loading', points: [], progress: 0.4 },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('loading');
    await expect(part(root, 'state')?.textContent).toContain('40');
    await expect((part(root, 'progress') as HTMLProgressElement).value).toBe(0.4);
    await expect(part(root, 'chart')).toBeNull();
  },
};

export const NoData: Story = {
  args: { state: 'ready', points: [] },
  play: async ({ canvasElement }) => {
    const { el, root } = await trend(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('no-data');
    await expect(el.hasAttribute('status')).toBe(false);
  },
};

export const Stale: Story = {
  args: { state: 'stale', updatedAt: TWO_MINUTES_AGO },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    await drawn(root);
    // The last figures stay, said to be old.
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('stale');
    await expect(part(root, 'state')?.textContent).toMatch(/2/);
    await expect(part(root, 'chart')?.getAttribute('role')).toBe('img');
  },
};

export const Error: Story = {
  args: { state: 'error', points: [], error: 'contacts.csv could not be loaded (HTTP 404)' },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    await expect(part(root, 'state')?.getAttribute('data-kind')).toBe('error');
    await expect(part(root, 'state')?.textContent).toContain('contacts.csv could not be loaded (HTTP 404)');
  },
};

/** A small portal card: 300 × 150, still crisp, with fewer ticks. */
export const PortalCard: Story = {
  args: { width: '300px', height: '150px', label: 'SL today' },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    const svg = await drawn(root);
    await expect(svg.getAttribute('viewBox')).toBe(`0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`);
    await expect(root.querySelectorAll('.x-axis text').length).toBeLessThanOrEqual(4);
  },
};

/** The dark wallboard theme at TV size, as on the screen across the floor. */
export const Wallboard: Story = {
  globals: { theme: 'wallboard' },
  args: { width: '1600px', height: '500px', label: 'Service level · all queues' },
  play: async ({ canvasElement }) => {
    const { el, root } = await trend(canvasElement);
    const svg = await drawn(root);
    await expect(Number(svg.getAttribute('width'))).toBeGreaterThan(1500);
    await waitFor(() => expect(getComputedStyle(el).getPropertyValue('--sla-color-surface').trim()).toBe('#0b0f14'));
  },
};

/** German: the nearest `lang` decides the numbers, the times and the words. */
export const German: Story = {
  globals: { lang: 'de' },
  args: { label: 'Servicelevel heute' },
  play: async ({ canvasElement }) => {
    const { root } = await trend(canvasElement);
    await drawn(root);
    await expect(part(root, 'value')?.textContent).toMatch(/\d,\d/);
  },
};
