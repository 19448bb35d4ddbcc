/**
 * The rows of a vendor's aggregates in the kit's words and units, and how they become parts (docs/parts.md,
 * "Vendor aggregates"): counts and sums into cells, "answered within T" counts per threshold as given.
 */
import { F, NF, ContactParts, type Dimension, type WaitsGiven } from '../parts.js';
import { Rejections, newValidation, reason, type Bad, type ReasonCode } from '../ingest/reasons.js';
import type { Rejection } from '../ingest/contacts.js';
import type { Validation } from '../ingest/index.js';
import type { Said } from '../words.js';

import { SOURCE_NAMES, type AggregateSource } from './source.js';

export { SOURCE_NAMES, type AggregateSource };


/** The 15-minute slots every vendor interval must be (docs/parts.md). */
export const SLOT_MS = 15 * 60_000;

export interface AggregateOptions {
  /**
   * The service-level time (s) the source counted "answered within" with, where its figures do not say it
   * (Genesys Cloud: each queue's own service level). Amazon Connect's thresholds are in its file.
   */
  thresholdSec?: number;
  /** The short-abandon time (s) the source counted short abandons with, where its figures do not say it (Genesys Cloud). */
  shortAbandonSec?: number;
  onRejection?: (r: Rejection) => void;
}

/** One interval × key of a vendor's figures, in the kit's words and units (seconds). */
export interface AggregateRow {
  line: number;
  /** UTC start of the 15-minute interval, ms. */
  start: number;
  queue: string;
  channel?: string;
  agent?: string;
  answered: number;
  abandoned: number;
  flowout: number;
  transferred: number;
  /** Seconds waited by the answered contacts; null when the source gave none. */
  answerWaitSum: number | null;
  /** The source says it could not give this row's answer wait (an empty average): its answered contacts are of unknown wait. */
  waitsUnknown?: boolean;
  /** Handle seconds (talk + hold + wrap-up as one) and the contacts they count; null when none given. */
  handleSum: number | null;
  handleN: number;
  /** Threshold (s) → contacts answered (abandoned) within it. */
  answeredWithin: Map<number, number>;
  abandonedWithin: Map<number, number>;
}

export type { Bad };

export const bad = (column: string | null, value: unknown, said: Said<ReasonCode>): Bad => ({ column, value: value === undefined || value === null ? null : String(value), said });

/**
 * An instant as a vendor writes it: epoch seconds (a number, or digits as text; milliseconds past 10^11, as a
 * JavaScript Date would be saved), or ISO 8601 with its offset, `T` or a space between date and time (Python's
 * `str(datetime)`), the offset as `Z`, `±hh:mm`, `±hhmm` or `±hh`. Null when it is none of these, or no real date.
 */
export function vendorInstant(raw: unknown): number | null {
  if (typeof raw === 'string' && /^\d{9,13}(\.\d+)?$/.test(raw.trim())) raw = Number(raw);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0) return null;
    return raw >= 1e11 ? Math.round(raw) : Math.round(raw * 1000);
  }
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)$/i.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', off] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +h > 23 || +mi > 59 || +s > 59) return null;
  // No 30 February: the day must be one of the month's.
  if (+d > new Date(Date.UTC(+y, +mo, 0)).getUTCDate()) return null;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number((frac + '000').slice(0, 3)));
  if (off.toUpperCase() !== 'Z') {
    const digits = off.slice(1).replace(':', '');
    ms -= (off[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return ms;
}

/** Whether a time is written without its offset (a wall-clock time: which zone it is in, the file does not say). */
export const withoutOffset = (raw: unknown): boolean => typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw.trim());

/** A whole count ≥ 0 from a vendor's value (null and absent are 0: no contacts), or the reason it is none. */
export function countOf(metric: string, raw: unknown): number | Bad {
  if (raw === null || raw === undefined) return 0;
  const n = typeof raw === 'number' ? raw : NaN;
  if (!Number.isFinite(n)) return bad(metric, raw, reason('countNotANumber', { what: metric }));
  if (n < 0) return bad(metric, raw, reason('negativeCount', { what: metric }));
  if (!Number.isInteger(n)) return bad(metric, raw, reason('countNotWhole', { what: metric }));
  // No interval of one queue holds 2^31 contacts: past that, a count is a wrong field or a broken file.
  if (n >= 2 ** 31) return bad(metric, raw, reason('countTooLarge', { what: metric }));
  return n;
}

/** A number of seconds ≥ 0 (a sum or an average), or the reason it is none; null when absent. */
export function secondsOf(metric: string, raw: unknown, unit = 1): number | null | Bad {
  if (raw === null || raw === undefined) return null;
  const n = typeof raw === 'number' ? raw : NaN;
  if (!Number.isFinite(n)) return bad(metric, raw, reason('countNotANumber', { what: metric }));
  if (n < 0) return bad(metric, raw, reason('negativeDuration'));
  return n / unit;
}

export const isBad = (v: unknown): v is Bad => typeof v === 'object' && v !== null && 'said' in v;

/**
 * Checks that the counts within thresholds rise with the threshold (fewer contacts answer within 10 s than
 * within 20 s); the reason they do not, else null.
 */
export function risingWithin(metric: string, m: Map<number, number>): Bad | null {
  const t = [...m.keys()].sort((a, b) => a - b);
  for (let i = 1; i < t.length; i++) {
    if (m.get(t[i - 1])! > m.get(t[i])!) return bad(metric, m.get(t[i - 1]), reason('withinNotRising', { metric, lower: m.get(t[i - 1])!, lowerSec: t[i - 1], upper: m.get(t[i])!, upperSec: t[i] }));
  }
  return null;
}

/** Gathers a source's rows and rejections, then makes the parts. */
export class AggregateRows {
  readonly validation: Validation = newValidation();
  private readonly rejections: Rejections;
  readonly rows: AggregateRow[] = [];
  private readonly seen = new Map<string, number>();

  /** The metrics that give the counts within a time, for the words (Connect's SUM_CONTACTS_ANSWERED_IN_X …). */
  withinMetric = { answered: 'answered within', abandoned: 'abandoned within' };
  /** The source counted short abandons at a time it does not say, and the user did not give it (Genesys Cloud). */
  shortAbandonTimeUnknown = false;

  constructor(readonly source: AggregateSource, onRejection?: (r: Rejection) => void) {
    this.rejections = new Rejections(this.validation, onRejection);
  }

  /** Takes one row read, or rejects it: an interval and key met before is rejected (a page saved twice). */
  take(row: AggregateRow | Bad, line: number): void {
    this.validation.rowsRead++;
    if (isBad(row)) return this.reject(line, row);
    // Counts within a time are part of their total: more answered within 20 s than answered, more short abandons
    // than abandons, are figures that do not fit together (they would show a service level over 100 % or negative
    // abandons): the entry is rejected, not mended.
    for (const [kind, within, total] of [['answered', row.answeredWithin, row.answered], ['abandoned', row.abandonedWithin, row.abandoned]] as const) {
      for (const [sec, n] of within) {
        if (n > total) return this.reject(line, bad(null, n, reason('countAboveTotal', { what: `${kind} within ${sec} s`, count: n, total: kind, totalCount: total })));
      }
    }
    const key = `${row.start}\u0000${row.queue}\u0000${row.channel ?? ''}\u0000${row.agent ?? ''}`;
    const first = this.seen.get(key);
    if (first !== undefined) return this.reject(line, bad(null, null, reason('repeatedInterval', { line: first })));
    this.seen.set(key, line);
    this.validation.rowsAccepted++;
    this.rows.push(row);
  }

  reject(line: number, b: Bad): void {
    this.rejections.add(line, b);
  }

  /** The parts of the accepted rows (null when none was accepted). */
  parts(opts: AggregateOptions): ContactParts | null {
    const rows = this.rows;
    if (rows.length === 0) return null;
    const dimensions: Dimension[] = [];
    if (rows.some((r) => r.channel !== undefined)) dimensions.push('channel');
    if (rows.some((r) => r.agent !== undefined)) dimensions.push('agent');
    const parts = new ContactParts({ slotMinutes: 15, dimensions, keepRepeats: false });
    // The file's thresholds: those more than half of its entries with contacts of that kind counted. An entry
    // without one of them is rejected with its line (a figure at that threshold would miss its contacts); a
    // threshold only a few entries counted is not the file's (a figure at it is refused in words).
    const kinds = [['answered', (r: AggregateRow) => r.answeredWithin, (r: AggregateRow) => r.answered > 0], ['abandoned', (r: AggregateRow) => r.abandonedWithin, (r: AggregateRow) => r.abandoned > 0]] as const;
    const fileThresholds = kinds.map(([, pick, has]) => {
      let n = 0;
      const seen = new Map<number, number>();
      for (const r of rows) {
        if (!has(r)) continue;
        n++;
        for (const t of pick(r).keys()) seen.set(t, (seen.get(t) ?? 0) + 1);
      }
      // With no contacts of the kind at all, every threshold counted anywhere holds (all its counts are 0).
      const all = [...new Set(rows.flatMap((r) => [...pick(r).keys()]))];
      return (n === 0 ? all : [...seen].filter(([, k]) => 2 * k > n).map(([t]) => t)).sort((a, b) => a - b);
    });
    const kept = rows.filter((r) => {
      for (let k = 0; k < 2; k++) {
        const [kind, pick, has] = kinds[k];
        const missing = has(r) ? fileThresholds[k].find((t) => !pick(r).has(t)) : undefined;
        if (missing !== undefined) {
          this.validation.rowsAccepted--;
          this.reject(r.line, bad(null, null, reason('thresholdMissing', { metric: this.withinMetric[kind], seconds: missing })));
          return false;
        }
      }
      return true;
    });
    if (kept.length === 0) return null;
    const [answeredWithinSec, abandonedWithinSec] = fileThresholds;
    const answerWaitSums = kept.every((r) => r.answered === 0 || r.waitsUnknown || r.answerWaitSum !== null);
    const given: WaitsGiven = { source: SOURCE_NAMES[this.source], answeredWithinSec, abandonedWithinSec, answerWaitSums };
    if (this.source === 'genesys' && opts.thresholdSec === undefined) given.thresholdUnknown = true;
    if (this.shortAbandonTimeUnknown) given.shortAbandonTimeUnknown = true;
    const values = new Float64Array(NF);
    for (const r of kept) {
      values.fill(0);
      values[F.answered] = r.answered;
      values[F.abandoned] = r.abandoned;
      values[F.flowout] = r.flowout;
      values[F.transferred] = r.transferred;
      // Answered contacts whose waits the source counted at no threshold and summed nowhere are of unknown wait (docs/metrics.md §1).
      if (r.answerWaitSum !== null) values[F.answerWaitSum] = r.answerWaitSum;
      if (r.waitsUnknown || (r.answerWaitSum === null && r.answeredWithin.size === 0)) values[F.answeredUnknownWait] = r.answered;
      if (r.abandonedWithin.size === 0) values[F.abandonedUnknownWait] = r.abandoned;
      if (r.handleSum !== null && r.handleN > 0) {
        // Handle time as one sum (the vendor's talk + hold + wrap-up): AHT = the sum / the contacts it counts.
        values[F.talkSum] = r.handleSum;
        values[F.talkN] = r.handleN;
        values[F.holdN] = r.handleN;
        values[F.wrapN] = r.handleN;
      }
      const series = parts.seriesNamed(r.queue, r.channel, undefined, r.agent);
      const contacts = r.answered + r.abandoned + r.flowout;
      const cell = parts.addCounts(r.start / SLOT_MS, series, values, contacts);
      this.validation.contacts += contacts;
      for (const [sec, n] of r.answeredWithin) if (n > 0) parts.addWithin(cell, 'answered', sec, n);
      for (const [sec, n] of r.abandonedWithin) if (n > 0) parts.addWithin(cell, 'abandoned', sec, n);
    }
    parts.waitsGiven = given;
    return parts;
  }
}

