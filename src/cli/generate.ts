/** `sla-widgets generate`: realistic, seeded contacts as CSV on stdout. The same arguments give the same bytes. */
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { generateContactsCsv, type GenerateOptions } from '../engine/sample/generate.js';
import { UsageError, flagError } from './errors.js';
import { zoneFlag } from './options.js';

export const GENERATE_USAGE = 'sla-widgets generate --contacts N --seed S [--start 2026-01-05] [--days D] [--queues Q] [--agents A] [--tz Zone]';

const FLAGS = {
  contacts: { type: 'string' },
  seed: { type: 'string' },
  start: { type: 'string' },
  days: { type: 'string' },
  queues: { type: 'string' },
  agents: { type: 'string' },
  tz: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function positiveInt(v: string | undefined, flag: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${flag} ${v}: expected a whole number from 1 to ${max}`);
  return n;
}

export async function generate(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  let f;
  try {
    f = parseArgs({ args: argv, options: FLAGS, strict: true }).values;
  } catch (e) {
    throw flagError(e, 'generate');
  }
  if (f.help) {
    out.write(GENERATE_USAGE + '\n');
    return 0;
  }
  const contacts = positiveInt(f.contacts, 'contacts', 50_000_000);
  if (contacts === undefined) throw new UsageError(`generate needs --contacts N (see: sla-widgets generate --help)`);
  if (f.seed === undefined) throw new UsageError(`generate needs --seed S (the same seed gives the same file) (see: sla-widgets generate --help)`);
  if (f.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(f.start)) throw new UsageError(`--start ${f.start}: expected YYYY-MM-DD`);
  const opts: GenerateOptions = {
    contacts,
    seed: f.seed,
    start: f.start,
    days: positiveInt(f.days, 'days', 3660),
    queues: positiveInt(f.queues, 'queues', 200),
    agents: positiveInt(f.agents, 'agents', 100_000),
    timeZone: f.tz ? zoneFlag(f.tz, '--tz') : undefined,
  };
  let gen: Generator<string>;
  try {
    gen = generateContactsCsv(opts);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const chunk of gen) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  return 0;
}
