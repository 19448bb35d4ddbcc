/**
 * `sla-widgets generate`: realistic, seeded contacts as CSV on stdout, or with `--out DIR` one whole center in
 * five files (contacts, agent states, schedules, forecast, outages). The same arguments give the same bytes.
 */
import { helpText } from './help.js';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { generateContactsCsv, type GenerateOptions } from '../sample/generate.js';
import { CENTER_FILES, generateCenter, type CenterChunk, type CenterFile } from '../sample/center.js';
import { UsageError, flagError } from './errors.js';
import { zoneFlag } from './options.js';


export const FLAGS = {
  contacts: { type: 'string' },
  seed: { type: 'string' },
  start: { type: 'string' },
  days: { type: 'string' },
  queues: { type: 'string' },
  agents: { type: 'string' },
  tz: { type: 'string' },
  out: { type: 'string' },
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
    out.write(helpText('generate') + '\n');
    return 0;
  }
  const contacts = positiveInt(f.contacts, 'contacts', 50_000_000);
  if (contacts === undefined) throw new UsageError(`generate needs --contacts N (see: sla-widgets generate --help)`);
  if (f.seed === undefined) throw new UsageError(`generate needs --seed S (the same seed gives the same file) (see: sla-widgets generate --help)`);
  if (f.start !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(f.start)) throw new UsageError(`--start ${f.start}: expected YYYY-MM-DD`);
  if (f.out === '') throw new UsageError('--out needs a directory');
  const opts: GenerateOptions = {
    contacts,
    seed: f.seed,
    start: f.start,
    days: positiveInt(f.days, 'days', 3660),
    queues: positiveInt(f.queues, 'queues', 200),
    agents: positiveInt(f.agents, 'agents', 100_000),
    timeZone: f.tz ? zoneFlag(f.tz, '--tz') : undefined,
  };
  if (f.out !== undefined) return generateInto(f.out, opts, out);
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

/** The directory `dir`, made if missing; a file there, or a path that cannot be a directory, is a usage error. */
function outputDirectory(dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
    if (!isDir) throw new UsageError(`--out ${dir}: is a file, not a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new UsageError(`--out ${dir}: cannot use it as a directory (${code ?? (e as Error).message})`);
  }
  if (isDir) return;
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UsageError(`--out ${dir}: cannot make the directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Writes the five files of one center into `dir`, each chunk as it comes, waiting where a file's stream is full. */
async function generateInto(dir: string, opts: GenerateOptions, out: NodeJS.WritableStream): Promise<number> {
  let gen: Generator<CenterChunk>;
  try {
    gen = generateCenter(opts);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  outputDirectory(dir);
  const files = new Map<CenterFile, { path: string; stream: WriteStream; rows: number }>();
  // A write error (disk full, permissions) fails the command with the file's name, once.
  let failure: Error | null = null;
  const failed = new Promise<never>((_, reject) => {
    for (const { file, name } of CENTER_FILES) {
      const path = join(dir, name);
      const stream = createWriteStream(path);
      stream.on('error', (e: NodeJS.ErrnoException) => {
        failure ??= new UsageError(`${path}: cannot write (${e.code ?? e.message})`);
        reject(failure);
      });
      files.set(file, { path, stream, rows: 0 });
    }
  });
  failed.catch(() => {});
  for (const chunk of gen) {
    if (failure) throw failure;
    const f = files.get(chunk.file)!;
    f.rows += chunk.rows;
    if (!f.stream.write(chunk.text)) await Promise.race([once(f.stream, 'drain'), failed]);
  }
  await Promise.race([
    Promise.all([...files.values()].map((f) => new Promise<void>((resolve) => f.stream.end(resolve)))),
    failed,
  ]);
  if (failure) throw failure;
  for (const { name } of CENTER_FILES) {
    const f = files.get(CENTER_FILES.find((x) => x.name === name)!.file)!;
    out.write(`${f.path}: ${f.rows} rows\n`);
  }
  return 0;
}
