/** Readable output of a report: aligned tables, percentages and seconds, "no data" for null. */
import type { ContactMetrics } from '../engine/metrics.js';

const pct = (v: number | null): string => (v === null ? 'no data' : `${(v * 100).toFixed(1)} %`);
const sec = (v: number | null): string => (v === null ? 'no data' : `${v.toFixed(1)} s`);
const num = (v: number | null, d = 1): string => (v === null ? 'no data' : v.toFixed(d));

/** Columns of the readable report: header, cell, and the metric behind it (to drop columns with no data). */
export const COLUMNS: [string, (m: ContactMetrics) => string, keyof ContactMetrics][] = [
  ['offered', (m) => String(m.offered), 'offered'],
  ['answered', (m) => String(m.answered), 'answered'],
  ['abandoned', (m) => String(m.abandoned), 'abandoned'],
  ['short ab.', (m) => String(m.shortAbandoned), 'shortAbandoned'],
  ['flow-out', (m) => String(m.flowout), 'flowout'],
  ['callback', (m) => String(m.callback), 'callback'],
  ['voicemail', (m) => String(m.voicemail), 'voicemail'],
  ['SL met / base', (m) => `${m.serviceLevelMet} / ${m.serviceLevelBase}`, 'serviceLevelBase'],
  ['SL', (m) => pct(m.serviceLevel), 'serviceLevel'],
  ['ASA', (m) => sec(m.asa), 'asa'],
  ['abandon rate', (m) => pct(m.abandonRate), 'abandonRate'],
  ['AHT', (m) => sec(m.aht), 'aht'],
  ['wait p50', (m) => sec(m.waitP50), 'waitP50'],
  ['p90', (m) => sec(m.waitP90), 'waitP90'],
  ['p95', (m) => sec(m.waitP95), 'waitP95'],
  ['FCR', (m) => pct(m.fcr), 'fcr'],
  ['CSAT', (m) => pct(m.csat), 'csat'],
  ['NPS', (m) => num(m.nps), 'nps'],
  ['QA', (m) => num(m.qa), 'qa'],
];

export function table(header: string[], rows: string[][]): string {
  // (a loop, not Math.max(...): a report by queue, channel, tier and interval has hundreds of thousands of rows,
  // more than a call's arguments may be)
  const widths = header.map((h) => h.length);
  for (const r of rows) for (let i = 0; i < widths.length; i++) if (r[i].length > widths[i]) widths[i] = r[i].length;
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export { pct, sec, num };
