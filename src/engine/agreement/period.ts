/** Reporting periods (day, ISO week, month, quarter) as UTC ranges in an IANA zone. */
import { daysFromCivil, civilFromDays, formatDate, isoWeekday, pad2, pad4, wallMs, MS_PER_DAY } from '../time/civil.js';
import type { Zone } from '../time/zone.js';
import { dayStart } from '../time/labels.js';
import type { PeriodGrain } from './sla.js';

export interface Period {
  grain: PeriodGrain;
  /** `2026-02-14`, `2026-W07`, `2026-02`, `2026-Q1`. */
  key: string;
  /** UTC ms of the local start (inclusive) and end (exclusive). */
  start: number;
  end: number;
  /** First and last local day numbers. */
  firstDay: number;
  days: number;
}

function make(grain: PeriodGrain, key: string, firstDay: number, days: number, zone: Zone): Period {
  return { grain, key, firstDay, days, start: dayStart(firstDay, zone), end: dayStart(firstDay + days, zone) };
}

/** Parses `2021-02` (month), `2021-Q1` (quarter), `2021-W05` (ISO week), `2021-02-14` (day). */
export function parsePeriod(spec: string, zone: Zone): Period {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(spec);
  if (m) {
    const day = daysFromCivil(+m[1], +m[2], +m[3]);
    const c = civilFromDays(day);
    if (c.month !== +m[2] || c.day !== +m[3]) throw new RangeError(`period ${spec}: no such day`);
    return make('day', spec, day, 1, zone);
  }
  m = /^(\d{4})-W(\d{2})$/.exec(spec);
  if (m) {
    const y = +m[1], w = +m[2];
    const jan4 = daysFromCivil(y, 1, 4);
    const week1 = jan4 - isoWeekday(jan4);
    const first = week1 + (w - 1) * 7;
    if (w < 1 || w > 53 || isoWeek(first).key !== spec) throw new RangeError(`period ${spec}: no such ISO week`);
    return make('week', spec, first, 7, zone);
  }
  m = /^(\d{4})-Q([1-4])$/.exec(spec);
  if (m) {
    const y = +m[1], q = +m[2];
    const first = daysFromCivil(y, (q - 1) * 3 + 1, 1);
    const next = q === 4 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, q * 3 + 1, 1);
    return make('quarter', spec, first, next - first, zone);
  }
  m = /^(\d{4})-(\d{2})$/.exec(spec);
  if (m) {
    const y = +m[1], mo = +m[2];
    if (mo < 1 || mo > 12) throw new RangeError(`period ${spec}: no such month`);
    const first = daysFromCivil(y, mo, 1);
    const next = mo === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, mo + 1, 1);
    return make('month', spec, first, next - first, zone);
  }
  throw new RangeError(`period "${spec}": expected 2021-02 (month), 2021-Q1 (quarter), 2021-W05 (ISO week) or 2021-02-14 (day)`);
}

function isoWeek(first: number): { key: string } {
  const thursday = first + 3;
  const ty = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
  return { key: `${pad4(ty)}-W${pad2(week)}` };
}

/** The period of a grain that contains a local day. */
export function periodOfDay(grain: PeriodGrain, day: number, zone: Zone): Period {
  const c = civilFromDays(day);
  switch (grain) {
    case 'day': return make('day', formatDate(c), day, 1, zone);
    case 'week': {
      const first = day - isoWeekday(day);
      return make('week', isoWeek(first).key, first, 7, zone);
    }
    case 'month': return parsePeriod(`${pad4(c.year)}-${pad2(c.month)}`, zone);
    case 'quarter': return parsePeriod(`${pad4(c.year)}-Q${Math.floor((c.month - 1) / 3) + 1}`, zone);
  }
}

/** The period before. */
export function previousPeriod(p: Period, zone: Zone): Period {
  return periodOfDay(p.grain, p.firstDay - 1, zone);
}

/** The period of a grain containing an instant. */
export function periodAt(grain: PeriodGrain, utcMs: number, zone: Zone): Period {
  return periodOfDay(grain, Math.floor(zone.toLocal(utcMs) / MS_PER_DAY), zone);
}

export { wallMs };
