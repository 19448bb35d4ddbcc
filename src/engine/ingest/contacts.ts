/**
 * Reads one record into a contact under a mapping, or says why it is rejected or counted apart
 * (docs/metrics.md §1). Field readers are compiled once against the header; values are parsed from bytes.
 */
import { CsvRecord } from './csv.js';
import { IdSet } from './id-set.js';
import {
  TimeError, compileDateFormat, expandYear, firstTwoGroups, isBlank, lastDateEnd, lastTimeError, localToInstant,
  parseClock, parseDate, parseTimeWithZone, lastClockOffset, parseDuration, parseFlag, parseIsoInstant, parseNumber, parseTimeOfDay,
  type DateFormat, type DurationUnit,
} from './values.js';
import { MS_PER_DAY, daysFromCivil } from '../time/civil.js';
import type { Zone } from '../time/zone.js';
import { OUTCOME_VALUES, specOf, type ContactField, type FieldSpec, type Mapping } from './mapping.js';
import type { Contact, Outcome } from '../types.js';
import { REASONS, reason, type ReasonCode } from './reasons.js';
import type { Said } from '../words.js';
import { normalizeName } from './names.js';

export interface Rejection {
  /** The file, when a report reads several. */
  file?: string;
  line: number;
  column: string | null;
  value: string | null;
  /** Why, in English words (the CLI, JSON). */
  reason: string;
  /** Why, as data: the reason's code and the values in its places (docs/protocol.md). */
  code: ReasonCode;
  values: Said<ReasonCode>['values'];
}

export const ACCEPTED = 0;
export const REJECTED = 1;
export const APART = 2;
export type ReadResult = typeof ACCEPTED | typeof REJECTED | typeof APART;

const encoder = new TextEncoder();

/** Instants outside 1970–2099 are a wrong format or unit (epoch seconds read as milliseconds …), not data. */
const MIN_TIME = 0;
const MAX_TIME = Date.UTC(2100, 0, 1);
/** The longest id or name a row may carry (characters): a longer one rejects its row. */
export const MAX_VALUE_CHARS = 1024;
/** A duration over 30 days is a wrong unit, not a wait or a call. */
const MAX_DURATION = 30 * 86_400;

/** Thrown when a mapping does not fit the file (a column it names is missing): the whole file fails. */
export class MappingError extends Error {}

interface Column {
  index: number;
  name: string;
}

class Fail {
  column: string | null = null;
  value: string | null = null;
  reason: Said<ReasonCode> = reason('emptyRow');
}

abstract class Reader {
  constructor(readonly field: string) {}
}

/** Compares a trimmed span with a marker. */
function spanEquals(rec: CsvRecord, i: number, marker: Uint8Array): boolean {
  const b = rec.buf;
  let s = rec.starts[i];
  let e = rec.ends[i];
  while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
  if (e - s !== marker.length) return false;
  for (let k = 0; k < marker.length; k++) if (b[s + k] !== marker[k]) return false;
  return true;
}

function absentAt(rec: CsvRecord, i: number, nulls: Uint8Array[]): boolean {
  if (i >= rec.count || isBlank(rec.buf, rec.starts[i], rec.ends[i])) return true;
  for (const m of nulls) if (spanEquals(rec, i, m)) return true;
  return false;
}

class TextReader extends Reader {
  constructor(
    field: string,
    readonly cols: Column[],
    private readonly join: string,
    private readonly constant: string | undefined,
    private readonly nulls: Uint8Array[],
    private readonly values: Map<string, string> | null,
    private readonly otherwise: string | undefined,
    private readonly fallback: TextReader | null,
  ) {
    super(field);
  }
  /**
   * Low-cardinality columns (queue, channel, outcome …) repeat a few values: those are matched on their
   * bytes and reused instead of decoding a new string per row. Past 64 distinct values interning stops.
   */
  private internBytes: Uint8Array[] = [];
  private internText: string[] = [];
  private interning = true;

  private intern(rec: CsvRecord, i: number): string {
    const flags = rec.escaped[i];
    if (!this.interning || flags & 1) return rec.text(i);
    const b = rec.buf;
    let s = rec.starts[i], e = rec.ends[i];
    // A quoted value keeps its spaces (two queues " Sales" and "Sales" stay two); an unquoted one is trimmed.
    if ((flags & 2) === 0) {
      while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
      while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
    }
    const n = e - s;
    const table = this.internBytes;
    outer: for (let k = 0; k < table.length; k++) {
      const t = table[k];
      if (t.length !== n) continue;
      for (let j = 0; j < n; j++) if (t[j] !== b[s + j]) continue outer;
      return this.internText[k];
    }
    const text = rec.text(i);
    if (table.length >= 64) this.interning = false;
    else { table.push(b.slice(s, e)); this.internText.push(text); }
    return text;
  }

  /** The text, undefined when absent, null when a value map has no entry (fail filled). */
  read(rec: CsvRecord, fail: Fail): string | undefined | null {
    let t: string | undefined;
    if (this.constant !== undefined) t = this.constant;
    else if (this.cols.length === 1) {
      const i = this.cols[0].index;
      if (!absentAt(rec, i, this.nulls)) t = this.intern(rec, i);
    } else {
      const parts: string[] = [];
      for (const c of this.cols) if (!absentAt(rec, c.index, this.nulls)) parts.push(rec.text(c.index));
      if (parts.length) t = parts.join(this.join);
    }
    if (t === undefined) return this.fallback ? this.fallback.read(rec, fail) : undefined;
    if (this.values) {
      const m = this.values.get(t) ?? this.values.get(t.toLowerCase());
      if (m !== undefined) return m;
      if (this.otherwise !== undefined) return this.otherwise;
      fail.column = this.cols[0]?.name ?? this.field;
      fail.value = t;
      fail.reason = reason('unknownValue', { field: this.field });
      return null;
    }
    return t;
  }
}

type InstantMode = 'iso' | 'epoch-s' | 'epoch-ms' | 'datetime' | 'split';

class InstantReader extends Reader {
  dateFormat: DateFormat | null;
  constructor(
    field: string,
    readonly mode: InstantMode,
    readonly col: Column,
    readonly timeCol: Column | null,
    readonly dateFormatSource: string | null,
    private readonly nulls: Uint8Array[],
    private readonly century: number | undefined,
    private readonly fallback: InstantReader | null,
  ) {
    super(field);
    try {
      this.dateFormat = dateFormatSource && dateFormatSource !== 'auto' ? compileDateFormat(dateFormatSource) : null;
    } catch (e) {
      // A date format the reader cannot follow fails the mapping with its words (exit 2), never "internal error".
      throw new MappingError(`field "${field}": ${(e as Error).message}`);
    }
  }
  /** The column a person would look at: the time column of a split date + time. */
  get shown(): Column {
    return this.timeCol ?? this.col;
  }
  get auto(): boolean {
    return this.dateFormatSource === 'auto';
  }
  /** Instant (ms), undefined when absent, NaN when bad (fail filled). */
  read(rec: CsvRecord, zone: Zone | null, fail: Fail): number | undefined {
    const i = this.col.index;
    if (absentAt(rec, i, this.nulls) || (this.timeCol && absentAt(rec, this.timeCol.index, this.nulls))) {
      return this.fallback ? this.fallback.read(rec, zone, fail) : undefined;
    }
    const b = rec.buf, s = rec.starts[i], e = rec.ends[i];
    let v: number;
    let err: number = TimeError.Unparseable;
    switch (this.mode) {
      case 'iso':
        v = parseIsoInstant(b, s, e, zone);
        err = lastTimeError;
        break;
      case 'epoch-s':
      case 'epoch-ms': {
        const n = parseNumber(b, s, e);
        v = this.mode === 'epoch-s' ? Math.round(n * 1000) : n;
        break;
      }
      case 'datetime': {
        const fmt = this.resolveFormat(b, s, e);
        const day = fmt ? parseDate(b, s, e, fmt, this.century, true) : NaN;
        v = NaN;
        if (!Number.isNaN(day)) {
          let p = lastDateEnd();
          let end = e;
          while (end > p && (b[end - 1] === 0x20 || b[end - 1] === 0x09)) end--;
          let ms = 0;
          if (p < end) {
            if (b[p] === 0x20 || b[p] === 0x54 || b[p] === 0x09) p++;
            while (p < end && b[p] === 0x20) p++;
            ms = parseTimeWithZone(b, p, end);
          }
          const offset = p < end ? lastClockOffset() : NaN;
          if (ms >= 0 && !Number.isNaN(offset)) v = day * MS_PER_DAY + ms - offset * 60_000;
          else if (ms >= 0) { v = localToInstant(day * MS_PER_DAY + ms, zone); err = lastTimeError; }
        }
        break;
      }
      case 'split': {
        const fmt = this.resolveFormat(b, s, e);
        const day = fmt ? parseDate(b, s, e, fmt, this.century) : NaN;
        const ti = this.timeCol!.index;
        const ms = parseTimeOfDay(b, rec.starts[ti], rec.ends[ti]);
        v = NaN;
        if (Number.isNaN(day)) break;
        if (ms < 0) {
          fail.column = this.timeCol!.name;
          fail.value = rec.text(ti);
          fail.reason = reason('unparseableTime');
          return NaN;
        }
        v = localToInstant(day * MS_PER_DAY + ms, zone);
        err = lastTimeError;
        break;
      }
    }
    if (Number.isNaN(v)) {
      fail.column = this.col.name;
      fail.value = rec.text(i);
      fail.reason = reason(err === TimeError.DstGap ? 'dstGap' : err === TimeError.NoZone ? 'noZone' : 'unparseableTime');
    }
    return v;
  }
  private resolveFormat(b: Uint8Array, s: number, e: number): DateFormat | null {
    if (this.dateFormat) return this.dateFormat;
    // auto: ISO-like dates start with the year; the order of the others must have been decided.
    let p = s;
    while (p < e && b[p] === 0x20) p++;
    let digits = 0;
    while (p + digits < e && b[p + digits] >= 0x30 && b[p + digits] <= 0x39) digits++;
    if (digits === 4) return YMD;
    // A month by name needs no order: "31 Oct 2026" (day first) or "Oct 31, 2026" (month first), after any weekday.
    if (digits === 0 || (p + digits < e && isLetterByte(b[p + digits + 1]))) {
      const named = namedOrder(b, p, e);
      if (named) return named;
    }
    return this.order ? (this.order === 'dmy' ? DMY : MDY) : null;
  }
  order: 'dmy' | 'mdy' | null = null;
  /** Evidence of day/month order in this record: 'dmy', 'mdy', or null when both fit. */
  observeOrder(rec: CsvRecord): 'dmy' | 'mdy' | null {
    const i = this.col.index;
    if (absentAt(rec, i, this.nulls)) return null;
    const g = firstTwoGroups(rec.buf, rec.starts[i], rec.ends[i]);
    if (!g) return null;
    if (g[0] > 12 && g[1] <= 12) return 'dmy';
    if (g[1] > 12 && g[0] <= 12) return 'mdy';
    return null;
  }
  /**
   * The date of this record read both ways, as day numbers ([dmy, mdy]), for the span rule; null when the
   * value is no a/b/year date.
   */
  bothOrders(rec: CsvRecord): [number, number] | null {
    const i = this.col.index;
    if (absentAt(rec, i, this.nulls)) return null;
    const g = firstTwoGroups(rec.buf, rec.starts[i], rec.ends[i]);
    if (!g) return null;
    const y = g[2] < 100 ? expandYear(g[2], this.century) : g[2];
    return [daysFromCivil(y, g[1], g[0]), daysFromCivil(y, g[0], g[1])];
  }
}
const YMD = compileDateFormat('yyyy-mm-dd');
const DMY_NAMED = compileDateFormat('dd mmm yyyy');
const MDY_NAMED = compileDateFormat('mmm dd yyyy');
const isLetterByte = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const WEEKDAY_PREFIXES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The named-month format of a date span: month first when its first word (after a weekday) is letters. */
function namedOrder(b: Uint8Array, s: number, e: number): DateFormat | null {
  let i = s;
  const word = () => { const w0 = i; while (i < e && isLetterByte(b[i])) i++; return String.fromCharCode(...b.subarray(w0, i)).toLowerCase(); };
  let w = word();
  if (w && WEEKDAY_PREFIXES.includes(w.slice(0, 3))) {
    while (i < e && (b[i] === 0x2c || b[i] === 0x20)) i++;
    w = word();
  }
  if (w) return MDY_NAMED;
  // Digits, a separator, then letters: day first.
  while (i < e && b[i] >= 0x30 && b[i] <= 0x39) i++;
  while (i < e && (b[i] === 0x20 || b[i] === 0x2d || b[i] === 0x2f || b[i] === 0x2e)) i++;
  return i < e && isLetterByte(b[i]) ? DMY_NAMED : null;
}
const DMY = compileDateFormat('dd/mm/yyyy');
const MDY = compileDateFormat('mm/dd/yyyy');

class NumberReader extends Reader {
  constructor(
    field: string,
    readonly col: Column,
    private readonly unit: DurationUnit | null,
    private readonly comma: boolean,
    private readonly nulls: Uint8Array[],
    private readonly fallback: NumberReader | null,
  ) {
    super(field);
  }
  read(rec: CsvRecord, fail: Fail): number | undefined {
    const i = this.col.index;
    if (absentAt(rec, i, this.nulls)) return this.fallback ? this.fallback.read(rec, fail) : undefined;
    const v = this.unit
      ? parseDuration(rec.buf, rec.starts[i], rec.ends[i], this.unit, this.comma)
      : parseNumber(rec.buf, rec.starts[i], rec.ends[i], this.comma);
    if (Number.isNaN(v)) {
      fail.column = this.col.name;
      fail.value = rec.text(i);
      fail.reason = reason(this.unit ? 'unparseableDuration' : 'notANumber');
    }
    return v;
  }
}

class FlagReader extends Reader {
  constructor(
    field: string,
    readonly col: Column,
    private readonly nulls: Uint8Array[],
    private readonly values: Map<string, boolean> | null,
  ) {
    super(field);
  }
  /** 1 / 0, undefined when absent, −1 when not a flag (fail filled). */
  read(rec: CsvRecord, fail: Fail): number | undefined {
    const i = this.col.index;
    if (absentAt(rec, i, this.nulls)) return undefined;
    let f: number;
    if (this.values) {
      const t = rec.text(i);
      const m = this.values.get(t) ?? this.values.get(t.toLowerCase());
      f = m === undefined ? parseFlag(rec.buf, rec.starts[i], rec.ends[i]) : m ? 1 : 0;
    } else f = parseFlag(rec.buf, rec.starts[i], rec.ends[i]);
    if (f < 0) {
      fail.column = this.col.name;
      fail.value = rec.text(i);
      fail.reason = reason('notYesNo');
    }
    return f;
  }
}

const normalize = normalizeName;

export interface ContactReaderOptions {
  mapping: Mapping;
  /** The header's names; without a header, names are "1", "2", …. */
  header: string[];
  /** Zone of timestamps without one. */
  inputZone: Zone | null;
  /** Text fields the consumer does not need (not read at all, left undefined). */
  skip?: readonly ('id' | 'channel' | 'tier' | 'agent' | 'customer')[];
  /** Ids seen so far, shared by the files of one dataset so that overlapping exports are not counted twice. */
  ids?: IdSet;
}

/**
 * A record whose fields do not fit the header but which another delimiter splits into as many fields: the
 * file changed its delimiter here (said with the line). Quotes aside, a rough count suffices to name it.
 */
function otherDelimiter(rec: CsvRecord, columns: number): string | null {
  if (rec.count === 0 || columns < 2) return null;
  const b = rec.buf;
  const s = Math.max(0, rec.starts[0] - 1), e = rec.ends[rec.count - 1];
  const counts = new Map<number, number>([[0x2c, 0], [0x3b, 0], [0x09, 0], [0x7c, 0]]);
  let quoted = false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  for (const [c, n] of counts) if (n === columns - 1 && rec.count === 1) return c === 0x09 ? 'tab' : String.fromCharCode(c);
  return null;
}

/**
 * Whether a cell holds one of the values (lowercased): the whole cell, or one item of a comma-separated list
 * (a tag column such as "abandoned,inbound,missed" holds "abandoned"). "*" matches any non-blank cell.
 */
function matchesValue(text: string, values: Set<string>): boolean {
  const t = text.trim().toLowerCase();
  if (values.has(t) || (t !== '' && values.has('*'))) return true;
  if (!t.includes(',')) return false;
  for (const item of t.split(',')) if (values.has(item.trim())) return true;
  return false;
}

/** A compiled mapping: reads records into a reused Contact. */
export class ContactReader {
  readonly contact: Contact = { id: '', queue: '', arrived: 0, outcome: 'answered' };
  readonly fail = new Fail();
  /** Reason when a record is counted apart. */
  apartReason: Said<ReasonCode> = reason('neverQueued');
  readonly columnCount: number;
  private readonly byName = new Map<string, number>();
  private readonly text: Partial<Record<ContactField, TextReader>> = {};
  private readonly instants: Partial<Record<'arrived' | 'answered' | 'ended', InstantReader>> = {};
  private readonly numbers: Partial<Record<'wait' | 'talk' | 'hold' | 'wrap' | 'csat' | 'nps' | 'qa', NumberReader>> = {};
  private readonly flags: Partial<Record<'resolved' | 'transferred' | 'answeredFlag' | 'abandonedFlag' | 'flowoutFlag', FlagReader>> = {};
  private readonly apart: { col: Column; values: Set<string>; reason: Said<ReasonCode> }[] = [];
  private readonly outcomeWhen: { col: Column; values: Set<string>; outcome: Outcome }[] = [];
  private readonly answerTimeFirst: boolean;
  private readonly zone: Zone | null;
  private readonly seen: IdSet;
  private readonly neverQueuedApart: boolean;
  /** Answered contacts without a queue entry (wait 0): they lift the service level, so they are counted. */
  answeredWithoutQueueing = 0;
  private readonly hasId: boolean;
  /** Column of a plain single-column id, checked for duplicates on its bytes; -1 otherwise. */
  private readonly idColumn: number = -1;
  private readonly keepId: boolean;
  private autoId = 0;

  constructor(opts: ContactReaderOptions) {
    const { mapping, header } = opts;
    this.zone = opts.inputZone;
    this.columnCount = header.length;
    header.forEach((h, i) => {
      if (!this.byName.has(h)) this.byName.set(h, i);
      const n = normalize(h);
      if (!this.byName.has('\u0000' + n)) this.byName.set('\u0000' + n, i);
    });
    this.answerTimeFirst = mapping.outcomeRule === 'answer-time-first';
    this.seen = opts.ids ?? new IdSet();
    this.neverQueuedApart = mapping.neverQueued === 'counted-apart';
    const century = mapping.century;
    const f = mapping.fields;
    for (const name of ['id', 'queue', 'channel', 'tier', 'agent', 'customer', 'outcome'] as const) {
      const s = specOf(f[name]);
      if (s && (name === 'id' || !(opts.skip as readonly string[] | undefined)?.includes(name))) this.text[name] = this.textReader(name, s);
    }
    for (const name of ['arrived', 'answered', 'ended'] as const) {
      const s = specOf(f[name]);
      if (s) this.instants[name] = this.instantReader(name, s, century);
    }
    for (const name of ['wait', 'talk', 'hold', 'wrap'] as const) {
      const s = specOf(f[name]);
      if (s) this.numbers[name] = this.numberReader(name, s, s.unit ?? 's');
    }
    for (const name of ['csat', 'nps', 'qa'] as const) {
      const s = specOf(f[name]);
      if (s) this.numbers[name] = this.numberReader(name, s, null);
    }
    for (const name of ['resolved', 'transferred', 'answeredFlag', 'abandonedFlag', 'flowoutFlag'] as const) {
      const s = specOf(f[name]);
      if (s) {
        const values = s.values ? new Map(Object.entries(s.values).flatMap(([k, v]) => {
          const yes = /^(y|yes|true|1)$/i.test(v);
          return [[k, yes], [k.toLowerCase(), yes]] as [string, boolean][];
        })) : null;
        this.flags[name] = new FlagReader(name, this.column(s.column, name), this.nulls(s), values);
      }
    }
    for (const r of mapping.countedApart ?? []) {
      this.apart.push({ col: this.column(r.column, 'countedApart'), values: new Set(r.values.map((v) => v.toLowerCase())), reason: r.reason === REASONS.outbound ? reason('outbound') : reason('mappingRule', { text: r.reason }) });
    }
    for (const r of mapping.outcomeWhen ?? []) {
      if (!OUTCOME_VALUES.includes(r.outcome)) throw new MappingError(`outcomeWhen: "${r.outcome}" is no outcome (expected ${OUTCOME_VALUES.join(', ')})`);
      this.outcomeWhen.push({ col: this.column(r.column, 'outcomeWhen'), values: new Set(r.values.map((v) => v.toLowerCase())), outcome: r.outcome });
    }
    this.hasId = this.text.id !== undefined;
    const idSpec = specOf(f.id);
    if (idSpec && idSpec.column !== undefined && !idSpec.values && !idSpec.fallback && !idSpec.null) this.idColumn = this.text.id!.cols[0].index;
    this.keepId = !opts.skip?.includes('id');
    if (!this.text.queue) throw new MappingError('the mapping names no queue column');
    if (!this.instants.arrived) throw new MappingError('the mapping names no arrival time (arrived)');
  }

  /** Rejects a row whose name is past the bound (docs/mapping.md "Bounds"), showing its start. */
  private tooLong(field: 'queue' | 'channel' | 'tier' | 'agent' | 'customer', v: string): ReadResult {
    return this.reject(this.text[field]?.cols[0]?.name ?? field, v.slice(0, 40) + '…', reason('valueTooLong', { field, chars: MAX_VALUE_CHARS }));
  }

  /** Resolves a column by exact name, then by normalized name, then as a 1-based number. */
  column(name: string | undefined, field: string): Column {
    if (name === undefined) throw new MappingError(`field "${field}" names no column`);
    let i = this.byName.get(name) ?? this.byName.get('\u0000' + normalize(name));
    if (i === undefined && /^\d+$/.test(name) && +name >= 1 && +name <= this.columnCount) i = +name - 1;
    if (i === undefined) throw new MappingError(`column "${name}" (for ${field}) is not in the file's header`);
    return { index: i, name };
  }

  private nulls(s: FieldSpec): Uint8Array[] {
    return (s.null ?? []).map((v) => encoder.encode(v));
  }

  private textReader(field: string, s: FieldSpec): TextReader {
    const cols = s.const !== undefined ? [] : (s.columns ?? [s.column]).map((c) => this.column(c, field));
    let values: Map<string, string> | null = null;
    if (s.values) {
      values = new Map();
      for (const [k, v] of Object.entries(s.values)) { values.set(k, v); values.set(k.toLowerCase(), v); }
    }
    if (field === 'outcome' && !values && s.const === undefined) {
      // Without a value map the column must hold the outcome names themselves (any case).
      values = new Map(OUTCOME_VALUES.map((o) => [o, o]));
    }
    if (field === 'outcome') {
      for (const v of [...(values?.values() ?? []), ...(s.otherwise ? [s.otherwise] : [])]) {
        if (!OUTCOME_VALUES.includes(v as Outcome)) throw new MappingError(`outcome value map: "${v}" is no outcome (expected ${OUTCOME_VALUES.join(', ')})`);
      }
    }
    const fb = s.fallback ? this.textReader(field, specOf(s.fallback)!) : null;
    return new TextReader(field, cols, s.join ?? '-', s.const, this.nulls(s), values, s.otherwise, fb);
  }

  private instantReader(field: string, s: FieldSpec, century: number | undefined): InstantReader {
    const fb = s.fallback ? this.instantReader(field, specOf(s.fallback)!, century) : null;
    if (s.date !== undefined) {
      return new InstantReader(field, 'split', this.column(s.date, field), this.column(s.time, field), s.dateFormat ?? 'auto', this.nulls(s), century, fb);
    }
    const mode = s.format ?? 'iso';
    return new InstantReader(field, mode, this.column(s.column, field), null, mode === 'datetime' ? s.dateFormat ?? 'auto' : null, this.nulls(s), century, fb);
  }

  private numberReader(field: string, s: FieldSpec, unit: DurationUnit | null): NumberReader {
    const fb = s.fallback ? this.numberReader(field, specOf(s.fallback)!, unit) : null;
    return new NumberReader(field, this.column(s.column, field), unit, s.decimalComma ?? false, this.nulls(s), fb);
  }

  /** Instant readers whose day/month order must be decided from the data first. */
  autoDateReaders(): InstantReader[] {
    const out: InstantReader[] = [];
    for (const r of Object.values(this.instants)) for (let x: InstantReader | null = r; x; x = (x as any).fallback) if (x.auto) out.push(x);
    return out;
  }

  setDayMonthOrder(order: 'dmy' | 'mdy'): void {
    for (const r of this.autoDateReaders()) r.order = order;
  }

  private outOfRange(r: InstantReader, rec: CsvRecord): ReadResult {
    return this.reject(r.shown.name, rec.text(r.shown.index), reason('timeOutOfRange'));
  }

  /** A non-negative duration, undefined when absent, null when rejected (fail filled). */
  private duration(r: NumberReader | undefined, rec: CsvRecord): number | undefined | null {
    if (!r) return undefined;
    const v = r.read(rec, this.fail);
    if (v === undefined) return undefined;
    if (Number.isNaN(v)) return null;
    if (v < 0) { this.reject(r.col.name, rec.text(r.col.index), reason('negativeDuration')); return null; }
    if (v > MAX_DURATION) { this.reject(r.col.name, rec.text(r.col.index), reason('implausibleDuration')); return null; }
    return v;
  }

  /** A score within [lo, hi], undefined when absent, null when rejected. */
  private score(r: NumberReader | undefined, rec: CsvRecord, lo: number, hi: number): number | undefined | null {
    if (!r) return undefined;
    const v = r.read(rec, this.fail);
    if (v === undefined) return undefined;
    if (Number.isNaN(v)) return null;
    if (!(v >= lo && v <= hi)) { this.reject(r.col.name, rec.text(r.col.index), reason('scoreOutOfRange', { field: r.field, lo, hi })); return null; }
    return v;
  }

  private reject(column: string | null, value: string | null, reason: Said<ReasonCode>): ReadResult {
    this.fail.column = column;
    this.fail.value = value;
    this.fail.reason = reason;
    return REJECTED;
  }

  /** Reads a record into `this.contact`. */
  read(rec: CsvRecord): ReadResult {
    const fail = this.fail;
    if (rec.malformed) return this.reject(null, null, rec.malformed);
    if (rec.count !== this.columnCount) {
      const other = otherDelimiter(rec, this.columnCount);
      if (other) return this.reject(null, null, reason('delimiterChanged', { delimiter: other }));
      return this.reject(null, null, reason('fieldCount', { count: rec.count, columns: this.columnCount }));
    }
    let empty = true;
    for (let i = 0; i < rec.count && empty; i++) if (!isBlank(rec.buf, rec.starts[i], rec.ends[i])) empty = false;
    if (empty) return this.reject(null, null, reason('emptyRow'));
    for (const a of this.apart) {
      if (matchesValue(rec.text(a.col.index), a.values)) { this.apartReason = a.reason; return APART; }
    }
    let ruled: Outcome | undefined;
    for (const w of this.outcomeWhen) {
      if (matchesValue(rec.text(w.col.index), w.values)) { ruled = w.outcome; break; }
    }
    const c = this.contact;
    const T = this.text, I = this.instants, N = this.numbers, FL = this.flags;

    // Text fields
    let id: string | undefined | null = '';
    const idCol = this.idColumn;
    if (idCol >= 0) {
      if (isBlank(rec.buf, rec.starts[idCol], rec.ends[idCol])) return this.reject(T.id!.cols[0].name, '', reason('missingId'));
      if (this.keepId) id = rec.text(idCol);
    } else if (this.hasId) {
      id = T.id!.read(rec, fail);
      if (id === null) return REJECTED;
      if (id === undefined) return this.reject(T.id!.cols[0]?.name ?? 'id', '', reason('missingId'));
    }
    const queue = T.queue!.read(rec, fail);
    if (queue === null) return REJECTED;
    let outcomeText: string | undefined | null = undefined;
    if (ruled !== undefined) outcomeText = ruled;
    else if (T.outcome) {
      outcomeText = T.outcome.read(rec, fail);
      if (outcomeText === null) return REJECTED;
    }
    // Straight-line per field: this runs once per row, so no per-row arrays or destructuring.
    const channel = T.channel ? T.channel.read(rec, fail) : undefined;
    if (channel === null) return REJECTED;
    const tier = T.tier ? T.tier.read(rec, fail) : undefined;
    if (tier === null) return REJECTED;
    const agent = T.agent ? T.agent.read(rec, fail) : undefined;
    if (agent === null) return REJECTED;
    const customer = T.customer ? T.customer.read(rec, fail) : undefined;
    if (customer === null) return REJECTED;
    // A name or id past the bound rejects its row (docs/mapping.md "Bounds"), never the file.
    if (id !== undefined && id !== null && id.length > MAX_VALUE_CHARS) return this.reject(T.id?.cols[0]?.name ?? 'id', id.slice(0, 40) + '…', reason('valueTooLong', { field: 'id', chars: MAX_VALUE_CHARS }));
    // (five plain checks: this runs once per row, so no array of pairs is built for it)
    if (queue !== undefined && queue.length > MAX_VALUE_CHARS) return this.tooLong('queue', queue);
    if (channel !== undefined && channel.length > MAX_VALUE_CHARS) return this.tooLong('channel', channel);
    if (tier !== undefined && tier.length > MAX_VALUE_CHARS) return this.tooLong('tier', tier);
    if (agent !== undefined && agent.length > MAX_VALUE_CHARS) return this.tooLong('agent', agent);
    if (customer !== undefined && customer.length > MAX_VALUE_CHARS) return this.tooLong('customer', customer);
    c.channel = channel;
    c.tier = tier;
    c.agent = agent;
    c.customer = customer;

    // Instants
    const zone = this.zone;
    let arrived = I.arrived!.read(rec, zone, fail);
    if (Number.isNaN(arrived)) return REJECTED;
    const answered = I.answered ? I.answered.read(rec, zone, fail) : undefined;
    if (Number.isNaN(answered)) return REJECTED;
    const ended = I.ended ? I.ended.read(rec, zone, fail) : undefined;
    if (Number.isNaN(ended)) return REJECTED;
    if (arrived !== undefined && !(arrived >= MIN_TIME && arrived < MAX_TIME)) return this.outOfRange(I.arrived!, rec);
    if (answered !== undefined && !(answered >= MIN_TIME && answered < MAX_TIME)) return this.outOfRange(I.answered!, rec);
    if (ended !== undefined && !(ended >= MIN_TIME && ended < MAX_TIME)) return this.outOfRange(I.ended!, rec);

    // Durations and scores
    const wait = N.wait ? N.wait.read(rec, fail) : undefined;
    if (Number.isNaN(wait)) return REJECTED;
    if (wait !== undefined && wait < 0) return this.reject(N.wait!.col.name, rec.text(N.wait!.col.index), reason('negativeDuration'));
    if (wait !== undefined && wait > MAX_DURATION) return this.reject(N.wait!.col.name, rec.text(N.wait!.col.index), reason('implausibleDuration'));
    const talk = this.duration(N.talk, rec);
    if (talk === null) return REJECTED;
    c.talk = talk;
    const hold = this.duration(N.hold, rec);
    if (hold === null) return REJECTED;
    c.hold = hold;
    const wrap = this.duration(N.wrap, rec);
    if (wrap === null) return REJECTED;
    c.wrap = wrap;
    const csat = this.score(N.csat, rec, 1, 5);
    if (csat === null) return REJECTED;
    c.csat = csat;
    const nps = this.score(N.nps, rec, 0, 10);
    if (nps === null) return REJECTED;
    c.nps = nps;
    const qa = this.score(N.qa, rec, 0, 100);
    if (qa === null) return REJECTED;
    c.qa = qa;
    const resolved = FL.resolved ? FL.resolved.read(rec, fail) : undefined;
    if (resolved === -1) return REJECTED;
    c.resolved = resolved === undefined ? undefined : resolved === 1;
    const transferred = FL.transferred ? FL.transferred.read(rec, fail) : undefined;
    if (transferred === -1) return REJECTED;
    c.transferred = transferred === undefined ? undefined : transferred === 1;
    const answeredFlag = FL.answeredFlag ? FL.answeredFlag.read(rec, fail) : undefined;
    if (answeredFlag === -1) return REJECTED;
    const abandonedFlag = FL.abandonedFlag ? FL.abandonedFlag.read(rec, fail) : undefined;
    if (abandonedFlag === -1) return REJECTED;
    const flowoutFlag = FL.flowoutFlag ? FL.flowoutFlag.read(rec, fail) : undefined;
    if (flowoutFlag === -1) return REJECTED;

    // Outcome (docs/metrics.md §1)
    let outcome: Outcome | undefined;
    const hasAnswer = answered !== undefined;
    if (this.answerTimeFirst && hasAnswer) outcome = 'answered';
    if (!outcome && outcomeText !== undefined) outcome = outcomeText as Outcome;
    if (!outcome && flowoutFlag === 1) outcome = 'flowout';
    if (!outcome && abandonedFlag !== undefined) outcome = abandonedFlag === 1 ? 'abandoned' : answeredFlag === 0 ? undefined : 'answered';
    if (!outcome && answeredFlag !== undefined) outcome = answeredFlag === 1 ? 'answered' : 'abandoned';
    if (!outcome && hasAnswer) outcome = 'answered';
    const flagged = FL.answeredFlag !== undefined || FL.abandonedFlag !== undefined;
    if (!outcome && flagged && T.outcome === undefined && !hasAnswer) {
      const col = (FL.answeredFlag ?? FL.abandonedFlag)!.col;
      return this.reject(col.name, '', reason('noOutcomeFlag'));
    }
    // A blank answer time beside a wait says "not answered"; a wait alone, in a file with no answer time at all,
    // says nothing of the outcome (the row is rejected: no outcome), never an abandon by default.
    if (!outcome && (ended !== undefined || (wait !== undefined && arrived !== undefined && I.answered !== undefined))) outcome = 'abandoned';

    // Queue membership (docs/metrics.md §1). Where the mapping says so (exports in which a blank queue or queue
    // entry means the contact ended in the IVR), such a contact is counted apart; otherwise it is rejected.
    if (queue === undefined) {
      if (this.neverQueuedApart) { this.apartReason = reason('neverQueuedNoQueue'); return APART; }
      return this.reject(T.queue!.cols[0]?.name ?? 'queue', '', reason('missingQueue'));
    }
    if (arrived === undefined) {
      const shown = I.arrived!.shown;
      if (outcome === 'answered' && hasAnswer) {
        arrived = answered;
        this.answeredWithoutQueueing++;
      } else if (this.neverQueuedApart && outcome !== undefined && outcome !== 'answered') {
        this.apartReason = reason('neverQueued');
        return APART;
      } else if (outcome === 'answered') {
        return this.reject(shown.name, rec.text(shown.index), reason('answeredWithoutEntry'));
      } else return this.reject(shown.name, rec.text(shown.index), reason('missingArrival'));
    }
    if (!outcome) return this.reject(null, null, reason('noOutcome'));

    // Wait: a wait column wins over timestamps.
    let w: number | undefined;
    const fromWaitColumn = wait !== undefined;
    if (fromWaitColumn) {
      w = wait;
    } else if (outcome === 'answered') {
      // An export with no wait and no answer time at all (a phone system's call log) answers without a wait:
      // counted, in no SL or ASA (docs/metrics.md §1). Where the file has them, a blank one is missing data.
      if (answered === undefined && (N.wait || I.answered)) return this.reject(N.wait?.col.name ?? I.answered?.shown.name ?? null, '', reason('answeredWithoutTime'));
      if (answered !== undefined) w = (answered - arrived) / 1000;
      if (w !== undefined && w < 0) return this.reject(I.answered!.shown.name, rec.text(I.answered!.shown.index), reason('answeredBeforeArrived'));
    } else if (ended !== undefined) {
      w = (ended - arrived) / 1000;
      if (w < 0) return this.reject(I.ended!.shown.name, rec.text(I.ended!.shown.index), reason('endedBeforeArrived'));
    }
    if (!fromWaitColumn) {
      if (answered !== undefined && ended !== undefined && ended < answered) {
        return this.reject(I.ended!.shown.name, rec.text(I.ended!.shown.index), reason('endedBeforeAnswered'));
      }
      if (answered !== undefined && answered < arrived) return this.reject(I.answered!.shown.name, rec.text(I.answered!.shown.index), reason('answeredBeforeArrived'));
      if (ended !== undefined && ended < arrived) return this.reject(I.ended!.shown.name, rec.text(I.ended!.shown.index), reason('endedBeforeArrived'));
    }

    // Ids: a repeated id in a file is a duplicate (checked last, so a rejected row does not claim its id).
    if (idCol >= 0) {
      const b = rec.buf;
      let s = rec.starts[idCol], e = rec.ends[idCol];
      const flags = rec.escaped[idCol];
      if ((flags & 2) === 0) {
        while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
        while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
      }
      if (e - s > MAX_VALUE_CHARS * 3) return this.reject(T.id!.cols[0].name, rec.text(idCol).slice(0, 40) + '…', reason('valueTooLong', { field: 'id', chars: MAX_VALUE_CHARS }));
      if ((flags & 1) === 0 && !this.seen.add(b, s, e)) return this.reject(T.id!.cols[0].name, rec.text(idCol), reason('duplicateId'));
      if (flags & 1) {
        const bytes = encoder.encode(rec.text(idCol));
        if (!this.seen.add(bytes, 0, bytes.length)) return this.reject(T.id!.cols[0].name, rec.text(idCol), reason('duplicateId'));
      }
    } else if (this.hasId) {
      const bytes = encoder.encode(id!);
      if (!this.seen.add(bytes, 0, bytes.length)) return this.reject(T.id!.cols[0]?.name ?? 'id', id!, reason('duplicateId'));
    } else id = String(++this.autoId);

    c.id = id!;
    c.queue = queue;
    c.arrived = arrived;
    c.outcome = outcome;
    c.wait = w;
    if (outcome === 'answered') {
      c.answered = answered !== undefined && !fromWaitColumn ? answered : arrived + (w ?? 0) * 1000;
      c.ended = ended;
    } else {
      c.answered = undefined;
      c.ended = w !== undefined ? arrived + w * 1000 : ended;
    }
    return ACCEPTED;
  }
}

