/**
 * Groupings and roll-ups: sums parts per group (queue, agent, tier, channel and time grains in the report's
 * IANA zone), then finishes each group with one division per metric (docs/metrics.md §5).
 */
import { BUCKETS } from './histogram.js';
import { TIME_GRAINS, TimeLabels, type TimeGrain } from './time/labels.js';
import { MS_PER_DAY } from './time/civil.js';
import { zoneNamed } from './time/zone.js';
import { Accumulator, D, ahtParts, cutoffs, finish, type ContactMetrics } from './metrics.js';
import { F, H_ABANDONED, H_ANSWERED, H_CALLBACK, NF, SERIES_SPACE, type ContactParts, type WaitsGiven } from './parts.js';
import { IngestError, error } from './ingest/errors.js';
import { WEEKDAYS, type Definitions } from './definitions.js';
import type { BusinessHours } from './calendar.js';

export { TIME_GRAINS, TimeLabels, type TimeGrain };

export const DIMENSIONS = ['queue', 'agent', 'tier', 'channel'] as const;
export type GroupDimension = (typeof DIMENSIONS)[number];
export type GroupBy = TimeGrain | GroupDimension;
export const GROUP_BY: readonly GroupBy[] = [...DIMENSIONS, ...TIME_GRAINS];

export interface Group extends ContactMetrics {
  key: string;
  by: Partial<Record<GroupBy, string>>;
  /**
   * Grouped by time: the instants (UTC ms) the group's period starts and ends, [start, end), of the finest time
   * grain asked for, in the definitions' zone — so no one reads a label back into time (docs/protocol.md).
   */
  start?: number;
  end?: number;
  /** FCR by repeat only: contacts counted resolved whose repeat window had not closed in the data loaded. */
  fcrProvisional?: number;
}

export interface QueryResult {
  totals: ContactMetrics;
  /** The FCR method the figures used: the definitions' own, or what `auto` found in the data ('none': no FCR). */
  fcrMethod: FcrMethod;
  groups: Group[];
  /** Whether any FCR-by-repeat figure counts contacts whose window had not closed. */
  fcrProvisional: boolean;
  /** The FCR-by-repeat window the figures used, in days (a parts table's own, under `auto`). */
  fcrWindowDays: number;
  ahtParts: string;
  /**
   * Figures these parts cannot give, left null although there were contacts: a vendor's interval metrics hold no
   * wait histogram (percentiles) and may hold no answer-wait seconds (ASA) (docs/parts.md, "Vendor aggregates").
   */
  notGiven: (keyof ContactMetrics)[];
}

export interface QueryOptions {
  by?: readonly GroupBy[];
  businessHours?: BusinessHours | null;
  /** Keep only cells whose values match (e.g. { queue: ['Sales'] }). */
  filter?: Partial<Record<GroupDimension, readonly string[]>>;
  /** Keep only contacts that arrived in [from, to) (UTC ms; slot granularity). */
  from?: number;
  to?: number;
  /** Leaves out the cells of excluded intervals (an SLA's exclusion windows and forecast spikes). */
  exclude?: (slot: number, queue: string) => boolean;
}

export type FcrMethod = 'flag' | 'repeat' | 'none';

/**
 * The FCR method for these parts (docs/metrics.md §3): the one the definitions name, else the flag where some
 * contact carries a resolved flag, else repeat where contacts carry customer ids (and the parts kept them),
 * else none.
 */
export function fcrMethodFor(parts: ContactParts, defs: Definitions): FcrMethod {
  if (defs.fcr.method !== 'auto') return defs.fcr.method;
  if (parts.carriesResolvedFlags) return 'flag';
  return parts.hasRepeats ? 'repeat' : 'none';
}

const PRESETS_WITH_ABANDONS_WITHIN = new Set(['abandons-after-threshold', 'abandons-within-threshold-met']);

const secondsList = (list: readonly number[]) => list.map((t) => `${t} s`).join(', ');

/**
 * Refuses, in words, the figures that need a wait the source counted at other thresholds only (docs/parts.md,
 * "Vendor aggregates"): the service level at a threshold it did not count, a preset that needs the abandons
 * within the threshold, short abandons of a length it did not count.
 */
export function checkWaitsGiven(g: WaitsGiven, defs: Definitions): void {
  const sl = defs.serviceLevel;
  const source = g.source;
  const threshold = sl.thresholdSec;
  if (!g.answeredWithinSec.includes(threshold)) {
    if (g.thresholdUnknown) throw new IngestError(error('slTimeUnknown', { source }));
    throw new IngestError(g.answeredWithinSec.length
      ? error('slThresholdNotGiven', { source, given: secondsList(g.answeredWithinSec), threshold })
      : error('slNotCounted', { source, threshold }));
  }
  if (PRESETS_WITH_ABANDONS_WITHIN.has(sl.preset) && !g.abandonedWithinSec.includes(threshold)) {
    throw new IngestError(g.abandonedWithinSec.length
      ? error('slAbandonsNotGiven', { source, given: secondsList(g.abandonedWithinSec), preset: sl.preset, threshold })
      : error('slAbandonsNotCounted', { source, preset: sl.preset, threshold }));
  }
  const short = sl.shortAbandonSec;
  if (short > 0 && !g.abandonedWithinSec.includes(short)) {
    if (g.shortAbandonTimeUnknown && g.abandonedWithinSec.length === 0) throw new IngestError(error('shortAbandonTimeUnknown', { source, short }));
    throw new IngestError(g.abandonedWithinSec.length
      ? error('shortAbandonNotGiven', { source, given: secondsList(g.abandonedWithinSec), short })
      : error('shortAbandonNotCounted', { source, short }));
  }
}

/** Runs a grouped query over contact parts. */
export function query(parts: ContactParts, defsAsked: Definitions, opts: QueryOptions = {}): QueryResult {
  const fcrMethod = fcrMethodFor(parts, defsAsked);
  // The figures are computed with the method found; 'none' leaves FCR null.
  let defs: Definitions = fcrMethod === defsAsked.fcr.method ? defsAsked : { ...defsAsked, fcr: { ...defsAsked.fcr, method: fcrMethod === 'none' ? 'auto' : fcrMethod } };
  // Parts read from a parts table count FCR by repeat for one window (docs/parts.md): asked for `auto`, FCR uses
  // that window and says so (fcrWindowDays); asked for repeat with another window, the query refuses in words.
  const given = parts.repeatsGiven;
  if (fcrMethod === 'repeat' && defsAsked.fcr.method === 'auto' && given && given.windowMs !== defs.fcr.windowDays * MS_PER_DAY) {
    defs = { ...defs, fcr: { ...defs.fcr, windowDays: given.windowMs / MS_PER_DAY } };
  }
  const by = opts.by ?? [];
  for (const b of by) {
    if (!GROUP_BY.includes(b)) throw new RangeError(`cannot group by "${b}" (expected one of ${GROUP_BY.join(', ')})`);
    if (b !== 'queue' && (DIMENSIONS as readonly string[]).includes(b) && !parts.opts.dimensions.includes(b as GroupDimension)) {
      throw new RangeError(`these parts were built without "${b}"`);
    }
  }
  if (defs.intervalMinutes % parts.opts.slotMinutes !== 0) {
    throw new RangeError(`interval ${defs.intervalMinutes} min is not a multiple of the parts' ${parts.opts.slotMinutes}-minute slots`);
  }
  const zone = zoneNamed(defs.timeZone);
  const labels = new TimeLabels(zone, defs.intervalMinutes, WEEKDAYS.indexOf(defs.weekStart), parts.slotMs);
  if (parts.waitsGiven) checkWaitsGiven(parts.waitsGiven, defs);
  const cut = cutoffs(defs);
  const hist = parts.histograms();
  // Waits known only at some thresholds give no percentile (docs/parts.md, "Vendor aggregates").
  const byGiven = parts.waitsGiven !== null;
  const thresholdSec = defs.serviceLevel.thresholdSec, shortSec = defs.serviceLevel.shortAbandonSec;
  const percentiles = !byGiven;
  const asaGiven = parts.waitsGiven?.answerWaitSums ?? true;
  const notGiven: (keyof ContactMetrics)[] = [...(percentiles ? [] : ['waitP50', 'waitP90', 'waitP95'] as const), ...(asaGiven ? [] : ['asa'] as const)];
  const bh = defs.serviceLevel.businessHoursOnly ? opts.businessHours ?? null : null;
  if (defs.serviceLevel.businessHoursOnly && !bh) throw new Error('businessHoursOnly needs a business-hours calendar');
  if (bh) {
    const slotMin = parts.opts.slotMinutes;
    for (const { weekday, minute, what } of bh.boundaries()) {
      if (minute % slotMin !== 0) {
        const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        throw new RangeError(`business hours: ${weekday} ${what} at ${hhmm}, which is not on a ${slotMin}-minute slot edge (contacts are kept per ${slotMin} minutes)`);
      }
    }
  }
  const rep = defs.fcr.method === 'repeat' ? parts.repeatParts(defs.fcr.windowDays * MS_PER_DAY) : null;
  if (defs.fcr.method === 'repeat' && !parts.opts.keepRepeats && !parts.repeatsGiven) throw new Error('FCR by repeat needs parts built with keepRepeats');

  const filters = opts.filter
    ? (Object.entries(opts.filter) as [GroupDimension, readonly string[]][]).map(([dim, vals]) => [dim, new Set(vals)] as const)
    : [];
  const fromSlot = opts.from !== undefined ? Math.ceil(opts.from / parts.slotMs) : -Infinity;
  const toSlot = opts.to !== undefined ? Math.ceil(opts.to / parts.slotMs) : Infinity;

  let groupCount = 0;
  const groupBy: Partial<Record<GroupBy, string>>[] = [];
  const groupSort: (string | number)[][] = [];
  const groupSpan: ([number, number] | null)[] = [];
  // The finest time grain asked for gives each group its start and end.
  const spanGrain = TIME_GRAINS.find((g) => by.includes(g)) ?? null;

  const dimValue = (dim: GroupDimension, series: number): string => {
    switch (dim) {
      case 'queue': return parts.queues.values[parts.seriesQueue[series]];
      case 'agent': return parts.agents.values[parts.seriesAgent[series]] || '(none)';
      case 'tier': return parts.tiers.values[parts.seriesTier[series]] || '(none)';
      case 'channel': return parts.channels.values[parts.seriesChannel[series]] || '(none)';
    }
  };

  // Each cell's group from two small numbers: the labels of its slot's time grains (worked out once per slot)
  // and the values of its series' dimensions (once per series). A group is one pair, found with no string built
  // per cell; its labels, in the order asked, are put together once, when it is first met.
  const isTime = by.map((b) => (TIME_GRAINS as readonly string[]).includes(b));
  const timeBy = by.filter((_, i) => isTime[i]) as TimeGrain[];
  const dimBy = by.filter((_, i) => !isTime[i]) as GroupDimension[];
  const timeOfSlot = new Map<number, number>();
  const timeIndex = new Map<string, number>();
  const timeTuples: { labels: string[]; keys: number[]; slot: number }[] = [];
  const dimOfSeries = new Int32Array(parts.seriesCount).fill(-1);
  const dimIndex = new Map<string, number>();
  const dimTuples: string[][] = [];
  // Whether a series passes the filters: 0 not yet known, 1 yes, 2 no.
  const passes = new Uint8Array(parts.seriesCount);
  const groupOf = new Map<number, number>();
  let lastSlot = NaN, lastTime = 0;

  // (an empty range, such as a view that wants only a dataset's status, looks at no cell)
  const cellCount = fromSlot < toSlot ? parts.cellCount : 0;
  // Each cell's group (-1: not in the view; 0 for all of them when nothing is grouped), gathered group by group
  // after the pass: a list per group grown one push at a time cost a sixth of a query over 250,000 cells.
  const groupOfCell = new Int32Array(cellCount).fill(-1);
  for (let c = 0; c < cellCount; c++) {
    const slot = parts.cellSlot[c];
    if (slot < fromSlot || slot >= toSlot) continue;
    const series = parts.cellSeries[c];
    if (filters.length) {
      if (passes[series] === 0) passes[series] = filters.every(([dim, set]) => set.has(dimValue(dim, series))) ? 1 : 2;
      if (passes[series] === 2) continue;
    }
    if (opts.exclude && opts.exclude(slot, dimValue('queue', series))) continue;
    if (by.length === 0) {
      groupOfCell[c] = 0;
      continue;
    }
    let t = 0;
    if (timeBy.length) {
      if (slot === lastSlot) t = lastTime;
      else {
        let known = timeOfSlot.get(slot);
        if (known === undefined) {
          const pairs = timeBy.map((b) => labels.label(b, slot));
          const k = pairs.map((p) => p[0]).join('\u0000');
          known = timeIndex.get(k);
          if (known === undefined) {
            known = timeTuples.length;
            timeIndex.set(k, known);
            timeTuples.push({ labels: pairs.map((p) => p[0]), keys: pairs.map((p) => p[1]), slot });
          }
          timeOfSlot.set(slot, known);
        }
        lastSlot = slot;
        t = lastTime = known;
      }
    }
    let d = 0;
    if (dimBy.length) {
      d = dimOfSeries[series];
      if (d < 0) {
        const vals = dimBy.map((b) => dimValue(b, series));
        const k = vals.join('\u0000');
        let known = dimIndex.get(k);
        if (known === undefined) {
          known = dimTuples.length;
          dimIndex.set(k, known);
          dimTuples.push(vals);
        }
        d = dimOfSeries[series] = known;
      }
    }
    // Dimension tuples are no more than series (fewer than SERIES_SPACE): one number per pair.
    const pair = t * SERIES_SPACE + d;
    let g = groupOf.get(pair);
    if (g === undefined) {
      g = groupCount++;
      groupOf.set(pair, g);
      const time = timeTuples[t], dims = dimTuples[d];
      const byObj: Partial<Record<GroupBy, string>> = {};
      const sort: (string | number)[] = [];
      let ti = 0, di = 0;
      for (let i = 0; i < by.length; i++) {
        const b = by[i];
        if (isTime[i]) {
          byObj[b] = time.labels[ti];
          sort.push(time.keys[ti++]);
        } else {
          byObj[b] = dims[di];
          sort.push(dims[di++]);
        }
      }
      groupBy.push(byObj);
      groupSort.push(sort);
      groupSpan.push(spanGrain ? labels.span(spanGrain, time.slot) : null);
    }
    groupOfCell[c] = g;
  }
  // The cells of group g: cellsOf[groupStart[g] … groupStart[g + 1]), in the order of the cells.
  const groups0 = by.length ? groupCount : 1;
  const groupStart = new Int32Array(groups0 + 1);
  for (let c = 0; c < cellCount; c++) if (groupOfCell[c] >= 0) groupStart[groupOfCell[c] + 1]++;
  for (let g = 0; g < groups0; g++) groupStart[g + 1] += groupStart[g];
  const cellsOf = new Int32Array(groupStart[groups0]);
  const filled = groupStart.slice(0, groups0);
  for (let c = 0; c < cellCount; c++) { const g = groupOfCell[c]; if (g >= 0) cellsOf[filled[g]++] = c; }

  const scratch = new Float64Array(BUCKETS);
  // Grouped, the totals are the groups' sums: each cell is read once, into its group and the totals together.
  const totalsScratch = by.length ? new Float64Array(BUCKETS) : null;
  const totalsAcc = new Accumulator();
  let totalsHistN = 0;
  let provisional = false;
  const values = parts.values, cellSlot = parts.cellSlot, slotMs = parts.slotMs;
  const hOffsets = hist.offsets, hKeys = hist.keys, hCounts = hist.counts;
  const threshold = cut.threshold, shortCut = cut.shortAbandon;
  /** Adds cells into an accumulator and its wait histogram (and the totals' histogram); the waits counted. */
  const sumCells = (g: number, acc: Accumulator, waits: Float64Array, alsoWaits: Float64Array | null): number => {
    const v = acc.v, d = acc.d;
    let histN = 0;
    for (let i = groupStart[g], end = groupStart[g + 1]; i < end; i++) {
      const c = cellsOf[i];
      const o = c * NF;
      for (let f = 0; f < NF; f++) v[f] += values[o + f];
      const open = bh ? bh.isOpen(cellSlot[c] * slotMs, zone) : true;
      let answeredWithin = 0, abShort = 0, abWithin = 0, cbWithin = 0;
      for (let r = hOffsets[c], end = hOffsets[c + 1]; r < end; r++) {
        const k = hKeys[r];
        const kind = k >>> 16;
        const b = k & 0xffff;
        const n = hCounts[r];
        if (kind === H_ANSWERED) {
          if (b <= threshold) answeredWithin += n;
          waits[b] += n;
          if (alsoWaits) alsoWaits[b] += n;
          histN += n;
        } else if (kind === H_ABANDONED) {
          if (b <= shortCut) abShort += n;
          else {
            if (b <= threshold) abWithin += n;
            waits[b] += n;
            if (alsoWaits) alsoWaits[b] += n;
            histN += n;
          }
        } else if (kind === H_CALLBACK) {
          if (b <= threshold) cbWithin += n;
        }
      }
      if (byGiven) {
        // Counts a source made at given thresholds (docs/parts.md, "Vendor aggregates"); checkWaitsGiven made sure they are the ones asked.
        const short = shortSec > 0 ? parts.within('abandoned', shortSec, c) : 0;
        answeredWithin += parts.within('answered', thresholdSec, c);
        abShort += short;
        if (thresholdSec > shortSec) abWithin += parts.within('abandoned', thresholdSec, c) - short;
      }
      d[D.answeredWithin] += answeredWithin;
      d[D.abandonedShort] += abShort;
      d[D.abandonedWithin] += abWithin;
      d[D.callbackWithin] += cbWithin;
      if (open) {
        d[D.slAnswered] += values[o + F.answered] - values[o + F.answeredUnknownWait];
        d[D.slAnsweredWithin] += answeredWithin;
        d[D.slAbandoned] += values[o + F.abandoned];
        d[D.slAbandonedShort] += abShort;
        d[D.slAbandonedWithin] += abWithin;
        d[D.slFlowout] += values[o + F.flowout];
        d[D.slCallback] += values[o + F.callback];
        d[D.slCallbackWithin] += cbWithin;
      }
      if (rep) {
        d[D.fcrResolved] += rep.resolved[c];
        d[D.fcrKnown] += rep.known[c];
        d[D.fcrProvisional] += rep.provisional[c];
      }
    }
    return histN;
  };
  const finishAcc = (acc: Accumulator, waits: Float64Array, histN: number): ContactMetrics => {
    if (acc.d[D.fcrProvisional] > 0) provisional = true;
    const m = finish(acc, defs, waits, percentiles ? histN : 0);
    if (!asaGiven) m.asa = null;
    return m;
  };
  const finishCells = (g: number): [ContactMetrics, Accumulator] => {
    const acc = new Accumulator();
    const histN = sumCells(g, acc, scratch, totalsScratch);
    const m = finishAcc(acc, scratch, histN);
    scratch.fill(0);
    if (by.length) {
      totalsHistN += histN;
      for (let f = 0; f < NF; f++) totalsAcc.v[f] += acc.v[f];
      for (let f = 0; f < acc.d.length; f++) totalsAcc.d[f] += acc.d[f];
    }
    return [m, acc];
  };

  const order = Array.from({ length: groupCount }, (_, i) => i);
  order.sort((a, b) => {
    const sa = groupSort[a], sb = groupSort[b];
    for (let i = 0; i < sa.length; i++) {
      const x = sa[i], y = sb[i];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
  const groups: Group[] = order.map((g) => {
    const [m, acc] = finishCells(g);
    const key = by.map((b) => groupBy[g][b]).join(' · ');
    const span = groupSpan[g];
    const when = span ? { start: span[0], end: span[1] } : {};
    return rep ? { key, by: groupBy[g], ...when, ...m, fcrProvisional: acc.d[D.fcrProvisional] } : { key, by: groupBy[g], ...when, ...m };
  });
  let totals: ContactMetrics;
  if (by.length) totals = finishAcc(totalsAcc, totalsScratch!, totalsHistN);
  else totals = finishAcc(totalsAcc, scratch, sumCells(0, totalsAcc, scratch, null));
  return { totals, groups, fcrMethod, fcrProvisional: provisional, fcrWindowDays: defs.fcr.windowDays, ahtParts: ahtParts(totalsAcc), notGiven };
}

