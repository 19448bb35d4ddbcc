/** `sla-widgets staffing`: Erlang C — how many agents a volume needs for a service-level target. */
import { parseArgs } from 'node:util';
import { requiredAgents, staffingTable, type StaffingInput, type StaffingRow } from '../engine/erlang/erlang-c.js';
import { UsageError, flagError } from './errors.js';
import { parseInterval, parseSl } from './options.js';
import { pct, sec, table } from './format.js';

export const STAFFING_USAGE =
  'sla-widgets staffing --contacts N --interval 30m --aht S --sl 80/20 [--shrinkage 0.3] [--max-occupancy 0.85] [--asa S] [--table] [--json]';

const FLAGS = {
  contacts: { type: 'string' },
  interval: { type: 'string' },
  aht: { type: 'string' },
  sl: { type: 'string' },
  shrinkage: { type: 'string' },
  'max-occupancy': { type: 'string' },
  asa: { type: 'string' },
  table: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
    out(STAFFING_USAGE);
    return 0;
  }
  for (const k of ['contacts', 'aht', 'sl'] as const) if (f[k] === undefined) throw new UsageError(`staffing needs --${k} (see: sla-widgets staffing --help)`);
  const sl = parseSl(f.sl!);
  const input: StaffingInput = {
    contacts: num(f.contacts, 'contacts', (n) => n >= 0, 'a number of contacts ≥ 0')!,
    intervalSec: parseInterval(f.interval ?? '30m') * 60,
    ahtSec: num(f.aht, 'aht', (n) => n > 0, 'seconds > 0')!,
    target: sl.target,
    thresholdSec: sl.thresholdSec,
    shrinkage: num(f.shrinkage, 'shrinkage', (n) => n >= 0 && n < 1, 'a fraction from 0 to below 1, e.g. 0.3') ?? 0,
    maxOccupancy: num(f['max-occupancy'], 'max-occupancy', (n) => n > 0 && n <= 1, 'a fraction above 0 and at most 1, e.g. 0.85'),
    asaSec: num(f.asa, 'asa', (n) => n > 0, 'seconds > 0'),
  };
  if (sl.target >= 1) throw new UsageError(`--sl ${f.sl}: a 100 % target can never be met by Erlang C`);
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
