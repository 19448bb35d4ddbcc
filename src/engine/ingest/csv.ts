/**
 * A streaming CSV reader over bytes. Input arrives in chunks and is never held whole: only the
 * unfinished last record of a chunk is carried over. Handles quotes, escaped quotes, newlines inside
 * quotes, CRLF / CR / LF line ends, a UTF-8 BOM, and the delimiters , ; tab | (detected from the first
 * line). Fields are kept as byte spans, so numbers and times are parsed without building strings.
 */
import { reason, type ReasonCode } from './reasons.js';
import type { Said } from '../words.js';
import { IngestError, error } from './errors.js';

const QUOTE = 0x22;
/** How much of a file's start is looked at before reading it (binary, encoding). */
const HEAD_LOOK = 65_536;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

export const DELIMITERS = [0x2c, 0x3b, 0x09, 0x7c] as const; // , ; tab |

export type Delimiter = ',' | ';' | '\t' | '|';

const utf8 = new TextDecoder('utf-8');
const cp1252 = new TextDecoder('windows-1252');
const encoder = new TextEncoder();

/** The text encodings the reader tells apart (docs/mapping.md "Text"). */
export type Encoding = 'utf-8' | 'windows-1252';

/** Decodes a byte span: a fast path for short ASCII, TextDecoder for the rest. */
export function decodeSpan(buf: Uint8Array, s: number, e: number, decoder: TextDecoder = utf8): string {
  const n = e - s;
  if (n === 0) return '';
  if (n <= 40) {
    let out = '';
    for (let i = s; i < e; i++) {
      const c = buf[i];
      if (c >= 0x80) return decoder.decode(buf.subarray(s, e));
      out += String.fromCharCode(c);
    }
    return out;
  }
  return decoder.decode(buf.subarray(s, e));
}

/** Where the first byte that is not well-formed UTF-8 is in b[s, e), or −1 (a sequence cut by e counts as bad). */
export function badUtf8(b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; ) {
    const c = b[i];
    if (c < 0x80) { i++; continue; }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= e) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms and surrogates are not UTF-8.
    if ((c === 0xe0 && b[i + 1] < 0xa0) || (c === 0xed && b[i + 1] >= 0xa0) || (c === 0xf0 && b[i + 1] < 0x90) || (c === 0xf4 && b[i + 1] >= 0x90)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * The encoding of a file's head: UTF-8 unless bytes ≥ 0x80 appear and none of them forms a UTF-8 sequence
 * (then Windows-1252, the superset of Latin-1 that spreadsheet exports write). A UTF-8 file with a few broken
 * bytes stays UTF-8: those rows are rejected, never read with U+FFFD.
 */
export function encodingOf(b: Uint8Array, s: number, e: number): Encoding {
  let high = false, sequences = 0;
  for (let i = s; i < e; ) {
    if (b[i] < 0x80) { i++; continue; }
    high = true;
    const bad = badUtf8(b, i, Math.min(e, i + 4));
    if (bad === i) { i++; continue; }
    sequences++;
    i += b[i] >= 0xf0 ? 4 : b[i] >= 0xe0 ? 3 : 2;
  }
  return high && sequences === 0 ? 'windows-1252' : 'utf-8';
}

/** One record: its fields as spans into `buf`, valid only during the callback. */
export class CsvRecord {
  buf: Uint8Array = new Uint8Array(0);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /**
   * Per field: bit 1 (1) when a quoted field holds escaped quotes ("") that text() must undo; bit 2 (2) when
   * the field was quoted, so its spaces are the writer's own and kept (docs/mapping.md "Text").
   */
  escaped = new Uint8Array(64);
  count = 0;
  /** 1-based physical line where the record starts. */
  line = 0;
  /** Why the record is malformed (stray quote, unclosed quote), or null. */
  malformed: Said<ReasonCode> | null = null;
  /** How the bytes are decoded (the file's encoding). */
  decoder: TextDecoder = utf8;

  /** The field's text: an unquoted one trimmed of surrounding spaces, a quoted one as written; '' for a missing column. */
  text(i: number): string {
    if (i >= this.count) return '';
    let s = this.starts[i];
    let e = this.ends[i];
    const b = this.buf;
    const flags = this.escaped[i];
    if ((flags & 2) === 0) {
      while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
      while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
    }
    const t = decodeSpan(b, s, e, this.decoder);
    return flags & 1 ? t.replaceAll('""', '"') : t;
  }

  /** All fields as strings (for messages and for records held back). */
  texts(): string[] {
    const out = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.text(i);
    return out;
  }

  grow(): void {
    const n = this.starts.length * 2;
    const s = new Int32Array(n); s.set(this.starts); this.starts = s;
    const e = new Int32Array(n); e.set(this.ends); this.ends = e;
    const q = new Uint8Array(n); q.set(this.escaped); this.escaped = q;
  }

  /** Loads string fields (from another parser, or held-back records) into this record's byte form. */
  setTexts(fields: readonly string[], line: number): void {
    let total = 0;
    for (const f of fields) total += f.length * 3;
    if (this.buf.length < total || this.buf.byteOffset !== 0) this.buf = new Uint8Array(Math.max(total, 256) * 2);
    while (this.starts.length < fields.length) this.grow();
    const b = this.buf;
    let p = 0;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      this.starts[i] = p;
      let ascii = true;
      for (let j = 0; j < f.length; j++) {
        const c = f.charCodeAt(j);
        if (c >= 0x80) { ascii = false; break; }
        b[p + j] = c;
      }
      if (ascii) p += f.length;
      else p += encoder.encodeInto(f, b.subarray(p)).written;
      this.ends[i] = p;
      // Text as given (already trimmed where it was unquoted): read as it is, never trimmed again.
      this.escaped[i] = 2;
    }
    this.count = fields.length;
    this.line = line;
    this.malformed = null;
  }
}

/** Bounds of one record (docs/mapping.md "Bounds"): past them the record is rejected and reading goes on. */
export const MAX_QUOTED_LINES = 100;
export const MAX_RECORD_BYTES = 1 << 20;

export interface CsvReaderOptions {
  /** Fixed delimiter; detected from the first line when absent. */
  delimiter?: Delimiter;
  /** Most physical lines a quoted field may span (default 100): past it, a stray quote is assumed. */
  maxQuotedLines?: number;
  /** Most bytes one record may take (default 1 MiB). */
  maxRecordBytes?: number;
  /** Called for every record (blank lines are skipped). The record is reused: copy what you keep. */
  onRecord: (record: CsvRecord) => void;
  /** Called once the delimiter is known. */
  onDelimiter?: (d: Delimiter) => void;
  /**
   * The bytes are a file's continuation from a record boundary (a range read beside others): its head was
   * looked at already, so nothing is told from these bytes but records, in the file's encoding. Needs `delimiter`.
   */
  continued?: { encoding: Encoding };
}

export class CsvReader {
  private delim = -1;
  private carry: Uint8Array | null = null;
  private line = 1; // physical line where the unread input starts
  private started = false;
  /** Past an over-long record: input is dropped up to the next line end. */
  private skipping = false;
  private readonly maxLines: number;
  private readonly maxBytes: number;
  private readonly record = new CsvRecord();
  private readonly opts: CsvReaderOptions;
  /** Bytes consumed so far (for progress). */
  bytesRead = 0;
  private headParts: Uint8Array[] = [];
  private headLength = 0;

  /** The chunks held until the head was long enough, as one buffer. */
  private takeHead(): Uint8Array {
    const parts = this.headParts;
    this.headParts = [];
    this.headLength = 0;
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }
  /** The file's encoding, told from its head. */
  encoding: Encoding = 'utf-8';

  constructor(opts: CsvReaderOptions) {
    this.opts = opts;
    this.maxLines = opts.maxQuotedLines ?? MAX_QUOTED_LINES;
    this.maxBytes = opts.maxRecordBytes ?? MAX_RECORD_BYTES;
    this.special[0] = 1; // NUL: binary data, said per record
    if (opts.delimiter) this.setDelimiter(opts.delimiter);
    if (opts.continued) {
      if (!opts.delimiter) throw new Error('a continued reading needs its delimiter');
      this.started = true;
      this.setEncoding(opts.continued.encoding);
    }
  }

  /** Reads records in `e`: Windows-1252 decoded as such; in UTF-8 every record with a byte ≥ 0x80 is checked. */
  private setEncoding(e: Encoding): void {
    this.encoding = e;
    if (e === 'windows-1252') this.record.decoder = cp1252;
    else for (let c = 0x80; c < 0x100; c++) this.special[c] = 1;
  }

  /**
   * Whether a record is under way: bytes carried, an over-long line being dropped, or the head not yet looked
   * at. After bytes that end with a line feed, false means every byte so far is in whole records: the next
   * byte starts a record (the boundary a range read beside others is checked against).
   */
  get pending(): boolean {
    return !this.started || this.skipping || (this.carry !== null && this.carry.length > 0);
  }

  /** Physical lines consumed so far (a range's lines, to number the next range's). */
  get linesRead(): number {
    return this.line - 1;
  }

  get delimiter(): Delimiter | null {
    return this.delim < 0 ? null : (String.fromCharCode(this.delim) as Delimiter);
  }

  /** 1 for the bytes that end or disturb an unquoted field: the delimiter, CR, LF and the quote. */
  private readonly special = new Uint8Array(256);

  private setDelimiter(d: Delimiter): void {
    this.delim = d.charCodeAt(0);
    this.special[this.delim] = 1;
    this.special[CR] = 1;
    this.special[LF] = 1;
    this.special[QUOTE] = 1;
    this.opts.onDelimiter?.(d);
  }

  /** Reads the next bytes of the file. Keeps nothing of them past the call (what it holds, it copies). */
  push(chunk: Uint8Array | string): void {
    // Node hands in Buffers: seen as plain Uint8Arrays, every byte loop stays monomorphic.
    let bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk.constructor === Uint8Array ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.bytesRead += bytes.length;
    if (!this.started) {
      // The head is looked at whole (what the file is, its encoding) before the first record, whatever the
      // chunks: the same file gives the same answer read at once or a byte at a time.
      // (a copy: the bytes handed in may be a buffer the caller reuses after push returns, a stream's)
      this.headParts.push(bytes.slice());
      this.headLength += bytes.length;
      if (this.headLength < HEAD_LOOK) return;
      bytes = this.takeHead();
    }
    if (this.skipping) {
      // The rest of an over-long record: dropped up to its line end (never held).
      const nl = bytes.indexOf(LF);
      if (nl < 0) return;
      this.skipping = false;
      this.line++;
      bytes = bytes.subarray(nl + 1);
    }
    const carry = this.carry;
    this.carry = null;
    if (carry && carry.length > 0) {
      if (this.delim < 0) {
        // The first line is still coming: its delimiter is told once it ends.
        bytes = concat(carry, bytes);
      } else {
        // Finish the carried record with as little of the new chunk as it needs, then read the chunk in place
        // (no copy of the whole chunk). Line ends inside quotes are skipped by the quotes' parity, so a long
        // quoted field is scanned once, not once per line (the carry is bounded by maxRecordBytes).
        let quotes = 0;
        for (let i = 0; i < carry.length; i++) if (carry[i] === QUOTE) quotes ^= 1;
        let x = 0;
        let inside = 0;
        for (;;) {
          let i = x;
          for (; i < bytes.length; i++) {
            const c = bytes[i];
            if (c === QUOTE) quotes ^= 1;
            else if (c === LF && (quotes === 0 || ++inside > this.maxLines)) break;
          }
          x = i < bytes.length ? i + 1 : bytes.length;
          const joined = concat(carry, bytes.subarray(0, x));
          const used = this.parse(joined, 0, false);
          if (used >= carry.length) {
            let from = used - carry.length;
            if (this.skipping) {
              // The carried record was over-long: the rest of its line is dropped.
              const nl = bytes.indexOf(LF, from);
              if (nl < 0) return;
              this.skipping = false;
              this.line++;
              from = nl + 1;
            }
            const end = this.parse(bytes, from, false);
            if (end < bytes.length) this.carry = bytes.slice(end);
            return;
          }
          if (x === bytes.length) {
            this.carry = joined;
            return;
          }
        }
      }
    }
    this.consume(bytes, false);
  }

  end(): void {
    if (!this.started && this.headLength > 0) {
      this.consume(this.takeHead(), true);
      return;
    }
    const rest = this.carry ?? new Uint8Array(0);
    this.carry = null;
    this.consume(rest, true);
  }

  private consume(buf: Uint8Array, final: boolean): void {
    let p = 0;
    if (this.skipping) return;
    if (!this.started) {
      // push holds the first HEAD_LOOK bytes (end() the whole file when shorter): buf is the whole head here.
      // Said once, not as a row per byte.
      const why = notText(buf);
      if (why) throw new IngestError(error(why));
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
      this.setEncoding(p === 3 ? 'utf-8' : encodingOf(buf, 0, Math.min(buf.length, 65_536)));
      this.started = true;
    }
    if (this.delim < 0) {
      // A first line past the record bound is judged on what has come (it is rejected as a record anyway).
      const d = detectDelimiter(buf, p, final || buf.length - p > this.maxBytes);
      if (d === null) { this.carry = buf.slice(p); return; }
      this.setDelimiter(d);
    }
    const used = this.parse(buf, p, final);
    if (used < buf.length) this.carry = buf.slice(used);
  }

  /** Parses whole records from buf[p…]; returns where the unfinished part starts. */
  private parse(buf: Uint8Array, p: number, final: boolean): number {
    const n = buf.length;
    const d = this.delim;
    const rec = this.record;
    rec.buf = buf;
    let line = this.line;
    const onRecord = this.opts.onRecord;
    const special = this.special;

    while (p < n) {
      // Skip blank lines (they are no record) but count them.
      const c0 = buf[p];
      if (c0 === LF) { p++; line++; continue; }
      if (c0 === CR) {
        if (p + 1 >= n && !final) break;
        p += buf[p + 1] === LF ? 2 : 1;
        line++;
        continue;
      }
      const recStart = p;
      const recLine = line;
      let f = 0;
      let malformed: Said<ReasonCode> | null = null;
      let complete = false;
      let resync = -1; // where reading goes on after a runaway quote (the line after its opening)
      let high = false; // bytes ≥ 0x80 in the record (checked as UTF-8 once it is complete)
      for (;;) {
        if (f >= rec.starts.length) rec.grow();
        if (p < n && buf[p] === QUOTE) {
          // Quoted field: find the closing quote; "" is an escaped quote.
          const quoteLine = line;
          let q = p + 1;
          let esc = 0;
          let closed = false;
          let runaway = false;
          while (q < n) {
            const c = buf[q];
            if (c === QUOTE) {
              if (q + 1 < n && buf[q + 1] === QUOTE) { esc = 1; q += 2; continue; }
              if (q + 1 >= n && !final) break; // cannot tell yet whether "" follows
              closed = true;
              break;
            }
            if (c === LF) { line++; if (line - quoteLine > this.maxLines) { runaway = true; break; } }
            else if (c === CR) { if (q + 1 < n && buf[q + 1] === LF) q++; else if (q + 1 >= n && !final) break; line++; if (line - quoteLine > this.maxLines) { runaway = true; break; } }
            else if (c === 0) malformed ??= reason('binaryByte');
            else if (c >= 0x80) high = true;
            q++;
            if (q - recStart > this.maxBytes) break;
          }
          if (!closed && (runaway || q - recStart > this.maxBytes)) {
            // A stray quote (or a field past every bound): this record is rejected, and reading goes on at the
            // line after the one the quote opened on, so the lines the quote swallowed are kept.
            rec.starts[f] = p + 1; rec.ends[f] = p + 1; rec.escaped[f] = 0; f++;
            malformed = runaway ? reason('quoteRunaway', { lines: this.maxLines, line: quoteLine }) : reason('recordTooLong', { bytes: this.maxBytes });
            let nl = p;
            while (nl < n && buf[nl] !== LF && buf[nl] !== CR) nl++;
            if (nl >= n) { resync = n; this.skipping = !final; line = quoteLine; }
            else { resync = buf[nl] === CR && buf[nl + 1] === LF ? nl + 2 : nl + 1; line = quoteLine + 1; }
            complete = true;
            break;
          }
          if (!closed) {
            if (!final) { line = recLine; p = recStart; break; }
            rec.starts[f] = p + 1; rec.ends[f] = n; rec.escaped[f] = esc | 2; f++;
            malformed = line > recLine ? reason('unclosedQuoteToEnd', { from: recLine, to: line }) : reason('unclosedQuote');
            p = n; complete = true;
            break;
          }
          rec.starts[f] = p + 1; rec.ends[f] = q; rec.escaped[f] = esc | 2;
          p = q + 1;
          if (p < n && buf[p] !== d && buf[p] !== LF && buf[p] !== CR) {
            // Text after the closing quote: keep it in the field, but say the record is malformed.
            malformed ??= reason('textAfterQuote');
            while (p < n && buf[p] !== d && buf[p] !== LF && buf[p] !== CR) p++;
            rec.ends[f] = p;
          }
          f++;
        } else {
          const s = p;
          for (;;) {
            while (p < n && special[buf[p]] === 0) p++;
            if (p < n && buf[p] === QUOTE) {
              malformed ??= reason('quoteInUnquoted');
              p++;
              continue;
            }
            if (p < n && buf[p] >= 0x80) {
              high = true;
              p++;
              continue;
            }
            if (p < n && buf[p] === 0) {
              malformed ??= reason('binaryByte');
              p++;
              continue;
            }
            break;
          }
          rec.starts[f] = s; rec.ends[f] = p; rec.escaped[f] = 0; f++;
        }
        if (p - recStart > this.maxBytes) {
          // A record past the byte bound (a line with no end): rejected; the rest of its line is dropped.
          malformed = reason('recordTooLong', { bytes: this.maxBytes });
          while (p < n && buf[p] !== LF && buf[p] !== CR) p++;
          if (p >= n) { resync = n; this.skipping = !final; }
          else { resync = buf[p] === CR && buf[p + 1] === LF ? p + 2 : p + 1; line++; }
          complete = true;
          break;
        }
        if (p >= n) {
          if (!final) { line = recLine; p = recStart; break; }
          complete = true;
          break;
        }
        const c = buf[p];
        if (c === d) { p++; if (p >= n && final) { rec.starts[f] = p; rec.ends[f] = p; rec.escaped[f] = 0; f++; complete = true; break; } continue; }
        // Line end.
        if (c === CR) {
          if (p + 1 >= n && !final) { line = recLine; p = recStart; break; }
          p += buf[p + 1] === LF ? 2 : 1;
        } else p++;
        line++;
        complete = true;
        break;
      }
      if (!complete) break;
      rec.count = f;
      rec.line = recLine;
      // Text as written: a byte sequence that is not UTF-8 rejects its row (never read as U+FFFD).
      if (high && this.encoding === 'utf-8' && !malformed) {
        for (let k = 0; k < f; k++) {
          if (badUtf8(buf, rec.starts[k], rec.ends[k]) >= 0) { malformed = reason('notUtf8', { field: k + 1 }); break; }
        }
      }
      rec.malformed = malformed;
      onRecord(rec);
      rec.buf = buf; // the handler may have reused the record; restore its buffer
      if (resync >= 0) {
        p = resync;
        if (this.skipping) break;
      }
    }
    this.line = line;
    return p;
  }
}

/** What the input is when it is no CSV text at all (compressed, a workbook, UTF-16, binary), or null. */
function notText(b: Uint8Array): 'utf16' | 'gzip' | 'zip' | 'binary' | null {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return 'utf16';
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) if (b[i] === 0) return 'binary';
  return null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Picks the delimiter that occurs most often outside quotes on the first line; null if that line is unfinished. */
export function detectDelimiter(buf: Uint8Array, p: number, final: boolean): Delimiter | null {
  const counts = [0, 0, 0, 0];
  let inQuotes = false;
  let i = p;
  for (; i < buf.length; i++) {
    const c = buf[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === LF || c === CR) break;
      for (let k = 0; k < 4; k++) if (c === DELIMITERS[k]) counts[k]++;
    }
  }
  if (i >= buf.length && !final) return null;
  let best = 0;
  for (let k = 1; k < 4; k++) if (counts[k] > counts[best]) best = k;
  return String.fromCharCode(DELIMITERS[best]) as Delimiter;
}
