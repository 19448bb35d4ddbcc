/**
 * Number, percent and duration formatters, built once per locale and reused (a wallboard formats every second).
 * Units follow docs/metrics.md §9 (engine/metric-info.ts): fractions show as %, times in seconds (min:ss above a minute), points as numbers.
 */
import { word } from './i18n.js';
import { unitOf, type MetricUnit } from '../../engine/metric-info.js';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** An Intl.NumberFormat for a locale and options, built once and reused by every widget. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const k = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(k);
  if (!f) numberFormats.set(k, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** An Intl.DateTimeFormat for a locale and options (a timeZone among them), built once and reused. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const k = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(k);
  if (!f) dateFormats.set(k, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** formatMetric's three, per locale in one lookup (it runs for every cell of a wallboard every second). */
const metricFormats = new Map<string, { pct: Intl.NumberFormat; num: Intl.NumberFormat; int: Intl.NumberFormat }>();

function formatters(locale: string) {
  let f = metricFormats.get(locale);
  if (!f) {
    f = {
      pct: numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      num: numberFormat(locale, { maximumFractionDigits: 1 }),
      int: numberFormat(locale, { maximumFractionDigits: 0 }),
    };
    metricFormats.set(locale, f);
  }
  return f;
}

/**
 * Builds a locale's formats ahead of the first figure, one a task: the browser's first number format is slow to
 * build (its locale data), and a wallboard's first render should not wait on it in one long task.
 */
export async function warmFormats(locale: string, nextTask: () => Promise<void>): Promise<void> {
  if (metricFormats.has(locale)) return;
  numberFormat(locale, { maximumFractionDigits: 0 });
  await nextTask();
  numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  await nextTask();
  formatters(locale);
}

export { unitOf, type MetricUnit };

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
    case 'rating': case 'points': case 'erlangs': return f.num.format(v);
    default: return f.int.format(v);
  }
}

export function noData(locale = 'en'): string {
  return word(locale, 'noData');
}
