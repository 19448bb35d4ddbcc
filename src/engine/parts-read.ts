/**
 * Parts tables from bytes (docs/parts.md "Reading parts tables"): which format a file is, and CSV and NDJSON
 * read chunk by chunk into a `PartsTableReader` — the same in Node (the CLI) and in the worker (the page).
 * Parquet is decoded by a library on each side and handed over row by row.
 */
import { CsvReader, MAX_RECORD_BYTES } from './ingest/csv.js';
import { reason } from './ingest/reasons.js';
import { error } from './ingest/errors.js';
import type { Rejection } from './ingest/contacts.js';
import { PartsTableError, PartsTableReader, partsColumns } from './parts-table.js';

export type PartsFormat = 'csv' | 'ndjson' | 'parquet';

/** The format of a parts file by its first bytes: Parquet's magic, a JSON object, else CSV. */
export function partsFormatOf(head: Uint8Array): PartsFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return 'parquet';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  return head[i] === 0x7b ? 'ndjson' : 'csv';
}

/** Reads a CSV or NDJSON parts table pushed in chunks; `end()` gives the reader with its parts and validation. */
export class PartsTextReader {
  private reader: PartsTableReader | null = null;
  private failure: Error | null = null;
  private readonly csv: CsvReader | null = null;
  // NDJSON: bytes of a line not yet ended, and the line number where the unread input starts.
  private carry: Uint8Array = new Uint8Array(0);
  private line = 0;
  private readonly decoder = new TextDecoder();

  constructor(readonly format: 'csv' | 'ndjson', private readonly onRejection?: (r: Rejection) => void) {
    if (format === 'csv') {
      let width = 0;
      this.csv = new CsvReader({
        onRecord: (rec) => {
          if (this.failure) return;
          if (!this.reader) {
            const cols = rec.texts().map((c) => c.trim());
            width = cols.length;
            try {
              this.reader = new PartsTableReader(cols, this.onRejection);
            } catch (e) {
              this.failure = e as Error;
            }
            return;
          }
          if (rec.malformed) return this.reader.rejectRow(rec.line, rec.malformed);
          // A short or long row would shift or lose counts: it is rejected whole.
          if (rec.count !== width) return this.reader.rejectRow(rec.line, reason('fieldCount', { count: rec.count, columns: width }));
          this.reader.row((i) => rec.text(i), rec.line);
        },
      });
    }
  }

  /** Whether the file cannot be a parts table (its header lacks the key columns): reading may stop. */
  get failed(): boolean {
    return this.failure !== null;
  }

  push(chunk: Uint8Array): void {
    if (this.failure) return;
    if (this.csv) return this.csv.push(chunk);
    if (this.skipping) {
      // An over-long line is dropped up to its end (it was counted and rejected when it passed the bound).
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) return;
      this.skipping = false;
      chunk = chunk.subarray(nl + 1);
    }
    if (this.carry.length + chunk.length > MAX_RECORD_BYTES && chunk.indexOf(0x0a) < 0) {
      // A line longer than a record may be (a file with no line ends): rejected, never held whole in memory.
      this.line++;
      this.tooLong(this.line);
      this.carry = new Uint8Array(0);
      this.skipping = true;
      return;
    }
    let bytes = chunk;
    if (this.carry.length) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
    }
    let start = 0;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
      this.jsonLine(bytes.subarray(start, i));
      start = i + 1;
    }
    this.carry = bytes.slice(start);
  }

  end(): PartsTableReader {
    if (this.csv && !this.failure) this.csv.end();
    if (!this.csv && this.carry.length) {
      this.jsonLine(this.carry);
      this.carry = new Uint8Array(0);
    }
    if (this.failure) throw this.failure;
    if (!this.reader) {
      if (this.firstBad) throw new PartsTableError(error('partsNoRows', { line: this.firstBad.line, reason: this.firstBad.why }));
      throw new PartsTableError(error('partsEmpty'));
    }
    this.reader.finish();
    return this.reader;
  }

  private skipping = false;
  /** Lines past the bound before the reader exists are rejected once it does. */
  private tooLongLines: number[] = [];

  private tooLong(line: number): void {
    if (this.reader) this.reader.rejectRow(line, reason('recordTooLong', { bytes: MAX_RECORD_BYTES }));
    else {
      this.tooLongLines.push(line);
      this.firstBad ??= { line, why: `longer than ${MAX_RECORD_BYTES} bytes` };
    }
  }

  private firstBad: { line: number; why: string } | null = null;
  /** NDJSON: the columns the reader is told of (the first object's keys, then every count). */
  private columns: string[] = [];
  /** Lines read before the first object (the columns come from it): rejected once the reader is made. */
  private pending: { line: number; json: boolean }[] = [];

  private jsonLine(b: Uint8Array): void {
    this.line++;
    const text = this.decoder.decode(b).replace(/^\uFEFF/, '').trim();
    if (text === '') return;
    let o: Record<string, unknown> | null = null;
    let json = true;
    try {
      const v = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) o = v;
    } catch {
      json = false;
    }
    if (!this.reader) {
      if (!o) {
        this.firstBad ??= { line: this.line, why: json ? 'not a JSON object' : 'not JSON' };
        this.pending.push({ line: this.line, json });
        return;
      }
      // The key columns, dimensions included, are those of the first object; counts may be left out of any row.
      try {
        const first = Object.keys(o);
        this.columns = [...first, ...partsColumns([]).filter((c) => !first.includes(c))];
        this.reader = new PartsTableReader(this.columns, this.onRejection);
      } catch (e) {
        this.failure = e as Error;
        return;
      }
      for (const p of this.pending) this.reader.rejectRow(p.line, reason(p.json ? 'notJsonObject' : 'notJson'));
      for (const l of this.tooLongLines) this.reader.rejectRow(l, reason('recordTooLong', { bytes: MAX_RECORD_BYTES }));
      this.pending = [];
      this.tooLongLines = [];
    }
    if (!o) return this.reader.rejectRow(this.line, reason(json ? 'notJsonObject' : 'notJson'));
    const row = o, columns = this.columns;
    this.reader.row((i) => row[columns[i]], this.line);
  }
}
