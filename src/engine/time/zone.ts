import { MS_PER_DAY, civilFromDays, formatDate, pad2 } from './civil.js';

/**
 * An IANA time zone, handed to every computation explicitly (the engine never reads the machine's zone).
 * Offsets come from Intl once per 15-minute slot and are cached, so per-row conversions cost a map lookup.
 */
export class Zone {
  readonly name: string;
  private readonly fmt: Intl.DateTimeFormat | null;
  private readonly cache = new Map<number, number>();

  constructor(name: string) {
    if (name === 'UTC' || name === 'Etc/UTC' || name === 'Z') {
      this.name = 'UTC';
      this.fmt = null;
      return;
    }
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new RangeError(`unknown time zone "${name}" (expected an IANA name such as America/New_York or UTC)`);
    }
    this.name = fmt.resolvedOptions().timeZone;
    this.fmt = fmt;
  }

  /** Offset (local − UTC) in milliseconds at a UTC instant. */
  offsetAt(utcMs: number): number {
    if (this.fmt === null) return 0;
    const slot = Math.floor(utcMs / 900_000);
    let off = this.cache.get(slot);
    if (off === undefined) {
      const day = this.dayOffset(Math.floor(slot / 96));
      off = day ?? this.computeOffset(slot * 900_000);
      this.cache.set(slot, off);
    }
    return off;
  }

  /** Per UTC day: its offset when the same all day (most days), null on a day the zone changes its offset. */
  private readonly days = new Map<number, number | null>();

  /**
   * A day's offset from five asks of Intl instead of 96: its start, every six hours and its last slot. No zone
   * changes its offset twice within six hours, so five equal offsets are the whole day's.
   */
  private dayOffset(day: number): number | null {
    let off = this.days.get(day);
    if (off === undefined) {
      const start = day * MS_PER_DAY;
      const first = this.computeOffset(start);
      off = first;
      for (const at of [6, 12, 18].map((h) => start + h * 3_600_000).concat(start + MS_PER_DAY - 900_000)) {
        if (this.computeOffset(at) !== first) { off = null; break; }
      }
      this.days.set(day, off);
    }
    return off;
  }

  private computeOffset(utcMs: number): number {
    const parts = this.fmt!.formatToParts(new Date(utcMs));
    let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, bc = false;
    for (const p of parts) {
      switch (p.type) {
        case 'year': y = +p.value; break;
        case 'month': mo = +p.value; break;
        case 'day': d = +p.value; break;
        case 'hour': h = +p.value; break;
        case 'minute': mi = +p.value; break;
        case 'second': s = +p.value; break;
        case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
      }
    }
    if (bc) y = 1 - y;
    const local = Date.UTC(y, mo - 1, d, h, mi, s);
    const fixedYear = y >= 0 && y < 100 ? new Date(local).setUTCFullYear(y) : local;
    return fixedYear - Math.floor(utcMs / 1000) * 1000;
  }

  /** Whether the last `toUtc` fell in a fall-back overlap (two instants had that wall-clock time). */
  lastAmbiguous = false;

  /** Local wall-clock milliseconds (as if UTC) of an instant. */
  toLocal(utcMs: number): number {
    return utcMs + this.offsetAt(utcMs);
  }

  /**
   * The instant of a local wall-clock time. In a fall-back overlap the earlier instant;
   * inside a spring-forward gap `null` (the time never happened there).
   */
  toUtc(localMs: number): number | null {
    this.lastAmbiguous = false;
    if (this.fmt === null) return localMs;
    const before = this.offsetAt(localMs - MS_PER_DAY);
    const after = this.offsetAt(localMs + MS_PER_DAY);
    let best: number | null = null;
    for (const o of before === after ? [before] : [before, after]) {
      const u = localMs - o;
      if (this.offsetAt(u) === o) {
        // Two instants fit: the repeated hour when the clocks go back.
        if (best !== null) this.lastAmbiguous = true;
        if (best === null || u < best) best = u;
      }
    }
    if (best === null && before === after) {
      // An offset change closer than a day on both sides (rare): try the offset at the local time itself.
      const o = this.offsetAt(localMs - this.offsetAt(localMs));
      if (this.offsetAt(localMs - o) === o) best = localMs - o;
    }
    return best;
  }

  /** `+02:00`, `-04:00`, and `+00:00` for UTC. */
  static formatOffset(offsetMs: number): string {
    const sign = offsetMs < 0 ? '-' : '+';
    const m = Math.round(Math.abs(offsetMs) / 60000);
    return `${sign}${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
  }

  /** Local date `YYYY-MM-DD` of an instant. */
  dateOf(utcMs: number): string {
    return formatDate(civilFromDays(Math.floor(this.toLocal(utcMs) / MS_PER_DAY)));
  }
}

const zones = new Map<string, Zone>();
/** Zones are cached by name: their offset caches are shared by every computation in the zone. */
export function zoneNamed(name: string): Zone {
  let z = zones.get(name);
  if (!z) {
    z = new Zone(name);
    zones.set(name, z);
  }
  return z;
}
