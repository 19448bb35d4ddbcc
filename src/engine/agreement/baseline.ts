/**
 * Baselines and breach history (docs/agreement.md): what the center has actually delivered, to set realistic
 * targets and to see where breaches cluster.
 */
import { MS_PER_DAY } from '../time/civil.js';
import { zoneNamed } from '../time/zone.js';
import { query, type GroupDimension, type QueryOptions } from '../rollup.js';
import type { ContactParts } from '../parts.js';
import type { Definitions } from '../definitions.js';
import type { ContactMetrics } from '../metrics.js';
import { periodAt } from './period.js';
import { closedStatus, type Direction } from './status.js';
import { directionFor, unitOf } from '../metric-info.js';

export type BaselineMetric = 'serviceLevel' | 'asa' | 'abandonRate' | 'aht' | 'waitP90' | 'waitP95' | 'fcr' | 'csat' | 'csatMean' | 'nps' | 'qa';


export interface Baseline {
  metric: BaselineMetric;
  /** First and last day (local) of the history. */
  from: string;
  to: string;
  days: number;
  /** Days that had data. */
  daysWithData: number;
  /** The metric over the whole history (sums of parts, one division). */
  value: number | null;
  /** Spread of the daily values: p10 and p90 by nearest rank. */
  p10: number | null;
  p90: number | null;
  /** The baseline moved toward the easier side by the buffer. */
  suggestedTarget: number | null;
  buffer: string;
  /** suggestedTarget − value. */
  gap: number | null;
}

/** The default buffer: 20 % for times, 2 points for percentages and scores, 0.1 for a 1–5 rating. */
export function suggestTarget(metric: BaselineMetric, value: number, direction: Direction = directionFor(metric)): { target: number; buffer: string } {
  const easier = direction === 'higher' ? -1 : 1;
  if (unitOf(metric) === 'seconds') return { target: value * (1 + 0.2 * easier), buffer: '20 %' };
  if (unitOf(metric) === 'fraction') return { target: Math.min(1, Math.max(0, value + 0.02 * easier)), buffer: '2 points' };
  if (metric === 'csatMean') return { target: value + 0.1 * easier, buffer: '0.1' };
  return { target: value + 2 * easier, buffer: '2 points' };
}

function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p * sorted.length) / 100 - 1e-9) - 1)];
}

/**
 * The baseline of a metric for a period that starts at `periodStart`: the history of `days` days (default 30,
 * at most 90) ending at the last complete day before the period.
 */
export function baseline(parts: ContactParts, defs: Definitions, metric: BaselineMetric, periodStart: number, days = 30, filter?: QueryOptions['filter']): Baseline {
  if (!(days >= 1 && days <= 90)) throw new RangeError('a baseline covers 1 to 90 days');
  const zone = zoneNamed(defs.timeZone);
  const lastDay = periodAt('day', periodStart - 1, zone);
  const firstDay = periodAt('day', lastDay.start - (days - 1) * MS_PER_DAY + MS_PER_DAY / 2, zone);
  const from = firstDay.start, to = lastDay.end;
  const r = query(parts, defs, { by: ['day'], from, to, filter });
  const daily = r.groups.map((g) => g[metric as keyof ContactMetrics] as number | null).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const value = r.totals[metric as keyof ContactMetrics] as number | null;
  const s = value === null ? null : suggestTarget(metric, value);
  return {
    metric,
    from: firstDay.key,
    to: lastDay.key,
    days,
    daysWithData: daily.length,
    value,
    p10: nearestRank(daily, 10),
    p90: nearestRank(daily, 90),
    suggestedTarget: s?.target ?? null,
    buffer: s?.buffer ?? (unitOf(metric) === 'seconds' ? '20 %' : '2 points'),
    gap: s && value !== null ? s.target - value : null,
  };
}

export interface BreachHistoryRow {
  /** The queue (or tier) and metric. */
  key: string;
  metric: BaselineMetric;
  /** Intervals with data, and those in breach of the target. */
  intervals: number;
  breached: number;
  share: number | null;
}

/** Per queue (or tier) and metric, the share of intervals in breach of a target over [from, to). */
export function breachHistory(
  parts: ContactParts, defs: Definitions, targets: { metric: BaselineMetric; target: number }[], by: GroupDimension = 'queue', from?: number, to?: number,
): BreachHistoryRow[] {
  const r = query(parts, defs, { by: [by, 'interval'], from, to });
  const rows = new Map<string, BreachHistoryRow>();
  for (const g of r.groups) {
    const key = g.by[by]!;
    for (const t of targets) {
      const v = g[t.metric as keyof ContactMetrics] as number | null;
      if (v === null) continue;
      const id = `${key}\u0000${t.metric}`;
      let row = rows.get(id);
      if (!row) rows.set(id, (row = { key, metric: t.metric, intervals: 0, breached: 0, share: null }));
      row.intervals++;
      if (closedStatus(v, { target: t.target, margin: 0, direction: directionFor(t.metric) }) === 'breach') row.breached++;
    }
  }
  for (const row of rows.values()) row.share = row.intervals ? row.breached / row.intervals : null;
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.metric < b.metric ? -1 : 1));
}
