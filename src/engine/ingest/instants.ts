/**
 * How a column of instants is written, read from its sample values (ISO, epoch, a date format with its
 * day/month order, a month by name). Its own module: the CSV drop guesses with it, without the detection.
 */
import type { FieldSpec } from './mapping.js';

/**
 * How a column of instants is written, from its sample values: ISO (the column alone), epoch ms or s, or a date
 * format. The writing most values share wins (a few bad values become rejections, they do not change the reading).
 */
export function instantSpec(h: string, vs: string[]): FieldSpec | string {
  if (vs.length === 0) return h; // nothing to look at: the default reading (ISO)
  const share = (re: RegExp) => (vs.length ? vs.filter((v) => re.test(v)).length / vs.length : 0);
  const iso = share(/^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i);
  const ms = share(/^\d{12,13}$/);
  const sec = share(/^\d{9,10}(\.\d+)?$/);
  const best = Math.max(iso, ms, sec);
  if (best > 0.5) {
    if (best === iso) return h;
    return { column: h, format: best === ms ? 'epoch-ms' : 'epoch-s' };
  }
  return { column: h, format: 'datetime', dateFormat: dateFormatOf(vs) };
}

/**
 * ISO order when the year comes first; digits only as yymmdd or yyyymmdd when every value is a valid date that
 * way (machine exports: the bank's 990201); otherwise auto (day/month order decided from the data).
 */
export function dateFormatOf(vs: string[]): string {
  if (vs.length && vs.every((v) => /^\d{4}[-/.]/.test(v))) return 'yyyy-mm-dd';
  // Dots between day, month and year: the European writing, day first (no one writes month.day.year).
  if (vs.length && vs.every((v) => /^\d{1,2}\.\d{1,2}\.\d{4}\b/.test(v))) return 'dd.mm.yyyy';
  if (vs.length && vs.every((v) => /^\d{1,2}\.\d{1,2}\.\d{2}\b/.test(v))) return 'dd.mm.yy';
  // The month by name, after an optional weekday: "Sat, 31 Oct 2026", "31-Oct-26", "Oct 31, 2026".
  const weekday = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?';
  const month = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
  const dayFirst = new RegExp(`^${weekday}\\d{1,2}[\\s./-]+${month}[\\s,./-]+(\\d{2,4})\\b`, 'i');
  const monthFirst = new RegExp(`^${weekday}${month}\\s+\\d{1,2},?\\s+(\\d{2,4})\\b`, 'i');
  for (const [re, fmt] of [[dayFirst, 'dd mmm '], [monthFirst, 'mmm dd ']] as const) {
    const years = vs.map((v) => re.exec(v)?.[1]);
    if (vs.length && years.every((y) => y !== undefined)) return fmt + (years.every((y) => y!.length === 4) ? 'yyyy' : 'yy');
  }
  const md = (m: string, d: string) => +m >= 1 && +m <= 12 && +d >= 1 && +d <= 31;
  if (vs.length && vs.every((v) => /^\d{6}$/.test(v) && md(v.slice(2, 4), v.slice(4, 6)))) return 'yymmdd';
  if (vs.length && vs.every((v) => /^\d{8}$/.test(v) && +v.slice(0, 4) >= 1970 && +v.slice(0, 4) <= 2099 && md(v.slice(4, 6), v.slice(6, 8)))) return 'yyyymmdd';
  return 'auto';
}

