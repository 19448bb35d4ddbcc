/**
 * Evaluates an SLA document over a period (docs/agreement.md): each metric's value, target, closed status and
 * trend against the previous period; what the scope did; the excluded intervals with their reasons and how much
 * they changed each figure; credits owed (summed, capped, then in money rounded once); the bonus; the
 * escalations due. Deterministic, and it explains itself.
 */
import { defaultDefinitions, type Definitions } from '../definitions.js';
import { F, NF, type ContactParts } from '../parts.js';
import { fcrMethodFor, query, TimeLabels, type FcrMethod, type QueryResult } from '../rollup.js';
import { zoneNamed, type Zone } from '../time/zone.js';
import { WEEKDAYS } from '../definitions.js';
import type { ForecastEntry, Outage } from '../types.js';
import type { EfficiencyParts } from '../efficiency.js';
import { parsePeriod, periodAt, previousPeriod, type Period } from './period.js';
import { PERIODS, directionOf, type PeriodGrain, type Severity, type SlaDocument, type SlaMetric, type SlaMetricName } from './sla.js';
import { closedStatus, type Direction, type Status } from './status.js';
import { unitOf } from '../metric-info.js';
import { baseline as baselineOf, type Baseline } from './baseline.js';
import { IngestError, error } from '../ingest/errors.js';

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
  /** The closed period's status: from `value` alone, with no memory of the period before (docs/agreement.md). */
  status: Status | null;
  /** Which rule gave `status`: always `closed` on a scorecard (absent in scorecards saved by earlier versions). */
  statusKind?: 'closed';
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
  /** Uptime only: the minutes behind the figure (absent without outages). */
  uptime?: UptimeMinutes;
}

/** What an uptime figure was computed from, in minutes of the period (docs/agreement.md, uptime). */
export interface UptimeMinutes {
  period: number;
  /** Agreed planned maintenance inside the period: out of the base. */
  planned: number;
  /** Unplanned downtime inside the period and outside planned maintenance, overlaps counted once. */
  unplanned: number;
}

export type ScopeDimension = 'queue' | 'channel';

/** What the agreement's scope did to the evaluated period's contacts, as data (docs/agreement.md, scope). */
export interface ScopeReport {
  /** Dimensions whose include/exclude lists were applied. */
  applied: { dimension: ScopeDimension; include: string[] | null; exclude: string[] }[];
  /**
   * Dimensions the data cannot answer (a channel scope over data without any channel), left unapplied; the
   * contacts of the period that the scope would have judged.
   */
  notApplied: { dimension: ScopeDimension; include: string[] | null; exclude: string[]; reason: 'no-values'; contacts: number }[];
  /** Contacts of the period left out, per dimension and value (each counted once, under the first dimension that left it out: queue, then channel). */
  leftOut: { dimension: ScopeDimension; value: string; contacts: number }[];
  /** Contacts that entered a queue in the period (offered + flow-outs + callbacks + voicemails), and those in scope. */
  contacts: { inPeriod: number; inScope: number };
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
  /** What the scope did (absent in scorecards saved by earlier versions). */
  scope?: ScopeReport;
  exclusions: ExcludedInterval[];
  /**
   * Credits as fractions of the monthly fee: summed over breached metrics, then capped; `amount` is owed × the
   * fee, rounded once to the currency's minor unit (`decimals`: 2 for USD, 0 for JPY; 2 without a currency).
   */
  credits: { byMetric: { metric: SlaMetricName; credit: number }[]; total: number; cap: number | null; owed: number; capped: boolean; amount: number | null; currency: string | null; decimals?: number };
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
  | { metric: 'fcr'; method: FcrMethod; windowDays: number }
  | { metric: 'uptime'; system: string | null }
  | { metric: Exclude<SlaMetricName, 'serviceLevel' | 'abandonRate' | 'fcr' | 'uptime'> };

export function definitionTerms(m: SlaMetric, defs: Definitions, fcr: FcrMethod = defs.fcr.method === 'auto' ? 'none' : defs.fcr.method): DefinitionTerms {
  const sl = defs.serviceLevel;
  switch (m.metric) {
    case 'serviceLevel':
      return { metric: 'serviceLevel', thresholdSec: sl.thresholdSec, preset: sl.preset, shortAbandonSec: sl.shortAbandonSec, flowouts: !!sl.includeFlowouts, callbacks: !!sl.includeCallbacks };
    case 'abandonRate': return { metric: 'abandonRate', denominator: defs.abandonRate.denominator, shortAbandonSec: sl.shortAbandonSec };
    case 'fcr': return { metric: 'fcr', method: fcr, windowDays: defs.fcr.windowDays };
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
    case 'fcr': return t.method === 'flag' ? 'resolved flag / answered contacts with a result' : t.method === 'repeat' ? `no repeat by the same customer in the same queue within ${t.windowDays} days` : 'not computed: the data has no resolved flag and no customer ids';
    case 'csat': return 'share of ratings 4–5';
    case 'occupancy': return 'handling / (handling + available), from agent states';
    case 'utilization': return '(handling + productive off-phone) / logged-in time, from agent states';
    case 'adherence': return 'scheduled time in the scheduled state / scheduled time';
    case 'uptime': return `1 − unplanned downtime / (period − planned maintenance)${t.system ? `, ${t.system}` : ''}`;
    default: return (t as { metric: string }).metric;
  }
}

type Range = [number, number];

/** The union of ranges clipped to [a, b), as sorted disjoint ranges. */
function unionWithin(ranges: Range[], a: number, b: number): Range[] {
  const r = ranges.map(([s, e]) => [Math.max(s, a), Math.min(e, b)] as Range).filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const [s, e] of r) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Sorted disjoint ranges less sorted disjoint ranges. */
function minus(from: Range[], cut: Range[]): Range[] {
  const out: Range[] = [];
  for (const [s0, e] of from) {
    let s = s0;
    for (const [cs, ce] of cut) {
      if (ce <= s || cs >= e) continue;
      if (cs > s) out.push([s, cs]);
      s = Math.max(s, ce);
      if (s >= e) break;
    }
    if (s < e) out.push([s, e]);
  }
  return out;
}

const span = (ranges: Range[]) => ranges.reduce((t, [s, e]) => t + e - s, 0);

/**
 * Uptime over [start, end) (docs/agreement.md, uptime): 1 − unplanned downtime / (period − planned maintenance).
 * Outages are clipped to the period; overlapping outages are counted once; minutes of an unplanned outage inside
 * planned maintenance are not downtime (they are already out of the base). null without outages given, or when
 * maintenance covers the whole period.
 */
export function uptimeMinutes(outages: Outage[] | undefined, system: string | undefined, start: number, end: number): (UptimeMinutes & { value: number | null }) | null {
  if (!outages) return null;
  const mine = outages.filter((o) => system === undefined || o.system === system);
  const planned = unionWithin(mine.filter((o) => o.planned).map((o) => [o.start, o.end]), start, end);
  const unplanned = minus(unionWithin(mine.filter((o) => !o.planned).map((o) => [o.start, o.end]), start, end), planned);
  const base = end - start - span(planned);
  return { period: (end - start) / 60_000, planned: span(planned) / 60_000, unplanned: span(unplanned) / 60_000, value: base > 0 ? 1 - span(unplanned) / base : null };
}

/** Every contact that entered the queue in a cell: offered + flow-outs + callbacks + voicemails. */
function enteredQueue(v: Float64Array | number[], o: number): number {
  return v[o + F.answered] + v[o + F.abandoned] + v[o + F.flowout] + v[o + F.callback] + v[o + F.voicemail];
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
    const n = enteredQueue(parts.values, c * NF);
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
          // The forecast as people write it (two decimals at most: a file's 1.8599999999999999 is 1.86).
          reason: `volume ${actual} over forecast ${Number(f.volume.toFixed(2))} (${over}; more than ${Math.round(share * 100)} % over is excluded)`,
          contacts: actual,
          overForecast: { forecast: f.volume, share },
        });
      }
    }
  }
  list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : (a.queue ?? '') < (b.queue ?? '') ? -1 : 1));
  return { slots, list };
}

type ScopeFilter = { queue?: string[]; channel?: string[] };

/**
 * The agreement's scope over the parts (docs/agreement.md, scope): the filter the figures are computed with,
 * and what it did to the period's contacts. A dimension the data cannot answer — a channel scope where no
 * contact carries a channel — is not applied, and says so with the contacts it concerned.
 */
function scopeOf(parts: ContactParts, doc: SlaDocument, p: Period): { filter: ScopeFilter; report: ScopeReport } {
  const filter: ScopeFilter = {};
  const report: ScopeReport = { applied: [], notApplied: [], leftOut: [], contacts: { inPeriod: 0, inScope: 0 } };
  const keep = (all: string[], spec: { include?: string[]; exclude?: string[] }) => {
    const inc = spec.include ? new Set(spec.include) : null;
    const exc = new Set(spec.exclude ?? []);
    return all.filter((v) => (!inc || inc.has(v)) && !exc.has(v));
  };
  const lists = (spec: { include?: string[]; exclude?: string[] }) => ({ include: spec.include ? [...spec.include] : null, exclude: [...(spec.exclude ?? [])] });
  const q = doc.scope?.queues;
  if (q) {
    filter.queue = keep(parts.queues.values.slice(1), q);
    report.applied.push({ dimension: 'queue', ...lists(q) });
  }
  const ch = doc.scope?.channels;
  let channelUnanswerable = false;
  if (ch) {
    if (!parts.opts.dimensions.includes('channel')) throw new Error('the SLA scopes channels: the parts must be built with the channel dimension');
    if (parts.channels.values.length <= 1) {
      channelUnanswerable = true; // no contact in the data carries a channel
    } else {
      filter.channel = keep(['(none)', ...parts.channels.values.slice(1)], ch);
      report.applied.push({ dimension: 'channel', ...lists(ch) });
    }
  }
  // Count the period's contacts, and those each dimension left out (under the first that did).
  const inQueues = filter.queue ? new Set(filter.queue) : null;
  const inChannels = filter.channel ? new Set(filter.channel) : null;
  const out = new Map<string, { dimension: ScopeDimension; value: string; contacts: number }>();
  const leave = (dimension: ScopeDimension, value: string, n: number) => {
    const k = `${dimension}\u0000${value}`;
    const e = out.get(k);
    if (e) e.contacts += n;
    else out.set(k, { dimension, value, contacts: n });
  };
  const fromSlot = Math.ceil(p.start / parts.slotMs), toSlot = Math.ceil(p.end / parts.slotMs);
  for (let c = 0; c < parts.cellCount; c++) {
    const slot = parts.cellSlot[c];
    if (slot < fromSlot || slot >= toSlot) continue;
    const n = enteredQueue(parts.values, c * NF);
    if (n === 0) continue;
    report.contacts.inPeriod += n;
    const series = parts.cellSeries[c];
    const queue = parts.queues.values[parts.seriesQueue[series]];
    const channel = parts.channels.values[parts.seriesChannel[series]] || '(none)';
    if (inQueues && !inQueues.has(queue)) leave('queue', queue, n);
    else if (inChannels && !inChannels.has(channel)) leave('channel', channel, n);
    else report.contacts.inScope += n;
  }
  if (ch && channelUnanswerable) report.notApplied.push({ dimension: 'channel', ...lists(ch), reason: 'no-values', contacts: report.contacts.inScope });
  report.leftOut = [...out.values()].sort((a, b) => (a.dimension === b.dimension ? b.contacts - a.contacts || (a.value < b.value ? -1 : 1) : a.dimension === 'queue' ? -1 : 1));
  return { filter, report };
}

/**
 * The period a scorecard is for (docs/agreement.md): a key (`2021-02`, `2021-Q1`, `2021-W05`, `2021-02-14`) as
 * given; a grain (`day` … `quarter`), or nothing (the grain of the agreement's first metric), the period of
 * that grain, in the zone, holding the last contact that arrived. null when a grain is asked of data with no
 * contacts. Throws a RangeError for a spec that is neither.
 */
export function periodFor(spec: string | undefined, doc: SlaDocument, parts: ContactParts, zone: Zone): Period | null {
  const s = spec?.trim() || doc.metrics[0].period;
  if (!(PERIODS as readonly string[]).includes(s)) return parsePeriod(s, zone);
  return parts.lastArrival >= 0 ? periodAt(s as PeriodGrain, parts.lastArrival, zone) : null;
}

/** Decimals of a currency's minor unit (USD 2, JPY 0, BHD 3); 2 when none is named or the code is unknown. */
export function minorUnitDigits(currency: string | null | undefined): number {
  if (!currency) return 2;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Money rounded to `decimals`, half away from zero, once. The product is first read at 15 significant digits so
 * that binary noise (0.07 × 1234.5 = 86.41499999…) does not decide the rounding.
 */
export function roundMoney(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((x * f).toPrecision(15));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / f + 0;
}

export function evaluate(parts: ContactParts, doc: SlaDocument, opts: EvaluateOptions): Scorecard {
  const zoneName = opts.timeZone ?? doc.timeZone ?? 'UTC';
  const zone = zoneNamed(zoneName);
  const period = typeof opts.period === 'string' ? parsePeriod(opts.period, zone) : opts.period;
  const prev = previousPeriod(period, zone);
  const { filter, report: scope } = scopeOf(parts, doc, period);
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

  // The FCR method the data gives (one scan of the parts, whatever the number of metrics).
  const fcr = fcrMethodFor(parts, baseDefs);
  const metrics: ScorecardMetric[] = doc.metrics.map((m) => {
    const defs = slaDefinitions(doc, zone.name, m);
    // Uptime of the period, once: its value, its value without exclusions (they do not touch it) and its minutes.
    const minutes = m.metric === 'uptime' ? uptimeMinutes(opts.outages, m.system, period.start, period.end) : null;
    const valueOf = (p: Period, e: Exclusions | null): number | null => {
      if (m.metric === 'uptime') return (p === period ? minutes : uptimeMinutes(opts.outages, m.system, p.start, p.end))?.value ?? null;
      if (m.metric === 'occupancy' || m.metric === 'utilization' || m.metric === 'adherence') {
        if (!opts.efficiency) return null;
        const eff = opts.efficiency;
        const from = Math.ceil(p.start / eff.slotMs), to = Math.ceil(p.end / eff.slotMs);
        return eff.summarize((slot) => (slot >= from && slot < to ? 'in' : null)).groups.get('in')?.[m.metric] ?? null;
      }
      const r = run(defs, p, e);
      const name = m.metric as Exclude<SlaMetricName, 'uptime' | 'occupancy' | 'utilization' | 'adherence'>;
      // A figure the source did not give is no "no data" to pass over: the scorecard is refused in words (docs/parts.md).
      if ((r.notGiven as string[]).includes(name)) throw new IngestError(error('metricNotGiven', { source: parts.waitsGiven?.source ?? 'the source', metric: m.label ?? m.metric }));
      return r.totals[name];
    };
    const value = valueOf(period, excl);
    const previousValue = valueOf(prev, exclPrev);
    const without = valueOf(period, null);
    const direction = directionOf(m.metric);
    // A closed period is judged on its own value: no hysteresis carried from the period before (docs/agreement.md).
    const status = closedStatus(value, { target: m.target, margin: m.margin, direction });
    const assessed = m.period === period.grain;
    const better = value === null ? null : direction === 'higher' ? value - m.target : m.target - value;
    const terms = definitionTerms(m, defs, fcr);
    return {
      metric: m.metric,
      label: m.label ?? m.metric,
      period: m.period,
      target: m.target,
      margin: m.margin,
      direction,
      value,
      status,
      statusKind: 'closed' as const,
      previousValue,
      trend: value !== null && previousValue !== null ? value - previousValue : null,
      valueWithoutExclusions: without,
      exclusionEffect: value !== null && without !== null ? value - without : null,
      credit: assessed ? (status === 'breach' ? m.credit ?? 0 : 0) : null,
      bonusMargin: m.bonusMargin ?? null,
      bonusMet: assessed && better !== null ? better >= (m.bonusMargin ?? 0) - 1e-9 * Math.max(1, Math.abs(m.target)) : assessed ? false : null,
      definition: describe(terms),
      terms,
      baseline: m.metric === 'uptime' || m.metric === 'occupancy' || m.metric === 'utilization' || m.metric === 'adherence' || (opts.baselineDays ?? 30) === 0 ? null : baselineOf(parts, defs, m.metric, period.start, opts.baselineDays ?? 30, filter),
      baselineGapToTarget: null,
      ...(minutes ? { uptime: { period: minutes.period, planned: minutes.planned, unplanned: minutes.unplanned } } : {}),
    };
  });

  for (const m of metrics) if (m.baseline?.value != null) m.baselineGapToTarget = m.baseline.value - m.target;
  const byMetric = metrics.filter((m) => m.credit !== null && m.credit > 0).map((m) => ({ metric: m.metric, credit: m.credit! }));
  // Rounded to a billionth: 0.05 + 0.1 must be 0.15, not 0.15000000000000002 (which would read as capped).
  const total = Math.round(byMetric.reduce((s, c) => s + c.credit, 0) * 1e9) / 1e9;
  const cap = doc.credits?.cap ?? null;
  const owed = cap === null ? total : Math.min(total, cap);
  const assessedMetrics = metrics.filter((m) => m.period === period.grain);
  const decimals = minorUnitDigits(doc.currency);
  const bonus = doc.bonus
    ? (() => {
        // Every assessed metric must beat its target by its bonus margin; and no bonus while any metric on the
        // scorecard is in breach, assessed at this period or not.
        const missed = metrics
          .filter((m) => (m.period === period.grain && !m.bonusMet) || m.status === 'breach')
          .map((m) => {
            // A metric not assessed at this period misses the bonus by its breach: the bar it failed is its target.
            const margin = m.period === period.grain ? m.bonusMargin ?? 0 : 0;
            const needed = m.direction === 'higher' ? m.target + margin : m.target - margin;
            return {
              metric: m.metric,
              reason: m.value === null ? 'no data' : `needed ${m.direction === 'higher' ? '≥' : '≤'} ${fmt(m.metric, needed)}, was ${fmt(m.metric, m.value)}`,
              needed,
              value: m.value,
            };
          });
        const earned = assessedMetrics.length > 0 && missed.length === 0;
        return { amount: doc.bonus!.amount, earned, missed, money: earned && doc.monthlyFee !== undefined ? roundMoney(doc.bonus!.amount * doc.monthlyFee, decimals) : earned ? null : 0 };
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
    scope,
    exclusions: excl.list,
    credits: {
      byMetric, total, cap, owed, capped: cap !== null && total > cap,
      amount: doc.monthlyFee !== undefined ? roundMoney(owed * doc.monthlyFee, decimals) : null,
      currency: doc.currency ?? null,
      decimals,
    },
    bonus,
    escalations,
    review: doc.review?.cadence ?? null,
  };
}

function fmt(metric: SlaMetricName, v: number): string {
  const unit = unitOf(metric);
  if (unit === 'fraction') return `${+(v * 100).toFixed(2)} %`;
  if (unit === 'seconds') return `${+v.toFixed(1)} s`;
  return String(+v.toFixed(2));
}
