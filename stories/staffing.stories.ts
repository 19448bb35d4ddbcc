import { usage } from './usage.js';
import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/staffing/staffing.js';
import type { StaffingState } from '../src/components/staffing/staffing.component.js';
import { requiredAgents, trafficErlangs } from '../src/engine/erlang/erlang-c.js';
import type { ObservedStaffing } from '../src/engine/erlang/observed.js';

/**
 * <sla-staffing> in each state a planner or supervisor can see, set through attributes and properties (no
 * source, no network). The per-interval rows are a fixed day whose required agents come from the engine.
 */
interface Args {
  contacts: number;
  aht: number;
  interval: number;
  sl: string;
  shrinkage: number | null;
  maxOccupancy: number | null;
  intervals: ObservedStaffing[] | null;
  state: StaffingState;
  error: string;
  progress: number | null;
  /** For the stale story: how long ago the figures were updated (ms before the render). */
  staleForMs: number | null;
  timeZone: string;
  lang: string;
}

/** A weekday from 08:00 to 18:00 in New York: a morning and an afternoon peak; a thin team at lunch and late. */
function day(withStates: boolean): ObservedStaffing[] {
  const rows: ObservedStaffing[] = [];
  for (let i = 0; i < 40; i++) {
    const h = 8 + i / 4;
    const offered = Math.round(40 + 70 * Math.exp(-0.5 * ((h - 10.5) / 1.2) ** 2) + 55 * Math.exp(-0.5 * ((h - 15) / 1.4) ** 2));
    const aht = 230 + (i % 5) * 6;
    const r = requiredAgents({ contacts: offered, intervalSec: 900, ahtSec: aht, target: 0.8, thresholdSec: 20 });
    const planned = r.agents + ((i * 7) % 3) - 1;
    const present = withStates ? Math.max(0, planned - (h >= 12 && h < 13.5 ? 4 : 0) - (h >= 17 ? 3 : 0) + 0.4) : null;
    const time = `${String(Math.floor(h)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
    rows.push({
      interval: `2026-01-06T${time}-05:00`,
      offered,
      aht,
      trafficErlangs: trafficErlangs(offered, aht, 900),
      requiredAgents: r.agents,
      presentAgents: present,
      gap: present === null ? null : present - r.agents,
    });
  }
  return rows;
}

const meta: Meta<Args> = {
  parameters: usage('sla-staffing', 'model="erlang-a" patience="90"', "Agents a volume needs (Erlang C, or Erlang A with callers' patience), and with a source the required against the present per interval."),
  title: 'Widgets/Staffing',
  component: 'sla-staffing',
  args: {
    contacts: 120, aht: 240, interval: 15, sl: '80/20', shrinkage: 0.3, maxOccupancy: null,
    intervals: null, state: 'ready', error: '', progress: null, staleForMs: null, timeZone: 'America/New_York', lang: 'en',
  },
  argTypes: {
    interval: { control: 'select', options: [15, 30, 60] },
    state: { control: 'select', options: ['ready', 'loading', 'no-data', 'stale', 'error'] },
    lang: { control: 'select', options: ['en', 'es', 'de'] },
  },
  render: (args) => html`
    <div lang=${args.lang || nothing} style="max-inline-size: 52rem">
      <sla-staffing
        .contacts=${args.contacts}
        .aht=${args.aht}
        .interval=${args.interval}
        .sl=${args.sl}
        .shrinkage=${args.shrinkage}
        .maxOccupancy=${args.maxOccupancy}
        .intervals=${args.intervals}
        .state=${args.state}
        .error=${args.error}
        .progress=${args.progress}
        .updatedAt=${args.staleForMs === null ? null : Date.now() - args.staleForMs}
        .timeZone=${args.timeZone}
        .intervalMinutes=${15}
        .definition=${'Required: Erlang C at 80/20 on each interval\'s offered contacts and AHT · zone America/New_York · 15-min intervals'}
      ></sla-staffing>
    </div>
  `,
};
export default meta;

type Story = StoryObj<Args>;

/** The calculator alone with its defaults: 120 contacts per 15 minutes, AHT 240 s, 80/20, 30 % shrinkage. */
export const CalculatorDefault: Story = {};

/** The worked case of METRICS.md §8: 100 contacts in 30 min, AHT 180 s, 80/20 → 14 agents, 20 scheduled. */
export const WorkedCase: Story = { args: { contacts: 100, aht: 180, interval: 30 } };

/** An occupancy cap of 85 %. */
export const OccupancyCap: Story = { args: { contacts: 40, maxOccupancy: 0.85 } };

/** AHT 0: the field says what is wrong, and no figures are shown. */
export const InvalidInput: Story = { args: { aht: 0 } };

/** A volume no single queue could staff: the traffic message at contacts. */
export const TrafficTooHigh: Story = { args: { contacts: 50_000_000, aht: 600 } };

/** With intervals: required versus present per interval, under-staffed ones marked. */
export const WithIntervals: Story = { args: { intervals: day(true) } };

/** A contact file without agent states: required only, and a note instead of present agents. */
export const WithoutAgentStates: Story = { args: { intervals: day(false) } };

export const Loading: Story = { args: { state: 'loading', progress: 0.4 } };

export const NoData: Story = { args: { state: 'no-data', intervals: [] } };

/** A live source that went quiet: the last figures, and since when. */
export const Stale: Story = { args: { state: 'stale', intervals: day(true), staleForMs: 120_000 } };

export const Error: Story = { args: { state: 'error', error: 'cannot load https://example.com/today.csv: HTTP 404' } };

/** In German. */
export const German: Story = { args: { lang: 'de', intervals: day(true) } };
