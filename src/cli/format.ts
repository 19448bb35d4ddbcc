/** Readable output of a report: aligned tables, percentages and seconds, "no data" for null. */
import type { ContactMetrics } from '../engine/metrics.js';

const pct = (v: number | null): string => (v === null ? 'no data' : `${(v * 100).toFixed(1)} %`);
const sec = (v: number | null): string => (v === null ? 'no data' : `${v.toFixed(1)} s`);
const num = (v: number | null, d = 1): string => (v === null ? 'no data' : v.toFixed(d));

export const COLUMNS: [string, (m: ContactMetrics) => string][] = [
  ['offered', (m) => String(m.offered)],
  ['answered', (m) => String(m.answered)],
  ['abandoned', (m) => String(m.abandoned)],
  ['short ab.', (m) => String(m.shortAbandoned)],
  ['flow-out', (m) => String(m.flowout)],
  ['SL', (m) => pct(m.serviceLevel)],
  ['ASA', (m) => sec(m.asa)],
  ['abandon', (m) => pct(m.abandonRate)],
  ['AHT', (m) => sec(m.aht)],
  ['wait p90', (m) => sec(m.waitP90)],
  ['FCR', (m) => pct(m.fcr)],
  ['CSAT', (m) => pct(m.csat)],
  ['NPS', (m) => num(m.nps)],
];

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export { pct, sec, num };
