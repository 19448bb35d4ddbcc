/**
 * Parts files in (docs/parts.md): CSV and NDJSON read here, Parquet through DuckDB. Many files add into one
 * set of parts (parts add); every bad row is rejected with its file, line and reason, the rest kept.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CsvReader } from '../engine/ingest/csv.js';
import { reason } from '../engine/ingest/reasons.js';
import { PartsTableError, PartsTableReader, mergeTables, type PartsValidation } from '../engine/parts-table.js';
import type { ContactParts } from '../engine/parts.js';
import type { Rejection } from '../engine/ingest/contacts.js';
import { UsageError } from './errors.js';

export interface PartsFiles {
  parts: ContactParts;
  validation: PartsValidation;
  files: { file: string; format: 'csv' | 'ndjson' | 'parquet'; validation: PartsValidation }[];
}

/** The format of a parts file, by its first bytes: Parquet's magic, a JSON object, else CSV. */
async function formatOf(file: string): Promise<'csv' | 'ndjson' | 'parquet'> {
  const { isParquet } = await import('./duckdb.js');
  if (isParquet(file)) return 'parquet';
  const head = await new Promise<string>((resolve, reject) => {
    const s = createReadStream(file, { start: 0, end: 255, encoding: 'utf8' });
    let t = '';
    s.on('data', (c) => (t += c)).on('end', () => resolve(t)).on('error', reject);
  });
  return head.replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'ndjson' : 'csv';
}

async function readCsv(file: string, onRejection?: (r: Rejection) => void): Promise<PartsTableReader> {
  let reader: PartsTableReader | null = null;
  let failure: Error | null = null;
  const index = new Map<string, number>();
  let width = 0;
  let at: Record<string, number> = {};
  const csv = new CsvReader({
    onRecord: (rec) => {
      if (failure) return;
      if (!reader) {
        const cols = rec.texts().map((c) => c.trim());
        width = cols.length;
        cols.forEach((c, i) => { if (!index.has(c)) index.set(c, i); });
        at = Object.fromEntries(index);
        try {
          reader = new PartsTableReader(cols, onRejection);
        } catch (e) {
          failure = e as Error;
        }
        return;
      }
      if (rec.malformed) {
        // A record the CSV reader could not split is rejected as such, with its line.
        reader.rejectRow(rec.line, rec.malformed);
        return;
      }
      if (rec.count !== width) {
        // A short or long row would shift or lose counts: it is rejected whole.
        reader.rejectRow(rec.line, reason('fieldCount', { count: rec.count, columns: width }));
        return;
      }
      const line = rec.line;
      reader.row((c) => { const i = at[c]; return i === undefined ? '' : rec.text(i); }, line);
    },
  });
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    csv.push(chunk as Uint8Array);
    if (failure) break;
  }
  if (!failure) csv.end();
  if (failure) throw failure;
  if (!reader) throw new PartsTableError('the file is empty: no header and no rows');
  return reader;
}

async function readNdjson(file: string, onRejection?: (r: Rejection) => void): Promise<PartsTableReader> {
  let reader: PartsTableReader | null = null;
  let line = 0;
  const pending: { o: Record<string, unknown> | null; line: number; error?: string }[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const flush = (columns: string[]) => {
    reader = new PartsTableReader(columns, onRejection);
    for (const p of pending) feed(p.o, p.line, p.error);
    pending.length = 0;
  };
  const feed = (o: Record<string, unknown> | null, at: number, error?: string) => {
    if (o === null) reader!.rejectRow(at, reason(error === 'not JSON' ? 'notJson' : 'notJsonObject'));
    else reader!.row((c) => o[c], at);
  };
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let o: Record<string, unknown> | null = null;
    let error: string | undefined;
    try {
      const v = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) o = v;
      else error = 'not a JSON object';
    } catch {
      error = 'not JSON';
    }
    // The columns are those of the first object (rows leave out empty values; the key columns are always there).
    if (!reader) {
      pending.push({ o, line, error });
      if (o) flush(Object.keys(o));
      continue;
    }
    feed(o, line, error);
  }
  if (!reader) {
    if (pending.length) throw new PartsTableError(`no line is a JSON object of a parts table (line ${pending[0].line}: ${pending[0].error})`);
    throw new PartsTableError('the file is empty: no rows');
  }
  return reader;
}

async function readParquet(file: string, onRejection?: (r: Rejection) => void): Promise<PartsTableReader> {
  const { openDuck, parquetRows } = await import('./duckdb.js');
  const s = await openDuck();
  try {
    let reader: PartsTableReader | null = null;
    let n = 0;
    for await (const batch of parquetRows(s, file)) {
      reader ??= new PartsTableReader(batch.columns, onRejection);
      const byName: Record<string, unknown[]> = {};
      batch.columns.forEach((c, i) => { byName[c] = batch.data[i]; });
      for (let r = 0; r < batch.length; r++) reader.row((c) => byName[c]?.[r], ++n);
    }
    reader ??= new PartsTableReader((await s.rows(`DESCRIBE SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`)).map((r) => String(r.column_name)), onRejection);
    return reader!;
  } finally {
    s.close();
  }
}

/** Reads parts files into one set of parts. */
export async function readPartsFiles(files: readonly string[], onRejection?: (r: Rejection & { file: string }) => void): Promise<PartsFiles> {
  const read: PartsFiles['files'] = [];
  const list: ContactParts[] = [];
  for (const file of files) {
    try {
      if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'a directory, not a file' });
    } catch (e) {
      throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const format = await formatOf(file);
    const tell = onRejection ? (r: Rejection) => onRejection({ ...r, file }) : undefined;
    let reader: PartsTableReader;
    try {
      reader = format === 'parquet' ? await readParquet(file, tell) : format === 'ndjson' ? await readNdjson(file, tell) : await readCsv(file, tell);
    } catch (e) {
      if (e instanceof PartsTableError || e instanceof UsageError) throw new UsageError(`${file}: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code) throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code})`);
      throw e;
    }
    read.push({ file, format, validation: reader.validation });
    if (reader.parts) list.push(reader.parts);
  }
  if (list.length === 0) throw new UsageError(`${files.join(', ')}: no parts rows could be read${read[0]?.validation.rejections[0] ? ` (line ${read[0].validation.rejections[0].line}: ${read[0].validation.rejections[0].reason})` : ''}`);
  let parts: ContactParts;
  try {
    parts = mergeTables(list);
  } catch (e) {
    if (e instanceof PartsTableError) throw new UsageError(e.message);
    throw e;
  }
  const validation: PartsValidation = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, byReason: {}, rejections: [] };
  for (const f of read) {
    validation.rowsRead += f.validation.rowsRead;
    validation.rowsAccepted += f.validation.rowsAccepted;
    validation.rowsRejected += f.validation.rowsRejected;
    for (const [k, n] of Object.entries(f.validation.byReason)) validation.byReason[k] = (validation.byReason[k] ?? 0) + n;
    for (const r of f.validation.rejections) if (validation.rejections.length < 100) validation.rejections.push(files.length > 1 ? { file: f.file, ...r } : r);
  }
  return { parts, validation, files: read };
}
