/**
 * Parts files in (docs/parts.md): CSV and NDJSON read here, Parquet through DuckDB, and a vendor's saved
 * aggregates (Amazon Connect, Genesys Cloud) as parts. Many files add into one set of parts (parts add); every
 * bad row is rejected with its file, line and reason, the rest kept.
 */
import { createReadStream, readFileSync, readdirSync, statSync } from 'node:fs';
import { headOfFile } from './read-at.js';
import { join } from 'node:path';
import { newValidation } from '../engine/ingest/reasons.js';
import { mergeValidations } from './validations.js';
import { PartsTextReader, partsFormatOf, type PartsFormat } from '../engine/parts-read.js';
import { PartsTableError, PartsTableReader, mergeTables, type PartsValidation } from '../engine/parts-table.js';
import type { ContactParts } from '../engine/parts.js';
import type { Rejection } from '../engine/ingest/contacts.js';
import { UsageError } from './errors.js';
import { IngestError } from '../engine/ingest/errors.js';
import { SOURCE_NAMES, aggregateSourceOf, emptyAggregates, readAggregates, type AggregateOptions, type AggregateSource } from '../engine/aggregates/index.js';

/**
 * Refuses a vendor's saved aggregates given as contacts, in words that say how to read them (as parts); `head`
 * is the file's first bytes.
 */
export function refuseAggregatesAsContacts(file: string, head: Uint8Array): void {
  const source = aggregateSourceOf(new TextDecoder().decode(head));
  if (source) throw new UsageError(`${file} is ${SOURCE_NAMES[source]}'s saved aggregates, not contacts: read it with report --parts or evaluate --parts (docs/parts.md, "Vendor aggregates")`);
}

/** A vendor's saved response is read whole (its entries one by one): past this size it is refused in words. */
const MAX_AGGREGATES_BYTES = 512 * 2 ** 20;

export interface PartsFiles {
  parts: ContactParts;
  validation: PartsValidation;
  files: { file: string; format: PartsFormat | AggregateSource; validation: PartsValidation }[];
}

async function readText(file: string, format: 'csv' | 'ndjson', onRejection?: (r: Rejection) => void): Promise<PartsTableReader> {
  const reader = new PartsTextReader(format, onRejection);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    reader.push(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    if (reader.failed) break;
  }
  return reader.end();
}

async function readParquet(file: string, onRejection?: (r: Rejection) => void): Promise<PartsTableReader> {
  const { openDuck, parquetRows } = await import('./duckdb.js');
  const s = await openDuck();
  try {
    let reader: PartsTableReader | null = null;
    let n = 0;
    for await (const batch of parquetRows(s, file)) {
      reader ??= new PartsTableReader(batch.columns, onRejection);
      const data = batch.data;
      for (let r = 0; r < batch.length; r++) reader.row((i) => data[i][r], ++n);
    }
    reader ??= new PartsTableReader((await s.rows(`DESCRIBE SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`)).map((r) => String(r.column_name)), onRejection);
    reader.finish();
    return reader;
  } catch (e) {
    if (e instanceof PartsTableError) throw e;
    // DuckDB's own words on a file it cannot read (truncated, not Parquet after all): its first line.
    throw new UsageError(`not a readable Parquet file (${String((e as Error)?.message ?? e).split('\n')[0]})`);
  } finally {
    s.close();
  }
}

/**
 * The files given, a folder standing for the files in it (as Spark and other engines write a table: part files
 * beside markers such as _SUCCESS and .crc files, which are left out).
 */
function expand(given: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of given) {
    let st;
    try {
      st = statSync(file);
    } catch (e) {
      throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    if (st.isDirectory()) {
      const inside = readdirSync(file).filter((n) => !n.startsWith('_') && !n.startsWith('.')).sort().map((n) => join(file, n)).filter((f) => statSync(f).isFile());
      if (inside.length === 0) throw new UsageError(`${file}: a folder with no parts files in it`);
      for (const f of inside) out.push(f);
    } else out.push(file);
  }
  return out;
}

/** Reads parts files into one set of parts. */
export async function readPartsFiles(given: readonly string[], onRejection?: (r: Rejection & { file: string }) => void, vendor: Omit<AggregateOptions, 'onRejection'> = {}): Promise<PartsFiles> {
  const read: PartsFiles['files'] = [];
  const list: ContactParts[] = [];
  const files = expand(given);
  for (const file of files) {
    // An empty file adds nothing (an engine's empty output part); it is said in the files' list, not refused.
    if (statSync(file).size === 0 && files.length > 1) {
      read.push({ file, format: 'csv', validation: newValidation() });
      continue;
    }
    const head = headOfFile(file, 65_536);
    const format = partsFormatOf(head);
    const source = format === 'parquet' ? null : aggregateSourceOf(new TextDecoder().decode(head));
    const tell = onRejection ? (r: Rejection) => onRejection({ ...r, file }) : undefined;
    let reader: Pick<PartsTableReader, 'parts' | 'validation'>;
    try {
      if (source) {
        if (statSync(file).size > MAX_AGGREGATES_BYTES) throw new UsageError(`a saved response over ${MAX_AGGREGATES_BYTES / 2 ** 20} MiB: save it in pages (one file per page, or one page per line)`);
        if (source === 'connect' && (vendor.thresholdSec !== undefined || vendor.shortAbandonSec !== undefined)) {
          throw new UsageError('--source-threshold and --source-short-abandon are for Genesys Cloud\'s aggregates: Amazon Connect\'s file says its thresholds itself');
        }
        reader = readAggregates(readFileSync(file, 'utf8'), source, { ...vendor, onRejection: tell });
        // One empty page among several adds nothing; alone, it is said in words.
        if (reader.validation.rowsRead === 0 && files.length === 1) throw emptyAggregates(source);
      } else reader = format === 'parquet' ? await readParquet(file, tell) : await readText(file, format, tell);
    } catch (e) {
      if (e instanceof PartsTableError || e instanceof UsageError || e instanceof IngestError) throw new UsageError(`${file}: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code) throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code})`);
      throw e;
    }
    read.push({ file, format: source ?? format, validation: reader.validation });
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
  const validation = mergeValidations(read.map((f) => f.validation), files.length > 1 ? files : null);
  return { parts, validation, files: read };
}
