/** Interval-summary files in `report`: sums of their additive parts, by queue and time. */
import { SummaryReader } from '../engine/ingest/records.js';
import type { Validation } from '../engine/ingest/index.js';
import { readRecordsFile } from './read-records.js';
import { summarize, summarizeBy, type SummaryMetrics } from '../engine/summaries.js';
import { TIME_GRAINS, type GroupBy, type TimeGrain } from '../engine/rollup.js';
import type { Definitions } from '../engine/definitions.js';
import { zoneNamed } from '../engine/time/zone.js';
import type { IntervalSummary } from '../engine/types.js';
import { pct, sec, table } from './format.js';

export interface SummaryReport {
  files: { file: string; validation: Validation }[];
  totals: SummaryMetrics;
  groups: ({ key: string; by: Record<string, string> } & SummaryMetrics)[];
  notApplicable: string[];
}

export async function summaryReport(files: string[], by: readonly (GroupBy | 'team')[], defs: Definitions, inputTz: string): Promise<SummaryReport> {
  const rows: IntervalSummary[] = [];
  const out: SummaryReport['files'] = [];
  for (const file of files) {
    const r = await readRecordsFile(file, new SummaryReader(zoneNamed(inputTz), undefined));
    for (const x of r.records) rows.push(x);
    out.push({ file, validation: r.validation });
  }
  const dims = by.filter((b): b is 'queue' | TimeGrain => b === 'queue' || (TIME_GRAINS as readonly string[]).includes(b));
  const groups = dims.length ? summarizeBy(rows, defs, dims).map((g) => ({ key: g.key, by: g.by, ...g.metrics })) : [];
  return { files: out, totals: summarize(rows), groups, notApplicable: by.filter((b) => !dims.includes(b as never)) };
}

export function readableSummaries(r: SummaryReport): string {
  const lines: string[] = [];
  for (const { file, validation: v } of r.files) {
    lines.push(`${file} (interval summaries): rows read ${v.rowsRead} · accepted ${v.rowsAccepted} · rejected ${v.rowsRejected}`);
    for (const x of v.rejections.slice(0, 5)) lines.push(`  line ${x.line}${x.column ? ` · ${x.column}` : ''}${x.value ? ` "${x.value}"` : ''}: ${x.reason}`);
  }
  lines.push('  note: an interval report (one row per interval): rows roll up through their parts (counts, count × average); a row\'s service level is taken as a share of its offered contacts, at the export\'s own threshold' + (r.totals.thresholdSec.length ? ` (${r.totals.thresholdSec.join(', ')} s)` : '') + '.');
  lines.push('  note: a summary cannot give wait percentiles, short abandons, FCR, CSAT or the service level at any other threshold: those need one row per contact.');
  if (r.notApplicable.length) lines.push(`  note: summaries have no ${r.notApplicable.join(', ')}.`);
  const row = (k: string, m: SummaryMetrics) => [k, String(m.offered), String(m.answered), String(m.abandoned), pct(m.serviceLevel), sec(m.asa), sec(m.aht), pct(m.abandonRate)];
  lines.push('', table(['', 'offered', 'answered', 'abandoned', 'SL', 'ASA', 'AHT', 'abandon rate'], [row('total', r.totals), ...r.groups.map((g) => row(g.key, g))]));
  return lines.join('\n');
}
