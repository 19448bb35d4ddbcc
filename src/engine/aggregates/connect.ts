/**
 * Amazon Connect's historical metrics as saved from GetMetricDataV2 (`aws connect get-metric-data-v2`, an SDK's
 * response as JSON), read as parts (docs/parts.md, "Vendor aggregates"). Each entry of `MetricResults` is one
 * 15-minute interval × the dimensions asked for (QUEUE, CHANNEL, AGENT); its `Collections` hold the metrics:
 *
 * - answered: CONTACTS_HANDLED (else CONTACTS_HANDLED_BY_CONNECTED_TO_AGENT); abandoned: CONTACTS_ABANDONED;
 * - answered (abandoned) within T: SUM_CONTACTS_ANSWERED_IN_X (SUM_CONTACTS_ABANDONED_IN_X), T its threshold;
 * - answer wait: AVG_QUEUE_ANSWER_TIME × answered; handle: SUM_HANDLE_TIME, else AVG_HANDLE_TIME × answered;
 * - transferred: CONTACTS_TRANSFERRED_OUT.
 *
 * Ratios (SERVICE_LEVEL, ABANDONMENT_RATE) are never added: the kit makes them again from the counts.
 * Times are epoch seconds (the API) or ISO 8601 with an offset (the CLI's default output).
 */
import { reason } from '../ingest/reasons.js';
import { jsonEntries } from './json-elements.js';
import { SLOT_MS, bad, countOf, isBad, risingWithin, secondsOf, vendorInstant, withoutOffset, type AggregateOptions, type AggregateRow, type AggregateRows, type Bad } from './rows.js';

const ENTRY_KEYS = new Set(['MetricResults', 'metricResults']);

const INTERVAL_MINUTES: Record<string, number> = { FIFTEEN_MIN: 15, THIRTY_MIN: 30, HOUR: 60, DAY: 1440, WEEK: 10_080 };
const ASK = 'ask GetMetricDataV2 for the IntervalPeriod FIFTEEN_MIN';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A field by its PascalCase name (the API, the CLI) or camelCase (some SDKs' JSON). */
const field = (o: Obj, name: string): unknown => o[name] ?? o[name[0].toLowerCase() + name.slice(1)];

interface Metric { name: string; threshold: number | null; value: unknown }

/** The metrics of an entry by name (and threshold), or the reason they cannot be told apart. */
function metricsOf(collections: unknown): Map<string, Metric[]> | Bad {
  const out = new Map<string, Metric[]>();
  if (!Array.isArray(collections)) return bad('Collections', null, reason('metricMissing', { metric: 'Collections (a list of metrics)' }));
  for (const c of collections) {
    if (!isObj(c)) continue;
    const m = field(c, 'Metric');
    if (!isObj(m)) continue;
    const name = String(field(m, 'Name') ?? '');
    const th = field(m, 'Threshold');
    let threshold: number | null = null;
    if (Array.isArray(th) && th.length > 0 && isObj(th[0])) {
      const comparison = String(field(th[0], 'Comparison') ?? 'LT').toUpperCase();
      if (comparison !== 'LT' && comparison !== 'LTE') return bad(name, comparison, reason('thresholdComparison', { metric: name, comparison }));
      const t = field(th[0], 'ThresholdValue');
      if (typeof t !== 'number' || !(t > 0)) return bad(name, t, reason('countNotANumber', { what: `${name} threshold` }));
      threshold = t;
    }
    const list = out.get(name) ?? [];
    if (list.some((x) => x.threshold === threshold)) return bad(name, null, reason('metricTwice', { metric: threshold === null ? name : `${name} (${threshold} s)` }));
    list.push({ name, threshold, value: field(c, 'Value') });
    out.set(name, list);
  }
  return out;
}

/** One entry of MetricResults as a row, or why it cannot be one. */
function rowOf(e: unknown, line: number): AggregateRow | Bad {
  if (!isObj(e)) return bad(null, null, reason('notJsonObject'));
  const iv = field(e, 'MetricInterval');
  if (!isObj(iv)) return bad('MetricInterval', null, reason('intervalMissing'));
  const period = field(iv, 'Interval');
  if (typeof period === 'string' && period !== 'FIFTEEN_MIN') {
    return bad('Interval', period, reason('intervalLength', { minutes: INTERVAL_MINUTES[period] ?? period, ask: ASK }));
  }
  const startRaw = field(iv, 'StartTime'), endRaw = field(iv, 'EndTime');
  if (startRaw === undefined || endRaw === undefined) return bad('MetricInterval', null, reason('intervalMissing'));
  const start = vendorInstant(startRaw), end = vendorInstant(endRaw);
  if (start === null) return bad('StartTime', startRaw, reason(withoutOffset(startRaw) ? 'timeWithoutOffset' : 'unparseableTime'));
  if (end === null) return bad('EndTime', endRaw, reason(withoutOffset(endRaw) ? 'timeWithoutOffset' : 'unparseableTime'));
  if (end - start !== SLOT_MS) return bad('EndTime', endRaw, reason('intervalLength', { minutes: Math.round((end - start) / 60_000), ask: ASK }));
  if (start % SLOT_MS !== 0) return bad('StartTime', startRaw, reason('slotNotAligned', { minutes: 15 }));

  const dims = field(e, 'Dimensions');
  const dim = (k: string): string | undefined => (isObj(dims) && dims[k] !== undefined && dims[k] !== null ? String(dims[k]) : undefined);
  const metrics = metricsOf(field(e, 'Collections'));
  if (isBad(metrics)) return metrics;
  const one = (name: string): Metric | undefined => metrics.get(name)?.find((m) => m.threshold === null);

  const handled = one('CONTACTS_HANDLED') ?? one('CONTACTS_HANDLED_BY_CONNECTED_TO_AGENT');
  if (!handled) return bad(null, null, reason('metricMissing', { metric: 'CONTACTS_HANDLED' }));
  const abandonedM = one('CONTACTS_ABANDONED');
  if (!abandonedM) return bad(null, null, reason('metricMissing', { metric: 'CONTACTS_ABANDONED' }));
  const answered = countOf(handled.name, handled.value);
  if (isBad(answered)) return answered;
  const abandoned = countOf('CONTACTS_ABANDONED', abandonedM.value);
  if (isBad(abandoned)) return abandoned;
  const transferredM = one('CONTACTS_TRANSFERRED_OUT');
  const transferred = transferredM ? countOf(transferredM.name, transferredM.value) : 0;
  if (isBad(transferred)) return transferred;

  const within = (name: string): Map<number, number> | Bad => {
    const m = new Map<number, number>();
    for (const x of metrics.get(name) ?? []) {
      if (x.threshold === null) continue;
      const n = countOf(name, x.value);
      if (isBad(n)) return n;
      m.set(x.threshold, n);
    }
    return risingWithin(name, m) ?? m;
  };
  const answeredWithin = within('SUM_CONTACTS_ANSWERED_IN_X');
  if (isBad(answeredWithin)) return answeredWithin;
  const abandonedWithin = within('SUM_CONTACTS_ABANDONED_IN_X');
  if (isBad(abandonedWithin)) return abandonedWithin;

  // The answer wait: an average over the answered contacts. Empty (Connect's "cannot be computed") where
  // contacts were handled but none answered from the queue (outbound ones): their waits are unknown, which is
  // only so when none of them was counted answered within a threshold either.
  let answerWaitSum: number | null = null;
  let waitsUnknown = false;
  const asa = one('AVG_QUEUE_ANSWER_TIME');
  if (asa) {
    const avg = secondsOf(asa.name, asa.value);
    if (isBad(avg)) return avg;
    if (avg !== null) answerWaitSum = avg * answered;
    else if (answered > 0) {
      if ([...answeredWithin.values()].some((n) => n > 0)) return bad(asa.name, null, reason('averageWithoutValue', { metric: asa.name, count: answered }));
      waitsUnknown = true;
    } else answerWaitSum = 0;
  }
  let handleSum: number | null = null;
  const sumHandle = one('SUM_HANDLE_TIME'), avgHandle = one('AVG_HANDLE_TIME');
  if (sumHandle) {
    const v = secondsOf(sumHandle.name, sumHandle.value);
    if (isBad(v)) return v;
    handleSum = v;
  } else if (avgHandle) {
    const v = secondsOf(avgHandle.name, avgHandle.value);
    if (isBad(v)) return v;
    handleSum = v === null ? null : v * answered;
  }
  return {
    // Connect's channels are VOICE, CHAT, TASK, EMAIL: in the kit's words, lower case (an agreement's scope names "voice").
    line, start, queue: dim('QUEUE') ?? 'all', channel: dim('CHANNEL')?.toLowerCase(), agent: dim('AGENT'),
    answered, abandoned, flowout: 0, transferred,
    answerWaitSum, waitsUnknown, handleSum, handleN: handleSum === null ? 0 : answered,
    answeredWithin, abandonedWithin,
  };
}

/** Reads every entry of every MetricResults array in the text into `rows`. */
export function readConnect(text: string, rows: AggregateRows, _opts: AggregateOptions): void {
  rows.withinMetric = { answered: 'SUM_CONTACTS_ANSWERED_IN_X', abandoned: 'SUM_CONTACTS_ABANDONED_IN_X' };
  for (const entry of jsonEntries(text, ENTRY_KEYS)) {
    if (entry.text === null) { rows.take(bad(null, null, reason('entryUnended')), entry.line); continue; }
    let e: unknown;
    try {
      e = JSON.parse(entry.text);
    } catch {
      rows.take(bad(null, null, reason('notJson')), entry.line);
      continue;
    }
    rows.take(rowOf(e, entry.line), entry.line);
  }
}
