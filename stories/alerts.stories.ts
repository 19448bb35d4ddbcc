import { usage } from './usage.js';
import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/alerts/alerts.js';
import type { AlertItem, AlertsState } from '../src/components/alerts/alerts.component.js';

/**
 * <sla-alerts> in each state a supervisor can see, set through properties (no source, no network), with
 * stream times pinned to UTC and a fixed clock so every render is the same.
 */
interface Args {
  state: AlertsState;
  alerts: AlertItem[];
  checkedAt: number | null;
  error: string;
  progress: number | null;
  max: number;
  tz: string;
  lang: string;
}

const T0 = Date.UTC(2026, 2, 2, 9, 30, 0);
const clock = () => T0 + 45_000;

const breachSales: AlertItem = { id: 'projectedServiceLevel|0.8|Sales', severity: 'breach', queue: 'Sales', metric: 'projectedServiceLevel', value: 0.712, threshold: 0.8, margin: 0.05, since: T0 - 120_000, escalated: true, acknowledged: false };
const breachBilling: AlertItem = { id: 'longestWait|60|Billing', severity: 'breach', queue: 'Billing', metric: 'longestWait', value: 134, threshold: 60, margin: 6, since: T0 - 300_000, acknowledged: true };
const nearSupport: AlertItem = { id: 'longestWait|60|Support', severity: 'near', queue: 'Support', metric: 'longestWait', value: 57, threshold: 60, margin: 6, since: T0 - 60_000, acknowledged: false };
const nearClaims: AlertItem = { id: 'waiting|20|Claims', severity: 'near', queue: 'Claims', metric: 'waiting', value: 19, threshold: 20, margin: 2, since: T0 - 30_000, acknowledged: false };
const stale: AlertItem = { id: 'stale', severity: 'stale', queue: null, metric: null, value: null, threshold: null, margin: null, since: T0, acknowledged: false };

const meta: Meta<Args> = {
  parameters: usage('sla-alerts', 'max="8"', "Live alerts for a wallboard or a supervisor's panel: breaches and near misses per queue, announced politely, acknowledged by hand."),
  title: 'Widgets/Alerts',
  component: 'sla-alerts',
  args: { state: 'ready', alerts: [], checkedAt: null, error: '', progress: null, max: 20, tz: 'UTC', lang: 'en' },
  argTypes: {
    state: { control: 'select', options: ['ready', 'loading', 'no-data', 'stale', 'error'] },
    lang: { control: 'select', options: ['en', 'es', 'de'] },
  },
  render: (args) => html`
    <div lang=${args.lang || nothing} style="max-inline-size: 44rem">
      <sla-alerts
        .state=${args.state}
        .alerts=${args.alerts}
        .checkedAt=${args.checkedAt}
        .error=${args.error}
        .progress=${args.progress}
        .max=${args.max}
        .tz=${args.tz}
        .clock=${clock}
      ></sla-alerts>
    </div>
  `,
};
export default meta;

type Story = StoryObj<Args>;

export const Loading: Story = { args: { state: 'loading', progress: 0.4 } };

/** No alerts yet, nothing checked yet. */
export const NoData: Story = { args: { state: 'ready', alerts: [] } };

/** No live queue data in the source (a CSV, not a stream). */
export const NoLiveData: Story = { args: { state: 'no-data' } };

/** Every queue within its thresholds: "No alerts" with the last check time. */
export const Ok: Story = { args: { state: 'ready', alerts: [], checkedAt: T0 + 44_000 } };

/** Near a threshold: within the warning margin, not yet crossed. */
export const Warn: Story = { args: { state: 'ready', alerts: [nearSupport, nearClaims], checkedAt: T0 + 44_000 } };

/** Breaches (one acknowledged, dimmed) above the near ones, newest first. */
export const Breach: Story = { args: { state: 'ready', alerts: [breachSales, breachBilling, nearSupport, nearClaims], checkedAt: T0 + 44_000 } };

/** The stream went quiet: the stale-data alert on top of what stood. */
export const Stale: Story = { args: { state: 'stale', alerts: [stale, breachSales, nearSupport], checkedAt: T0 } };

/** More alerts than `max`: the rest are counted. */
export const ManyQueues: Story = {
  args: {
    state: 'ready',
    max: 5,
    checkedAt: T0 + 44_000,
    alerts: Array.from({ length: 50 }, (_, i): AlertItem => ({ ...breachSales, id: `projectedServiceLevel|0.8|Q${i}`, queue: `Queue ${String(i + 1).padStart(2, '0')}`, value: 0.5 + i / 200, escalated: false })),
  },
};

export const Error: Story = { args: { state: 'error', error: 'the live stream failed: the connection closed' } };

/** The same alerts in German. */
export const German: Story = { args: { ...Breach.args, lang: 'de' } };
