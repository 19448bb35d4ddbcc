/**
 * A first look at a file before it is read: its header, a few rows and the mapping the kit would use, so a
 * person can confirm or fix the mapping (the CSV drop shows this). Reads only the head it is given.
 */
import { CsvReader, type Delimiter } from './csv.js';
import { detectMapping, looksLikeQueueLog, missingFields } from './presets.js';
import { asteriskMasterCsv, looksLikeAsteriskCdr } from './layouts.js';
import { recordKind } from './records.js';
import type { Mapping } from './mapping.js';
import { note, type NoteCode } from './notes.js';
import { IngestError, type ErrorCode } from './errors.js';
import type { Said } from '../words.js';

export interface FileHead {
  delimiter: Delimiter | null;
  header: string[];
  /** Up to `rows` records after the header. */
  samples: string[][];
  /** The mapping a preset gives this header, or null with `problem` saying what is missing (as data). */
  mapping: Mapping | null;
  problem: Said<NoteCode> | null;
  /** Why the file cannot be read at all (not text: compressed, a workbook, UTF-16, binary), or null. */
  unreadable?: Said<ErrorCode> | null;
}

/** Inspects the first bytes of a file (64 KB is plenty); the last, partial line is ignored. */
export function inspectHead(head: Uint8Array | string, rows = 5): FileHead {
  const records: string[][] = [];
  let cutShort = false; // the last record kept was the last one read, and its quote never closed
  const reader = new CsvReader({
    onRecord: (r) => {
      const keep = records.length <= rows;
      if (keep) records.push(r.texts());
      cutShort = keep && r.malformed !== null;
    },
  });
  const bytes = typeof head === 'string' ? new TextEncoder().encode(head) : head;
  // Only whole lines: cut at the last line feed so a truncated record does not look malformed.
  const lf = bytes.lastIndexOf(0x0a);
  try {
    reader.push(lf >= 0 ? bytes.subarray(0, lf + 1) : bytes);
    reader.end();
  } catch (e) {
    // No CSV text at all: said as data, so it crosses the worker boundary whole.
    if (e instanceof IngestError) return { delimiter: null, header: [], samples: [], mapping: null, problem: null, unreadable: e.said };
    throw e;
  }
  // The head may end inside a quoted field that spans lines: that last, unclosed record is not a sample.
  if (cutShort && records.length > 1) records.pop();
  const [header = [], ...samples] = records;
  if (header.length && looksLikeQueueLog(header)) {
    return { delimiter: '|', header: [], samples: records.slice(0, rows), mapping: { preset: 'asterisk-queue-log', format: 'queue_log', header: false, fields: {} }, problem: null };
  }
  if (header.length && looksLikeAsteriskCdr(header)) {
    const numbered = header.map((_, i) => String(i + 1));
    return { delimiter: reader.delimiter, header: numbered, samples: records.slice(0, rows), mapping: asteriskMasterCsv(header.length, records), problem: null };
  }
  const detected = header.length ? detectMapping(header, samples) : null;
  const mapping = detected && reader.encoding === 'windows-1252' ? { ...detected, notes: [...(detected.notes ?? []), note('encodingWindows1252')] } : detected;
  return {
    delimiter: reader.delimiter, header, samples, mapping,
    problem: header.length === 0 ? note('emptyFile') : mapping ? null : recordKind(header) === 'summaries' ? note('intervalReport') : missingFields(header),
  };
}
