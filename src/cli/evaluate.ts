/** `sla-widgets evaluate`: the scorecard of an SLA document over a period, readable or as JSON. */
import { helpText } from './help.js';
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { blocksOf } from './blocks.js';
import { analyze } from '../engine/analyze.js';
import { IdSet } from '../engine/ingest/id-set.js';
import { ContactParts, slotMinutesFor } from '../engine/parts.js';
import { IngestError, type Validation } from '../engine/ingest/index.js';
import { ExclusionReader, ForecastReader, OutageReader } from '../engine/ingest/records.js';
import { evaluate, periodFor, slaDefinitions, type Scorecard, type ScopeReport } from '../engine/agreement/evaluate.js';
import { validateSla, SlaError, type SlaDocument } from '../engine/agreement/sla.js';
import { zoneNamed } from '../engine/time/zone.js';
import type { Exclusion, ForecastEntry, Outage } from '../engine/types.js';
import { UsageError, flagError } from './errors.js';
import { unitOf } from '../engine/metric-info.js';
import { readRecordsFile, type RecordsReader } from './read-records.js';
import { dayMonth, loadMapping, machineZone, readJson, vendorFlags, zoneFlag } from './options.js';
import { table } from './format.js';
import { efficiencyReport, fileKind, loadCategories } from './efficiency.js';
import { readPartsFiles } from './parts-files.js';


export const FLAGS = {
  sla: { type: 'string' },
  period: { type: 'string' },
  tz: { type: 'string' },
  'input-tz': { type: 'string' },
  'day-month-order': { type: 'string' },
  map: { type: 'string' },
  forecast: { type: 'string' },
  outages: { type: 'string' },
  exclusions: { type: 'string' },
  baseline: { type: 'string' },
  categories: { type: 'string' },
  verbose: { type: 'boolean' },
  parts: { type: 'boolean' },
  'source-threshold': { type: 'string' },
  'source-short-abandon': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readable(file: string): void {
  try {
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'a directory, not a file' });
  } catch (e) {
    throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function readRecords<T>(file: string, reader: RecordsReader<T>): Promise<{ records: T[]; validation: Validation }> {
  readable(file);
  return readRecordsFile(file, reader);
}

export async function evaluateCommand(argv: string[], out: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, 'evaluate');
  }
  const { values: f, positionals: files } = parsed;
  if (f.help) {
    out(helpText('evaluate'));
    return 0;
  }
  if (!f.sla) throw new UsageError(`evaluate needs --sla sla.json (see: sla-widgets evaluate --help)`);
  if (files.length === 0) throw new UsageError(`evaluate needs at least one contacts file (see: sla-widgets evaluate --help)`);
  let doc: SlaDocument;
  try {
    doc = validateSla(readJson(f.sla, '--sla'), f.sla);
  } catch (e) {
    if (e instanceof SlaError) throw new UsageError(e.message);
    throw e;
  }
  const tz = f.tz ? zoneFlag(f.tz, '--tz') : doc.timeZone ?? machineZone();
  const inputTz = f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : tz;
  const defs = slaDefinitions(doc, tz);
  const mapping = f.map ? loadMapping(f.map) : undefined;
  if (f.parts) {
    for (const flag of ['map', 'input-tz', 'day-month-order', 'categories'] as const) {
      if (f[flag] !== undefined) throw new UsageError(`--${flag} is for contact files; --parts reads parts tables (docs/parts.md)`);
    }
  }
  // --parts: the files are parts tables (docs/parts.md), added into one set of parts.
  const vendor = vendorFlags(f);
  const fromTables = f.parts ? await readPartsFiles(files, undefined, vendor) : null;
  if (fromTables && defs.intervalMinutes === 5 && fromTables.parts.opts.slotMinutes !== 5) throw new UsageError(`the agreement's intervals are 5 minutes: these parts are kept in ${fromTables.parts.opts.slotMinutes}-minute slots (make them with --interval 5m)`);
  const parts = fromTables?.parts ?? new ContactParts({
    slotMinutes: slotMinutesFor(defs.intervalMinutes),
    dimensions: doc.scope?.channels ? ['channel'] : [],
    keepRepeats: defs.fcr.method !== 'flag',
  });
  const validations: { file: string; validation: Validation }[] = fromTables
    ? fromTables.files.map((x) => ({ file: x.file, validation: x.validation }))
    : [];
  const kinds = new Map(fromTables ? [] : files.map((file) => {
    if (file !== '-') readable(file);
    const kind = fileKind(file);
    if (kind === 'forecast' || kind === 'outages') throw new UsageError(`${file} holds ${kind === 'forecast' ? 'a forecast' : 'outages'}: give it with --${kind}`);
    if (kind === 'summaries') throw new UsageError(`${file} holds interval summaries: an SLA is evaluated from contacts (summaries can be reported with report)`);
    return [file, kind] as const;
  }));
  const stateFiles = files.filter((x) => kinds.get(x) === 'agent-states');
  const scheduleFiles = files.filter((x) => kinds.get(x) === 'schedules');
  const eff = stateFiles.length || scheduleFiles.length ? await efficiencyReport(stateFiles, scheduleFiles, [], defs, inputTz, loadCategories(f.categories)) : null;
  for (const e of eff?.files ?? []) validations.push({ file: e.file, validation: e.validation });
  // One id set for every file: an export given twice, or two that overlap, is not counted twice.
  const ids = new IdSet();
  for (const file of files.filter((x) => kinds.get(x) === 'contacts')) {
    try {
      const a = await analyze((file === '-' ? process.stdin : createReadStream(file, { highWaterMark: 1 << 20 })), { mapping, inputTimeZone: inputTz, parts, ids, dayMonthOrder: dayMonth(f['day-month-order']), sampleBlocks: file === '-' ? undefined : await blocksOf(file) });
      validations.push({ file, validation: a.validation });
    } catch (e) {
      if (e instanceof IngestError) throw new UsageError(`${file}: ${e.message}`);
      throw e;
    }
  }
  const zone = zoneNamed(tz);
  let forecast: ForecastEntry[] | undefined;
  let outages: Outage[] | undefined;
  if (f.forecast) {
    const r = await readRecords<ForecastEntry>(f.forecast, new ForecastReader(zoneNamed(inputTz)));
    forecast = r.records;
    validations.push({ file: f.forecast, validation: r.validation });
  }
  if (f.outages) {
    const r = await readRecords<Outage>(f.outages, new OutageReader(zoneNamed(inputTz)));
    outages = r.records;
    validations.push({ file: f.outages, validation: r.validation });
  }
  if (f.exclusions) {
    const r = await readRecords<Exclusion>(f.exclusions, new ExclusionReader(zoneNamed(inputTz)));
    validations.push({ file: f.exclusions, validation: r.validation });
    const iso = (ms: number) => new Date(ms).toISOString();
    doc = {
      ...doc,
      exclusions: {
        ...doc.exclusions,
        windows: [...(doc.exclusions?.windows ?? []), ...r.records.map((x) => ({ start: iso(x.start), end: iso(x.end), reason: x.reason, ...(x.queue ? { queues: [x.queue] } : {}) }))],
      },
    };
  }
  let period;
  try {
    period = periodFor(f.period, doc, parts, zone);
  } catch (e) {
    throw new UsageError(`--period: ${(e as Error).message}`);
  }
  if (!period) throw new UsageError('no contacts were read, so there is no period to evaluate; give --period');
  let sc: Scorecard;
  try {
    const days = f.baseline === undefined ? 30 : Number(/^(\d+)\s*d?$/.exec(f.baseline)?.[1] ?? NaN);
    if (!(days >= 0 && days <= 90)) throw new UsageError(`--baseline ${f.baseline}: expected days from 0 (none) to 90, e.g. 30d`);
    sc = evaluate(parts, doc, { period, timeZone: tz, forecast, outages, baselineDays: days, efficiency: eff?.parts });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (f.json) {
    out(JSON.stringify({ files: validations, scorecard: sc }, null, 2));
    return 0;
  }
  out(readableScorecard(sc, validations, !!f.verbose));
  return 0;
}

function show(metric: string, v: number | null, signed = false): string {
  if (v === null) return 'no data';
  if (Math.abs(v) < 1e-9) v = 0;
  const sign = signed && v > 0 ? '+' : '';
  if (unitOf(metric) === 'fraction') return `${sign}${(v * 100).toFixed(metric === 'uptime' ? 3 : 1)}${signed ? ' pt' : ' %'}`;
  if (unitOf(metric) === 'seconds') return `${sign}${v.toFixed(1)} s`;
  return `${sign}${v.toFixed(1)}`;
}

/** What the scope did, in one line: "scope: queue all but Internal (24 contacts left out: Internal 24); channel voice, chat not applied …". */
export function scopeLine(scope: ScopeReport): string {
  const list = (x: { include: string[] | null; exclude: string[] }) =>
    [x.include ? x.include.join(', ') : 'all', x.exclude.length ? `but ${x.exclude.join(', ')}` : ''].filter(Boolean).join(' ');
  const parts: string[] = [];
  for (const a of scope.applied) {
    const out = scope.leftOut.filter((o) => o.dimension === a.dimension);
    const n = out.reduce((t, o) => t + o.contacts, 0);
    parts.push(`${a.dimension} ${list(a)} (${n === 0 ? 'no contact left out' : `${n} ${n === 1 ? 'contact' : 'contacts'} left out: ${out.map((o) => `${o.value} ${o.contacts}`).join(', ')}`})`);
  }
  for (const x of scope.notApplied) {
    parts.push(`${x.dimension} ${list(x)} not applied: no contact in the data has a ${x.dimension} (${x.contacts} ${x.contacts === 1 ? 'contact' : 'contacts'} counted without it)`);
  }
  if (parts.length === 0) return `scope: every queue and channel (${scope.contacts.inPeriod} contacts)`;
  return `scope: ${parts.join('; ')} — ${scope.contacts.inScope} of ${scope.contacts.inPeriod} contacts in scope`;
}

function readableScorecard(sc: Scorecard, files: { file: string; validation: Validation }[], verbose = false): string {
  const lines: string[] = [];
  for (const { file, validation: v } of files) {
    lines.push(`${file}: rows read ${v.rowsRead} · accepted ${v.rowsAccepted} · rejected ${v.rowsRejected}${v.rowsRejected ? ` (${Object.entries(v.byReason).map(([k, n]) => `${k}: ${n}`).join(', ')}; --json lists them)` : ''}`);
  }
  lines.push('', `${sc.sla} — ${sc.period.grain} ${sc.period.key} (${sc.timeZone}; trend against ${sc.previousPeriod})`);
  if (sc.scope) lines.push(scopeLine(sc.scope));
  lines.push('status: each metric judged on this period\'s own value (no carry-over from the period before)', '');
  lines.push(table(
    ['metric', 'value', 'target', 'status', 'trend', 'excl. effect', 'credit', 'baseline (p10–p90)', 'realistic target'],
    sc.metrics.map((m) => [
      m.label, show(m.metric, m.value), `${m.direction === 'higher' ? '≥' : '≤'} ${show(m.metric, m.target)}`, m.status ?? 'no data',
      show(m.metric, m.trend, true), show(m.metric, m.exclusionEffect, true), m.credit === null ? `(${m.period}ly)` : m.credit ? `${(m.credit * 100).toFixed(1)} %` : '—',
      m.baseline && m.baseline.value !== null ? `${show(m.metric, m.baseline.value)} (${show(m.metric, m.baseline.p10)}–${show(m.metric, m.baseline.p90)})` : '—',
      m.baseline?.suggestedTarget != null ? show(m.metric, m.baseline.suggestedTarget) : '—',
    ]),
  ));
  for (const m of sc.metrics) {
    if (m.uptime) lines.push(`${m.label}: ${+m.uptime.unplanned.toFixed(2)} min unplanned downtime over ${+(m.uptime.period - m.uptime.planned).toFixed(2)} min (${+m.uptime.period.toFixed(2)} min less ${+m.uptime.planned.toFixed(2)} min planned maintenance)`);
  }
  const b = sc.metrics.find((m) => m.baseline)?.baseline;
  if (b) lines.push(`baselines: ${b.from} – ${b.to} (${b.days} days before the period; days with data: ${b.daysWithData}); realistic target = baseline moved 20 % (times) or 2 points (rates) toward the easier side`);
  lines.push('');
  lines.push(...exclusionLines(sc, verbose));
  const c = sc.credits;
  lines.push(`credits: ${(c.owed * 100).toFixed(1)} % of the monthly fee${c.capped ? ` (capped from ${(c.total * 100).toFixed(1)} %)` : ''}${c.amount !== null ? ` = ${c.amount.toFixed(c.decimals ?? 2)} ${c.currency ?? ''}`.trimEnd() : ''}`);
  if (sc.bonus && !sc.metrics.some((m) => m.period === sc.period.grain)) lines.push(`bonus: not assessed for a ${sc.period.grain} (the metrics are ${[...new Set(sc.metrics.map((m) => m.period))].join(', ')}ly)`);
  else if (sc.bonus) lines.push(`bonus: ${sc.bonus.earned ? `earned, ${(sc.bonus.amount * 100).toFixed(1)} %${sc.bonus.money !== null ? ` = ${sc.bonus.money.toFixed(c.decimals ?? 2)} ${c.currency ?? ''}` : ''}` : `not earned (${sc.bonus.missed.map((m) => `${m.metric}: ${m.reason}`).join('; ')})`}`);
  if (sc.escalations.length) {
    lines.push('escalations due:');
    for (const e of sc.escalations) lines.push(`  ${e.metric} in breach → ${e.severity}: ${e.owner ?? 'no owner named'}${e.responseMinutes ? `, respond within ${e.responseMinutes} min` : ''}`);
  } else lines.push('escalations due: none');
  return lines.join('\n');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The excluded intervals, in the agreement's zone: a summary (how many, the contacts and their share of the
 * period's volume, the largest five) or, with --verbose, every one.
 */
export function exclusionLines(sc: Scorecard, verbose: boolean): string[] {
  const ex = sc.exclusions;
  if (!ex.length) return ['excluded intervals: none'];
  const zone = zoneNamed(sc.timeZone);
  const local = (iso: string) => {
    const ms = Date.parse(iso);
    return new Date(zone.toLocal(ms)).toISOString().slice(0, 16).replace('T', ' ');
  };
  const span = (e: Scorecard['exclusions'][number]) => {
    const a = local(e.start), b = local(e.end);
    return `${a}–${b.slice(0, 10) === a.slice(0, 10) ? b.slice(11) : b}`;
  };
  const line = (e: Scorecard['exclusions'][number]) => `  ${span(e)}${e.queue ? ` · ${e.queue}` : ' · all queues'}: ${e.reason} (${plural(e.contacts, 'contact')})`;
  const contacts = ex.reduce((n, e) => n + e.contacts, 0);
  const volume = sc.scope?.contacts.inScope ?? 0;
  const share = volume > 0 ? ` (${(Math.round((contacts / volume) * 1000) / 10).toLocaleString('en-US')} % of the period's ${plural(volume, 'contact')} in scope)` : '';
  const head = `excluded intervals (${sc.timeZone}): ${plural(ex.length, 'interval')}, ${plural(contacts, 'contact')}${share}`;
  if (verbose) return [`${head}:`, ...ex.map(line)];
  const largest = [...ex].sort((a, b) => b.contacts - a.contacts || a.start.localeCompare(b.start)).slice(0, 5);
  return [
    `${head}; the ${largest.length === ex.length ? (ex.length === 1 ? 'one' : 'all') : `largest ${largest.length}`}:`,
    ...largest.map(line),
    ...(largest.length < ex.length ? [`  … and ${plural(ex.length - largest.length, 'more interval')} (--verbose lists every one)`] : []),
  ];
}
