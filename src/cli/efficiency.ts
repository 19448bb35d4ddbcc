/** Agent-state and schedule files in `report`: occupancy, utilization and adherence by agent, team and time. */
import { openSync, readSync, closeSync } from 'node:fs';
import { Categories, EfficiencyParts, STATE_CATEGORIES, type EfficiencyMetrics } from '../engine/efficiency.js';
import { AgentStateReader, ScheduleReader, recordKind, type RecordKind } from '../engine/ingest/records.js';
import type { Validation } from '../engine/ingest/index.js';
import { readRecordsFile } from './read-records.js';
import { TimeLabels, TIME_GRAINS, type GroupBy, type TimeGrain } from '../engine/rollup.js';
import { WEEKDAYS, type Definitions } from '../engine/definitions.js';
import { zoneNamed } from '../engine/time/zone.js';
import { slotMinutesFor } from '../engine/parts.js';
import { inspectHead } from '../engine/ingest/inspect.js';
import type { AgentState, ScheduleEntry, StateCategory } from '../engine/types.js';
import { UsageError } from './errors.js';
import { refuseAggregatesAsContacts } from './parts-files.js';
import { readJson } from './options.js';
import { pct, table } from './format.js';

/** The kind of a file from its first line (standard input is taken to be contacts). */
export function fileKind(file: string): RecordKind {
  if (file === '-') return 'contacts';
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    refuseAggregatesAsContacts(file, new Uint8Array(buf.buffer, buf.byteOffset, n));
    // The engine's own reader: its delimiter detection, quotes and BOM, on the first 64 KB.
    return recordKind(inspectHead(new Uint8Array(buf.buffer, buf.byteOffset, n), 0).header.map((h) => h.trim()));
  } finally {
    closeSync(fd);
  }
}

export function loadCategories(path: string | undefined): Categories {
  if (!path) return new Categories();
  const doc = readJson(path, '--categories');
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UsageError(`--categories ${path}: expected { "state or activity name": "category" }`);
  const allowed = [...STATE_CATEGORIES, 'on-phones'];
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    if (!allowed.includes(v as string)) throw new UsageError(`--categories ${path}: "${k}" → ${JSON.stringify(v)} is no category (expected ${allowed.join(', ')})`);
  }
  return new Categories(doc as Record<string, StateCategory | 'on-phones'>);
}

export interface EfficiencyReport {
  files: { file: string; kind: RecordKind; validation: Validation }[];
  totals: EfficiencyMetrics;
  groups: ({ key: string; by: Partial<Record<GroupBy | 'team', string>> } & EfficiencyMetrics)[];
  /** Dimensions of --by that agent states do not have (queue, tier, channel). */
  notApplicable: string[];
  /** The parts themselves (not printed), for staffing against contacts. */
  parts?: EfficiencyParts;
}

export async function efficiencyReport(
  stateFiles: string[], scheduleFiles: string[], by: readonly (GroupBy | 'team')[], defs: Definitions, inputTz: string, categories: Categories,
  /** States read from contact files (queue_log agent events). */
  extraStates: AgentState[] = [],
): Promise<EfficiencyReport> {
  const zone = zoneNamed(inputTz);
  const files: EfficiencyReport['files'] = [];
  const states: AgentState[] = [...extraStates];
  const schedules: ScheduleEntry[] = [];
  for (const file of stateFiles) {
    const r = await readRecordsFile<AgentState>(file, new AgentStateReader(zone, categories));
    for (const s of r.records) states.push(s);
    files.push({ file, kind: 'agent-states', validation: r.validation });
  }
  for (const file of scheduleFiles) {
    const r = await readRecordsFile<ScheduleEntry>(file, new ScheduleReader(zone, categories));
    for (const s of r.records) schedules.push(s);
    files.push({ file, kind: 'schedules', validation: r.validation });
  }
  const parts = new EfficiencyParts(slotMinutesFor(defs.intervalMinutes));
  parts.add(states, schedules);
  const labels = new TimeLabels(zoneNamed(defs.timeZone), defs.intervalMinutes, WEEKDAYS.indexOf(defs.weekStart), parts.slotMs);
  const dims = by.filter((b) => b === 'agent' || b === 'team' || (TIME_GRAINS as readonly string[]).includes(b));
  const notApplicable = by.filter((b) => !dims.includes(b));
  const sortKeys = new Map<string, (string | number)[]>();
  const byOf = new Map<string, Partial<Record<GroupBy | 'team', string>>>();
  const { totals, groups } = parts.summarize(
    dims.length === 0
      ? undefined
      : (slot, agent, team) => {
          const vals: string[] = [];
          const sort: (string | number)[] = [];
          for (const d of dims) {
            if (d === 'agent') { vals.push(agent); sort.push(agent); }
            else if (d === 'team') { vals.push(team); sort.push(team); }
            else { const [l, k] = labels.label(d as TimeGrain, slot); vals.push(l); sort.push(k); }
          }
          const key = vals.join(' · ');
          if (!sortKeys.has(key)) {
            sortKeys.set(key, sort);
            byOf.set(key, Object.fromEntries(dims.map((d, i) => [d, vals[i]])));
          }
          return key;
        },
  );
  const keys = [...groups.keys()].sort((a, b) => {
    const x = sortKeys.get(a)!, y = sortKeys.get(b)!;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
  });
  return { files, totals, groups: keys.map((k) => ({ key: k, by: byOf.get(k)!, ...groups.get(k)! })), notApplicable, parts };
}

export function readableEfficiency(e: EfficiencyReport): string {
  const lines: string[] = [];
  for (const { file, kind, validation: v } of e.files) {
    lines.push(`${file} (${kind}): rows read ${v.rowsRead} · accepted ${v.rowsAccepted} · rejected ${v.rowsRejected}`);
    for (const r of v.rejections.slice(0, 5)) lines.push(`  line ${r.line}${r.column ? ` · ${r.column}` : ''}${r.value ? ` "${r.value}"` : ''}: ${r.reason}`);
  }
  if (e.notApplicable.length) lines.push(`  note: agent states have no ${e.notApplicable.join(', ')}; efficiency is grouped without them.`);
  const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
  const row = (k: string, m: EfficiencyMetrics) => [k, pct(m.occupancy), pct(m.utilization), pct(m.adherence), hours(m.loggedInSec), hours(m.handlingSec), hours(m.scheduledSec)];
  lines.push('');
  lines.push(table(['efficiency', 'occupancy', 'utilization', 'adherence', 'logged in', 'handling', 'scheduled'], [row('total', e.totals), ...e.groups.map((g) => row(g.key, g))]));
  return lines.join('\n');
}
