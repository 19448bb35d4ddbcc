/**
 * `sla-widgets parts`: contact exports → a parts table (docs/parts.md), by the kit's engine or by DuckDB
 * running the SQL recipe (`sla-widgets sql` prints it). The flags' readers here serve `sql` too.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { helpText } from './help.js';
import { UsageError, flagError } from './errors.js';
import { fcrWindowFlag, loadMapping, threadsFlag, zoneFlag } from './options.js';
import { readContactFiles } from './report.js';
import { ContactParts, OPTIONAL_DIMENSIONS, type Dimension } from '../engine/parts.js';
import { partsCsv, partsNdjson } from '../engine/parts-table.js';
import type { PartsFormat } from '../engine/parts-read.js';

export const FLAGS = {
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  engine: { type: 'string' },
  by: { type: 'string' },
  interval: { type: 'string' },
  'fcr-window': { type: 'string' },
  map: { type: 'string' },
  'input-tz': { type: 'string' },
  'day-month-order': { type: 'string' },
  threads: { type: 'string' },
  'memory-limit': { type: 'string' },
  rejections: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function formatOf(out: string, flag: string | undefined): PartsFormat {
  if (flag !== undefined) {
    if (flag === 'csv' || flag === 'ndjson' || flag === 'parquet') return flag;
    throw new UsageError(`--format ${flag}: expected csv, ndjson or parquet`);
  }
  if (/\.parquet$/i.test(out)) return 'parquet';
  if (/\.(ndjson|jsonl)$/i.test(out)) return 'ndjson';
  return 'csv';
}

/**
 * --by: which of channel, tier and agent are kept beside the queue. Default channel and tier: per agent, a
 * slot holds a contact or two, so the parts would be about as many rows as the contacts.
 */
export function dimensionsOf(by: string | undefined): Dimension[] {
  if (by === undefined) return ['channel', 'tier'];
  const list = by.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of list) if (x !== 'queue' && !(OPTIONAL_DIMENSIONS as readonly string[]).includes(x)) throw new UsageError(`--by ${by}: parts are kept by queue and any of channel, tier, agent ("${x}" is not one)`);
  return OPTIONAL_DIMENSIONS.filter((d) => list.includes(d));
}

export function slotOf(interval: string | undefined): 5 | 15 {
  if (interval === undefined) return 15;
  const m = /^(\d+)\s*m?$/.exec(interval);
  if (!m || ![5, 15].includes(+m[1])) throw new UsageError(`--interval ${interval}: parts are kept in 5m or 15m slots (15m slots add up to 30m and 60m intervals)`);
  return +m[1] as 5 | 15;
}

export function windowOf(w: string | undefined): number {
  return w === undefined ? 7 : fcrWindowFlag(w);
}

export async function partsCommand(argv: string[], out: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, 'parts');
  }
  const { values: f, positionals: files } = parsed;
  if (f.help) {
    out(helpText('parts'));
    return 0;
  }
  if (files.length === 0) throw new UsageError('parts needs at least one contact file (see: sla-widgets parts --help)');
  if (!f.out) throw new UsageError('parts needs --out FILE (.csv, .ndjson or .parquet; - for CSV on stdout)');
  const format = formatOf(f.out, f.format);
  if (f.out === '-' && format === 'parquet') throw new UsageError('--out -: Parquet is written to a file, not to stdout');
  const dimensions = dimensionsOf(f.by);
  const slotMinutes = slotOf(f.interval);
  const fcrWindowDays = windowOf(f['fcr-window']);
  const engine = f.engine ?? 'kit';
  if (engine !== 'kit' && engine !== 'duckdb') throw new UsageError(`--engine ${engine}: expected kit or duckdb`);
  const started = performance.now();

  if (engine === 'duckdb') {
    for (const flag of ['map', 'input-tz', 'day-month-order', 'rejections'] as const) {
      if (f[flag] !== undefined) throw new UsageError(`--${flag} is for the kit's reader; --engine duckdb reads contacts in the kit's normalized columns (docs/parts.md)`);
    }
    if (f.out === '-') throw new UsageError('--engine duckdb writes to a file: give --out FILE');
    const { openDuck, contactsView, checkContacts, recipeInto } = await import('./duckdb.js');
    const threads = f.threads === undefined ? undefined : threadsFlag(f.threads);
    const memory = f['memory-limit'] ?? '1GB';
    if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memory)) throw new UsageError(`--memory-limit ${memory}: expected a size such as 512MB or 2GB`);
    const s = await openDuck({ threads, memoryLimit: memory });
    try {
      const kind = await contactsView(s, files);
      const v = await checkContacts(s);
      const rows = await recipeInto(s, f.out, format, { slotMinutes, dimensions, fcrWindowDays });
      const n = (x: number) => x.toLocaleString('en-US');
      out(`${f.out}: ${n(rows)} parts rows (${format}) from ${files.length === 1 ? files[0] : `${files.length} files`} (${kind === 'kit-csv' ? "the kit's contact CSV" : 'normalized contacts'}) by DuckDB · ${n(v.rowsRead)} rows read = ${n(v.rowsAccepted)} accepted + ${n(v.rowsRejected)} rejected · ${((performance.now() - started) / 1000).toFixed(2)} s`);
      if (v.rowsRejected) {
        out(`rejected by reason: ${Object.entries(v.byReason).map(([k, x]) => `${k}: ${n(x)}`).join(', ')}`);
        for (const r of v.rejections) out(`  ${r.file} line ${r.line}: ${r.reason}`);
        out('(the kit\'s reader lists every rejected row with its line and column: leave out --engine duckdb, or add --rejections FILE to it)');
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`DuckDB: ${(e as Error).message.split('\n')[0]}`);
    } finally {
      s.close();
    }
    return 0;
  }

  if (f['memory-limit'] !== undefined) throw new UsageError('--memory-limit is for --engine duckdb');
  const inputTz = f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : 'UTC';
  const mapping = f.map ? loadMapping(f.map) : undefined;
  const parts = new ContactParts({ slotMinutes, dimensions, keepRepeats: true });
  const { perFile } = await readContactFiles(files, parts, { mapping, inputTz, threads: f.threads, rejections: f.rejections, dayMonthOrder: f['day-month-order'] });
  const write = async (stream: NodeJS.WritableStream, chunks: Iterable<string>) => {
    let rows = -1;
    for (const chunk of chunks) {
      rows += (chunk.match(/\n/g) ?? []).length;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    return rows + (format === 'ndjson' ? 1 : 0);
  };
  const chunks = () => (format === 'ndjson' ? partsNdjson(parts, { fcrWindowDays }) : partsCsv(parts, { fcrWindowDays }));
  let rows: number;
  if (f.out === '-') rows = await write(process.stdout, chunks());
  else {
    const temp = format === 'parquet' ? mkdtempSync(join(tmpdir(), 'sla-parts-')) : null;
    const target = temp ? join(temp, 'parts.csv') : f.out;
    const stream = createWriteStream(target);
    const failed = new Promise<never>((_, reject) => stream.on('error', (e: NodeJS.ErrnoException) => reject(new UsageError(`${f.out}: cannot write (${e.code ?? e.message})`))));
    failed.catch(() => {});
    rows = await Promise.race([write(stream, chunks()), failed]);
    await Promise.race([new Promise<void>((r) => stream.end(r)), failed]);
    if (temp) {
      const { openDuck, csvPartsToParquet } = await import('./duckdb.js');
      const s = await openDuck();
      try {
        await csvPartsToParquet(s, target, f.out, dimensions);
      } catch (e) {
        throw new UsageError(`${f.out}: cannot write Parquet (${(e as Error).message.split('\n')[0]})`);
      } finally {
        s.close();
        rmSync(temp, { recursive: true, force: true });
      }
    }
  }
  const read = perFile.reduce((a, p) => ({ rows: a.rows + p.validation.rowsRead, accepted: a.accepted + p.validation.rowsAccepted, rejected: a.rejected + p.validation.rowsRejected }), { rows: 0, accepted: 0, rejected: 0 });
  const message = `${f.out === '-' ? 'stdout' : f.out}: ${rows.toLocaleString('en-US')} parts rows (${format}) of ${parts.contacts.toLocaleString('en-US')} contacts · ${read.rows.toLocaleString('en-US')} rows read = ${read.accepted.toLocaleString('en-US')} accepted + ${read.rejected.toLocaleString('en-US')} rejected${read.rejected ? ' (report lists them; --rejections FILE writes them all)' : ''} · ${((performance.now() - started) / 1000).toFixed(2)} s`;
  // With the parts on stdout, the summary goes to stderr.
  if (f.out === '-') process.stderr.write(message + '\n');
  else out(message);
  return 0;
}
