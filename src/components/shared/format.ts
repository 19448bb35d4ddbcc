/**
 * Number, percent and duration formatters, built once per locale and reused (a wallboard formats every second).
 * Units follow METRICS.md §9: fractions show as %, times in seconds (min:ss above a minute), points as numbers.
 */
import { word } from './i18n.js';

const cache = new Map<string, { pct: Intl.NumberFormat; num: Intl.NumberFormat; int: Intl.NumberFormat }>();

function formatters(locale: string) {
  let f = cache.get(locale);
  if (!f) {
    f = {
      pct: new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      num: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
      int: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    };
    cache.set(locale, f);
  }
  return f;
}

export type MetricUnit = 'fraction' | 'seconds' | 'count' | 'points' | 'rating';

const UNITS: Record<string, MetricUnit> = {
  serviceLevel: 'fraction', abandonRate: 'fraction', fcr: 'fraction', csat: 'fraction', occupancy: 'fraction',
  utilization: 'fraction', adherence: 'fraction', uptime: 'fraction', projectedServiceLevel: 'fraction',
  asa: 'seconds', aht: 'seconds', longestWait: 'seconds', waitP50: 'seconds', waitP90: 'seconds', waitP95: 'seconds',
  offered: 'count', answered: 'count', abandoned: 'count', waiting: 'count', agents: 'count',
  nps: 'points', qa: 'points', csatMean: 'rating',
};

export function unitOf(metric: string): MetricUnit {
  return UNITS[metric] ?? 'count';
}

/** A metric's value for people: "82.4 %", "27 s", "2:05", "no data". */
export function formatMetric(metric: string, v: number | null | undefined, locale = 'en'): string {
  if (v === null || v === undefined || Number.isNaN(v)) return noData(locale);
  const f = formatters(locale);
  switch (unitOf(metric)) {
    case 'fraction': return f.pct.format(v);
    case 'seconds': {
      if (v < 60) return `${f.int.format(v)} s`;
      // m:ss up to an hour, then h:mm:ss (a 2-hour e-mail wait is 2:15:56, not 135:56).
      const t = Math.round(v);
      const ss = String(t % 60).padStart(2, '0');
      return t < 3600 ? `${Math.floor(t / 60)}:${ss}` : `${Math.floor(t / 3600)}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${ss}`;
    }
    case 'rating': case 'points': return f.num.format(v);
    default: return f.int.format(v);
  }
}

export function noData(locale = 'en'): string {
  return word(locale, 'noData');
}
