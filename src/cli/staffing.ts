/** `sla-widgets staffing`: Erlang C — how many agents a volume needs for a service-level target. */
import { requiredAgentsA, staffingTableA, type ErlangAFigures } from '../engine/erlang/erlang-a.js';
import { helpText } from './help.js';
import { parseArgs } from 'node:util';
import { requiredAgents, staffingTable, type StaffingInput, type StaffingRow } from '../engine/erlang/erlang-c.js';
import { UsageError, flagError } from './errors.js';
import { parseInterval, parseSl } from './options.js';
import { pct, sec, table } from './format.js';


export const FLAGS = {
  contacts: { type: 'string' },
  interval: { type: 'string' },
  aht: { type: 'string' },
  sl: { type: 'string' },
  shrinkage: { type: 'string' },
  'max-occupancy': { type: 'string' },
  asa: { type: 'string' },
  model: { type: 'string' },
  patience: { type: 'string' },
  table: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A duration flag in seconds, as people write it: 240, 240s, 4m, 4min, 0:04:00, 1h. */
function seconds(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  let n = NaN;
  const unit = /^(\d+(?:\.\d+)?)\s*(s|sec|secs|seconds|m|min|mins|minutes|h|hr|hours)?$/.exec(t);
  if (unit) n = +unit[1] * (unit[2]?.startsWith('h') ? 3600 : unit[2]?.startsWith('m') ? 60 : 1);
  else if (/^\d+:\d{2}(:\d{2})?$/.test(t)) n = t.split(':').reduce((acc, p) => acc * 60 + +p, 0);
  if (!(n > 0)) throw new UsageError(`--${flag} ${v}: expected a duration > 0 (240, 240s, 4m, 0:04:00)`);
  return n;
}

function num(v: string | undefined, flag: string, ok: (n: number) => boolean, expected: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.replace(/%$/, ''));
  const value = v.endsWith('%') ? n / 100 : n;
  if (v.trim() === '' || !Number.isFinite(value) || !ok(value)) throw new UsageError(`--${flag} ${v}: expected ${expected}`);
  return value;
}

const rowJson = (r: StaffingRow) => ({
  agents: r.agents,
  scheduledAgents: r.scheduledAgents,
  serviceLevel: r.serviceLevel,
  asa: r.asa,
  occupancy: r.occupancy,
  probabilityOfWaiting: r.probabilityOfWaiting,
  ...(r.unbounded ? { unbounded: true } : {}),
});

export async function staffing(argv: string[], out: (s: string) => void): Promise<number> {
  let f;
  try {
    f = parseArgs({ args: argv, options: FLAGS, strict: true }).values;
  } catch (e) {
    throw flagError(e, 'staffing');
  }
  if (f.help) {
    out(helpText('staffing'));
    return 0;
  }
  for (const k of ['contacts', 'aht', 'sl'] as const) if (f[k] === undefined) throw new UsageError(`staffing needs --${k} (see: sla-widgets staffing --help)`);
  const sl = parseSl(f.sl!);
  const input: StaffingInput = {
    contacts: num(f.contacts, 'contacts', (n) => n >= 0, 'a number of contacts ≥ 0')!,
    intervalSec: parseInterval(f.interval ?? '30m') * 60,
    ahtSec: seconds(f.aht, 'aht')!,
    target: sl.target,
    thresholdSec: sl.thresholdSec,
    // 30 % by default, as the staffing widget (and docs/metrics.md §8's worked case): --shrinkage 0 for none.
    shrinkage: num(f.shrinkage, 'shrinkage', (n) => n >= 0 && n < 1, 'a fraction from 0 to below 1, e.g. 0.3') ?? 0.3,
    maxOccupancy: num(f['max-occupancy'], 'max-occupancy', (n) => n > 0 && n <= 1, 'a fraction above 0 and at most 1, e.g. 0.85'),
    asaSec: seconds(f.asa, 'asa'),
  };
  if (sl.target >= 1) throw new UsageError(`--sl ${f.sl}: a 100 % target can never be met by Erlang C`);
  const model = f.model ?? 'erlang-c';
  if (model !== 'erlang-c' && model !== 'erlang-a') throw new UsageError(`--model ${f.model}: expected erlang-c or erlang-a`);
  if (model === 'erlang-a') return erlangAStaffing(input, f, out);
  if (f.patience !== undefined) throw new UsageError('--patience is for --model erlang-a (Erlang C assumes callers never hang up)');
  const { required, rows } = f.table ? staffingTable(input) : { required: requiredAgents(input), rows: [] };
  const result = { trafficErlangs: required.trafficErlangs, ...rowJson(required) };
  if (f.json) {
    out(JSON.stringify(f.table ? { ...result, table: rows.map(rowJson) } : result, null, 2));
    return 0;
  }
  out(
    `${input.contacts} contacts in ${input.intervalSec / 60} min at AHT ${input.ahtSec} s = ${required.trafficErlangs.toFixed(3)} Erlangs\n` +
      `${required.agents} agents reach ${pct(required.serviceLevel)} answered within ${input.thresholdSec} s (target ${pct(input.target)})` +
      ` · ASA ${sec(required.asa)} · occupancy ${pct(required.occupancy)} · P(wait) ${pct(required.probabilityOfWaiting)}` +
      `\n${required.scheduledAgents} to schedule with ${pct(input.shrinkage ?? 0)} shrinkage`,
  );
  if (f.table) {
    out('');
    out(table(
      ['agents', 'scheduled', 'SL', 'ASA', 'occupancy', 'P(wait)'],
      rows.map((r) => [
        `${r.agents}${r.agents === required.agents ? ' ←' : ''}`, String(r.scheduledAgents), pct(r.serviceLevel),
        r.unbounded ? 'unbounded' : sec(r.asa), pct(r.occupancy), pct(r.probabilityOfWaiting),
      ]),
    ));
  }
  return 0;
}

/** Erlang A: callers hang up after a mean patience (--patience), as the data's abandons show. */
function erlangAStaffing(input: StaffingInput, f: { patience?: string; json?: boolean; table?: boolean }, out: (s: string) => void): number {
  if (f.patience === undefined) throw new UsageError('--model erlang-a needs --patience, the callers\' mean patience (e.g. 90s or 2m; report prints it from a file\'s abandons)');
  const patienceSec = seconds(f.patience, 'patience')!;
  if (!(patienceSec > 0)) throw new UsageError(`--patience ${f.patience}: expected more than 0 s`);
  const { required: r, rows } = f.table ? staffingTableA({ ...input, patienceSec }) : { required: requiredAgentsA({ ...input, patienceSec }), rows: [] };
  const json = (x: ErlangAFigures) => ({ agents: x.agents, serviceLevel: x.serviceLevel, asa: x.asa, abandonment: x.abandonment, occupancy: x.occupancy, probabilityOfWaiting: x.probabilityOfWaiting, meanWait: x.meanWait });
  if (f.json) {
    out(JSON.stringify({ model: 'erlang-a', patienceSec, trafficErlangs: r.trafficErlangs, scheduledAgents: r.scheduledAgents, ...json(r), ...(f.table ? { table: rows.map(json) } : {}) }, null, 2));
    return 0;
  }
  out(
    `${input.contacts} contacts in ${input.intervalSec / 60} min at AHT ${input.ahtSec} s = ${r.trafficErlangs.toFixed(3)} Erlangs; Erlang A, callers' mean patience ${patienceSec} s\n` +
      `${r.agents} agents reach ${pct(r.serviceLevel)} answered within ${input.thresholdSec} s (target ${pct(input.target)})` +
      ` · ASA ${sec(r.asa)} · abandoned ${pct(r.abandonment)} · occupancy ${pct(r.occupancy)} · P(wait) ${pct(r.probabilityOfWaiting)}` +
      `\n${r.scheduledAgents} to schedule with ${pct(input.shrinkage ?? 0)} shrinkage`,
  );
  if (f.table) {
    out('');
    out(table(
      ['agents', 'SL', 'ASA', 'abandoned', 'occupancy', 'P(wait)'],
      rows.map((x) => [`${x.agents}${x.agents === r.agents ? ' ←' : ''}`, pct(x.serviceLevel), sec(x.asa), pct(x.abandonment), pct(x.occupancy), pct(x.probabilityOfWaiting)]),
    ));
  }
  return 0;
}
