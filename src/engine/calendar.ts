/**
 * A weekly business-hours calendar with holidays, read in the report's zone. Contacts that arrive
 * outside it enter no service-level rate when `businessHoursOnly` is set.
 */
import { MS_PER_DAY, civilFromDays, formatDate, isoWeekday } from './time/civil.js';
import type { Zone } from './time/zone.js';
import { WEEKDAYS, type Weekday } from './definitions.js';

export interface BusinessHoursDocument {
  /** Opening hours per weekday as [open, close] pairs of `HH:MM` (close may be `24:00`). Missing days are closed. */
  week: Partial<Record<Weekday, [string, string][]>>;
  /** Closed dates `YYYY-MM-DD` (local). */
  holidays?: string[];
}

export class BusinessHours {
  /** Per ISO weekday (0 = Monday), open ranges in minutes since local midnight. */
  private readonly ranges: [number, number][][];
  private readonly holidays: Set<string>;

  constructor(doc: BusinessHoursDocument) {
    if (!doc || typeof doc !== 'object' || !doc.week || typeof doc.week !== 'object') {
      throw new Error('business hours: expected { "week": { "monday": [["08:00", "18:00"]], … }, "holidays": ["2026-12-25"] }');
    }
    for (const k of Object.keys(doc.week)) {
      if (!WEEKDAYS.includes(k as Weekday)) throw new Error(`business hours: "week.${k}" is no weekday (monday … sunday)`);
    }
    this.ranges = WEEKDAYS.map((d) =>
      (doc.week[d] ?? []).map((r, i) => {
        if (!Array.isArray(r) || r.length !== 2) throw new Error(`business hours: week.${d}[${i}] must be ["HH:MM", "HH:MM"]`);
        const a = minutes(r[0], `week.${d}[${i}][0]`);
        const b = minutes(r[1], `week.${d}[${i}][1]`);
        if (b <= a) throw new Error(`business hours: week.${d}[${i}] closes before it opens`);
        return [a, b] as [number, number];
      }),
    );
    this.holidays = new Set(doc.holidays ?? []);
    for (const h of this.holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) throw new Error(`business hours: holiday "${h}" must be YYYY-MM-DD`);
  }

  /** Every opening and closing time, to check they fall on slot edges. */
  boundaries(): { weekday: Weekday; minute: number; what: 'opens' | 'closes' }[] {
    return this.ranges.flatMap((day, i) => day.flatMap(([a, b]) => [
      { weekday: WEEKDAYS[i], minute: a, what: 'opens' as const },
      { weekday: WEEKDAYS[i], minute: b, what: 'closes' as const },
    ]));
  }

  /** Whether a slot [utc, utc + slotMs) lies inside business hours. Slots never straddle a boundary (checked). */
  isOpen(utcMs: number, zone: Zone): boolean {
    const local = zone.toLocal(utcMs);
    const day = Math.floor(local / MS_PER_DAY);
    if (this.holidays.size && this.holidays.has(formatDate(civilFromDays(day)))) return false;
    const minute = (local - day * MS_PER_DAY) / 60000;
    for (const [a, b] of this.ranges[isoWeekday(day)]) if (minute >= a && minute < b) return true;
    return false;
  }
}

function minutes(t: string, where: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(String(t));
  if (!m || +m[1] > 24 || +m[2] > 59 || (+m[1] === 24 && +m[2] > 0)) throw new Error(`business hours: ${where} "${t}" must be HH:MM`);
  return +m[1] * 60 + +m[2];
}
