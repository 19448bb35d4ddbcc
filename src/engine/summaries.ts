/**
 * Interval summaries (pre-aggregated ACD or warehouse rows, docs/mapping.md): they roll up only through their
 * additive parts — counts, and averages turned back into sums (count × average) — never by averaging rows.
 * Their service level holds only at the threshold the export used, which is kept with the figure.
 */
import type { IntervalSummary } from './types.js';
import { TimeLabels, type TimeGrain } from './rollup.js';
import { WEEKDAYS, type Definitions } from './definitions.js';
import { zoneNamed } from './time/zone.js';

export interface SummaryMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  /** answered within the export's threshold / offered; null where the rows carry no such count. */
  serviceLevel: number | null;
  serviceLevelMet: number;
  serviceLevelBase: number;
  asa: number | null;
  aht: number | null;
  abandonRate: number | null;
  /** The export's threshold(s), seconds. */
  thresholdSec: number[];
}

/** Sums of summary rows, then one division per figure. */
export function summarize(rows: readonly IntervalSummary[]): SummaryMetrics {
  let offered = 0, answered = 0, abandoned = 0, met = 0, base = 0, waitSum = 0, waitN = 0, handleSum = 0, handleN = 0;
  const thresholds = new Set<number>();
  for (const r of rows) {
    offered += r.offered;
    answered += r.answered;
    abandoned += r.abandoned;
    if (r.answeredWithinThreshold !== undefined) {
      met += r.answeredWithinThreshold;
      base += r.offered;
      if (r.thresholdSec !== undefined) thresholds.add(r.thresholdSec);
    }
    if (r.waitSum !== undefined) { waitSum += r.waitSum; waitN += r.answered; }
    if (r.handleSum !== undefined) { handleSum += r.handleSum; handleN += r.answered; }
  }
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    offered, answered, abandoned,
    serviceLevel: ratio(met, base), serviceLevelMet: met, serviceLevelBase: base,
    asa: ratio(waitSum, waitN), aht: ratio(handleSum, handleN), abandonRate: ratio(abandoned, answered + abandoned),
    thresholdSec: [...thresholds].sort((a, b) => a - b),
  };
}

/** Groups summary rows by queue and time grains in a zone (interval keys at the rows' own length). */
export function summarizeBy(rows: readonly IntervalSummary[], defs: Definitions, by: readonly ('queue' | TimeGrain)[]): { key: string; by: Record<string, string>; metrics: SummaryMetrics }[] {
  const zone = zoneNamed(defs.timeZone);
  const labels = new TimeLabels(zone, defs.intervalMinutes, WEEKDAYS.indexOf(defs.weekStart), 60_000);
  const groups = new Map<string, { by: Record<string, string>; sort: (string | number)[]; rows: IntervalSummary[] }>();
  for (const r of rows) {
    const vals: string[] = [];
    const sort: (string | number)[] = [];
    for (const b of by) {
      if (b === 'queue') { vals.push(r.queue); sort.push(r.queue); }
      // A report with an index and no interval time still totals; its rows have no day or interval.
      else if (Number.isNaN(r.intervalStart)) { vals.push('no interval time'); sort.push(Infinity); }
      else { const [l, k] = labels.label(b, Math.floor(r.intervalStart / 60_000)); vals.push(l); sort.push(k); }
    }
    const key = vals.join(' · ');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { by: Object.fromEntries(by.map((b, i) => [b, vals[i]])), sort, rows: [] }));
    g.rows.push(r);
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => { for (let i = 0; i < a.sort.length; i++) if (a.sort[i] !== b.sort[i]) return a.sort[i] < b.sort[i] ? -1 : 1; return 0; })
    .map(([key, g]) => ({ key, by: g.by, metrics: summarize(g.rows) }));
}
