/** `sla-widgets report`: reads contact exports and prints their metrics, readable or as JSON. */
import { helpText } from './help.js';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Rejection } from '../engine/ingest/contacts.js';
import { csvField } from '../engine/csv-out.js';
import { parseArgs } from 'node:util';
import { blocksOf } from './blocks.js';
import { analyzeParallel, defaultThreads } from './parallel.js';
import { patienceFrom, type PatienceEstimate } from '../engine/erlang/erlang-a.js';
import { analyze } from '../engine/analyze.js';
import { IdSet } from '../engine/ingest/id-set.js';
import { ContactParts, slotMinutesFor, type Dimension } from '../engine/parts.js';
import { query, type GroupBy } from '../engine/rollup.js';
import { IngestError, type Validation } from '../engine/ingest/index.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import { noteText } from '../engine/ingest/notes.js';
import { UsageError, flagError } from './errors.js';
import { efficiencyReport, fileKind, loadCategories, readableEfficiency } from './efficiency.js';
import type { RecordKind } from '../engine/ingest/records.js';
import type { AgentState } from '../engine/types.js';
import { readableSummaries, summaryReport } from './summaries.js';
import { readPartsFiles, refuseAggregatesAsContacts } from './parts-files.js';
import { headOfFile } from './read-at.js';
import { mergeValidations } from './validations.js';
import type { Definitions } from '../engine/definitions.js';
import type { BusinessHours } from '../engine/calendar.js';
import { observedStaffing, type ObservedStaffing } from '../engine/erlang/observed.js';
import { Zone, zoneNamed } from '../engine/time/zone.js';
import { dayMonth, definitionsFrom, loadMapping, parseBy, threadsFlag, vendorFlags, zoneFlag } from './options.js';
import { COLUMNS, pct, sec, table } from './format.js';


export const FLAGS = {
  map: { type: 'string' },
  tz: { type: 'string' },
  'input-tz': { type: 'string' },
  'day-month-order': { type: 'string' },
  rejections: { type: 'string' },
  threads: { type: 'string' },
  interval: { type: 'string' },
  by: { type: 'string' },
  'week-start': { type: 'string' },
  sl: { type: 'string' },
  'sl-preset': { type: 'string' },
  'short-abandon': { type: 'string' },
  'include-flowouts': { type: 'boolean' },
  'include-callbacks': { type: 'boolean' },
  'business-hours': { type: 'string' },
  'abandon-rate': { type: 'string' },
  fcr: { type: 'string' },
  'fcr-window': { type: 'string' },
  categories: { type: 'string' },
  parts: { type: 'boolean' },
  'source-threshold': { type: 'string' },
  'source-short-abandon': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function report(argv: string[], out: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, 'report');
  }
  const { values: f, positionals: files } = parsed;
  if (f.help) {
    out(helpText('report'));
    return 0;
  }
  if (files.length === 0) throw new UsageError(`report needs at least one file (see: sla-widgets report --help)`);
  const { defs, businessHours } = definitionsFrom(f);
  const inputTz = f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : defs.timeZone;
  const mapping = f.map ? loadMapping(f.map) : undefined;
  const byAll = parseBy(f.by, true);
  const by = byAll.filter((b): b is GroupBy => b !== 'team');
  vendorFlags(f);

  if (f.parts) {
    if (byAll.includes('team')) throw new UsageError('--by team groups agent states and schedules; parts tables hold contacts (use agent, with parts made --by channel,tier,agent)');
    return reportParts(files, f, defs, by, businessHours, out);
  }
  // Files hold contacts, agent states or schedules (told by their header).
  const kinds = new Map<string, RecordKind>();
  for (const file of files) {
    try {
      if (file !== '-' && !statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'a directory, not a file' });
    } catch (e) {
      throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const kind = fileKind(file);
    if (kind === 'forecast' || kind === 'outages') throw new UsageError(`${file} holds ${kind === 'forecast' ? 'a forecast' : 'outages'}: give it to evaluate with --${kind}`);
    kinds.set(file, kind);
  }
  const contactFiles = files.filter((x) => kinds.get(x) === 'contacts');
  const summaryFiles = files.filter((x) => kinds.get(x) === 'summaries');
  if (summaryFiles.length) {
    if (summaryFiles.length !== files.length) throw new UsageError('interval summaries are reported on their own: give them without contact, state or schedule files');
    const r = await summaryReport(summaryFiles, byAll, defs, inputTz);
    out(f.json ? JSON.stringify({ definitions: { timeZone: defs.timeZone, inputTimeZone: inputTz, intervalMinutes: defs.intervalMinutes }, summaries: r }, null, 2) : readableSummaries(r));
    return 0;
  }
  const stateFiles = files.filter((x) => kinds.get(x) === 'agent-states');
  const scheduleFiles = files.filter((x) => kinds.get(x) === 'schedules');
  const categories = loadCategories(f.categories);
  if (contactFiles.length === 0) {
    const efficiency = await efficiencyReport(stateFiles, scheduleFiles, byAll, defs, inputTz, categories);
    const json = { definitions: { timeZone: defs.timeZone, inputTimeZone: inputTz, intervalMinutes: defs.intervalMinutes, weekStart: defs.weekStart }, efficiency: { ...efficiency, parts: undefined } };
    out(f.json ? JSON.stringify(json, null, 2) : readableEfficiency(efficiency));
    return 0;
  }

  const dims: Dimension[] = by.filter((b): b is Dimension => b === 'channel' || b === 'tier' || b === 'agent');
  const parts = new ContactParts({ slotMinutes: slotMinutesFor(defs.intervalMinutes), dimensions: dims, keepRepeats: defs.fcr.method !== 'flag' });
  const { perFile, logStates } = await readContactFiles(contactFiles, parts, { mapping, inputTz, threads: f.threads, rejections: f.rejections, dayMonthOrder: f['day-month-order'] });
  const efficiency = stateFiles.length || scheduleFiles.length || logStates.length
    ? await efficiencyReport(stateFiles, scheduleFiles, byAll, defs, inputTz, categories, logStates)
    : null;
  if (byAll.includes('team') && !efficiency) throw new UsageError('--by team groups agent states and schedules; contacts have no team (use agent)');
  const validation = mergeValidations(perFile.map((p) => p.validation), perFile.length > 1 ? contactFiles : null);
  const { result, definitions, local } = figures(parts, defs, inputTz, by, businessHours);
  // With agent states beside the contacts: per interval, the agents Erlang C required against those present.
  const staffing = efficiency?.parts && (stateFiles.length || logStates.length) ? observedStaffing(parts, defs, efficiency.parts) : null;
  const json = {
    validation,
    mapping: inWords(perFile[0].mapping),
    dataRange: parts.contacts > 0 ? { firstArrival: local(parts.firstArrival), lastArrival: local(parts.lastArrival) } : null,
    ...(perFile.length > 1 ? { files: perFile.map((p) => ({ file: p.file, mapping: inWords(p.mapping), validation: p.validation })) } : {}),
    definitions,
    totals: result.totals,
    groups: result.groups,
    // The callers' mean patience, for Erlang A staffing (docs/metrics.md §8).
    meanPatience: patienceFrom(parts),
    ...(efficiency ? { efficiency: { ...efficiency, parts: undefined } } : {}),
    ...(staffing ? { staffing } : {}),
  };
  if (f.json) {
    out(JSON.stringify(json, null, 2));
    return 0;
  }
  out(readable(json, contactFiles) + (efficiency ? '\n\n' + readableEfficiency(efficiency) : '') + (staffing ? '\n\n' + readableStaffing(staffing, defs.serviceLevel) : ''));
  return 0;
}

/** The grouped figures of parts and the definitions they were computed under, as every report prints them. */
function figures(parts: ContactParts, defs: Definitions, inputTz: string, by: readonly GroupBy[], businessHours: BusinessHours | null | undefined) {
  let result;
  try {
    result = query(parts, defs, { by, businessHours });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const definitions = {
    ...defs,
    inputTimeZone: inputTz,
    aht: { parts: result.ahtParts },
    fcr: { ...defs.fcr, method: result.fcrMethod, windowDays: result.fcrWindowDays, provisional: result.fcrMethod === 'repeat' ? result.fcrProvisional : undefined },
    waitPercentiles: { method: 'nearest rank over answered and abandoned (not short) waits', resolution: '1 s to 600 s, 10 s to 3600 s, 60 s beyond' },
  };
  const zone = zoneNamed(defs.timeZone);
  const local = (ms: number) => {
    const l = zone.toLocal(ms);
    return new Date(l).toISOString().slice(0, 19) + Zone.formatOffset(l - ms);
  };
  return { result, definitions, local };
}

/**
 * `report --parts`: the same figures from parts tables (docs/parts.md) instead of contacts. Parts hold no rows,
 * so there is no mapping; the validation counts parts rows; the data's range is that of its slots.
 */
async function reportParts(files: string[], f: Record<string, string | boolean | undefined>, defs: Definitions, by: GroupBy[], businessHours: BusinessHours | null | undefined, out: (s: string) => void): Promise<number> {
  for (const flag of ['map', 'input-tz', 'day-month-order', 'rejections', 'threads', 'categories'] as const) {
    if (f[flag] !== undefined) throw new UsageError(`--${flag} is for contact files; --parts reads parts tables (docs/parts.md)`);
  }
  const read = await readPartsFiles(files, undefined, vendorFlags(f));
  const parts = read.parts;
  if (defs.intervalMinutes === 5 && parts.opts.slotMinutes !== 5) throw new UsageError(`--interval 5m: these parts are kept in ${parts.opts.slotMinutes}-minute slots; make them with --interval 5m`);
  for (const d of ['agent', 'channel', 'tier'] as const) {
    if (by.includes(d) && !parts.opts.dimensions.includes(d)) {
      const without = read.files.filter((x) => x.validation.rowsRead > 0).length > 1 ? 'some of these parts tables were' : 'these parts were';
      throw new UsageError(`--by ${d}: ${without} made without ${d} (make them with sla-widgets parts --by channel,tier,agent, or sla-widgets sql --by channel,tier,agent)`);
    }
  }
  const { result, definitions, local } = figures(parts, defs, defs.timeZone, by, businessHours);
  const validation = read.validation;
  const json = {
    validation,
    mapping: null,
    parts: {
      files: read.files.map((x) => ({ file: x.file, format: x.format, rowsRead: x.validation.rowsRead, rowsRejected: x.validation.rowsRejected })),
      slotMinutes: parts.opts.slotMinutes,
      dimensions: parts.opts.dimensions,
      fcrRepeatWindowDays: parts.repeatsGiven ? parts.repeatsGiven.windowMs / 86_400_000 : null,
      // A vendor's aggregates: the thresholds its waits were counted at (docs/parts.md, "Vendor aggregates").
      waitsGiven: parts.waitsGiven,
    },
    notGiven: result.notGiven,
    dataRange: null,
    slotRange: parts.contacts > 0 ? { firstSlotStart: local(parts.firstArrival), lastSlotEnd: local(parts.lastArrival + 1) } : null,
    definitions,
    totals: result.totals,
    groups: result.groups,
    meanPatience: patienceFrom(parts),
  };
  out(f.json ? JSON.stringify(json, null, 2) : readable(json, files));
  return 0;
}

/**
 * Reads contact files into `parts` (a large plain CSV on every core), one id set across them all: what
 * `report` and `parts` share. Every rejected row goes to `rejections` (a CSV file) when given.
 */
export async function readContactFiles(
  contactFiles: readonly string[],
  parts: ContactParts,
  o: { mapping?: Mapping; inputTz: string; threads?: string; rejections?: string; dayMonthOrder?: string },
): Promise<{ perFile: { file: string; mapping: Mapping; validation: Validation }[]; logStates: AgentState[] }> {
  const f = { threads: o.threads, rejections: o.rejections, 'day-month-order': o.dayMonthOrder };
  const { mapping, inputTz } = o;
  const perFile: { file: string; mapping: Mapping; validation: Validation }[] = [];
  // One id set for every file: an export given twice, or two that overlap, is not counted twice.
  const ids = new IdSet();
  const threads = f.threads === undefined ? defaultThreads() : threadsFlag(f.threads);
  // Tests read small files in ranges too (SLA_PARALLEL_MIN_BYTES); people never need to.
  const parallelMin = process.env.SLA_PARALLEL_MIN_BYTES ? Number(process.env.SLA_PARALLEL_MIN_BYTES) : undefined;
  const logStates: AgentState[] = [];
  // --rejections: every rejected row, as a CSV people can open (the report itself lists the first 100).
  const rejected = f.rejections ? createWriteStream(f.rejections) : null;
  rejected?.write('file,line,column,value,reason,code\n');
  for (const file of contactFiles) {
    if (file !== '-') refuseAggregatesAsContacts(file, headOfFile(file, 65_536));
    try {
      const onRejection = rejected ? (r: Rejection) => { rejected.write([file, r.line, r.column ?? '', r.value ?? '', r.reason, r.code].map(csvField).join(',') + '\n'); } : undefined;
      const sampleBlocks = file === '-' ? undefined : await blocksOf(file);
      // A large plain CSV on every core (docs/mapping.md "Ranges"), unless every rejected row is to be written out.
      const a = (file !== '-' && !rejected ? await analyzeParallel(file, { mapping, inputTimeZone: inputTz, parts, ids, dayMonthOrder: dayMonth(f['day-month-order']), sampleBlocks, threads, minBytes: parallelMin }) : null)
        ?? await analyze((file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 })), { mapping, inputTimeZone: inputTz, parts, ids, dayMonthOrder: dayMonth(f['day-month-order']), sampleBlocks, onAgentState: (s) => logStates.push(s), onRejection });
      perFile.push({ file, mapping: a.mapping, validation: a.validation });
    } catch (e) {
      if (e instanceof IngestError) throw new UsageError(`${file}: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code) throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code})`);
      throw e;
    }
  }
  if (rejected) await new Promise<void>((r, j) => rejected.end((e?: Error | null) => (e ? j(new UsageError(`--rejections: ${e.message}`)) : r())));
  return { perFile, logStates };
}

/** A mapping as it is printed and saved: the kit's notes in English words (a file to edit and pass back with --map). */
function inWords(m: Mapping): Mapping {
  return m.notes ? { ...m, notes: m.notes.map(noteText) } : m;
}

function readable(j: any, files: string[]): string {
  const v: Validation = j.validation;
  const lines: string[] = [];
  lines.push(`${files.join(', ')}`);
  lines.push(`${j.parts ? 'parts rows' : 'rows'} read ${v.rowsRead} · accepted ${v.rowsAccepted} · rejected ${v.rowsRejected} · contacts ${v.contacts}` +
    (v.countedApart.total ? ` · counted apart ${v.countedApart.total} (${Object.entries(v.countedApart.byReason).map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''));
  if (v.rowsRejected) {
    lines.push(`rejected by reason: ${Object.entries(v.byReason).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    for (const r of v.rejections.slice(0, 10)) lines.push(`  line ${r.line}${r.column ? ` · ${r.column}` : ''}${r.value !== null && r.value !== '' ? ` "${r.value}"` : ''}: ${r.reason}`);
    if (v.rowsRejected > 10) lines.push(`  … ${v.rowsRejected - 10} more (--json lists the first 100)`);
  }
  const mappings: { file: string; mapping: Mapping }[] = j.mapping === null ? [] : j.files ?? [{ file: files[0], mapping: j.mapping }];
  if (j.parts) lines.push(`parts tables (docs/parts.md): ${j.parts.slotMinutes}-minute slots · by queue${j.parts.dimensions.map((d: string) => `, ${d}`).join('')}${j.parts.fcrRepeatWindowDays !== null ? ` · FCR by repeat counted with a ${j.parts.fcrRepeatWindowDays}-day window` : ''}`);
  const g = j.parts?.waitsGiven;
  if (g) {
    const list = (t: number[]) => (t.length ? t.map((x) => `${x} s`).join(', ') : 'no time');
    lines.push(`waits as ${g.source} counted them: answered within ${g.thresholdUnknown ? "each queue's own service-level time (give it with --source-threshold)" : list(g.answeredWithinSec)} · abandoned within ${list(g.abandonedWithinSec)}${g.answerWaitSums ? '' : ' · no answer-wait seconds (no ASA)'}`);
  }
  if (j.notGiven?.length) lines.push(`not given by these figures: ${j.notGiven.join(', ')} (docs/parts.md, "Vendor aggregates")`);
  const distinct = new Set(mappings.map((x) => JSON.stringify(x.mapping)));
  for (const { file, mapping: m } of distinct.size === 1 ? mappings.slice(0, 1) : mappings) {
    const src = (s: any): string => (typeof s === 'string' ? s : s?.column ?? s?.columns?.join('+') ?? (s?.date ? `${s.date}+${s.time}` : s?.const !== undefined ? `"${s.const}"` : '?'));
    lines.push(`mapping${distinct.size > 1 ? ` of ${file}` : ''}: ${m.preset} — ${Object.entries(m.fields).map(([k, s]) => `${k}←${src(s)}`).join(', ')}`);
    if (m.detected?.length) lines.push(`  detected: ${detectedText(m.detected)}`);
    for (const n of m.notes ?? []) lines.push(`  note: ${noteText(n)}`);
  }
  if (v.answeredWithoutQueueing) lines.push(`  note: ${v.answeredWithoutQueueing} contacts reached an agent without queueing: answered with wait 0 (docs/metrics.md §1).`);
  const d = j.definitions;
  const sl = d.serviceLevel;
  lines.push(`definitions: zone ${d.timeZone} · SL ${+(sl.target * 100).toFixed(2)}/${sl.thresholdSec} ${sl.preset}` +
    `${sl.includeFlowouts ? ' + flow-outs' : ''}${sl.includeCallbacks ? ' + callbacks' : ''}${sl.businessHoursOnly ? ' · business hours only' : ''}` +
    ` · short abandon ≤ ${sl.shortAbandonSec} s · abandon rate = ${d.abandonRate.denominator === 'offered' ? 'all abandons / offered' : 'abandoned / (answered + abandoned)'}` +
    ` · AHT ${d.aht.parts} · FCR by ${d.fcr.method}${d.fcr.provisional ? ' (provisional: some windows still open)' : ''}`);
  if (j.slotRange) lines.push(`contacts arrived in the slots from ${j.slotRange.firstSlotStart.replace('T', ' ')} to ${j.slotRange.lastSlotEnd.replace('T', ' ')}`);
  if (j.dataRange) lines.push(`contacts arrived ${j.dataRange.firstArrival.replace('T', ' ')} – ${j.dataRange.lastArrival.replace('T', ' ')}`);
  lines.push('');
  const t = j.totals;
  const rows = [t, ...j.groups];
  const shown = COLUMNS.filter(([, , k]) => rows.some((r: any) => r[k] !== null && r[k] !== 0));
  const hidden = COLUMNS.filter((c) => !shown.includes(c)).map(([h]) => h);
  lines.push(`totals: SL ${pct(t.serviceLevel)} (${t.serviceLevelMet} of ${t.serviceLevelBase}) · ASA ${sec(t.asa)} · abandon rate ${pct(t.abandonRate)} · AHT ${sec(t.aht)} · offered ${t.offered}`);
  lines.push(table(['', ...shown.map((c) => c[0])], [['total', ...shown.map((c) => c[1](t))], ...j.groups.map((g: any) => [g.key + (g.fcrProvisional ? ' *' : ''), ...shown.map((c) => c[1](g))])]));
  if (hidden.length) lines.push(`not in the data (no value anywhere): ${hidden.join(', ')}`);
  const p = j.meanPatience as PatienceEstimate;
  if (p.meanSec !== null) lines.push(`callers' mean patience ${Math.round(p.meanSec)} s (${Math.round(p.waitedSec).toLocaleString('en-US')} s waited / ${p.abandons.toLocaleString('en-US')} ${p.abandons === 1 ? 'abandon' : 'abandons'}): staffing --model erlang-a --patience ${Math.round(p.meanSec)}s`);
  if (j.groups.some((g: any) => g.fcrProvisional)) lines.push('* FCR provisional: some contacts\' repeat windows reach past the last arrival loaded');
  return lines.join('\n');
}

function readableStaffing(rows: ObservedStaffing[], sl: { target: number; thresholdSec: number }): string {
  const shown = rows.filter((r) => r.offered > 0 || (r.presentAgents ?? 0) > 0);
  const under = shown.filter((r) => r.gap !== null && r.gap < 0).length;
  const lines = [`staffing (Erlang C at ${+(sl.target * 100).toFixed(2)}/${sl.thresholdSec} on the observed volume and AHT, against agents handling or available): ${under} of ${shown.length} intervals understaffed`];
  const cut = shown.slice(0, 96);
  lines.push(table(['interval', 'offered', 'AHT', 'required', 'present', 'gap'], cut.map((r) => [
    r.interval, String(r.offered), r.aht === null ? 'no data' : `${r.aht.toFixed(0)} s`, r.requiredAgents === null ? 'no data' : String(r.requiredAgents),
    r.presentAgents === null ? 'no data' : r.presentAgents.toFixed(1), r.gap === null ? '' : (r.gap > 0 ? '+' : '') + r.gap.toFixed(1),
  ])));
  if (shown.length > cut.length) lines.push(`… ${shown.length - cut.length} more intervals (--json lists them all)`);
  return lines.join('\n');
}

/** How detection chose the fields, grouped: "by the five9 layout (high)"; "arrived by its values (low) · queue, wait by name (high)". */
function detectedText(list: NonNullable<Mapping['detected']>): string {
  const groups = new Map<string, string[]>();
  const words = { layout: 'by its layout', name: 'by name', words: 'by the words of the name', values: 'by its values' } as const;
  for (const d of list) {
    const k = `${words[d.by]} (${d.confidence})`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(d.field);
  }
  return [...groups].map(([k, fields]) => `${fields.join(', ')} ${k}`).join(' · ');
}

