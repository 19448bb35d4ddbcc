/**
 * The CSV drop's model, as data (no DOM): the mapping editor's rows from a file's head and a Mapping, the
 * edits a person makes (a field's column, how it is written, the date order, the input zone) turned into the
 * Mapping the engine reads, the checks shown inline, and the validation summary's figures.
 *
 * An edited mapping is sent as preset "custom": the engine extends a named preset with the fields a mapping
 * gives (presets.ts `extendPreset`), so a field taken out of a "genesys-cloud" mapping would come back. As
 * "custom" the mapping is read exactly as shown.
 */
import { CONTACT_FIELDS, DURATION_FIELDS, INSTANT_FIELDS, OUTCOME_VALUES, SCORE_FIELDS, specOf, validateMapping, type ContactField, type FieldSpec, type InstantFormat, type Mapping } from '../../engine/ingest/mapping.js';
import type { FileHead } from '../../engine/ingest/inspect.js';
import { reasonText, type ReasonCount } from '../../engine/ingest/reasons.js';
import { note } from '../../engine/ingest/notes.js';
import type { Validation } from '../../engine/ingest/index.js';
import { normalizeName } from '../../engine/ingest/names.js';
import { instantSpec } from '../../engine/ingest/instants.js';

/** The order fields are shown in: what the numbers need first, then the rest. */
export const FIELD_ORDER: readonly ContactField[] = [
  'arrived', 'queue', 'answered', 'ended', 'wait', 'outcome', 'talk', 'hold', 'wrap',
  'id', 'channel', 'agent', 'customer', 'tier',
  'answeredFlag', 'abandonedFlag', 'flowoutFlag', 'transferred', 'resolved', 'csat', 'nps', 'qa',
];

/** Fields the engine cannot read contacts without (ContactReader: a queue and an arrival time). */
export const REQUIRED_FIELDS: readonly ContactField[] = ['arrived', 'queue'];

export type FieldKind = 'instant' | 'duration' | 'score' | 'text' | 'flag';

export function kindOf(field: ContactField): FieldKind {
  if ((INSTANT_FIELDS as readonly string[]).includes(field)) return 'instant';
  if ((DURATION_FIELDS as readonly string[]).includes(field)) return 'duration';
  if ((SCORE_FIELDS as readonly string[]).includes(field)) return 'score';
  if (['resolved', 'transferred', 'answeredFlag', 'abandonedFlag', 'flowoutFlag'].includes(field)) return 'flag';
  return 'text';
}

/** The column select's values: '' not in this file, `c:<index>` a header column, `spec` the mapping's own (date + time, joined columns, a fixed value), `one-queue` a single queue for every contact. */
export type ColumnChoice = '' | `c:${number}` | 'spec' | 'one-queue';

/** How an instant or a duration is written (the "read as" select); '' when the field has no such choice. */
export type ReadAs = '' | InstantFormat | 'split' | 's' | 'ms' | 'min' | 'h:mm:ss';

export const INSTANT_FORMATS: readonly InstantFormat[] = ['iso', 'epoch-s', 'epoch-ms', 'datetime'];
export const DURATION_UNITS = ['s', 'ms', 'min', 'h:mm:ss'] as const;

export interface EditorRow {
  field: ContactField;
  kind: FieldKind;
  required: boolean;
  choice: ColumnChoice;
  /** The columns a `spec` choice reads (for its label), e.g. ["Date", "Time"]. */
  specColumns: string[];
  /** A fixed value (`const`) when the spec has one. */
  constValue: string | null;
  readAs: ReadAs;
  /** A date format other than auto (yymmdd, dd/mm/yyyy …) that goes with readAs datetime or split. */
  dateFormat: string | null;
  /** Settings kept from the detected spec that the editor does not show as controls. */
  extras: { values: Record<string, string> | null; otherwise: string | null; fallback: string | null; nulls: string[]; decimalComma: boolean };
  /** The first non-empty value in the sample rows, as this field would read it (raw text). */
  sample: string;
}

const norm = normalizeName;

/** A column's index in the header: the exact name, else the same letters and digits (as the engine resolves it). */
export function columnIndex(header: readonly string[], name: string | undefined): number {
  if (name === undefined) return -1;
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const n = norm(name);
  return header.findIndex((h) => norm(h) === n);
}

function valuesIn(head: FileHead, col: number): string[] {
  if (col < 0) return [];
  return head.samples.map((r) => (r[col] ?? '').trim()).filter((v) => v !== '');
}

/** The first sample value a spec reads ('' when the rows have none). */
export function sampleOf(spec: FieldSpec | string | undefined, head: FileHead): string {
  const s = specOf(spec);
  if (!s) return '';
  if (s.const !== undefined) return s.const;
  const at = (c: string | undefined) => columnIndex(head.header, c);
  for (const r of head.samples) {
    const get = (c: string | undefined) => { const i = at(c); return i >= 0 ? (r[i] ?? '').trim() : ''; };
    let v = '';
    if (s.date !== undefined) v = [get(s.date), get(s.time)].filter(Boolean).join(' ');
    else if (s.columns) v = s.columns.map(get).filter(Boolean).join(s.join ?? '-');
    else v = get(s.column);
    if (v && !(s.null ?? []).includes(v)) return v;
  }
  const fb = s.fallback ? sampleOf(s.fallback, head) : '';
  return fb;
}

function readAsOf(kind: FieldKind, s: FieldSpec | undefined): ReadAs {
  if (!s) return '';
  if (kind === 'instant') return s.date !== undefined ? 'split' : s.format ?? 'iso';
  if (kind === 'duration') return s.unit ?? 's';
  return '';
}

function describe(spec: FieldSpec | string | undefined): string | null {
  const s = specOf(spec);
  if (!s) return null;
  if (s.column !== undefined) return s.column;
  if (s.columns) return s.columns.join(` ${s.join ?? '-'} `);
  if (s.date !== undefined) return `${s.date} + ${s.time}`;
  if (s.const !== undefined) return JSON.stringify(s.const);
  return null;
}

/** One row per contact field, in FIELD_ORDER, from the mapping being edited and the file's head. */
export function editorRows(mapping: Mapping, head: FileHead): EditorRow[] {
  return FIELD_ORDER.map((field) => {
    const s = specOf(mapping.fields[field]);
    const kind = kindOf(field);
    let choice: ColumnChoice = '';
    let specColumns: string[] = [];
    if (s) {
      const plain = s.column !== undefined && s.columns === undefined && s.const === undefined && s.date === undefined;
      const i = plain ? columnIndex(head.header, s.column) : -1;
      if (i >= 0) choice = `c:${i}`;
      else if (field === 'queue' && s.const === 'all') choice = 'one-queue';
      else {
        choice = 'spec';
        specColumns = s.date !== undefined ? [s.date, s.time ?? ''] : s.columns ?? (s.column !== undefined ? [s.column] : []);
      }
    }
    return {
      field, kind, required: REQUIRED_FIELDS.includes(field), choice, specColumns,
      constValue: s?.const ?? null,
      readAs: readAsOf(kind, s),
      dateFormat: s?.dateFormat && s.dateFormat !== 'auto' ? s.dateFormat : null,
      extras: {
        values: s?.values ?? null, otherwise: s?.otherwise ?? null, fallback: describe(s?.fallback),
        nulls: s?.null ?? [], decimalComma: s?.decimalComma ?? false,
      },
      sample: sampleOf(s, head),
    };
  });
}

/** A fresh mapping for a file nothing maps: the person maps the columns by hand. */
export function blankMapping(head: FileHead): Mapping {
  return { preset: 'custom', ...(head.delimiter ? { delimiter: head.delimiter } : {}), fields: {} };
}

/** The mapping to edit after inspect: the detected one (a copy), else a blank one. */
export function startMapping(head: FileHead): Mapping {
  return head.mapping ? structuredClone(head.mapping) : blankMapping(head);
}

/** How a column of instants is written, guessed from its sample values: the detection's own rule (engine/ingest/presets.ts). */
export function guessInstant(values: string[]): FieldSpec {
  if (!values.length) return {};
  const spec = instantSpec('', values);
  if (typeof spec === 'string') return {};
  const { column: _column, ...how } = spec;
  return how;
}

/** Marks a mapping as edited by hand: preset "custom" (read exactly as given), the detection notes replaced. */
function edited(m: Mapping, from: string): Mapping {
  if (m.preset === 'custom') return m;
  // What detection said of each field no longer holds once the person edits.
  const { detected: _detected, ...rest } = m;
  return { ...rest, preset: 'custom', notes: [note('mappedByHand', { from })] };
}

/**
 * The mapping with one field read from another column (or none, a single queue, or the spec it had). A new
 * column drops what belonged to the old one (value maps, null values, fallbacks) and guesses how the new one
 * is written from the sample rows.
 */
export function withColumn(mapping: Mapping, field: ContactField, choice: ColumnChoice, head: FileHead, original: Mapping | null = null): Mapping {
  const fields = { ...mapping.fields };
  const kind = kindOf(field);
  if (choice === '') delete fields[field];
  else if (choice === 'one-queue') fields[field] = { const: 'all' };
  else if (choice === 'spec') {
    const before = original?.fields[field];
    if (before === undefined) return mapping;
    fields[field] = structuredClone(before);
  } else {
    const col = head.header[+choice.slice(2)];
    if (col === undefined) return mapping;
    const old = specOf(mapping.fields[field]);
    if (old?.column === col && old.columns === undefined && old.date === undefined && old.const === undefined) return mapping;
    const vs = valuesIn(head, +choice.slice(2));
    let spec: FieldSpec = { column: col };
    if (kind === 'instant') spec = { ...spec, ...guessInstant(vs) };
    else if (kind === 'duration') {
      const unit = vs.some((v) => v.includes(':')) ? 'h:mm:ss' : old?.unit && old.unit !== 'h:mm:ss' ? old.unit : undefined;
      if (unit && unit !== 's') spec.unit = unit;
    }
    if ((kind === 'duration' || kind === 'score') && vs.some((v) => /^-?\d+,\d+$/.test(v)) && !vs.some((v) => /^-?\d+\.\d+$/.test(v))) spec.decimalComma = true;
    fields[field] = Object.keys(spec).length === 1 ? col : spec;
  }
  return edited({ ...mapping, fields }, mapping.preset);
}

/** The mapping with how a field is written changed (an instant's format, a duration's unit). */
export function withReadAs(mapping: Mapping, field: ContactField, readAs: ReadAs): Mapping {
  const s = specOf(mapping.fields[field]);
  if (!s || readAs === '' || readAs === 'split') return mapping;
  const next: FieldSpec = { ...s };
  const kind = kindOf(field);
  if (kind === 'instant') {
    if (s.date !== undefined) return mapping;
    if (readAs === 'iso') delete next.format;
    else next.format = readAs as InstantFormat;
    if (readAs === 'datetime') next.dateFormat ??= 'auto';
    else delete next.dateFormat;
  } else if (kind === 'duration') {
    if (readAs === 's') delete next.unit;
    else next.unit = readAs as FieldSpec['unit'];
  } else return mapping;
  if (JSON.stringify(next) === JSON.stringify(s)) return mapping;
  const simple = Object.keys(next).length === 1 && next.column !== undefined;
  return edited({ ...mapping, fields: { ...mapping.fields, [field]: simple ? next.column! : next } }, mapping.preset);
}

/** The mapping with the day/month order of ambiguous dates set ('' = detected from the data). */
export function withDayMonthOrder(mapping: Mapping, order: '' | 'dmy' | 'mdy'): Mapping {
  if ((mapping.dayMonthOrder ?? '') === order) return mapping;
  const next = { ...mapping };
  if (order) next.dayMonthOrder = order;
  else delete next.dayMonthOrder;
  return next;
}

/** The mapping with the zone of timestamps written without one ('' = the source's input zone). */
export function withInputTimeZone(mapping: Mapping, zone: string): Mapping {
  const z = zone.trim();
  if ((mapping.inputTimeZone ?? '') === z) return mapping;
  const next = { ...mapping };
  if (z) next.inputTimeZone = z;
  else delete next.inputTimeZone;
  return next;
}

function instantSpecs(mapping: Mapping): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const f of INSTANT_FIELDS) {
    for (let s = specOf(mapping.fields[f]); s; s = specOf(s.fallback)) out.push(s);
  }
  return out;
}

/** Which date settings apply: the date order when a date's order is left to the data; the zone when some time is written without one. */
export function dateSettings(mapping: Mapping, head: FileHead): { dayMonthOrder: boolean; inputZone: boolean } {
  if (mapping.format === 'queue_log') return { dayMonthOrder: false, inputZone: false };
  const specs = instantSpecs(mapping);
  const dayMonthOrder = specs.some((s) => (s.date !== undefined || s.format === 'datetime') && (s.dateFormat ?? 'auto') === 'auto');
  const inputZone = specs.some((s) => {
    if (s.format === 'epoch-s' || s.format === 'epoch-ms') return false;
    if (s.date !== undefined || s.format === 'datetime') return true;
    const vs = valuesIn(head, columnIndex(head.header, s.column));
    return vs.length === 0 || vs.some((v) => !/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(v));
  });
  return { dayMonthOrder, inputZone };
}

/** The distinct values of a column in the sample rows, most frequent first, with their counts (up to `limit`). */
export function distinctValues(head: FileHead, column: string | undefined, limit = 30): { value: string; count: number }[] {
  const i = columnIndex(head.header, column);
  if (i < 0) return [];
  const counts = new Map<string, number>();
  for (const v of valuesIn(head, i)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, limit);
}

/** What one of the outcome column's values is read as: an outcome, counted apart, or '' (as written). */
export type OutcomeChoice = '' | (typeof OUTCOME_VALUES)[number] | 'apart';

/** The reason a value marked "counted apart" in the page carries (mapping countedApart). */
export const APART_BY_HAND = 'marked in the page as no queue contact';

/** What a value of the outcome column is read as now. */
export function outcomeChoiceOf(mapping: Mapping, value: string): OutcomeChoice {
  const s = specOf(mapping.fields.outcome);
  if (!s?.column) return '';
  const apart = (mapping.countedApart ?? []).some((r) => r.column === s.column && r.values.some((x) => x.toLowerCase() === value.toLowerCase()));
  if (apart) return 'apart';
  const mapped = Object.entries(s.values ?? {}).find(([k]) => k.toLowerCase() === value.toLowerCase())?.[1];
  return (mapped as OutcomeChoice | undefined) ?? '';
}

/**
 * The mapping with one value of the outcome column read as an outcome, counted apart (a countedApart rule on
 * the same column), or as written (''). Values a file spells in its own words ("Missed", "HANG") become
 * outcomes this way.
 */
export function withOutcomeValue(mapping: Mapping, value: string, choice: OutcomeChoice): Mapping {
  const s = specOf(mapping.fields.outcome);
  if (!s?.column) return mapping;
  const values = Object.fromEntries(Object.entries(s.values ?? {}).filter(([k]) => k.toLowerCase() !== value.toLowerCase()));
  if (choice !== '' && choice !== 'apart') values[value] = choice;
  const spec: FieldSpec = { ...s, values };
  if (!Object.keys(values).length) delete spec.values;
  let apart = (mapping.countedApart ?? []).map((r) => (r.column === s.column && r.reason === APART_BY_HAND ? { ...r, values: r.values.filter((x) => x.toLowerCase() !== value.toLowerCase()) } : r));
  if (choice === 'apart') {
    const mine = apart.find((r) => r.column === s.column && r.reason === APART_BY_HAND);
    if (mine) mine.values.push(value);
    else apart.push({ column: s.column, values: [value], reason: APART_BY_HAND });
  }
  apart = apart.filter((r) => r.values.length > 0);
  const next: Mapping = { ...mapping, fields: { ...mapping.fields, outcome: Object.keys(spec).length === 1 ? s.column : spec } };
  if (apart.length) next.countedApart = apart;
  else delete next.countedApart;
  return edited(next, mapping.preset);
}

/** The mapping with the values that mean "blank" in a field's column set ("0:00:00, NO_SERVER"; '' none). */
export function withNulls(mapping: Mapping, field: ContactField, text: string): Mapping {
  const s = specOf(mapping.fields[field]);
  if (!s) return mapping;
  const list = text.split(',').map((v) => v.trim()).filter(Boolean);
  const next: FieldSpec = { ...s };
  if (list.length) next.null = list;
  else delete next.null;
  if (JSON.stringify(next.null ?? []) === JSON.stringify(s.null ?? [])) return mapping;
  const simple = Object.keys(next).length === 1 && next.column !== undefined;
  return edited({ ...mapping, fields: { ...mapping.fields, [field]: simple ? next.column! : next } }, mapping.preset);
}

/**
 * The mapping with an instant read from a date column and a time-of-day column. The field's own column is
 * the date; the time column is the one given (or, the first time, the first other column whose sample values
 * are times of day).
 */
export function withDateAndTime(mapping: Mapping, field: ContactField, head: FileHead, timeColumn?: string): Mapping {
  const s = specOf(mapping.fields[field]);
  const date = s?.date ?? s?.column;
  if (!date || kindOf(field) !== 'instant') return mapping;
  const time = timeColumn ?? s?.time ?? head.header.find((h, i) => h !== date && valuesIn(head, i).length > 0 && valuesIn(head, i).every((v) => /^\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?$/.test(v)));
  if (!time) return mapping;
  const spec: FieldSpec = { date, time, dateFormat: s?.dateFormat && s.dateFormat !== 'auto' ? s.dateFormat : 'auto' };
  if (s?.null) spec.null = s.null;
  return edited({ ...mapping, fields: { ...mapping.fields, [field]: spec } }, mapping.preset);
}

/**
 * A mapping file (the JSON `--map` takes) read for the page: checked by the engine's own validator. The
 * mapping, or the validator's words.
 */
export function mappingFromText(text: string): { mapping: Mapping } | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  try {
    return { mapping: validateMapping(doc) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A mapping as the file `--map` takes (two-space JSON, the kit's own notes left out: they are the kit's to say). */
export function mappingFileText(mapping: Mapping): string {
  const { notes, detected: _detected, ...rest } = mapping;
  const own = (notes ?? []).filter((n) => typeof n === 'string');
  return JSON.stringify({ ...rest, ...(own.length ? { notes: own } : {}) }, null, 2) + '\n';
}

/** Whether a name is an IANA zone this browser knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type CheckCode = 'required' | 'column-missing' | 'outcome-values' | 'zone' | 'engine';

export interface MappingProblem {
  /** The field the problem is about (shown beside its select), or null (shown above the table). */
  field: ContactField | null;
  code: CheckCode;
  /** The engine's words for `engine`, else the column or zone named. */
  detail: string;
}

export interface MappingCheck {
  ok: boolean;
  problems: MappingProblem[];
}

/**
 * Checks the mapping before it is read: `validateMapping` (the engine's check of a mapping file), plus what
 * the engine's reader needs and would only say after the person waited (a queue and an arrival time, every
 * column in the header, outcome values it knows, a zone it knows).
 */
export function checkMapping(mapping: Mapping, head: FileHead): MappingCheck {
  const problems: MappingProblem[] = [];
  const add = (p: MappingProblem) => { if (!problems.some((q) => q.field === p.field && p.field !== null)) problems.push(p); };
  const queueLog = mapping.format === 'queue_log';
  if (!queueLog) {
    for (const f of REQUIRED_FIELDS) if (mapping.fields[f] === undefined) add({ field: f, code: 'required', detail: f });
    if (mapping.header !== false) {
      for (const f of CONTACT_FIELDS) {
        for (let s = specOf(mapping.fields[f]); s; s = specOf(s.fallback)) {
          const cols = s.const !== undefined ? [] : s.date !== undefined ? [s.date, s.time] : s.columns ?? [s.column];
          const missing = cols.find((c) => c === undefined || columnIndex(head.header, c) < 0);
          if (cols.length && (missing !== undefined || cols.includes(undefined))) { add({ field: f, code: 'column-missing', detail: missing ?? '' }); break; }
        }
      }
      for (const r of mapping.countedApart ?? []) {
        if (columnIndex(head.header, r.column) < 0) add({ field: null, code: 'column-missing', detail: r.column });
      }
    }
    const out = specOf(mapping.fields.outcome);
    const bad = out ? [...Object.values(out.values ?? {}), ...(out.otherwise ? [out.otherwise] : [])].find((v) => !(OUTCOME_VALUES as readonly string[]).includes(v)) : undefined;
    if (bad !== undefined) add({ field: 'outcome', code: 'outcome-values', detail: bad });
  }
  if (mapping.inputTimeZone !== undefined && !isTimeZone(mapping.inputTimeZone)) add({ field: null, code: 'zone', detail: mapping.inputTimeZone });
  try {
    validateMapping(structuredClone(mapping));
  } catch (e) {
    const msg = (e as Error).message.replace(/^mapping: /, '');
    const m = /\bfields\.(\w+)/.exec(msg) ?? /must map "(\w+)"/.exec(msg);
    const field = m && (CONTACT_FIELDS as readonly string[]).includes(m[1]) ? (m[1] as ContactField) : null;
    if (!problems.some((p) => p.field !== null && p.field === field)) problems.push({ field, code: 'engine', detail: msg });
  }
  return { ok: problems.length === 0, problems };
}

/** The figures of the validation summary, and the identity they keep. */
export interface SummaryFigures {
  read: number;
  accepted: number;
  rejected: number;
  /** Accepted rows that are valid but no queue contact (part of `accepted`). */
  apart: number;
  /** Contacts taken into the metrics. */
  contacts: number;
  /** rowsRead = rowsAccepted + rowsRejected (always, by the engine's contract). */
  adds: boolean;
  /** Each reason with its count, most frequent first (as data: the page words them). */
  reasons: ReasonCount[];
  apartReasons: ReasonCount[];
  /** Rejections listed (the engine keeps the first 100) against all rejected rows. */
  listed: number;
}

export function summaryOf(v: Validation): SummaryFigures {
  const byCount = (list: ReasonCount[] | undefined) => [...(list ?? [])].sort((a, b) => b.count - a.count || reasonText(a).localeCompare(reasonText(b)));
  return {
    read: v.rowsRead, accepted: v.rowsAccepted, rejected: v.rowsRejected, apart: v.countedApart.total, contacts: v.contacts,
    adds: v.rowsAccepted + v.rowsRejected === v.rowsRead,
    reasons: byCount(v.byCode), apartReasons: byCount(v.countedApart.byCode), listed: v.rejections.length,
  };
}

const sizeFormats = new Map<string, (bytes: number) => string>();

/** A byte count for people: "820 B", "12.4 kB", "3.1 MB", in the locale. */
export function formatBytes(bytes: number, locale: string): string {
  let f = sizeFormats.get(locale);
  if (!f) {
    const make = (unit: string, digits: number) => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits });
    const b = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }), kb = make('kilobyte', 1), mb = make('megabyte', 1), gb = make('gigabyte', 2);
    // Intl spells bytes out ("820 byte"); B is read the same in every language.
    f = (n: number) => (n < 1000 ? `${b.format(n)} B` : n < 1e6 ? kb.format(n / 1e3) : n < 1e9 ? mb.format(n / 1e6) : gb.format(n / 1e9));
    sizeFormats.set(locale, f);
  }
  return f(bytes);
}

/** The name a fetched sample gets: its URL's last path segment. */
export function fileNameOf(url: string): string {
  try {
    const u = new URL(url, 'http://x/');
    return decodeURIComponent(u.pathname.split('/').pop() || '') || 'sample.csv';
  } catch {
    return 'sample.csv';
  }
}
