/**
 * The mapping from a file's columns to contact fields: the format of `--map mapping.json` (documented in
 * README, schema in schema/mapping.schema.json), and what presets and header detection produce. A mapping
 * is always reported with the result, so a person can confirm it, save it and edit it.
 */
import type { Delimiter } from './csv.js';
import type { DurationUnit } from './values.js';
import type { Outcome } from '../types.js';
import type { MappingNote } from './notes.js';
import { LAYOUT_NAMES } from './layout-names.js';

/** Presets and vendor layouts a mapping file may extend (presets.ts EXTENDABLE, without importing the detection). */
const EXTENDABLE_NAMES: readonly string[] = ['sla-widgets', 'amazon-connect', 'genesys-cloud', 'synonyms', ...LAYOUT_NAMES];

export const CONTACT_FIELDS = [
  'id', 'queue', 'channel', 'tier', 'agent', 'customer',
  'arrived', 'answered', 'ended', 'outcome', 'wait', 'talk', 'hold', 'wrap',
  'resolved', 'csat', 'nps', 'qa', 'transferred',
  'answeredFlag', 'abandonedFlag', 'flowoutFlag',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const TEXT_FIELDS = ['id', 'queue', 'channel', 'tier', 'agent', 'customer', 'outcome'] as const;
export const INSTANT_FIELDS = ['arrived', 'answered', 'ended'] as const;
export const DURATION_FIELDS = ['wait', 'talk', 'hold', 'wrap'] as const;
export const SCORE_FIELDS = ['csat', 'nps', 'qa'] as const;
export const FLAG_FIELDS = ['resolved', 'transferred', 'answeredFlag', 'abandonedFlag', 'flowoutFlag'] as const;

export type InstantFormat = 'iso' | 'epoch-s' | 'epoch-ms' | 'datetime';

/** How one field is read. A bare string is shorthand for `{ "column": … }`. */
export interface FieldSpec {
  /** Header name (or, without a header, the 1-based column number as a string). */
  column?: string;
  /** Several columns joined into one value (an id built from several columns). */
  columns?: string[];
  /** Separator for `columns` (default "-"). */
  join?: string;
  /** A fixed value for every row. */
  const?: string;
  /** Instants split over a date column and a time-of-day column. */
  date?: string;
  time?: string;
  /** Instant format: iso (default; with or without zone), epoch-s, epoch-ms, or datetime (date + time in one column, in dateFormat). */
  format?: InstantFormat;
  /** Date format for `date` or `datetime`: yymmdd, yyyymmdd, dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd, dd.mm.yy …, or auto (day/month order detected from the data). */
  dateFormat?: string;
  /** Duration unit: s (default), ms, min, h:mm:ss. */
  unit?: DurationUnit;
  /** Decimal comma in numbers (semicolon-separated exports). */
  decimalComma?: boolean;
  /** Values that mean "absent" in this column (e.g. 0:00:00, NO_SERVER, 0). Blank is always absent. */
  null?: string[];
  /** Value map, e.g. { "AGENT": "answered", "HANG": "abandoned" } for outcome, { "YES": "Y" } for flags. */
  values?: Record<string, string>;
  /** Value to use for text not in `values` (outcome only; otherwise such a row is rejected). */
  otherwise?: string;
  /** Read this instead when the field is absent. */
  fallback?: FieldSpec | string;
}

export interface CountedApartRule {
  column: string;
  /** Values (case-insensitive) that mark a record that is no queue contact. */
  values: string[];
  reason: string;
}

/**
 * How detection chose a field's column, and how sure it is (docs/mapping.md "Detection"): `layout` a vendor
 * layout or preset recognised by its columns; `name` the whole column name; `words` the name's words
 * (arrived_at, talk_sec); `values` the values alone. High: name and values agree (or a layout); medium: a name
 * with no values in the sample to check it, or its words only; low: values only.
 */
export interface DetectedField {
  field: ContactField | 'date' | 'time';
  column: string;
  by: 'layout' | 'name' | 'words' | 'values';
  confidence: 'high' | 'medium' | 'low';
}

/** A value in a column that decides the outcome, whatever the outcome column says (checked in order). */
export interface OutcomeRule {
  column: string;
  /** Values (any case) that give this outcome; a value also matches one item of a comma-separated cell; "*" any non-blank cell. */
  values: string[];
  outcome: Outcome;
}

export interface Mapping {
  /** The preset this came from, or "custom". */
  preset: string;
  /** csv (default) or queue_log (Asterisk, folded per call). */
  format?: 'csv' | 'queue_log';
  delimiter?: Delimiter;
  /** Physical lines one quoted field may span before a stray quote is assumed (default 100, docs/mapping.md "Bounds"). */
  maxQuotedLines?: number;
  /** Bytes one record may take before it is rejected (default 1 MiB, docs/mapping.md "Bounds"). */
  maxRecordBytes?: number;
  /** Whether the first record is a header (default true). */
  header?: boolean;
  /** Zone of timestamps written without one (default: --input-tz, else the report zone). */
  inputTimeZone?: string;
  /** Day/month order of ambiguous dates when a dateFormat is auto. */
  dayMonthOrder?: 'dmy' | 'mdy';
  /** Century for two-digit years (e.g. 1900); default 19yy for yy ≥ 70, else 20yy. */
  century?: number;
  /**
   * outcome-first (default): the outcome column decides, then flags, then timestamps.
   * answer-time-first: an answer time (or agent connect) means answered whatever the outcome column says
   * (Amazon Connect's DisconnectReason describes answered contacts too).
   */
  outcomeRule?: 'outcome-first' | 'answer-time-first';
  /**
   * What a row without a queue or a queue entry (and no answer) is: "reject" (default: the data is missing)
   * or "counted-apart" (the export leaves them blank for contacts that ended in the IVR).
   */
  neverQueued?: 'reject' | 'counted-apart';
  /** Records that are valid but no queue contact, counted apart with their reason. */
  countedApart?: CountedApartRule[];
  /** Outcomes decided by a value in another column (a voicemail flag, a tag list), before the outcome field. */
  outcomeWhen?: OutcomeRule[];
  fields: Partial<Record<ContactField, FieldSpec | string>>;
  /** What the data can and cannot support, said to the person reading the report. */
  /** What the kit says about reading the file with this mapping (its own notes as data), and the author's own. */
  notes?: MappingNote[];
  /** How detection chose each field (absent in a mapping written by hand; ignored when a mapping file has it). */
  detected?: DetectedField[];
}

export const OUTCOME_VALUES: readonly Outcome[] = ['answered', 'abandoned', 'flowout', 'callback', 'voicemail'];

/** Validates a mapping document (from a file) and returns it typed, or throws with the bad field named. */
/** How far a mapping may raise the reader's bounds: a million lines in one quoted field, 256 MiB in one record. */
export const MAX_QUOTED_LINES_LIMIT = 1_000_000;
export const MAX_RECORD_BYTES_LIMIT = 256 << 20;

export function validateMapping(doc: unknown, source = 'mapping'): Mapping {
  const fail = (where: string, what: string): never => {
    throw new Error(`${source}: ${where} ${what}`);
  };
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) fail('', 'must be a JSON object with "fields"');
  const m = doc as Record<string, unknown>;
  const allowed = ['$schema', 'preset', 'format', 'delimiter', 'maxQuotedLines', 'maxRecordBytes', 'header', 'inputTimeZone', 'dayMonthOrder', 'century', 'outcomeRule', 'neverQueued', 'countedApart', 'outcomeWhen', 'fields', 'notes', 'detected'];
  for (const k of Object.keys(m)) if (!allowed.includes(k)) fail(`"${k}"`, `is not a mapping setting (expected ${allowed.slice(1).join(', ')})`);
  if (m.format !== undefined && m.format !== 'csv' && m.format !== 'queue_log') fail('"format"', 'must be "csv" or "queue_log"');
  if (m.delimiter !== undefined && ![',', ';', '\t', '|'].includes(m.delimiter as string)) fail('"delimiter"', 'must be one of , ; \\t |');
  const whole = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  if (m.maxQuotedLines !== undefined && !whole(m.maxQuotedLines, 1, MAX_QUOTED_LINES_LIMIT)) fail('"maxQuotedLines"', `must be a whole number from 1 to ${MAX_QUOTED_LINES_LIMIT.toLocaleString('en')}`);
  if (m.maxRecordBytes !== undefined && !whole(m.maxRecordBytes, 1024, MAX_RECORD_BYTES_LIMIT)) fail('"maxRecordBytes"', `must be a whole number of bytes from 1024 to ${MAX_RECORD_BYTES_LIMIT.toLocaleString('en')} (256 MiB)`);
  if (m.header !== undefined && typeof m.header !== 'boolean') fail('"header"', 'must be true or false');
  if (m.dayMonthOrder !== undefined && m.dayMonthOrder !== 'dmy' && m.dayMonthOrder !== 'mdy') fail('"dayMonthOrder"', 'must be "dmy" or "mdy"');
  if (m.century !== undefined && (typeof m.century !== 'number' || m.century % 100 !== 0)) fail('"century"', 'must be a multiple of 100, e.g. 1900');
  if (m.outcomeRule !== undefined && m.outcomeRule !== 'outcome-first' && m.outcomeRule !== 'answer-time-first') fail('"outcomeRule"', 'must be "outcome-first" or "answer-time-first"');
  if (m.inputTimeZone !== undefined && typeof m.inputTimeZone !== 'string') fail('"inputTimeZone"', 'must be an IANA zone name');
  if (m.neverQueued !== undefined && m.neverQueued !== 'reject' && m.neverQueued !== 'counted-apart') fail('"neverQueued"', 'must be "reject" or "counted-apart"');
  if (m.countedApart !== undefined) {
    if (!Array.isArray(m.countedApart)) fail('"countedApart"', 'must be a list of { column, values, reason }');
    (m.countedApart as unknown[]).forEach((r, i) => {
      const o = r as Record<string, unknown>;
      if (!o || typeof o.column !== 'string') fail(`"countedApart[${i}].column"`, 'must be a column name');
      if (!Array.isArray(o.values) || !o.values.every((x) => typeof x === 'string')) fail(`"countedApart[${i}].values"`, 'must be a list of strings');
      if (typeof o.reason !== 'string' || !o.reason) fail(`"countedApart[${i}].reason"`, 'must say why such records are no queue contact');
    });
  }
  if (m.outcomeWhen !== undefined) {
    if (!Array.isArray(m.outcomeWhen)) fail('"outcomeWhen"', 'must be a list of { column, values, outcome }');
    (m.outcomeWhen as unknown[]).forEach((r, i) => {
      const o = r as Record<string, unknown>;
      if (!o || typeof o.column !== 'string') fail(`"outcomeWhen[${i}].column"`, 'must be a column name');
      if (!Array.isArray(o.values) || !o.values.every((x) => typeof x === 'string')) fail(`"outcomeWhen[${i}].values"`, 'must be a list of strings');
      if (!(OUTCOME_VALUES as readonly unknown[]).includes(o.outcome)) fail(`"outcomeWhen[${i}].outcome"`, `must be one of ${OUTCOME_VALUES.join(', ')}`);
    });
  }
  const extendsPreset = typeof m.preset === 'string' && EXTENDABLE_NAMES.includes(m.preset);
  const queueLog = m.format === 'queue_log';
  if (m.fields === undefined && (extendsPreset || queueLog)) m.fields = {};
  if (!m.fields || typeof m.fields !== 'object' || Array.isArray(m.fields)) fail('"fields"', `must be an object of field → column (or name a preset to extend: ${EXTENDABLE_NAMES.join(', ')})`);
  const fields = m.fields as Record<string, unknown>;
  for (const [name, spec] of Object.entries(fields)) {
    if (!(CONTACT_FIELDS as readonly string[]).includes(name)) fail(`"fields.${name}"`, `is no contact field (expected one of ${CONTACT_FIELDS.join(', ')})`);
    validateSpec(spec, `fields.${name}`, fail);
  }
  if (!extendsPreset && !queueLog) {
    if (!fields.arrived && !fields.answered) fail('"fields"', 'must map "arrived" (when the contact entered the queue)');
    if (!fields.queue) fail('"fields"', 'must map "queue" (a column, or { "const": "Main" } for a single queue)');
  }
  return m as unknown as Mapping;
}

function validateSpec(spec: unknown, where: string, fail: (w: string, what: string) => never, depth = 0): void {
  if (typeof spec === 'string') return;
  // A fallback of a fallback … is read at most 8 deep (a 20,000-deep chain would overflow the stack).
  if (depth > 8) fail(where, 'falls back more than 8 deep');
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) fail(where, 'must be a column name or an object');
  const s = spec as Record<string, unknown>;
  const keys = ['column', 'columns', 'join', 'const', 'date', 'time', 'format', 'dateFormat', 'unit', 'decimalComma', 'null', 'values', 'otherwise', 'fallback'];
  for (const k of Object.keys(s)) if (!keys.includes(k)) fail(`${where}.${k}`, `is not understood (expected ${keys.join(', ')})`);
  const sources = ['column', 'columns', 'const', 'date'].filter((k) => s[k] !== undefined);
  if (sources.length !== 1) fail(where, 'must name exactly one of column, columns, const, or date (+ time)');
  if (s.columns !== undefined && (!Array.isArray(s.columns) || s.columns.length < 1 || !s.columns.every((c) => typeof c === 'string'))) fail(`${where}.columns`, 'must be a list of column names');
  if (s.date !== undefined && typeof s.time !== 'string') fail(`${where}.time`, 'must name the time-of-day column that goes with "date"');
  if (s.format !== undefined && !['iso', 'epoch-s', 'epoch-ms', 'datetime'].includes(s.format as string)) fail(`${where}.format`, 'must be iso, epoch-s, epoch-ms or datetime');
  if (s.unit !== undefined && !['s', 'ms', 'min', 'h:mm:ss'].includes(s.unit as string)) fail(`${where}.unit`, 'must be s, ms, min or h:mm:ss');
  if (s.null !== undefined && (!Array.isArray(s.null) || !s.null.every((x) => typeof x === 'string'))) fail(`${where}.null`, 'must be a list of strings');
  if (s.values !== undefined && (typeof s.values !== 'object' || Array.isArray(s.values))) fail(`${where}.values`, 'must map values to values');
  if (s.dateFormat !== undefined && (typeof s.dateFormat !== 'string' || s.dateFormat.length > 40)) fail(`${where}.dateFormat`, 'must be a date format such as yyyy-mm-dd, dd/mm/yyyy or yymmdd');
  if (s.fallback !== undefined) validateSpec(s.fallback, `${where}.fallback`, fail, depth + 1);
}

export function specOf(s: FieldSpec | string | undefined): FieldSpec | undefined {
  return typeof s === 'string' ? { column: s } : s;
}
