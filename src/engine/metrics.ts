/**
 * Contact metrics from summed parts (docs/metrics.md §2–3, names and units of §9). Each figure is one division of
 * sums; a metric with nothing to compute from is null, never 0 or NaN.
 */
import { BUCKETS, bucketUpper, lastBucketWithin } from './histogram.js';
import { F, H_ABANDONED, H_ANSWERED, H_CALLBACK, NF } from './parts.js';
import type { Definitions } from './definitions.js';

export interface ContactMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  flowout: number;
  callback: number;
  voicemail: number;
  serviceLevel: number | null;
  /** The service level's numerator and denominator under the definitions, to reconcile with an ACD report. */
  serviceLevelMet: number;
  serviceLevelBase: number;
  asa: number | null;
  abandonRate: number | null;
  aht: number | null;
  waitP50: number | null;
  waitP90: number | null;
  waitP95: number | null;
  fcr: number | null;
  csat: number | null;
  csatMean: number | null;
  nps: number | null;
  qa: number | null;
}

export const METRIC_NAMES: readonly (keyof ContactMetrics)[] = [
  'offered', 'answered', 'abandoned', 'shortAbandoned', 'flowout', 'callback', 'voicemail',
  'serviceLevel', 'serviceLevelMet', 'serviceLevelBase', 'asa', 'abandonRate', 'aht', 'waitP50', 'waitP90', 'waitP95', 'fcr', 'csat', 'csatMean', 'nps', 'qa',
];

/** Threshold-dependent counts derived from a cell's histogram runs. */
export const D = {
  answeredWithin: 0,
  abandonedShort: 1,
  /** Abandons (not short) with known wait ≤ T. */
  abandonedWithin: 2,
  callbackWithin: 3,
  /** The same service-level quantities restricted to business hours (equal to the above without a calendar). */
  slAnswered: 4,
  slAnsweredWithin: 5,
  slAbandoned: 6,
  slAbandonedWithin: 7,
  slAbandonedShort: 8,
  slFlowout: 9,
  slCallback: 10,
  slCallbackWithin: 11,
  fcrResolved: 12,
  fcrKnown: 13,
  fcrProvisional: 14,
} as const;
export const ND = 15;

/** Sums of parts for one group: the cell fields plus the derived counts. */
export class Accumulator {
  readonly v = new Float64Array(NF);
  readonly d = new Float64Array(ND);
}

/** Buckets that bound the query's thresholds. */
export interface Cutoffs {
  threshold: number;
  shortAbandon: number;
}

export function cutoffs(defs: Definitions): Cutoffs {
  return {
    threshold: lastBucketWithin(defs.serviceLevel.thresholdSec),
    shortAbandon: lastBucketWithin(defs.serviceLevel.shortAbandonSec),
  };
}

const P50 = 50, P90 = 90, P95 = 95;

/** Nearest-rank percentile (rank ⌈p·n⌉) from a dense histogram; p in whole percent. */
function percentile(hist: Float64Array, n: number, p: number): number | null {
  if (n <= 0) return null;
  const rank = Math.ceil((p * n) / 100 - 1e-9);
  let seen = 0;
  for (let b = 0; b < BUCKETS; b++) {
    seen += hist[b];
    if (seen >= rank) return Math.min(bucketUpper(b), 86_400);
  }
  return null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/**
 * Finishes a group. `hist` is the group's merged dense histogram of answered waits plus abandoned (not
 * short) waits, used for the wait percentiles; `histN` its total.
 */
export function finish(acc: Accumulator, defs: Definitions, hist: Float64Array, histN: number): ContactMetrics {
  const v = acc.v, d = acc.d;
  const sl = defs.serviceLevel;
  const answered = v[F.answered];
  const shortAbandoned = d[D.abandonedShort];
  const abandoned = v[F.abandoned] - shortAbandoned;

  // Answered contacts of unknown wait are in no SL and no ASA; with no answered wait known at all, neither is computed.
  const waitsKnown = answered - v[F.answeredUnknownWait];
  let num = d[D.slAnsweredWithin];
  let den = d[D.slAnswered];
  const slAbandoned = d[D.slAbandoned] - d[D.slAbandonedShort];
  switch (sl.preset) {
    case 'answered':
      break;
    case 'answered-and-abandoned':
      den += slAbandoned;
      break;
    case 'abandons-after-threshold':
      den += slAbandoned - d[D.slAbandonedWithin];
      break;
    case 'abandons-within-threshold-met':
      num += d[D.slAbandonedWithin];
      den += slAbandoned;
      break;
  }
  if (sl.includeFlowouts) den += d[D.slFlowout];
  if (sl.includeCallbacks) { num += d[D.slCallbackWithin]; den += d[D.slCallback]; }

  const offeredDen = defs.abandonRate.denominator === 'offered';
  const talkN = v[F.talkN];
  return {
    offered: answered + abandoned + shortAbandoned,
    answered,
    abandoned,
    shortAbandoned,
    flowout: v[F.flowout],
    callback: v[F.callback],
    voicemail: v[F.voicemail],
    serviceLevel: answered > 0 && waitsKnown === 0 ? null : ratio(num, den),
    serviceLevelMet: num,
    serviceLevelBase: den,
    asa: ratio(v[F.answerWaitSum], waitsKnown),
    abandonRate: offeredDen
      ? ratio(abandoned + shortAbandoned, answered + abandoned + shortAbandoned)
      : ratio(abandoned, answered + abandoned),
    aht: talkN > 0 ? (v[F.talkSum] + v[F.holdSum] + v[F.wrapSum]) / talkN : null,
    waitP50: percentile(hist, histN, P50),
    waitP90: percentile(hist, histN, P90),
    waitP95: percentile(hist, histN, P95),
    fcr: defs.fcr.method === 'flag' ? ratio(v[F.resolved], v[F.resolvedKnown]) : defs.fcr.method === 'repeat' ? ratio(d[D.fcrResolved], d[D.fcrKnown]) : null,
    csat: ratio(v[F.csatTop], v[F.csatN]),
    csatMean: ratio(v[F.csatSum], v[F.csatN]),
    nps: v[F.npsN] > 0 ? ((v[F.npsPromoters] - v[F.npsDetractors]) / v[F.npsN]) * 100 : null,
    qa: ratio(v[F.qaSum], v[F.qaN]),
  };
}

/** Which handle-time parts the AHT holds, from the data ("talk + hold + wrap", "talk + hold only"). */
export function ahtParts(acc: Accumulator): string {
  const v = acc.v;
  if (v[F.talkN] === 0) return 'no handle time in the data';
  const parts = ['talk'];
  const partial: string[] = [];
  for (const [name, n] of [['hold', v[F.holdN]], ['wrap', v[F.wrapN]]] as const) {
    if (n === v[F.talkN]) parts.push(name);
    else if (n > 0) partial.push(`${name} on ${Math.round((n / v[F.talkN]) * 100)} % of contacts`);
  }
  let s = parts.join(' + ');
  if (parts.length < 3 && partial.length === 0) s += ' only';
  if (partial.length) s += ` (${partial.join(', ')}; counted 0 elsewhere)`;
  return s;
}

export { H_ABANDONED, H_ANSWERED, H_CALLBACK };
