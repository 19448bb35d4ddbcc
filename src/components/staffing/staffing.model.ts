/**
 * <sla-staffing> as data (no DOM): the calculator's fields read and checked, the engine's Erlang C answer for
 * them (requiredAgents / staffingTable from src/engine/erlang — never computed here), the per-interval rows of
 * a source's observed staffing grouped by day, and the chart's geometry. Tested as data; the element draws it.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { max } from 'd3-array';
import { scheduled, staffingTable, trafficErlangs, type StaffingInput, type StaffingResult, type StaffingRow } from '../../engine/erlang/erlang-c.js';
import type { ObservedStaffing } from '../../engine/erlang/observed.js';
import { staffingTableA, type ErlangAFigures } from '../../engine/erlang/erlang-a.js';
import type { StaffingKey } from '../../l10n/staffing.js';

// ---------------------------------------------------------------------------------------------------------------
// The calculator

/** The form's fields, in the order they are shown. */
export const FIELDS = ['contacts', 'aht', 'interval', 'target', 'threshold', 'shrinkage', 'maxOccupancy', 'model', 'patience'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * What the person typed, field by field, as text in the units on screen: contacts, AHT s, interval min,
 * target %, threshold s, shrinkage %, max occupancy % (empty = no cap), the model (erlang-c or erlang-a) and
 * the callers' mean patience s (for erlang-a).
 */
export type FormValues = Record<Field, string>;

export const DEFAULT_VALUES: Readonly<FormValues> = Object.freeze({
  contacts: '120', aht: '240', interval: '15', target: '80', threshold: '20', shrinkage: '30', maxOccupancy: '', model: 'erlang-c', patience: '',
});

/** The staffing models: Erlang C (callers wait for ever) and Erlang A (callers hang up after a mean patience). */
export type StaffingModel = 'erlang-c' | 'erlang-a';
export const MODELS: readonly StaffingModel[] = ['erlang-c', 'erlang-a'];

/** A level's figures; under Erlang A also the share that hangs up. */
export type LevelRow = StaffingRow & { abandonment?: number };

/** Intervals offered in the form's list (minutes); a page may preset another positive length. */
export const INTERVAL_CHOICES: readonly number[] = [15, 30, 60];

/**
 * Most traffic the calculator staffs. requiredAgents searches upward from A + 1 agents, each step O(N), so a
 * mistyped volume (a million contacts) would freeze the page; no single queue and interval needs more.
 */
export const MAX_ERLANGS = 5000;

export interface FieldError {
  key: StaffingKey;
  vars?: Record<string, string | number>;
}

export interface Calculation {
  /** The engine's input, or null when a field is wrong. */
  input: StaffingInput | null;
  /** Which model answered, and the patience it was given (Erlang A). */
  model: StaffingModel;
  patienceSec: number | null;
  /** The engine's answer (null when a field is wrong). */
  result: (StaffingResult & { abandonment?: number }) | null;
  /** Staffing levels from N − 2 to N + 3 (staffingTable), the required one among them. */
  rows: LevelRow[];
  /** What is wrong, per field. */
  errors: Partial<Record<Field, FieldError>>;
}

/** A field's number: null when empty, NaN when not a number. Accepts a decimal comma. */
export function parseField(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const n = Number(/^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s);
  return Number.isFinite(n) ? n : NaN;
}

/**
 * Reads the fields, checks each, and asks the engine. `badInput` names fields whose control holds text that is
 * not a number (a number input reports its value as empty then).
 */
export function calculate(values: FormValues, badInput: ReadonlySet<Field> = new Set()): Calculation {
  const errors: Partial<Record<Field, FieldError>> = {};
  const num = (f: Field, ok: (n: number) => boolean, err: StaffingKey, optional = false): number | null => {
    if (badInput.has(f)) { errors[f] = { key: 'errNotNumber' }; return null; }
    const n = parseField(values[f]);
    if (n === null) { if (!optional) errors[f] = { key: 'errRequired' }; return null; }
    if (Number.isNaN(n)) { errors[f] = { key: 'errNotNumber' }; return null; }
    if (!ok(n)) { errors[f] = { key: err }; return null; }
    return n;
  };
  const contacts = num('contacts', (n) => n >= 0, 'errContacts');
  const aht = num('aht', (n) => n > 0, 'errAht');
  const interval = num('interval', (n) => n > 0, 'errInterval');
  const target = num('target', (n) => n > 0 && n < 100, 'errTarget');
  const threshold = num('threshold', (n) => n >= 0, 'errThreshold');
  const shrinkage = num('shrinkage', (n) => n >= 0 && n < 100, 'errShrinkage');
  const maxOccupancy = num('maxOccupancy', (n) => n > 0 && n <= 100, 'errMaxOccupancy', true);
  const model: StaffingModel = values.model === 'erlang-a' ? 'erlang-a' : 'erlang-c';
  const patience = model === 'erlang-a' ? num('patience', (n) => n > 0, 'errPatience') : null;
  if (contacts !== null && aht !== null && interval !== null) {
    const a = trafficErlangs(contacts, aht, interval * 60);
    if (!(a <= MAX_ERLANGS)) {
      const erlangs = a < 1e9 ? Math.round(a) : a.toExponential(1);
      errors.contacts = { key: 'errTraffic', vars: { erlangs, max: MAX_ERLANGS } };
    }
  }
  if (Object.keys(errors).length) return { input: null, result: null, rows: [], errors, model, patienceSec: patience };
  const input: StaffingInput = {
    contacts: contacts!,
    intervalSec: interval! * 60,
    ahtSec: aht!,
    target: target! / 100,
    thresholdSec: threshold!,
    shrinkage: shrinkage! / 100,
    ...(maxOccupancy !== null ? { maxOccupancy: maxOccupancy / 100 } : {}),
  };
  if (model === 'erlang-a') {
    // Erlang A: the same levels around the required one, each with the share of callers that hangs up.
    const { required: a, rows } = staffingTableA({ ...input, patienceSec: patience! }, 2, 3);
    const level = (f: ErlangAFigures): LevelRow => ({
      agents: f.agents, scheduledAgents: scheduled(f.agents, input.shrinkage ?? 0), serviceLevel: f.serviceLevel, asa: f.asa,
      occupancy: f.occupancy, probabilityOfWaiting: f.probabilityOfWaiting, unbounded: false, abandonment: f.abandonment,
    });
    return { input, result: { ...level(a), trafficErlangs: a.trafficErlangs }, rows: rows.map(level), errors, model, patienceSec: patience };
  }
  const { required, rows } = staffingTable(input, 2, 3);
  return { input, result: required, rows, errors, model, patienceSec: null };
}

/** The same inputs and errors give the same key: a user change that changes nothing fires no event. */
export function calculationKey(c: Calculation): string {
  return JSON.stringify([c.input, c.model, c.patienceSec, Object.entries(c.errors).map(([f, e]) => [f, e!.key])]);
}

/** "80/20" → ['80', '20']; anything else gives its parts as they are (and the fields say what is wrong). */
export function splitSl(sl: string): [string, string] {
  const m = /^\s*([^/]*?)\s*%?\s*\/\s*([^/]*?)\s*s?\s*$/.exec(sl ?? '');
  return m ? [m[1], m[2]] : [String(sl ?? '').trim(), ''];
}

/** A number for a field: at most 6 decimals, no float noise (0.3 × 100 → "30"). */
export function fieldText(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  return Number.isFinite(n) ? String(+n.toFixed(6)) : String(n);
}

/** An attribute that is a fraction (0.3) or a percentage ("30%"), as a fraction; null when empty. */
export function fractionFromAttribute(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const s = value.trim();
  return s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
}

// ---------------------------------------------------------------------------------------------------------------
// Intervals from a source

export interface IntervalRow extends ObservedStaffing {
  /** Local day and time of the interval's start in the data's zone (from the key, e.g. 2026-01-05T09:15-05:00). */
  day: string;
  time: string;
  /** Fewer agents present than required. */
  short: boolean;
}

/** The days the rows cover, in order. */
export function intervalDays(rows: readonly ObservedStaffing[]): string[] {
  return [...new Set(rows.map((r) => r.interval.slice(0, 10)))].sort();
}

/** One day's rows (the last day when `day` is not among them), in time order. */
export function intervalRows(rows: readonly ObservedStaffing[], day: string): IntervalRow[] {
  const days = intervalDays(rows);
  const d = days.includes(day) ? day : days[days.length - 1];
  return rows
    .filter((r) => r.interval.slice(0, 10) === d)
    .map((r) => ({ ...r, day: d, time: r.interval.slice(11, 16), short: r.gap !== null && r.gap < 0 }))
    .sort((a, b) => (a.interval < b.interval ? -1 : a.interval > b.interval ? 1 : 0));
}

/** Whether the data has agent states (present agents known). */
export function hasStates(rows: readonly ObservedStaffing[]): boolean {
  return rows.some((r) => r.presentAgents !== null);
}

export interface ChartBar {
  interval: string;
  x: number;
  y: number;
  width: number;
  height: number;
  short: boolean;
}

export interface ChartGeometry {
  viewBox: string;
  width: number;
  height: number;
  /** Present agents per interval (none without agent states). */
  bars: ChartBar[];
  /** Required agents as a step line across each interval's band ('' when there is nothing to draw). */
  required: string;
  /** Agent counts on the y axis. */
  yTicks: { value: number; y: number }[];
  /** A few interval labels (HH:MM) on the x axis. */
  xTicks: { label: string; x: number }[];
  /** The plot area. */
  plot: { left: number; top: number; right: number; bottom: number };
}

/**
 * Required (a step line) versus present (bars) per interval for one day. Intervals sit side by side in time
 * order (the rows are the intervals that had contacts); under-staffed ones are flagged for their colour.
 */
export function intervalChart(rows: readonly IntervalRow[], size: { width?: number; height?: number } = {}): ChartGeometry {
  const width = size.width ?? 600;
  const height = size.height ?? 160;
  const plot = { left: 32, top: 8, right: width - 8, bottom: height - 20 };
  const x = scaleBand<string>().domain(rows.map((r) => r.interval)).range([plot.left, plot.right]).paddingInner(0.15).paddingOuter(0.05);
  const top = max(rows, (r) => Math.max(r.requiredAgents ?? 0, r.presentAgents ?? 0)) ?? 0;
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice(4).range([plot.bottom, plot.top]);
  const r3 = (v: number) => +v.toFixed(3);
  const bars: ChartBar[] = rows
    .filter((r) => r.presentAgents !== null)
    .map((r) => ({
      interval: r.interval,
      x: r3(x(r.interval)!),
      y: r3(y(r.presentAgents!)),
      width: r3(x.bandwidth()),
      height: r3(plot.bottom - y(r.presentAgents!)),
      short: r.short,
    }));
  // Each interval's required level spans its whole step (from the start of its band to the start of the next).
  const half = (x.step() - x.bandwidth()) / 2;
  const clamp = (v: number) => Math.min(plot.right, Math.max(plot.left, v));
  const points: [number, number | null][] = rows.map((r) => [clamp(x(r.interval)! - half), r.requiredAgents]);
  const last = rows[rows.length - 1];
  if (last) points.push([clamp(x(last.interval)! + x.bandwidth() + half), last.requiredAgents]);
  const path = line<[number, number | null]>()
    .defined((p) => p[1] !== null)
    .x((p) => r3(p[0]))
    .y((p) => r3(y(p[1]!)))
    .curve(curveStepAfter)(points);
  const every = Math.max(1, Math.ceil(rows.length / 8));
  return {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    bars,
    required: rows.some((r) => r.requiredAgents !== null) ? path ?? '' : '',
    yTicks: y.ticks(4).map((v) => ({ value: v, y: r3(y(v)) })),
    xTicks: rows.filter((_, i) => i % every === 0).map((r) => ({ label: r.time, x: r3(x(r.interval)! + x.bandwidth() / 2) })),
    plot,
  };
}
