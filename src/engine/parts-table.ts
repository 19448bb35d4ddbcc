/**
 * Parts as a table (docs/parts.md): the published, versioned form of `ContactParts` that other engines write
 * and read. One counts row per UTC slot × queue (× channel × tier × agent where kept), and one waits row per
 * bucket of the wait histogram that holds any wait. Every column adds: parts from many files, shards or
 * engines merge by summing rows of the same key. Writing and reading are both here, so the format is written
 * down once.
 */
import { BUCKETS, bucketOf, bucketUpper } from './histogram.js';
import { ContactParts, F, H_ABANDONED, H_ANSWERED, H_CALLBACK, NF, OPTIONAL_DIMENSIONS, TooManyValues, type Dimension } from './parts.js';
import { Rejections, newValidation, reason, type Bad, type ReasonCode } from './ingest/reasons.js';
import type { Validation } from './ingest/index.js';
import { error, errorText, type ErrorCode } from './ingest/errors.js';
import type { Said } from './words.js';
import type { Rejection } from './ingest/contacts.js';

export const PARTS_VERSION = 1;
const MS_PER_DAY = 86_400_000;

/** The counts and sums of a counts row: column name → the parts' field. */
export const COUNT_COLUMNS: readonly (readonly [string, number])[] = [
  ['answered', F.answered],
  ['answered_unknown_wait', F.answeredUnknownWait],
  ['abandoned', F.abandoned],
  ['abandoned_unknown_wait', F.abandonedUnknownWait],
  ['flowout', F.flowout],
  ['callback', F.callback],
  ['callback_unknown_wait', F.callbackUnknownWait],
  ['voicemail', F.voicemail],
  ['answer_wait_sum_sec', F.answerWaitSum],
  ['talk_sum_sec', F.talkSum],
  ['talk_n', F.talkN],
  ['hold_sum_sec', F.holdSum],
  ['hold_n', F.holdN],
  ['wrap_sum_sec', F.wrapSum],
  ['wrap_n', F.wrapN],
  ['resolved', F.resolved],
  ['resolved_known', F.resolvedKnown],
  ['transferred', F.transferred],
  ['csat_n', F.csatN],
  ['csat_top', F.csatTop],
  ['csat_sum', F.csatSum],
  ['nps_n', F.npsN],
  ['nps_promoters', F.npsPromoters],
  ['nps_detractors', F.npsDetractors],
  ['qa_n', F.qaN],
  ['qa_sum', F.qaSum],
];
/** Columns that hold sums (any number ≥ 0); every other count column holds whole numbers. */
const SUM_COLUMNS = new Set(['answer_wait_sum_sec', 'talk_sum_sec', 'hold_sum_sec', 'wrap_sum_sec', 'csat_sum', 'qa_sum']);

export const REPEAT_COLUMNS = ['fcr_repeat_window_days', 'fcr_repeat_resolved', 'fcr_repeat_known', 'fcr_repeat_provisional'] as const;
/** The waits of a waits row: column name → histogram kind. */
export const WAIT_COLUMNS: readonly (readonly [string, number])[] = [
  ['answered_waits', H_ANSWERED],
  ['abandoned_waits', H_ABANDONED],
  ['callback_waits', H_CALLBACK],
];
const KEY_COLUMNS = ['parts_version', 'part', 'slot_start', 'slot_minutes', 'queue'] as const;

/** Every column a parts table has, in order, for the dimensions it keeps. */
export function partsColumns(dimensions: readonly Dimension[]): string[] {
  const dims = OPTIONAL_DIMENSIONS.filter((d) => dimensions.includes(d));
  return [...KEY_COLUMNS, ...dims, 'wait_upto_sec', ...COUNT_COLUMNS.map(([c]) => c), ...REPEAT_COLUMNS, ...WAIT_COLUMNS.map(([c]) => c)];
}

/** Every column a parts table can have, in order: the reader's own numbering of them. */
const CANON = partsColumns(OPTIONAL_DIMENSIONS);
const K = Object.fromEntries(CANON.map((c, i) => [c, i])) as Record<string, number>;
const K_VERSION = K.parts_version, K_PART = K.part, K_START = K.slot_start, K_MINUTES = K.slot_minutes, K_QUEUE = K.queue;
const K_CHANNEL = K.channel, K_TIER = K.tier, K_AGENT = K.agent, K_EDGE = K.wait_upto_sec;
const K_COUNTS = COUNT_COLUMNS.map(([c]) => K[c]);
const K_REPEATS = REPEAT_COLUMNS.map((c) => K[c]);
const K_WAITS = WAIT_COLUMNS.map(([c]) => K[c]);
const WHOLE = COUNT_COLUMNS.map(([c]) => !SUM_COLUMNS.has(c));

export type PartsValue = string | number | null;

/** A slot start as written: ISO 8601 in UTC to the second. */
export function slotStartText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + 'Z';
}

export interface PartsRowsOptions {
  /** Write FCR-by-repeat counts for this window (days): parts that keep customers count them here. */
  fcrWindowDays?: number;
}

/**
 * The rows of a parts table, in key order (slot, queue, channel, tier, agent; each counts row followed by its
 * waits rows by bucket), as arrays in the order of `partsColumns(parts.opts.dimensions)`.
 */
export function* partsRows(parts: ContactParts, opts: PartsRowsOptions = {}): Generator<PartsValue[]> {
  const dims = OPTIONAL_DIMENSIONS.filter((d) => parts.opts.dimensions.includes(d));
  const windowMs = parts.repeatsGiven ? parts.repeatsGiven.windowMs : parts.opts.keepRepeats && opts.fcrWindowDays !== undefined ? opts.fcrWindowDays * MS_PER_DAY : null;
  const rep = windowMs !== null && parts.hasRepeats ? parts.repeatParts(windowMs) : null;
  const h = parts.histograms();
  const name = (d: Dimension, s: number): string => {
    if (d === 'channel') return parts.channels.values[parts.seriesChannel[s]];
    if (d === 'tier') return parts.tiers.values[parts.seriesTier[s]];
    return parts.agents.values[parts.seriesAgent[s]];
  };
  const order = Array.from({ length: parts.cellCount }, (_, c) => c);
  const seriesKey = (s: number) => [parts.queues.values[parts.seriesQueue[s]], ...dims.map((d) => name(d, s))];
  const keys = new Map<number, string[]>();
  const keyOf = (s: number) => keys.get(s) ?? keys.set(s, seriesKey(s)).get(s)!;
  order.sort((a, b) => {
    const d = parts.cellSlot[a] - parts.cellSlot[b];
    if (d !== 0) return d;
    const ka = keyOf(parts.cellSeries[a]), kb = keyOf(parts.cellSeries[b]);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  const v = parts.values;
  const width = WAIT_COLUMNS.length;
  for (const c of order) {
    const o = c * NF;
    let any = false;
    for (let f = 0; f < NF; f++) if (v[o + f] !== 0) { any = true; break; }
    const runs = h.offsets[c + 1] - h.offsets[c];
    if (!any && runs === 0) continue;
    const key: PartsValue[] = [PARTS_VERSION, 'counts', slotStartText(parts.cellSlot[c] * parts.slotMs), parts.opts.slotMinutes, ...keyOf(parts.cellSeries[c])];
    const counts = COUNT_COLUMNS.map(([, f]) => v[o + f]);
    const repeats: PartsValue[] = rep && windowMs !== null && rep.known[c] > 0 ? [windowMs / MS_PER_DAY, rep.resolved[c], rep.known[c], rep.provisional[c]] : [null, null, null, null];
    yield [...key, null, ...counts, ...repeats, null, null, null];
    // Waits rows: one per bucket, the three kinds side by side.
    const byBucket = new Map<number, number[]>();
    for (let r = h.offsets[c]; r < h.offsets[c + 1]; r++) {
      const kind = h.keys[r] >>> 16, b = h.keys[r] & 0xffff;
      const row = byBucket.get(b) ?? byBucket.set(b, new Array(width).fill(0)).get(b)!;
      row[WAIT_COLUMNS.findIndex(([, k]) => k === kind)] += h.counts[r];
    }
    for (const b of [...byBucket.keys()].sort((x, y) => x - y)) {
      const upper = bucketUpper(b);
      key[1] = 'waits';
      yield [...key, Number.isFinite(upper) ? upper : null, ...COUNT_COLUMNS.map(() => 0), null, null, null, null, ...byBucket.get(b)!];
    }
  }
}

/** A CSV field as written: quoted only where it must be. */
function csvValue(x: PartsValue): string {
  if (x === null) return '';
  if (typeof x === 'number') return String(x);
  return /[",\r\n]/.test(x) || x !== x.trim() ? `"${x.replace(/"/g, '""')}"` : x;
}

/** The parts as CSV text, in chunks of about 1,000 rows (header first). */
export function* partsCsv(parts: ContactParts, opts: PartsRowsOptions = {}): Generator<string> {
  const cols = partsColumns(parts.opts.dimensions);
  let chunk = cols.join(',') + '\n';
  let n = 0;
  for (const row of partsRows(parts, opts)) {
    chunk += row.map(csvValue).join(',') + '\n';
    if (++n % 1000 === 0) { yield chunk; chunk = ''; }
  }
  if (chunk) yield chunk;
}

/** The parts as NDJSON: one object a row, keys in column order, empty values and zero counts left out. */
export function* partsNdjson(parts: ContactParts, opts: PartsRowsOptions = {}): Generator<string> {
  const cols = partsColumns(parts.opts.dimensions);
  // The key columns are always written (a dimension's absent value too: the columns say what the parts keep).
  const keyWidth = cols.indexOf('wait_upto_sec');
  let chunk = '';
  let n = 0;
  for (const row of partsRows(parts, opts)) {
    const o: Record<string, PartsValue> = {};
    // A waits row always says its bucket (null: over a day); counts and sums of 0 are left out.
    row.forEach((x, i) => { if (i < keyWidth || (i === keyWidth && row[1] === 'waits') || (x !== null && x !== 0)) o[cols[i]] = x; });
    chunk += JSON.stringify(o) + '\n';
    if (++n % 1000 === 0) { yield chunk; chunk = ''; }
  }
  if (chunk) yield chunk;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** Why a whole parts table cannot be read: in English words, and as data for the page to word. */
export class PartsTableError extends Error {
  constructor(readonly said: Said<ErrorCode>) {
    super(errorText(said));
  }
}

/**
 * How a parts table reads, in the shape of a contact file's validation (docs/protocol.md): rows read, accepted
 * and rejected (accepted + rejected = read), reasons in words and as data, the first rejections, and the
 * contacts the accepted rows count.
 */
export type PartsValidation = Validation;

/**
 * Reads rows of a parts table into `ContactParts`. Made from the table's header (its dimensions are the
 * dimension columns it has); rows then come one by one as a getter of a column's raw value (a string from CSV,
 * a string or number from JSON or Parquet). Bad rows are rejected with their line and reason, the rest kept.
 */
export class PartsTableReader {
  readonly dimensions: Dimension[];
  parts: ContactParts | null = null;
  readonly validation: PartsValidation = newValidation();
  private readonly rejections: Rejections;
  private readonly values = new Float64Array(NF);
  private lastStartRaw: unknown = undefined;
  private lastStart: number | null = null;

  constructor(readonly columns: readonly string[], onRejection?: (r: Rejection) => void) {
    this.rejections = new Rejections(this.validation, onRejection);
    const missing = [...KEY_COLUMNS].filter((c) => !columns.includes(c));
    if (missing.length) {
      throw new PartsTableError(error('notPartsTable', { columns: missing.map((c) => `"${c}"`).join(', '), header: `${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', …' : ''}` }));
    }
    this.dimensions = OPTIONAL_DIMENSIONS.filter((d) => columns.includes(d));
    this.src = Int32Array.from(CANON, (c) => columns.indexOf(c));
    this.keepChannel = this.dimensions.includes('channel');
    this.keepTier = this.dimensions.includes('tier');
    this.keepAgent = this.dimensions.includes('agent');
  }

  /** For each column of the reader's own numbering (CANON), its index in the source's columns (−1: absent). */
  private readonly src: Int32Array;
  private readonly keepChannel: boolean;
  private readonly keepTier: boolean;
  private readonly keepAgent: boolean;
  private get: (i: number) => unknown = () => undefined;

  /** A column's raw value in the row being read, by the reader's own number of it. */
  private v(k: number): unknown {
    const i = this.src[k];
    return i < 0 ? undefined : this.get(i);
  }

  /**
   * Reads one row: `get(i)` gives the raw value of the source's column `i` (the index in `columns`); `line`
   * numbers the row in rejections.
   */
  row(get: (i: number) => unknown, line: number): void {
    this.validation.rowsRead++;
    this.get = get;
    this.line = line;
    const bad = this.take();
    if (bad === null) {
      this.validation.rowsAccepted++;
      return;
    }
    if (bad === HELD) return;
    this.rejections.add(line, bad);
  }

  private line = 0;
  /** Cells of the keys whose counts row was accepted (slot · 2^30 + series → cell). */
  private readonly counted = new Map<number, number>();
  /** Waits rows held until the end: kept only where their key's counts row was accepted. */
  private held = { slot: new Float64Array(1024), series: new Int32Array(1024), bucket: new Uint16Array(1024), waits: new Float64Array(1024 * 3), line: new Float64Array(1024), n: 0 };

  /**
   * Ends the reading: each waits row is added where its slot and key have an accepted counts row, and rejected
   * where they have none (a counts row missing or rejected): waits kept without their counts would raise the
   * service level above what was offered. Call once, after the last row.
   */
  finish(): void {
    const h = this.held;
    for (let i = 0; i < h.n; i++) {
      const cell = this.counted.get(h.slot[i] * SERIES_KEY + h.series[i]);
      if (cell === undefined) {
        this.rejections.add(h.line[i], { column: null, value: null, said: reason('waitsWithoutCounts') });
        continue;
      }
      this.validation.rowsAccepted++;
      for (let n = 0; n < WAIT_COLUMNS.length; n++) if (h.waits[i * 3 + n] > 0) this.parts!.addWaits(cell, WAIT_COLUMNS[n][1], h.bucket[i], h.waits[i * 3 + n]);
    }
    h.n = 0;
  }

  private hold(slot: number, series: number, bucket: number, waits: Float64Array): void {
    let h = this.held;
    if (h.n === h.slot.length) {
      const m = h.n * 2;
      const grow = <T extends Float64Array | Int32Array | Uint16Array>(a: T, k = 1): T => { const b = new (a.constructor as new (n: number) => T)(m * k); b.set(a); return b; };
      h = this.held = { slot: grow(h.slot), series: grow(h.series), bucket: grow(h.bucket), waits: grow(h.waits, 3), line: grow(h.line), n: h.n };
    }
    const i = h.n++;
    h.slot[i] = slot;
    h.series[i] = series;
    h.bucket[i] = bucket;
    h.waits.set(waits, i * 3);
    h.line[i] = this.line;
  }

  /** Counts a row that could not even be split into columns (a malformed CSV record, a line that is no JSON). */
  rejectRow(line: number, said: Said<ReasonCode>): void {
    this.validation.rowsRead++;
    this.rejections.add(line, { column: null, value: null, said });
  }


  private take(): Bad | null | typeof HELD {
    const fail = (column: string | null, value: unknown, said: Said<ReasonCode>) => ({ column, value: value === null || value === undefined ? null : String(value).slice(0, 80), said });
    const version = this.v(K_VERSION);
    if (version !== PARTS_VERSION && (Number(text(version)) !== PARTS_VERSION || text(version) === '')) return fail('parts_version', version, reason('partsVersion', { version: text(version) || 'none' }));
    const part = text(this.v(K_PART));
    if (part !== 'counts' && part !== 'waits') return fail('part', part, reason('partKind'));
    const minutesRaw = this.v(K_MINUTES);
    const minutes = typeof minutesRaw === 'number' ? minutesRaw : Number(text(minutesRaw));
    if (minutes !== 5 && minutes !== 15) return fail('slot_minutes', minutesRaw, reason('slotLength'));
    if (!this.parts) this.parts = new ContactParts({ slotMinutes: minutes, dimensions: this.dimensions, keepRepeats: false });
    const parts = this.parts;
    if (minutes !== parts.opts.slotMinutes) return fail('slot_minutes', minutes, reason('slotLengthChanged', { minutes, first: parts.opts.slotMinutes }));
    const startRaw = this.v(K_START);
    // Rows of one slot come together: its start is parsed once.
    let start: number | null;
    if (startRaw === this.lastStartRaw) start = this.lastStart;
    else {
      start = instantOf(startRaw);
      this.lastStartRaw = startRaw;
      this.lastStart = start;
    }
    if (start === null) return fail('slot_start', startRaw, reason('unparseableTime'));
    if (start % parts.slotMs !== 0) return fail('slot_start', startRaw, reason('slotNotAligned', { minutes }));
    const queue = text(this.v(K_QUEUE));
    if (queue === '') return fail('queue', '', reason('missingQueue'));
    let series: number;
    try {
      series = parts.seriesNamed(queue, this.keepChannel ? text(this.v(K_CHANNEL)) : undefined, this.keepTier ? text(this.v(K_TIER)) : undefined, this.keepAgent ? text(this.v(K_AGENT)) : undefined);
    } catch (e) {
      if (e instanceof TooManyValues) return fail(null, null, reason('tooManyValues', { what: e.what, limit: e.limit }));
      throw e;
    }
    const slot = start / parts.slotMs;
    if (part === 'counts') {
      const v = this.values;
      for (let n = 0; n < K_COUNTS.length; n++) {
        const raw = this.v(K_COUNTS[n]);
        const x = countOf(raw, WHOLE[n]);
        if (typeof x === 'string') return fail(COUNT_COLUMNS[n][0], raw, reason(x as ReasonCode, { what: COUNT_COLUMNS[n][0] }));
        v[COUNT_COLUMNS[n][1]] = x;
      }
      for (let n = 0; n < K_WAITS.length; n++) {
        const raw = this.v(K_WAITS[n]);
        if (raw !== 0 && raw !== null && raw !== undefined && raw !== '' && Number(text(raw)) !== 0) return fail(WAIT_COLUMNS[n][0], raw, reason('wrongPart', { what: WAIT_COLUMNS[n][0], part: 'counts' }));
      }
      let repeat: number[] | null = null;
      const windowRaw = this.v(K_REPEATS[0]);
      if (text(windowRaw) !== '') {
        const w = typeof windowRaw === 'number' ? windowRaw : Number(text(windowRaw));
        if (!(w > 0)) return fail('fcr_repeat_window_days', windowRaw, reason('countNotANumber', { what: 'fcr_repeat_window_days' }));
        repeat = [w];
        for (let n = 1; n < K_REPEATS.length; n++) {
          const raw = this.v(K_REPEATS[n]);
          const x = countOf(raw, true);
          if (typeof x === 'string') return fail(REPEAT_COLUMNS[n], raw, reason(x as ReasonCode, { what: REPEAT_COLUMNS[n] }));
          repeat.push(x);
        }
        const g = parts.repeatsGiven;
        if (g && g.windowMs !== w * MS_PER_DAY) return fail('fcr_repeat_window_days', windowRaw, reason('repeatWindowChanged', { days: w, first: g.windowMs / MS_PER_DAY }));
      }
      const contacts = v[F.answered] + v[F.abandoned] + v[F.flowout] + v[F.callback] + v[F.voicemail];
      const cell = parts.addCounts(slot, series, v, contacts);
      this.validation.contacts += contacts;
      if (repeat) parts.addRepeatCounts(cell, repeat[0] * MS_PER_DAY, repeat[1], repeat[2], repeat[3]);
      this.counted.set(slot * SERIES_KEY + series, cell);
      return null;
    }
    const edgeRaw = this.v(K_EDGE);
    let bucket: number;
    if (edgeRaw === null || edgeRaw === undefined || edgeRaw === '') bucket = BUCKETS - 1;
    else {
      const edge = typeof edgeRaw === 'number' ? edgeRaw : Number(text(edgeRaw));
      bucket = Number.isFinite(edge) && edge >= 0 ? bucketOf(edge) : -1;
      if (bucket < 0 || bucketUpper(bucket) !== edge) return fail('wait_upto_sec', edgeRaw, reason('waitEdge'));
    }
    // Counts on a waits row would be lost: the row is refused instead.
    for (let n = 0; n < K_COUNTS.length; n++) {
      const raw = this.v(K_COUNTS[n]);
      if (raw !== 0 && raw !== null && raw !== undefined && raw !== '' && Number(text(raw)) !== 0) return fail(COUNT_COLUMNS[n][0], raw, reason('wrongPart', { what: COUNT_COLUMNS[n][0], part: 'waits' }));
    }
    const counts = this.waitCounts;
    for (let n = 0; n < K_WAITS.length; n++) {
      const raw = this.v(K_WAITS[n]);
      const x = countOf(raw, true);
      if (typeof x === 'string') return fail(WAIT_COLUMNS[n][0], raw, reason(x as ReasonCode, { what: WAIT_COLUMNS[n][0] }));
      counts[n] = x;
    }
    // Rows may come in any order: the waits wait for the end, where their counts row decides (finish()).
    this.hold(slot, series, bucket, counts);
    return HELD;
  }
  private readonly waitCounts = new Float64Array(WAIT_COLUMNS.length);
}

/** A waits row held for the end of the table (PartsTableReader.finish). */
const HELD = Symbol('held');
/** Slot and series as one number: series ids stay below 2^30. */
const SERIES_KEY = 2 ** 30;

function text(x: unknown): string {
  if (x === null || x === undefined) return '';
  if (typeof x === 'bigint') return x.toString();
  const t = String(x).trim();
  // \N: NULL as ClickHouse, MySQL and Hive write it in CSV and TSV.
  return t === '\\N' ? '' : t;
}

/** A count or sum: a number ≥ 0 (a whole one where `whole`); blank is 0. Else the reason's code. */
function countOf(raw: unknown, whole: boolean): number | 'countNotANumber' | 'negativeCount' | 'countNotWhole' {
  // Numbers as Parquet and JSON give them: no text in between.
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return 'countNotANumber';
    if (raw < 0) return 'negativeCount';
    if (whole && !Number.isInteger(raw)) return 'countNotWhole';
    return raw;
  }
  if (raw === null || raw === undefined || raw === '') return 0;
  const t = text(raw);
  if (t === '') return 0;
  if (t === '') return 0;
  const n = Number(t);
  if (!Number.isFinite(n)) return 'countNotANumber';
  if (n < 0) return 'negativeCount';
  if (whole && !Number.isInteger(n)) return 'countNotWhole';
  return n;
}

/**
 * A slot start: an instant with its offset (`2026-03-29T00:45:00Z`, `…+01:00`), a date and time taken as UTC
 * (`2026-03-29 00:45:00`, what SQL engines print for a UTC timestamp), a Date, or epoch milliseconds.
 */
export function instantOf(raw: unknown): number | null {
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? raw.getTime() : null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'bigint') return Number(raw);
  const t = text(raw);
  if (/^-?\d{10,16}$/.test(t)) return Number(t);
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', frac = '', off = 'Z'] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number((frac + '000').slice(0, 3)));
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 59) return null;
  if (off !== 'Z' && off.toUpperCase() !== 'UTC') {
    const sign = off[0] === '-' ? -1 : 1;
    const digits = off.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  }
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Adds parts read from several tables into one: the dimensions all of them keep, one slot length (parts of
 * 5-minute slots add to those of 15 only by being read as such: mixed lengths are refused).
 */
export function mergeTables(list: readonly ContactParts[]): ContactParts {
  if (list.length === 0) throw new RangeError('no parts to add');
  const slot = list[0].opts.slotMinutes;
  for (const p of list) if (p.opts.slotMinutes !== slot) throw new PartsTableError(error('message', { text: `parts of ${p.opts.slotMinutes}-minute and ${slot}-minute slots cannot be added: make them with one slot length` }));
  const windows = [...new Set(list.map((p) => p.repeatsGiven?.windowMs).filter((w): w is number => w !== undefined))];
  if (windows.length > 1) throw new PartsTableError(error('message', { text: `parts counted with FCR-by-repeat windows of ${windows.map((w) => w / MS_PER_DAY).join(' and ')} days cannot be added: make them with one window (--fcr-window)` }));
  const dims = OPTIONAL_DIMENSIONS.filter((d) => list.every((p) => p.opts.dimensions.includes(d)));
  if (list.length === 1 && dims.length === list[0].opts.dimensions.length) return list[0];
  const out = new ContactParts({ slotMinutes: slot, dimensions: dims, keepRepeats: false });
  for (const p of list) out.merge(p);
  return out;
}
