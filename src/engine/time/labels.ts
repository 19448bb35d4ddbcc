/**
 * Labels and sort keys of time grains in a zone: `2026-03-08T03:00-04:00` for an interval or hour,
 * `2026-03-08` for a day, `2026-W10` (or the first day, for weeks that start on another day) for a week,
 * `2026-03`, `2026-Q1`. The one place periods are named: reports, views and the trend's gaps all use it.
 */
import { MS_PER_DAY, civilFromDays, daysFromCivil, formatDate, isoWeekday, pad2, pad4 } from './civil.js';
import { Zone } from './zone.js';

export const TIME_GRAINS = ['interval', 'hour', 'day', 'week', 'month', 'quarter'] as const;
export type TimeGrain = (typeof TIME_GRAINS)[number];

/** The first instant (UTC ms) of a local day: its midnight, or the first valid minute after a DST gap at midnight. */
export function dayStart(day: number, zone: Zone): number {
  for (let m = 0; m < 24 * 60; m += 15) {
    const u = zone.toUtc(day * MS_PER_DAY + m * 60_000);
    if (u !== null) return u;
  }
  return day * MS_PER_DAY - zone.offsetAt(day * MS_PER_DAY);
}

/** The local day number (days since 1970-01-01 on the wall clock) of an instant. */
export function localDay(utc: number, zone: Zone): number {
  return Math.floor(zone.toLocal(utc) / MS_PER_DAY);
}

/** The start (UTC ms) of the period of a grain after the one that starts at `start`, in a zone. */
export function nextPeriodStart(grain: TimeGrain, start: number, zone: Zone, intervalMinutes: number): number {
  switch (grain) {
    case 'interval': return start + intervalMinutes * 60_000;
    case 'hour': return start + 3_600_000;
    case 'day': return dayStart(localDay(start, zone) + 1, zone);
    case 'week': return dayStart(localDay(start, zone) + 7, zone);
    case 'month':
    case 'quarter': {
      const c = civilFromDays(localDay(start, zone));
      const months = c.year * 12 + (c.month - 1) + (grain === 'month' ? 1 : 3);
      return dayStart(daysFromCivil(Math.floor(months / 12), (months % 12) + 1, 1), zone);
    }
  }
}

/** Labels and sort keys of time grains, per slot (of slotMs; 1 for instants in ms), in a zone. */
export class TimeLabels {
  private readonly cache = new Map<string, Map<number, [string, number]>>();
  private readonly spans = new Map<string, Map<number, [number, number]>>();
  constructor(readonly zone: Zone, readonly intervalMinutes: number, readonly weekStart: number, readonly slotMs: number) {}

  label(grain: TimeGrain, slot: number): [string, number] {
    let m = this.cache.get(grain);
    if (!m) { m = new Map(); this.cache.set(grain, m); }
    let r = m.get(slot);
    if (!r) { r = this.compute(grain, slot * this.slotMs); m.set(slot, r); }
    return r;
  }

  /** The instants (UTC ms) the period of a grain holding a slot starts and ends: [start, end). */
  span(grain: TimeGrain, slot: number): [number, number] {
    let m = this.spans.get(grain);
    if (!m) { m = new Map(); this.spans.set(grain, m); }
    let r = m.get(slot);
    if (!r) {
      const start = this.startOf(grain, slot * this.slotMs);
      r = [start, nextPeriodStart(grain, start, this.zone, this.intervalMinutes)];
      m.set(slot, r);
    }
    return r;
  }

  private startOf(grain: TimeGrain, utc: number): number {
    const [, key] = this.compute(grain, utc);
    switch (grain) {
      case 'interval': case 'hour': return key;
      case 'day': case 'week': return dayStart(key, this.zone);
      case 'month': return dayStart(daysFromCivil(Math.floor((key - 1) / 12), ((key - 1) % 12) + 1, 1), this.zone);
      case 'quarter': return dayStart(daysFromCivil(Math.floor((key - 1) / 4), ((key - 1) % 4) * 3 + 1, 1), this.zone);
    }
  }

  private compute(grain: TimeGrain, utc: number): [string, number] {
    const local = this.zone.toLocal(utc);
    const day = Math.floor(local / MS_PER_DAY);
    const c = civilFromDays(day);
    switch (grain) {
      case 'interval':
      case 'hour': {
        const len = (grain === 'hour' ? 60 : this.intervalMinutes) * 60_000;
        const start = Math.floor(local / len) * len;
        const startUtc = utc - (local - start);
        const mins = (start - day * MS_PER_DAY) / 60_000;
        return [`${formatDate(c)}T${pad2(Math.floor(mins / 60))}:${pad2(mins % 60)}${Zone.formatOffset(this.zone.offsetAt(startUtc))}`, startUtc];
      }
      case 'day':
        return [formatDate(c), day];
      case 'week': {
        const wd = isoWeekday(day);
        const start = day - ((wd - this.weekStart + 7) % 7);
        if (this.weekStart !== 0) return [formatDate(civilFromDays(start)), start];
        // ISO week: the week belongs to the year of its Thursday.
        const thursday = start + 3;
        const ty = civilFromDays(thursday).year;
        const week = Math.floor((thursday - daysFromCivil(ty, 1, 1)) / 7) + 1;
        return [`${pad4(ty)}-W${pad2(week)}`, start];
      }
      case 'month':
        return [`${pad4(c.year)}-${pad2(c.month)}`, c.year * 12 + c.month];
      case 'quarter': {
        const q = Math.floor((c.month - 1) / 3) + 1;
        return [`${pad4(c.year)}-Q${q}`, c.year * 4 + q];
      }
    }
  }
}

