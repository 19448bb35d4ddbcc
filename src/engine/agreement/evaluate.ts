/**
 * Evaluates an SLA document over a period (METRICS.md §7): each metric's value, target, status and trend
 * against the previous period; the excluded intervals with their reasons and how much they changed each
 * figure; credits owed (capped); the bonus; the escalations due. Deterministic, and it explains itself.
 */
import { defaultDefinitions, type Definitions } from '../definitions.js';
import { F, NF, type ContactParts } from '../parts.js';
import { query, TimeLabels, type QueryResult } from '../rollup.js';
import { zoneNamed, type Zone } from '../time/zone.js';
import { WEEKDAYS } from '../definitions.js';
import type { ForecastEntry, Outage } from '../types.js';
import type { EfficiencyParts } from '../efficiency.js';
import { parsePeriod, previousPeriod, type Period } from './period.js';
import { directionOf, type Severity, type SlaDocument, type SlaMetric, type SlaMetricName } from './sla.js';
import { statusOf, type Direction, type Status } from './status.js';
import { baseline as baselineOf, type Baseline } from './baseline.js';

export interface EvaluateOptions {
  /** `2021-02`, `2021-Q1`, `2021-W05`, `2021-02-14`, or a Period. */
  period: string | Period;
  /** Zone of the periods; default the document's, else UTC. */
  timeZone?: string;
  forecast?: ForecastEntry[];
  outages?: Outage[];
  /** Days of history for each metric's baseline (default 30, at most 90; 0 for none). */
  baselineDays?: number;
  /** Agent states and schedules, for occupancy, utilization and adherence. */
  efficiency?: EfficiencyParts;
}

export interface ScorecardMetric {
  metric: SlaMetricName;
  label: string;
  /** The metric's contract period; credits and the bonus are assessed only when the evaluated period is of this grain. */
  period: string;
  target: number;
  margin: number;
  direction: Direction;
  value: number | null;
  status: Status | null;
  previousValue: number | null;
  /** value − previous value (in the metric's unit), null when either is missing. */
  trend: number | null;
  /** The figure had nothing been excluded, and how much the exclusions changed it. */
  valueWithoutExclusions: number | null;
  exclusionEffect: number | null;
  /** Credit owed for this metric (fraction of the monthly fee); null when not assessed at this period. */
  credit: number | null;
  bonusMargin: number | null;
  bonusMet: boolean | null;
  /** The definition that produced the figure, in (English) words. */
  definition: string;
  /** The same definition as data, for words in another language (absent in scorecards saved by earlier versions). */
  terms?: DefinitionTerms;
  /** What the center delivered before the period, and a realistic target from it (not for uptime). */
  baseline: Baseline | null;
  /** Baseline − the agreement's target, in the metric's unit (how far the history is from the contract). */
  baselineGapToTarget: number | null;
}

export interface ExcludedInterval {
  start: string;
  end: string;
  queue: string | null;
  reason: string;
  /** Contacts (offered + flow-outs + callbacks + voicemails) left out. */
  contacts: number;
  /** For an interval over its forecast: the forecast volume and the share over it that excludes (else null). */
  overForecast?: { forecast: number; share: number } | null;
}

export interface Scorecard {
  sla: string;
  timeZone: string;
  period: { grain: string; key: string; start: string; end: string };
  previousPeriod: string;
  metrics: ScorecardMetric[];
  exclusions: ExcludedInterval[];
  credits: { byMetric: { metric: SlaMetricName; credit: number }[]; total: number; cap: number | null; owed: number; capped: boolean; amount: number | null; currency: string | null };
  /** Each missed condition: in words (English), and as data: the bar the metric had to reach (`needed`, ≥ or ≤ by its direction) and its value. */
  bonus: { amount: number; earned: boolean; missed: { metric: SlaMetricName; reason: string; needed?: number; value?: number | null }[]; money: number | null } | null;
  escalations: { metric: SlaMetricName; severity: Severity; owner: string | null; responseMinutes: number | null }[];
  review: string[] | null;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The engine definitions an SLA document asks for (a metric may set its own threshold). */
export function slaDefinitions(doc: SlaDocument, timeZone: string, metric?: SlaMetric): Definitions {
  const defs = defaultDefinitions(timeZone);
  const d = doc.definitions ?? {};
  if (d.intervalMinutes) defs.intervalMinutes = d.intervalMinutes;
  Object.assign(defs.serviceLevel, d.serviceLevel ?? {});
  Object.assign(defs.abandonRate, d.abandonRate ?? {});
  Object.assign(defs.fcr, d.fcr ?? {});
  if (metric?.metric === 'serviceLevel') {
    defs.serviceLevel.target = metric.target;
    if (metric.thresholdSec !== undefined) defs.serviceLevel.thresholdSec = metric.thresholdSec;
  }
  return defs;
}

/**
 * What a metric's definition says, as data: the page words it in its own language, the CLI and JSON in
 * English (`describe`). One list of facts, so the two can never say different things.
 */
export type DefinitionTerms =
  | { metric: 'serviceLevel'; thresholdSec: number; preset: string; shortAbandonSec: number; flowouts: boolean; callbacks: boolean }
  | { metric: 'abandonRate'; denominator: 'offered' | 'answered-and-abandoned'; shortAbandonSec: number }
  | { metric: 'fcr'; method: 'flag' | 'repeat'; windowDays: number }
  | { metric: 'uptime'; system: string | null }
  | { metric: Exclude<SlaMetricName, 'serviceLevel' | 'abandonRate' | 'fcr' | 'uptime'> };

export function definitionTerms(m: SlaMetric, defs: Definitions): DefinitionTerms {
  const sl = defs.serviceLevel;
  switch (m.metric) {
    case 'serviceLevel':
      return { metric: 'serviceLevel', thresholdSec: sl.thresholdSec, preset: sl.preset, shortAbandonSec: sl.shortAbandonSec, flowouts: !!sl.includeFlowouts, callbacks: !!sl.includeCallbacks };
    case 'abandonRate': return { metric: 'abandonRate', denominator: defs.abandonRate.denominator, shortAbandonSec: sl.shortAbandonSec };
    case 'fcr': return { metric: 'fcr', method: defs.fcr.method === 'flag' ? 'flag' : 'repeat', windowDays: defs.fcr.windowDays };
    case 'uptime': return { metric: 'uptime', system: m.system ?? null };
    default: return { metric: m.metric };
  }
}

/** The definition in English words (the CLI, JSON, and the page's English). */
export function describe(t: DefinitionTerms): string {
  switch (t.metric) {
    case 'serviceLevel':
      return `answered within ${t.thresholdSec} s, ${t.preset}; short abandons ≤ ${t.shortAbandonSec} s left out${t.flowouts ? '; flow-outs count as missed' : ''}${t.callbacks ? '; callbacks count' : ''}`;
    case 'abandonRate':
      return t.denominator === 'offered' ? 'abandoned incl. short / offered' : `abandoned (wait > ${t.shortAbandonSec} s) / (answered + abandoned)`;
    case 'asa': return 'mean wait of answered contacts';
    case 'aht': return 'mean talk + hold + wrap of answered contacts';
    case 'fcr': return t.method === 'flag' ? 'resolved flag / answered contacts with a result' : `no repeat by the same customer in the same queue within ${t.windowDays} days`;
    case 'csat': return 'share of ratings 4–5';
    case 'occupancy': return 'handling / (handling + available), from agent states';
    case 'utilization': return '(handling + productive off-phone) / logged-in time, from agent states';
    case 'adherence': return 'scheduled time in the scheduled state / scheduled time';
    case 'uptime': return `1 − unplanned downtime / (period − planned maintenance)${t.system ? `, ${t.system}` : ''}`;
    default: return (t as { metric: string }).metric;
  }
}

/** Sum of the overlaps of [a, b) with a list of ranges, counting overlapping ranges once. */
function coveredWithin(ranges: [number, number][], a: number, b: number): number {
  const r = ranges.map(([s, e]) => [Math.max(s, a), Math.min(e, b)] as [number, number]).filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  let total = 0, cs = -Infinity, ce = -Infinity;
  for (const [s, e] of r) {
    if (s > ce) { if (ce > cs) total += ce - cs; cs = s; ce = e; }
    else ce = Math.max(ce, e);
  }
  if (ce > cs) total += ce - cs;
  return total;
}

export function uptimeOf(outages: Outage[] | undefined, system: string | undefined, start: number, end: number): number | null {
  if (!outages) return null;
  const mine = outages.filter((o) => system === undefined || o.system === system);
  const planned = coveredWithin(mine.filter((o) => o.planned).map((o) => [o.start, o.end]), start, end);
  const unplanned = coveredWithin(mine.filter((o) => !o.planned).map((o) => [o.start, o.end]), start, end);
  const base = end - start - planned;
  return base > 0 ? 1 - unplanned / base : null;
}

interface Exclusions {
  /** slot → queues excluded ('*' for all). */
  slots: Map<number, Set<string>>;
  list: ExcludedInterval[];
}

function computeExclusions(parts: ContactParts, doc: SlaDocument, p: Period, zone: Zone, defs: Definitions, forecast: ForecastEntry[] | undefined, scope: { queue?: string[]; channel?: string[] }): Exclusions {
  const slotMs = parts.slotMs;
  const L = defs.intervalMinutes * 60_000;
  const labels = new TimeLabels(zone, defs.intervalMinutes, WEEKDAYS.indexOf(defs.weekStart), slotMs);
  const slots = new Map<number, Set<string>>();
  const mark = (slot: number, queue: string) => {
    let s = slots.get(slot);
    if (!s) slots.set(slot, (s = new Set()));
    s.add(queue);
  };
  // Contacts per (slot, queue): every contact that entered the queue, within the agreement's scope.
  const volume = new Map<string, number>();
  const inQueues = scope.queue ? new Set(scope.queue) : null;
  const inChannels = scope.channel ? new Set(scope.channel) : null;
  for (let c = 0; c < parts.cellCount; c++) {
    const series = parts.cellSeries[c];
    if (inQueues && !inQueues.has(parts.queues.values[parts.seriesQueue[series]])) continue;
    if (inChannels && !inChannels.has(parts.channels.values[parts.seriesChannel[series]] || '(none)')) continue;
    const o = c * NF, v = parts.values;
    const n = v[o + F.answered] + v[o + F.abandoned] + v[o + F.flowout] + v[o + F.callback] + v[o + F.voicemail];
    const key = `${parts.cellSlot[c]}|${parts.queues.values[parts.seriesQueue[parts.cellSeries[c]]]}`;
    volume.set(key, (volume.get(key) ?? 0) + n);
  }
  const contactsIn = (fromSlot: number, toSlot: number, queue: string | null) => {
    let n = 0;
    for (let s = fromSlot; s < toSlot; s++) {
      if (queue !== null) n += volume.get(`${s}|${queue}`) ?? 0;
      else for (const q of parts.queues.values.slice(1)) n += volume.get(`${s}|${q}`) ?? 0;
    }
    return n;
  };
  const list: ExcludedInterval[] = [];
  const firstSlot = Math.ceil(p.start / slotMs), endSlot = Math.ceil(p.end / slotMs);

  for (const w of doc.exclusions?.windows ?? []) {
    const ws = Date.parse(w.start), we = Date.parse(w.end);
    if (we <= p.start || ws >= p.end) continue;
    let lo = Infinity, hi = -Infinity;
    const from = Math.max(firstSlot, Math.floor((ws - L) / slotMs));
    const to = Math.min(endSlot, Math.ceil((we + L) / slotMs));
    for (let s = from; s < to; s++) {
      const iStart = labels.label('interval', s)[1];
      if (iStart < we && ws < iStart + L) {
        for (const q of w.queues ?? ['*']) mark(s, q);
        lo = Math.min(lo, s);
        hi = Math.max(hi, s + 1);
      }
    }
    if (lo < hi) {
      const queues = w.queues ?? [null];
      for (const q of queues) list.push({ start: iso(lo * slotMs), end: iso(hi * slotMs), queue: q, reason: w.reason, contacts: contactsIn(lo, hi, q), overForecast: null });
    }
  }

  const spike = doc.exclusions?.forecastSpike;
  const share = spike === false ? null : spike?.share ?? 0.3;
  if (share !== null && forecast) {
    for (const f of forecast) {
      const len = f.intervalMinutes * 60_000;
      if (f.intervalStart >= p.end || f.intervalStart + len <= p.start) continue;
      if (f.intervalStart % slotMs !== 0 || len % slotMs !== 0) {
        throw new RangeError(`forecast interval ${iso(f.intervalStart)} (${f.intervalMinutes} min) does not fall on ${parts.opts.slotMinutes}-minute slot edges`);
      }
      const s0 = f.intervalStart / slotMs, s1 = s0 + len / slotMs;
      const actual = contactsIn(s0, s1, f.queue);
      if (actual > f.volume * (1 + share)) {
        for (let s = s0; s < s1; s++) mark(s, f.queue);
        const over = f.volume > 0 ? `+${((actual / f.volume - 1) * 100).toFixed(1)} %` : 'no volume forecast';
        list.push({
          start: iso(f.intervalStart), end: iso(f.intervalStart + len), queue: f.queue,
          reason: `volume ${actual} over forecast ${f.volume} (${over}; more than ${Math.round(share * 100)} % over is excluded)`,
          contacts: actual,
          overForecast: { forecast: f.volume, share },
        });
      }
    }
  }
  list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : (a.queue ?? '') < (b.queue ?? '') ? -1 : 1));
  return { slots, list };
}

function scopeFilter(parts: ContactParts, doc: SlaDocument): { queue?: string[]; channel?: string[] } {
  const out: { queue?: string[]; channel?: string[] } = {};
  const pick = (all: string[], spec?: { include?: string[]; exclude?: string[] }) => {
    if (!spec) return undefined;
    const inc = spec.include ? new Set(spec.include) : null;
    const exc = new Set(spec.exclude ?? []);
    return all.filter((v) => (!inc || inc.has(v)) && !exc.has(v));
  };
  const q = pick(parts.queues.values.slice(1), doc.scope?.queues);
  if (q) out.queue = q;
  if (doc.scope?.channels) {
    if (!parts.opts.dimensions.includes('channel')) throw new Error('the SLA scopes channels: the parts must be built with the channel dimension');
    out.channel = pick(['(none)', ...parts.channels.values.slice(1)], doc.scope.channels);
  }
  return out;
}

export function evaluate(parts: ContactParts, doc: SlaDocument, opts: EvaluateOptions): Scorecard {
  const zoneName = opts.timeZone ?? doc.timeZone ?? 'UTC';
  const zone = zoneNamed(zoneName);
  const period = typeof opts.period === 'string' ? parsePeriod(opts.period, zone) : opts.period;
  const prev = previousPeriod(period, zone);
  const filter = scopeFilter(parts, doc);
  const baseDefs = slaDefinitions(doc, zone.name);
  const excl = computeExclusions(parts, doc, period, zone, baseDefs, opts.forecast, filter);
  const exclPrev = computeExclusions(parts, doc, prev, zone, baseDefs, opts.forecast, filter);
  const excluder = (e: Exclusions) => (slot: number, queue: string) => {
    const s = e.slots.get(slot);
    return s !== undefined && (s.has('*') || s.has(queue));
  };

  const cache = new Map<string, QueryResult>();
  const run = (defs: Definitions, p: Period, e: Exclusions | null): QueryResult => {
    const key = JSON.stringify([defs, p.key, e === null ? 0 : e === excl ? 1 : 2]);
    let r = cache.get(key);
    if (!r) {
      r = query(parts, defs, { filter, from: p.start, to: p.end, exclude: e ? excluder(e) : undefined });
      cache.set(key, r);
    }
    return r;
  };

  const metrics: ScorecardMetric[] = doc.metrics.map((m) => {
    const defs = slaDefinitions(doc, zone.name, m);
    const valueOf = (p: Period, e: Exclusions | null): number | null => {
      if (m.metric === 'uptime') return uptimeOf(opts.outages, m.system, p.start, p.end);
      if (m.metric === 'occupancy' || m.metric === 'utilization' || m.metric === 'adherence') {
        if (!opts.efficiency) return null;
        const eff = opts.efficiency;
        const from = Math.ceil(p.start / eff.slotMs), to = Math.ceil(p.end / eff.slotMs);
        return eff.summarize((slot) => (slot >= from && slot < to ? 'in' : null)).groups.get('in')?.[m.metric] ?? null;
      }
      return run(defs, p, e).totals[m.metric as Exclude<SlaMetricName, 'uptime' | 'occupancy' | 'utilization' | 'adherence'>];
    };
    const value = valueOf(period, excl);
    const previousValue = valueOf(prev, exclPrev);
    const without = valueOf(period, null);
    const direction = directionOf(m.metric);
    // The status carries the previous period's (METRICS.md §6 hysteresis): a breach ends only half a margin past the target.
    const targetSpec = { target: m.target, margin: m.margin, direction };
    const status = statusOf(value, targetSpec, statusOf(previousValue, targetSpec));
    const assessed = m.period === period.grain;
    const better = value === null ? null : direction === 'higher' ? value - m.target : m.target - value;
    return {
      metric: m.metric,
      label: m.label ?? m.metric,
      period: m.period,
      target: m.target,
      margin: m.margin,
      direction,
      value,
      status,
      previousValue,
      trend: value !== null && previousValue !== null ? value - previousValue : null,
      valueWithoutExclusions: without,
      exclusionEffect: value !== null && without !== null ? value - without : null,
      credit: assessed ? (status === 'breach' ? m.credit ?? 0 : 0) : null,
      bonusMargin: m.bonusMargin ?? null,
      bonusMet: assessed && better !== null ? better >= (m.bonusMargin ?? 0) - 1e-9 * Math.max(1, Math.abs(m.target)) : assessed ? false : null,
      definition: describe(definitionTerms(m, defs)),
      terms: definitionTerms(m, defs),
      baseline: m.metric === 'uptime' || m.metric === 'occupancy' || m.metric === 'utilization' || m.metric === 'adherence' || (opts.baselineDays ?? 30) === 0 ? null : baselineOf(parts, defs, m.metric, period.start, opts.baselineDays ?? 30, filter),
      baselineGapToTarget: null,
    };
  });

  for (const m of metrics) if (m.baseline?.value != null) m.baselineGapToTarget = m.baseline.value - m.target;
  const byMetric = metrics.filter((m) => m.credit !== null && m.credit > 0).map((m) => ({ metric: m.metric, credit: m.credit! }));
  // Rounded to a billionth: 0.05 + 0.1 must be 0.15, not 0.15000000000000002 (which would read as capped).
  const total = Math.round(byMetric.reduce((s, c) => s + c.credit, 0) * 1e9) / 1e9;
  const cap = doc.credits?.cap ?? null;
  const owed = cap === null ? total : Math.min(total, cap);
  const assessedMetrics = metrics.filter((m) => m.period === period.grain);
  const bonus = doc.bonus
    ? (() => {
        const missed = assessedMetrics
          .filter((m) => !m.bonusMet)
          .map((m) => {
            const needed = m.direction === 'higher' ? m.target + (m.bonusMargin ?? 0) : m.target - (m.bonusMargin ?? 0);
            return {
              metric: m.metric,
              reason: m.value === null ? 'no data' : `needed ${m.direction === 'higher' ? '≥' : '≤'} ${fmt(m.metric, needed)}, was ${fmt(m.metric, m.value)}`,
              needed,
              value: m.value,
            };
          });
        const earned = assessedMetrics.length > 0 && missed.length === 0;
        return { amount: doc.bonus!.amount, earned, missed, money: earned && doc.monthlyFee !== undefined ? doc.bonus!.amount * doc.monthlyFee : earned ? null : 0 };
      })()
    : null;
  const escalations = metrics
    .filter((m) => m.status === 'breach')
    .map((m) => {
      const severity = doc.metrics.find((x) => x.metric === m.metric && (x.label ?? x.metric) === m.label)?.severity ?? 'high';
      const tier = doc.escalation?.find((t) => t.severity === severity);
      return { metric: m.metric, severity, owner: tier?.owner ?? null, responseMinutes: tier?.responseMinutes ?? null };
    });
  return {
    sla: doc.name,
    timeZone: zone.name,
    period: { grain: period.grain, key: period.key, start: iso(period.start), end: iso(period.end) },
    previousPeriod: prev.key,
    metrics,
    exclusions: excl.list,
    credits: {
      byMetric, total, cap, owed, capped: cap !== null && total > cap,
      amount: doc.monthlyFee !== undefined ? owed * doc.monthlyFee : null,
      currency: doc.currency ?? null,
    },
    bonus,
    escalations,
    review: doc.review?.cadence ?? null,
  };
}

const FRACTIONS = new Set<SlaMetricName>(['serviceLevel', 'abandonRate', 'fcr', 'csat', 'uptime', 'occupancy', 'utilization', 'adherence']);
const SECONDS = new Set<SlaMetricName>(['asa', 'aht', 'waitP90', 'waitP95']);

function fmt(metric: SlaMetricName, v: number): string {
  if (FRACTIONS.has(metric)) return `${+(v * 100).toFixed(2)} %`;
  if (SECONDS.has(metric)) return `${+v.toFixed(1)} s`;
  return String(+v.toFixed(2));
}
