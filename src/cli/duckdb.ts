/**
 * DuckDB in this process (@duckdb/node-api), for what one Node process should not hold: the parts recipe over
 * contact files of any size in bounded memory, and Parquet in and out. Loaded only by the commands that use it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { headOfFile } from './read-at.js';
import { partsFormatOf, type PartsFormat } from '../engine/parts-read.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partsRecipe, CONTACT_TABLE_COLUMNS } from '../engine/parts-sql.js';
import { COUNT_COLUMNS, REPEAT_COLUMNS, WAIT_COLUMNS } from '../engine/parts-table.js';
import { OPTIONAL_DIMENSIONS, type Dimension } from '../engine/parts.js';
import { UsageError } from './errors.js';

type Duck = typeof import('@duckdb/node-api');

async function duckdb(): Promise<Duck> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new UsageError(`DuckDB is not installed here (npm install @duckdb/node-api): ${(e as Error).message}`);
  }
}

export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

export interface DuckSession {
  run(sql: string): Promise<void>;
  /** The result's chunks as they come. */
  stream(sql: string): AsyncIterable<{ getColumns(): unknown[][]; rowCount: number }>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): void;
}

/**
 * A DuckDB database in memory, spilling to a temporary directory past `memoryLimit`. Timestamps are plain
 * TIMESTAMPs holding UTC (time zones would need DuckDB's ICU extension, which is not always there to load).
 */
export async function openDuck(o: { threads?: number; memoryLimit?: string } = {}): Promise<DuckSession> {
  const duck = await duckdb();
  const spill = mkdtempSync(join(tmpdir(), 'sla-duckdb-'));
  const config: Record<string, string> = { memory_limit: o.memoryLimit ?? '1GB', temp_directory: spill, preserve_insertion_order: 'false' };
  if (o.threads) config.threads = String(o.threads);
  const db = await duck.DuckDBInstance.create(':memory:', config);
  const c = await db.connect();
  return {
    run: async (sql) => { await c.run(sql); },
    rows: async (sql) => (await c.runAndReadAll(sql)).getRowObjects() as Record<string, unknown>[],
    stream: async function* (sql) {
      const result = await c.stream(sql);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) yield chunk;
    },
    close: () => {
      c.closeSync();
      db.closeSync();
      rmSync(spill, { recursive: true, force: true });
    },
  };
}

/** Whether a file is Parquet (by its magic bytes, not its name). */
function isParquet(file: string): boolean {
  return partsFormatOf(headOfFile(file, 4)) === 'parquet';
}

/** A relation over contact files, CSV or Parquet (all of one kind). */
function scan(files: readonly string[], parquet: boolean, csvOptions = ''): string {
  const list = `[${files.map(sqlString).join(', ')}]`;
  return parquet ? `read_parquet(${list})` : `read_csv(${list}, header = true${csvOptions})`;
}

/**
 * The `contacts` view the recipe reads, over files in the kit's normalized columns (docs/parts.md "The contacts
 * table"), or in the kit's own contact CSV (arrived, answered, ended; the columns `generate` writes): waits
 * then come from the timestamps as the engine takes them (answered − arrived, else ended − arrived).
 */
export async function contactsView(s: DuckSession, files: readonly string[]): Promise<'normalized' | 'kit-csv'> {
  const kinds = files.map(isParquet);
  const parquet = kinds.every(Boolean);
  if (!parquet && kinds.some(Boolean)) throw new UsageError('give contact files of one kind: all CSV or all Parquet');
  const describe = await s.rows(`DESCRIBE SELECT * FROM ${scan(files, parquet)}`);
  const have = new Set(describe.map((r) => String(r.column_name)));
  const ts = `types = {'arrived': 'TIMESTAMP', 'answered': 'TIMESTAMP', 'ended': 'TIMESTAMP'}`;
  if (CONTACT_TABLE_COLUMNS.every((c) => have.has(c))) {
    await s.run(`CREATE VIEW contacts_read AS SELECT * FROM ${scan(files, parquet, `${parquet ? '' : REJECTS}, types = {'arrived': 'TIMESTAMP', 'wait_sec': 'DOUBLE', 'talk_sec': 'DOUBLE', 'hold_sec': 'DOUBLE', 'wrap_sec': 'DOUBLE', 'csat': 'DOUBLE', 'nps': 'DOUBLE', 'qa': 'DOUBLE', 'resolved': 'BOOLEAN', 'transferred': 'BOOLEAN', 'id': 'VARCHAR', 'queue': 'VARCHAR', 'channel': 'VARCHAR', 'tier': 'VARCHAR', 'agent': 'VARCHAR', 'customer': 'VARCHAR', 'outcome': 'VARCHAR'}`)}`);
    return 'normalized';
  }
  const kit = ['id', 'queue', 'arrived', 'answered', 'ended', 'outcome'];
  if (kit.every((c) => have.has(c))) {
    const col = (c: string, expr: string, fallback = 'NULL') => (have.has(c) ? expr : fallback);
    const yes = (c: string) => col(c, `CASE WHEN upper(trim(CAST(${c} AS VARCHAR))) IN ('Y', 'YES', 'TRUE', '1') THEN TRUE WHEN upper(trim(CAST(${c} AS VARCHAR))) IN ('N', 'NO', 'FALSE', '0') THEN FALSE END`);
    await s.run(`CREATE VIEW contacts_read AS SELECT
      CAST(id AS VARCHAR) AS id, CAST(queue AS VARCHAR) AS queue,
      ${col('channel', 'CAST(channel AS VARCHAR)')} AS channel, ${col('tier', 'CAST(tier AS VARCHAR)')} AS tier,
      ${col('agent', 'CAST(agent AS VARCHAR)')} AS agent, ${col('customer', 'CAST(customer AS VARCHAR)')} AS customer,
      arrived, outcome,
      CASE WHEN outcome = 'answered' THEN (epoch_ms(answered) - epoch_ms(arrived)) / 1000 ELSE (epoch_ms(ended) - epoch_ms(arrived)) / 1000 END AS wait_sec,
      ${col('talk', 'CAST(talk AS DOUBLE)')} AS talk_sec, ${col('hold', 'CAST(hold AS DOUBLE)')} AS hold_sec, ${col('wrap', 'CAST(wrap AS DOUBLE)')} AS wrap_sec,
      ${yes('resolved')} AS resolved, ${col('csat', 'CAST(csat AS DOUBLE)')} AS csat, ${col('nps', 'CAST(nps AS DOUBLE)')} AS nps,
      ${col('qa', 'CAST(qa AS DOUBLE)')} AS qa, ${yes('transferred')} AS transferred
    FROM ${scan(files, parquet, parquet ? '' : `${REJECTS}, ${ts}`)}`);
    return 'kit-csv';
  }
  throw new UsageError(`--engine duckdb reads contacts in the kit's normalized columns (${CONTACT_TABLE_COLUMNS.join(', ')}) or the kit's own contact CSV; these files have ${[...have].slice(0, 12).join(', ')}. Map another table with a view and run the recipe (sla-widgets sql), or leave out --engine duckdb.`);
}

/** CSV rows DuckDB cannot read (a broken quote, a time that is no time) are kept aside with their line. */
const REJECTS = ', store_rejects = true';

/** Why a contact row is not counted, as the kit's reader says it (docs/mapping.md), by the SQL that finds it. */
const PROBLEMS: [string, string][] = [
  ['missing id', `id IS NULL OR trim(id) = ''`],
  ['missing queue', `queue IS NULL OR trim(queue) = ''`],
  ['missing arrival time', `arrived IS NULL`],
  ['unknown outcome value', `outcome IS NULL OR outcome NOT IN ('answered', 'abandoned', 'flowout', 'callback', 'voicemail')`],
  ['negative duration', `wait_sec < 0 OR talk_sec < 0 OR hold_sec < 0 OR wrap_sec < 0`],
];

export interface DuckValidation {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  byReason: Record<string, number>;
  /** The first rows DuckDB could not read, with their line. */
  rejections: { file: string; line: number; reason: string }[];
}

/**
 * Checks the contacts the recipe is to read, as the kit's reader would (docs/parts.md "The contacts table"):
 * rows DuckDB could not read, rows with no id, queue or arrival, an unknown outcome or a negative duration,
 * and repeated ids (the earliest arrival is kept). Makes the `contacts` view of the rows that count; returns
 * rows read = accepted + rejected, by reason.
 */
export async function checkContacts(s: DuckSession): Promise<DuckValidation> {
  const problem = `CASE ${PROBLEMS.map(([why, cond]) => `WHEN ${cond} THEN ${sqlString(why)}`).join(' ')} END`;
  await s.run(`CREATE VIEW contacts_checked AS SELECT *, ${problem} AS problem FROM contacts_read`);
  const counts = await s.rows(`SELECT problem, count(*) AS n, count(DISTINCT id) AS ids FROM contacts_checked GROUP BY problem`);
  const byReason: Record<string, number> = {};
  let accepted = 0, read = 0;
  for (const r of counts) {
    const n = Number(r.n);
    read += n;
    if (r.problem === null) {
      accepted = n;
      const duplicates = n - Number(r.ids);
      if (duplicates > 0) byReason['duplicate id'] = duplicates;
    } else byReason[String(r.problem)] = n;
  }
  let rejections: DuckValidation['rejections'] = [];
  let unreadable = 0;
  try {
    unreadable = Number((await s.rows(`SELECT count(DISTINCT (scan_id, file_id, line)) AS n FROM reject_errors`))[0]?.n ?? 0);
    rejections = (await s.rows(`SELECT s.file_path AS file, e.line AS line, e.error_message AS reason FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id) ORDER BY e.line LIMIT 10`))
      .map((r) => ({ file: String(r.file), line: Number(r.line), reason: String(r.reason).split('\n')[0] }));
  } catch {
    // Parquet files: no CSV rows to reject.
  }
  if (unreadable) byReason['not readable as a CSV row of these columns'] = unreadable;
  const duplicates = byReason['duplicate id'] ?? 0;
  const dedupe = duplicates > 0 ? ' QUALIFY row_number() OVER (PARTITION BY id ORDER BY arrived) = 1' : '';
  await s.run(`CREATE VIEW contacts AS SELECT * EXCLUDE (problem) FROM contacts_checked WHERE problem IS NULL${dedupe}`);
  return { rowsRead: read + unreadable, rowsAccepted: accepted - duplicates, rowsRejected: read - accepted + duplicates + unreadable, byReason, rejections };
}

/** The column types of a parts table in DuckDB (Parquet keeps them). */
export function partsTypes(dims: readonly Dimension[]): Record<string, string> {
  const t: Record<string, string> = { parts_version: 'INTEGER', part: 'VARCHAR', slot_start: 'TIMESTAMP', slot_minutes: 'INTEGER', queue: 'VARCHAR' };
  for (const d of OPTIONAL_DIMENSIONS) if (dims.includes(d)) t[d] = 'VARCHAR';
  t.wait_upto_sec = 'INTEGER';
  for (const [c] of COUNT_COLUMNS) t[c] = /_sum(_sec)?$/.test(c) ? 'DOUBLE' : 'INTEGER';
  t[REPEAT_COLUMNS[0]] = 'DOUBLE';
  for (const c of REPEAT_COLUMNS.slice(1)) t[c] = 'INTEGER';
  for (const [c] of WAIT_COLUMNS) t[c] = 'INTEGER';
  return t;
}

/** COPY options for a parts file of a format. */
export function copyOptions(format: PartsFormat): string {
  if (format === 'parquet') return `(FORMAT parquet, COMPRESSION snappy)`;
  if (format === 'ndjson') return `(FORMAT json)`;
  return `(FORMAT csv, HEADER true, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ')`;
}

/** Runs the recipe over the contacts view into `out`. */
export async function recipeInto(s: DuckSession, out: string, format: PartsFormat, o: { slotMinutes: 5 | 15; dimensions: readonly Dimension[]; fcrWindowDays: number }): Promise<number> {
  const sql = partsRecipe({ dialect: 'duckdb', slotMinutes: o.slotMinutes, dimensions: o.dimensions, fcrWindowDays: o.fcrWindowDays });
  const body = sql.replace(/^--.*\n/gm, '');
  const rows = await s.rows(`COPY (${body}) TO ${sqlString(out)} ${copyOptions(format)}`);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}

/** Converts a CSV parts file written by the kit into Parquet with the table's types. */
export async function csvPartsToParquet(s: DuckSession, csv: string, out: string, dims: readonly Dimension[]): Promise<void> {
  const types = Object.entries(partsTypes(dims)).map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(', ');
  await s.run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, columns = {${types}}, timestampformat = '%Y-%m-%dT%H:%M:%SZ')) TO ${sqlString(out)} ${copyOptions('parquet')}`);
}

/**
 * Streams the rows of a Parquet parts file, a chunk of columns at a time: slot_start as epoch milliseconds and
 * every number as a double (no time zone and no BigInt between DuckDB's values and ours).
 */
export async function* parquetRows(s: DuckSession, file: string): AsyncGenerator<{ columns: string[]; data: unknown[][]; length: number }> {
  const describe = await s.rows(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
  const columns = describe.map((r) => String(r.column_name));
  const select = describe.map((r) => {
    const c = `"${String(r.column_name).replaceAll('"', '""')}"`;
    const t = String(r.column_type);
    if (r.column_name === 'slot_start' && /^TIMESTAMP/.test(t)) return `CAST(epoch_ms(${c}) AS DOUBLE) AS ${c}`;
    if (/INT|DECIMAL|HUGEINT|DOUBLE|FLOAT|REAL/.test(t)) return `CAST(${c} AS DOUBLE) AS ${c}`;
    return `CAST(${c} AS VARCHAR) AS ${c}`;
  }).join(', ');
  for await (const chunk of s.stream(`SELECT ${select} FROM read_parquet(${sqlString(file)})`)) {
    yield { columns, data: chunk.getColumns() as unknown[][], length: chunk.rowCount };
  }
}
