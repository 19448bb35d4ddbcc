/**
 * Value parsers over byte spans: instants, dates, times of day, durations, numbers and flags.
 * They return NaN (or a negative code) instead of throwing, so a bad value becomes a rejection with a reason.
 */
import { daysFromCivil, daysInMonth, MS_PER_DAY } from '../time/civil.js';
import type { Zone } from '../time/zone.js';

const D0 = 0x30;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;

/** Why the last instant parse failed. */
export const TimeError = { None: 0, Unparseable: 1, DstGap: 2, NoZone: 3 } as const;
export type TimeError = (typeof TimeError)[keyof typeof TimeError];
export let lastTimeError: TimeError = TimeError.None;

function trimStart(b: Uint8Array, s: number, e: number): number {
  while (s < e && isSpace(b[s])) s++;
  return s;
}
function trimEnd(b: Uint8Array, s: number, e: number): number {
  while (e > s && isSpace(b[e - 1])) e--;
  return e;
}

export function isBlank(b: Uint8Array, s: number, e: number): boolean {
  return trimStart(b, s, e) === e;
}

/** A decimal number; `comma` accepts a decimal comma. NaN when not a number. */
export function parseNumber(b: Uint8Array, s: number, e: number, comma = false): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  if (s === e) return NaN;
  let neg = false;
  if (b[s] === 0x2d) { neg = true; s++; } else if (b[s] === 0x2b) s++;
  let v = 0;
  let digits = 0;
  let i = s;
  for (; i < e && isDigit(b[i]); i++) { v = v * 10 + (b[i] - D0); digits++; }
  if (i < e && (b[i] === 0x2e || (comma && b[i] === 0x2c))) {
    i++;
    let scale = 1;
    let frac = 0;
    for (; i < e && isDigit(b[i]); i++) { frac = frac * 10 + (b[i] - D0); scale *= 10; digits++; }
    v += frac / scale;
  }
  if (i < e && (b[i] === 0x65 || b[i] === 0x45)) {
    // Exponent: rare in exports; fall back to the platform parser for exactness.
    let t = '';
    for (let k = s; k < e; k++) t += String.fromCharCode(b[k]);
    const x = Number(t);
    return neg ? -x : x;
  }
  if (i !== e || digits === 0) return NaN;
  return neg ? -v : v;
}

/** Two-digit years: 19yy for yy ≥ 70, else 20yy, unless a century is given (docs/metrics.md §1). */
export function expandYear(yy: number, century?: number): number {
  if (century !== undefined) return century + yy;
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * ISO 8601 / RFC 3339 style date-time: `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]`, or a date alone.
 * Without a zone the wall-clock time is read in `zone` (null when there is none: NoZone).
 * Returns epoch ms, or NaN with lastTimeError set.
 */
export function parseIsoInstant(b: Uint8Array, s: number, e: number, zone: Zone | null): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  lastTimeError = TimeError.Unparseable;
  if (e - s < 10) return NaN;
  if (!(isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]) && isDigit(b[s + 3]) && b[s + 4] === 0x2d)) return NaN;
  const y = (b[s] - D0) * 1000 + (b[s + 1] - D0) * 100 + (b[s + 2] - D0) * 10 + (b[s + 3] - D0);
  if (!isDigit(b[s + 5]) || !isDigit(b[s + 6]) || b[s + 7] !== 0x2d || !isDigit(b[s + 8]) || !isDigit(b[s + 9])) return NaN;
  const mo = (b[s + 5] - D0) * 10 + (b[s + 6] - D0);
  const d = (b[s + 8] - D0) * 10 + (b[s + 9] - D0);
  const dateKey = (y * 100 + mo) * 100 + d;
  let days: number;
  if (dateKey === lastDateKey) days = lastDays;
  else {
    if (!validDate(y, mo, d)) return NaN;
    days = daysFromCivil(y, mo, d);
    lastDateKey = dateKey;
    lastDays = days;
  }
  let i = s + 10;
  let ms = 0;
  if (i < e) {
    if (b[i] !== 0x54 && b[i] !== 0x74 && b[i] !== 0x20) return NaN;
    i++;
    const t = parseClock(b, i, e);
    if (t < 0) return NaN;
    ms = t;
    i = clockEnd;
  }
  const wall = days * MS_PER_DAY + ms;
  if (i === e) return resolveLocal(wall, zone);
  const zc = b[i];
  if ((zc === 0x5a || zc === 0x7a) && i + 1 === e) { lastTimeError = TimeError.None; return wall; }
  if (zc === 0x2b || zc === 0x2d) {
    const sign = zc === 0x2d ? -1 : 1;
    i++;
    if (e - i < 2 || !isDigit(b[i]) || !isDigit(b[i + 1])) return NaN;
    const oh = (b[i] - D0) * 10 + (b[i + 1] - D0);
    i += 2;
    let om = 0;
    if (i < e && b[i] === 0x3a) i++;
    if (i < e) {
      if (e - i !== 2 || !isDigit(b[i]) || !isDigit(b[i + 1])) return NaN;
      om = (b[i] - D0) * 10 + (b[i + 1] - D0);
    }
    if (oh > 23 || om > 59) return NaN;
    lastTimeError = TimeError.None;
    return wall - sign * (oh * 60 + om) * 60000;
  }
  return NaN;
}

/** Rows mostly share their date with the row before: the last valid date and its day number. */
let lastDateKey = -1;
let lastDays = 0;

/** Where the last parseClock stopped. */
let clockEnd = 0;

/**
 * A time of day `H:MM[:SS[.fff]]` (optionally followed by AM/PM) starting at s; stops at a zone designator.
 * Returns ms since midnight (24:00:00 allowed as end of day) or −1.
 */
export function parseClock(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let h = 0, n = 0;
  for (; i < e && isDigit(b[i]) && n < 2; i++, n++) h = h * 10 + (b[i] - D0);
  if (n === 0 || i >= e || b[i] !== 0x3a) return -1;
  i++;
  if (e - i < 2 || !isDigit(b[i]) || !isDigit(b[i + 1])) return -1;
  const mi = (b[i] - D0) * 10 + (b[i + 1] - D0);
  i += 2;
  let sec = 0;
  let ms = 0;
  if (i < e && b[i] === 0x3a) {
    i++;
    if (e - i < 2 || !isDigit(b[i]) || !isDigit(b[i + 1])) return -1;
    sec = (b[i] - D0) * 10 + (b[i + 1] - D0);
    i += 2;
    if (i < e && (b[i] === 0x2e || b[i] === 0x2c)) {
      i++;
      let scale = 100;
      let any = false;
      for (; i < e && isDigit(b[i]); i++) { if (scale >= 1) ms += (b[i] - D0) * scale; scale /= 10; any = true; }
      if (!any) return -1;
    }
  }
  // AM/PM
  let j = i;
  while (j < e && b[j] === 0x20) j++;
  if (j + 1 < e && (b[j + 1] === 0x4d || b[j + 1] === 0x6d)) {
    const a = b[j] | 0x20;
    if (a === 0x61 || a === 0x70) {
      if (h < 1 || h > 12) return -1;
      if (a === 0x61 && h === 12) h = 0;
      else if (a === 0x70 && h !== 12) h += 12;
      i = j + 2;
    }
  }
  if (mi > 59 || sec > 60 || h > 24 || (h === 24 && (mi > 0 || sec > 0 || ms > 0))) return -1;
  clockEnd = i;
  return ((h * 60 + mi) * 60 + Math.min(sec, 59)) * 1000 + ms;
}

/** A time of day alone, the whole span. ms since midnight or −1. */
export function parseTimeOfDay(b: Uint8Array, s: number, e: number): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  const t = parseClock(b, s, e);
  return t >= 0 && clockEnd === e ? t : -1;
}

let clockOffset = NaN;
/** The zone offset (minutes east of UTC) written after the last parseTimeWithZone, or NaN when none was. */
export function lastClockOffset(): number {
  return clockOffset;
}

/**
 * A time of day, then optionally a zone: `Z`, `UTC`, `GMT`, `±HHMM`, `±HH:MM` or `±HH` (RFC 2822-like
 * exports write "Sat, 31 Oct 2026 00:14:29 +0000"). Returns ms since midnight or −1; the offset is
 * `lastClockOffset()`.
 */
export function parseTimeWithZone(b: Uint8Array, s: number, e: number): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  clockOffset = NaN;
  const t = parseClock(b, s, e);
  if (t < 0) return -1;
  let i = clockEnd;
  if (i === e) return t;
  while (i < e && isSpace(b[i])) i++;
  const rest = e - i;
  const c = b[i] | 0x20;
  if (rest === 1 && c === 0x7a) { clockOffset = 0; return t; }
  if (rest === 3) {
    const w = String.fromCharCode(c, b[i + 1] | 0x20, b[i + 2] | 0x20);
    if (w === 'utc' || w === 'gmt') { clockOffset = 0; return t; }
  }
  if (b[i] === 0x2b || b[i] === 0x2d) {
    const sign = b[i] === 0x2d ? -1 : 1;
    const d: number[] = [];
    for (let j = i + 1; j < e; j++) {
      if (isDigit(b[j])) d.push(b[j] - D0);
      else if (!(b[j] === 0x3a && d.length === 2)) return -1;
    }
    if (d.length !== 2 && d.length !== 4) return -1;
    const h = d[0] * 10 + d[1], m = d.length === 4 ? d[2] * 10 + d[3] : 0;
    if (h > 14 || m > 59) return -1;
    clockOffset = sign * (h * 60 + m);
    return t;
  }
  return -1;
}

/** Local times read so far that fell in a repeated hour (read as the earlier instant, docs/metrics.md §1). */
export const timeCounts = { ambiguous: 0 };

function resolveLocal(wall: number, zone: Zone | null): number {
  if (zone === null) { lastTimeError = TimeError.NoZone; return NaN; }
  const u = zone.toUtc(wall);
  if (u === null) { lastTimeError = TimeError.DstGap; return NaN; }
  if (zone.lastAmbiguous) timeCounts.ambiguous++;
  lastTimeError = TimeError.None;
  return u;
}

/** Reads a local wall-clock time in a zone, with the same error codes as parseIsoInstant. */
export function localToInstant(wall: number, zone: Zone | null): number {
  return resolveLocal(wall, zone);
}

/** Date orders a date format can name. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

/**
 * A date format such as `yymmdd`, `yyyymmdd`, `dd/mm/yyyy`, `mm/dd/yy`, `yyyy-mm-dd`, `d.m.yyyy`.
 * With separators the digit groups may be one or two digits wide; without, widths are fixed.
 */
export interface DateFormat {
  order: DateOrder;
  /** Fixed widths [a, b, c] when the format has no separators. */
  widths: [number, number, number] | null;
  /** Whether the year is written with two digits. */
  shortYear: boolean;
  source: string;
  /** The month is written by name (mmm): "31 Oct 2026". */
  monthName?: boolean;
}

export function compileDateFormat(fmt: string): DateFormat {
  const f = fmt.toLowerCase();
  // mmm (or mon) is the month by name: "31 Oct 2026", "Oct 31, 2026", "Sat, 31 Oct 2026".
  const groups = f.replace(/mon/g, 'mmm').match(/y+|m+|d+/g);
  const rest = f.replace(/mon/g, 'mmm').replace(/y+|m+|d+/g, '');
  if (!groups || groups.length !== 3 || /[a-z0-9]/.test(rest)) {
    throw new Error(`date format "${fmt}" is not understood (expected e.g. yymmdd, yyyy-mm-dd, dd/mm/yyyy, mm/dd/yy, dd mmm yyyy)`);
  }
  const order = groups.map((g) => g[0]).join('');
  if (order !== 'ymd' && order !== 'dmy' && order !== 'mdy') {
    throw new Error(`date format "${fmt}": order ${order} is not supported (ymd, dmy or mdy)`);
  }
  const y = groups.find((g) => g[0] === 'y')!;
  if (y.length !== 2 && y.length !== 4) throw new Error(`date format "${fmt}": the year must be yy or yyyy`);
  const monthName = groups.some((g) => g[0] === 'm' && g.length >= 3);
  const widths = rest.length === 0 && !monthName ? (groups.map((g) => g.length) as [number, number, number]) : null;
  return { order, widths, shortYear: y.length === 2, source: fmt, monthName };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const isLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

/** The three letters at i, lowercased, as one string (a month or weekday prefix), or ''. */
function threeLetters(b: Uint8Array, i: number, e: number): string {
  if (e - i < 3 || !isLetter(b[i]) || !isLetter(b[i + 1]) || !isLetter(b[i + 2])) return '';
  return String.fromCharCode(b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20);
}

/** Past a leading weekday name ("Sat 03/07/2026", "Mon, 31 Oct 2026"), or s when there is none. */
function skipWeekday(b: Uint8Array, s: number, e: number): number {
  if (!WEEKDAYS.includes(threeLetters(b, s, e))) return s;
  let i = s + 3;
  while (i < e && isLetter(b[i])) i++;
  if (i < e && b[i] === 0x2c) i++;
  while (i < e && isSpace(b[i])) i++;
  return i;
}

/**
 * A date with its month by name (English abbreviations or names): "31 Oct 2026", "31-Oct-26", "Oct 31, 2026",
 * "Sat, 31 Oct 2026". A leading weekday is skipped. Fills the groups in the written order (the month as 1–12).
 */
function readNamedGroups(b: Uint8Array, s: number, e: number): number {
  let i = skipWeekday(b, s, e);
  for (let g = 0; g < 3; g++) {
    if (g > 0) {
      const before = i;
      while (i < e && (isSpace(b[i]) || b[i] === 0x2c || b[i] === 0x2d || b[i] === 0x2f || b[i] === 0x2e)) i++;
      if (i === before) return g;
    }
    const m = MONTHS.indexOf(threeLetters(b, i, e));
    if (m >= 0) {
      i += 3;
      while (i < e && isLetter(b[i])) i++;
      groupVal[g] = m + 1;
      groupLen[g] = -1; // a name
      continue;
    }
    let v = 0, n = 0;
    while (i < e && isDigit(b[i]) && n < 4) { v = v * 10 + (b[i] - D0); i++; n++; }
    if (n === 0) return g;
    groupVal[g] = v;
    groupLen[g] = n;
  }
  dateEnd = i;
  return 3;
}

/** Digit groups of a date span (up to 3), reused between calls. */
const groupVal = [0, 0, 0];
const groupLen = [0, 0, 0];
let dateEnd = 0;

/** Reads three digit groups separated by / . - or space. Returns the number of groups read. */
function readGroups(b: Uint8Array, s: number, e: number, widths: [number, number, number] | null): number {
  let i = widths ? s : skipWeekday(b, s, e);
  for (let g = 0; g < 3; g++) {
    let v = 0, n = 0;
    const max = widths ? widths[g] : 4;
    while (i < e && isDigit(b[i]) && n < max) { v = v * 10 + (b[i] - D0); i++; n++; }
    if (n === 0 || (widths && n !== max)) return g;
    groupVal[g] = v;
    groupLen[g] = n;
    if (g < 2 && !widths) {
      if (i >= e) return g + 1;
      const c = b[i];
      if (c !== 0x2f && c !== 0x2e && c !== 0x2d) return g + 1;
      i++;
    }
  }
  dateEnd = i;
  return 3;
}

/** Days since 1970 of a date written in `fmt`, or NaN. `century` overrides the two-digit-year rule. */
export function parseDate(b: Uint8Array, s: number, e: number, fmt: DateFormat, century?: number, stopAtTime = false): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  if ((fmt.monthName ? readNamedGroups(b, s, e) : readGroups(b, s, e, fmt.widths)) !== 3) return NaN;
  if (!stopAtTime && dateEnd !== e) return NaN;
  // A month by name must be where the format puts it (and digits elsewhere).
  if (fmt.monthName && groupLen[fmt.order.indexOf('m')] !== -1) return NaN;
  if (!fmt.monthName && (groupLen[0] < 0 || groupLen[1] < 0 || groupLen[2] < 0)) return NaN;
  let y: number, m: number, d: number, yl: number;
  switch (fmt.order) {
    case 'ymd': y = groupVal[0]; yl = groupLen[0]; m = groupVal[1]; d = groupVal[2]; break;
    case 'dmy': d = groupVal[0]; m = groupVal[1]; y = groupVal[2]; yl = groupLen[2]; break;
    default: m = groupVal[0]; d = groupVal[1]; y = groupVal[2]; yl = groupLen[2]; break;
  }
  if (yl <= 2) y = expandYear(y, century);
  else if (yl !== 4) return NaN;
  if (!validDate(y, m, d)) return NaN;
  return daysFromCivil(y, m, d);
}

/** Where a date ended (after parseDate with stopAtTime). */
export function lastDateEnd(): number {
  return dateEnd;
}

/**
 * For day/month detection: the first two digit groups of a `a/b/c` date, or null if the span is no such date.
 * Returns [a, b] (reused array).
 */
export function firstTwoGroups(b: Uint8Array, s: number, e: number): number[] | null {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  if (readGroups(b, s, e, null) !== 3) return null;
  if (groupLen[0] > 2 || groupLen[1] > 2) return null;
  return groupVal;
}

export type DurationUnit = 's' | 'ms' | 'min' | 'h:mm:ss';

/** A duration in seconds, or NaN. `h:mm:ss` also reads `m:ss` and plain seconds. */
export function parseDuration(b: Uint8Array, s: number, e: number, unit: DurationUnit, comma = false): number {
  if (unit === 'h:mm:ss') {
    s = trimStart(b, s, e);
    e = trimEnd(b, s, e);
    let neg = false;
    if (s < e && b[s] === 0x2d) { neg = true; s++; }
    let total = 0;
    let cur = 0;
    let n = 0;
    let parts = 0;
    let i = s;
    for (; i < e; i++) {
      const c = b[i];
      if (isDigit(c)) { cur = cur * 10 + (c - D0); n++; }
      else if (c === 0x3a) {
        if (n === 0 || (parts > 0 && cur >= 60)) return NaN;
        total = total * 60 + cur; cur = 0; n = 0; parts++;
      }
      else if (c === 0x2e) {
        if (n === 0) return NaN;
        const frac = parseNumber(b, i, e);
        if (Number.isNaN(frac)) return NaN;
        total = total * 60 + cur + frac;
        return neg ? -total : total;
      } else return NaN;
    }
    if (n === 0 || parts > 2 || (parts > 0 && cur >= 60)) return NaN;
    total = parts === 0 ? cur : total * 60 + cur;
    return neg ? -total : total;
  }
  const v = parseNumber(b, s, e, comma);
  if (unit === 'ms') return v / 1000;
  if (unit === 'min') return v * 60;
  return v;
}

/** Y/N, yes/no, true/false, 1/0 (any case) → 1 / 0; −1 when not a flag. */
export function parseFlag(b: Uint8Array, s: number, e: number): number {
  s = trimStart(b, s, e);
  e = trimEnd(b, s, e);
  const n = e - s;
  if (n === 0) return -1;
  const c = b[s] | 0x20;
  if (n === 1) {
    if (c === 0x79 || c === 0x74 || b[s] === 0x31) return 1; // y t 1
    if (c === 0x6e || c === 0x66 || b[s] === 0x30) return 0; // n f 0
    return -1;
  }
  let w = '';
  for (let i = s; i < e; i++) w += String.fromCharCode(b[i] | 0x20);
  if (w === 'yes' || w === 'true') return 1;
  if (w === 'no' || w === 'false') return 0;
  return -1;
}
