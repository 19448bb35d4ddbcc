/**
 * Genesys Cloud's conversation aggregates as saved from `POST /api/v2/analytics/conversations/aggregates/query`
 * (granularity PT15M), read as parts (docs/parts.md, "Vendor aggregates"). Each entry of `results` is a group
 * (queueId, mediaType, userId as asked for in groupBy) with one `data` item per 15-minute interval; its metrics
 * carry stats of count and sum, durations in milliseconds:
 *
 * - answered: tAnswered.count, their wait tAnswered.sum; abandoned: tAbandon.count (short abandons included);
 * - flow-outs: tFlowOut.count; transferred: nTransferred.count; handle: tHandle.sum over tHandle.count;
 * - answered within the queue's service-level time: oServiceLevel.numerator, else tAnswered − nOverSla;
 *   the time itself is not in the response and is given by the user (`thresholdSec`);
 * - abandoned within the short-abandon time: tShortAbandon.count, the time given by the user (`shortAbandonSec`).
 *
 * Genesys leaves out a metric with nothing to count: a metric met anywhere in the file is 0 where it is absent.
 */
import { reason } from '../ingest/reasons.js';
import { jsonEntries } from './json-elements.js';
import { SLOT_MS, bad, countOf, isBad, secondsOf, vendorInstant, withoutOffset, type AggregateOptions, type AggregateRow, type AggregateRows, type Bad } from './rows.js';

const RESULTS = new Set(['results']);
const DATA = new Set(['data']);
const ASK = 'ask the aggregate query for the granularity PT15M';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The unqualified metrics of one interval by name, or why they cannot be told apart. */
function metricsOf(list: unknown): Map<string, Obj> | Bad {
  const out = new Map<string, Obj>();
  if (!Array.isArray(list)) return out;
  for (const m of list) {
    if (!isObj(m) || typeof m.metric !== 'string') continue;
    // A qualified metric (by wrap-up code, media type …) is a part of the unqualified one: it is not added again.
    if (m.qualifier !== undefined && m.qualifier !== null) continue;
    if (out.has(m.metric)) return bad(m.metric, null, reason('metricTwice', { metric: m.metric }));
    out.set(m.metric, isObj(m.stats) ? m.stats : {});
  }
  return out;
}

function rowOf(d: unknown, group: Obj, line: number, present: ReadonlySet<string>, opts: AggregateOptions): AggregateRow | Bad {
  if (!isObj(d)) return bad(null, null, reason('notJsonObject'));
  const interval = d.interval;
  if (typeof interval !== 'string' || !interval.includes('/')) return bad('interval', interval, reason('intervalMissing'));
  const [a, b] = interval.split('/');
  const start = vendorInstant(a), end = vendorInstant(b);
  if (start === null || end === null) return bad('interval', interval, reason(withoutOffset(start === null ? a : b) ? 'timeWithoutOffset' : 'unparseableTime'));
  if (end - start !== SLOT_MS) return bad('interval', interval, reason('intervalLength', { minutes: Math.round((end - start) / 60_000), ask: ASK }));
  if (start % SLOT_MS !== 0) return bad('interval', interval, reason('slotNotAligned', { minutes: 15 }));
  const metrics = metricsOf(d.metrics);
  if (isBad(metrics)) return metrics;
  const stat = (metric: string, s: 'count' | 'sum' | 'numerator'): unknown => metrics.get(metric)?.[s];
  const count = (metric: string, s: 'count' | 'numerator' = 'count'): number | Bad => countOf(`${metric}.${s}`, stat(metric, s));

  const answered = count('tAnswered');
  if (isBad(answered)) return answered;
  const abandoned = count('tAbandon');
  if (isBad(abandoned)) return abandoned;
  const flowout = count('tFlowOut');
  if (isBad(flowout)) return flowout;
  const transferred = count('nTransferred');
  if (isBad(transferred)) return transferred;
  const waitMs = secondsOf('tAnswered.sum', stat('tAnswered', 'sum'), 1000);
  if (isBad(waitMs)) return waitMs;
  const handleN = count('tHandle');
  if (isBad(handleN)) return handleN;
  const handleSum = secondsOf('tHandle.sum', stat('tHandle', 'sum'), 1000);
  if (isBad(handleSum)) return handleSum;

  const answeredWithin = new Map<number, number>();
  if (opts.thresholdSec !== undefined) {
    let within: number | Bad | null = null;
    if (present.has('oServiceLevel')) within = count('oServiceLevel', 'numerator');
    else if (present.has('nOverSla')) {
      const over = count('nOverSla');
      if (isBad(over)) return over;
      if (over > answered) return bad('nOverSla.count', over, reason('countAboveTotal', { what: 'nOverSla.count', count: over, total: 'tAnswered.count', totalCount: answered }));
      within = answered - over;
    }
    if (isBad(within)) return within;
    if (within !== null) answeredWithin.set(opts.thresholdSec, within);
  }
  const abandonedWithin = new Map<number, number>();
  if (opts.shortAbandonSec !== undefined && present.has('tShortAbandon')) {
    const short = count('tShortAbandon');
    if (isBad(short)) return short;
    abandonedWithin.set(opts.shortAbandonSec, short);
  }
  const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
  return {
    line, start, queue: str(group.queueId) ?? 'all', channel: str(group.mediaType), agent: str(group.userId),
    answered, abandoned, flowout, transferred,
    // Genesys sends tAnswered with every answer: no answered contact is without its wait.
    answerWaitSum: present.has('tAnswered') ? waitMs ?? 0 : null,
    handleSum: handleN > 0 ? handleSum ?? 0 : null,
    handleN,
    answeredWithin, abandonedWithin,
  };
}

/** Reads every interval of every group in the text into `rows`. */
export function readGenesys(text: string, rows: AggregateRows, opts: AggregateOptions): void {
  // First every group, to know which metrics the query asked for (absent where there was nothing to count).
  const groups: { group: Obj; data: { d: unknown; line: number }[] }[] = [];
  const present = new Set<string>();
  const collect = (d: unknown) => { if (isObj(d) && Array.isArray(d.metrics)) for (const m of d.metrics) if (isObj(m) && typeof m.metric === 'string') present.add(m.metric); };
  for (const entry of jsonEntries(text, RESULTS)) {
    const lines = entry.text === null ? [] : [...jsonEntries(entry.text, DATA, entry.line)];
    let g: unknown;
    try {
      g = entry.text === null ? undefined : JSON.parse(entry.text);
    } catch {
      g = undefined;
    }
    if (entry.text === null && entry.partial !== undefined) {
      // The file ends inside this group: its whole intervals are read (the group's keys come before its data, as
      // Genesys writes them), the one cut off is rejected.
      const cut = [...jsonEntries(entry.partial, DATA, entry.line)];
      const keys = /^\{\s*"group"\s*:\s*(\{[^{}]*\})/.exec(entry.partial);
      let group: unknown;
      try { group = keys ? JSON.parse(keys[1]) : undefined; } catch { group = undefined; }
      if (!isObj(group) || cut.length === 0) { rows.take(bad(null, null, reason('entryUnended')), entry.line); continue; }
      const data: { d: unknown; line: number }[] = [];
      for (const c of cut) {
        let d: unknown = null;
        try { d = c.text === null ? null : JSON.parse(c.text); } catch { d = undefined; }
        if (c.text === null) rows.take(bad(null, null, reason('entryUnended')), c.line);
        else if (d === undefined) rows.take(bad(null, null, reason('notJson')), c.line);
        else data.push({ d, line: c.line });
      }
      groups.push({ group, data });
      for (const { d } of data) collect(d);
      continue;
    }
    if (!isObj(g)) {
      // A group that is not JSON: each of its intervals found is rejected on its own line.
      const why = reason(g === undefined ? 'notJson' : 'notJsonObject');
      if (lines.length === 0) rows.take(bad(null, null, why), entry.line);
      for (const l of lines) rows.take(bad(null, null, why), l.line);
      continue;
    }
    const group = isObj(g.group) ? g.group : {};
    const data = Array.isArray(g.data) ? g.data : [];
    groups.push({ group, data: data.map((d, i) => ({ d, line: lines[i]?.line ?? entry.line })) });
    for (const d of data) collect(d);
  }
  rows.withinMetric = { answered: 'oServiceLevel', abandoned: 'tShortAbandon' };
  if (present.has('tShortAbandon') && opts.shortAbandonSec === undefined) rows.shortAbandonTimeUnknown = true;
  for (const { group, data } of groups) for (const { d, line } of data) rows.take(rowOf(d, group, line, present, opts), line);
}
