/**
 * Contact ingest: CSV chunks in, contacts added to parts, every record accounted for.
 * accepted + rejected = rowsRead, always; valid records that are no queue contact are accepted and
 * counted apart with their reason.
 */
import { CsvReader, CsvRecord, type Delimiter, type Encoding } from './csv.js';
import { IngestError, error } from './errors.js';
import { ReasonTally, newValidation, reason, reasonText, type ReasonCode, type ReasonCount } from './reasons.js';
import type { Said } from '../words.js';
import { ACCEPTED, APART, ContactReader, MappingError, REJECTED, type Rejection } from './contacts.js';
import { detectMapping, extendPreset, looksLikeQueueLog, missingFields } from './presets.js';
import { asteriskMasterCsv, looksLikeAsteriskCdr } from './layouts.js';
import { QueueLogFolder } from './queue-log.js';
import type { Mapping } from './mapping.js';
import { TooManyValues } from '../parts.js';
import { timeCounts } from './values.js';
import type { IdSet } from './id-set.js';
import { zoneNamed } from '../time/zone.js';
import type { AgentState, Contact } from '../types.js';
import { note } from './notes.js';

export interface Validation {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  /** Rows per reason, in English words (the CLI, JSON). */
  byReason: Record<string, number>;
  /** The same as data: each distinct reason's code, values and count, in the order first met (docs/protocol.md). */
  byCode: ReasonCount[];
  countedApart: { total: number; byReason: Record<string, number>; byCode: ReasonCount[] };
  /** The first rejections (100 by default), in file order. */
  rejections: Rejection[];
  /** Contacts taken into the metrics (for queue_log, calls folded from several lines). */
  contacts: number;
  /** Of those, answered without a queue entry (wait 0, docs/metrics.md §1): they lift the service level. */
  answeredWithoutQueueing?: number;
  /** Rows with a local time in the hour the clocks went back, read as the earlier instant (docs/metrics.md §1). */
  ambiguousLocalTimes?: number;
}

export interface IngestOptions {
  /** An explicit mapping (--map); detected from the header when absent. */
  mapping?: Mapping;
  /** Zone of timestamps written without one (the mapping's inputTimeZone wins). */
  inputTimeZone?: string;
  /** Receives every accepted contact (the object is reused: copy what you keep). */
  onContact: (c: Contact) => void;
  maxRejections?: number;
  /** Text fields the consumer does not need (faster when parts keep no agent, tier, channel or customer). */
  skip?: readonly ('id' | 'channel' | 'tier' | 'agent' | 'customer')[];
  /** Ids shared by the files of one dataset: an id seen in an earlier file is a duplicate here too. */
  ids?: IdSet;
  /** Day/month order of ambiguous dates (--day-month-order), for any mapping. */
  dayMonthOrder?: 'dmy' | 'mdy';
  /** Receives agent states found beside the contacts (Asterisk queue_log agent events). */
  onAgentState?: (s: AgentState) => void;
  /** Receives every rejected row (the validation keeps the first `maxRejections`): to write them all out. */
  onRejection?: (r: Rejection) => void;
  /**
   * Blocks of bytes from further into the file (`sampleBlocks`): their whole lines join the head's rows as
   * samples, so detection and the day/month order see the whole file, not only its start. Never read as data.
   */
  sampleBlocks?: Uint8Array[];
  /**
   * The mapping is the one a first look at this file resolved (`ContactIngest.resolved`): used as it is, with
   * no detection, no preset extended and no notes added (a range read beside others, docs/mapping.md "Ranges").
   */
  compiled?: boolean;
  /** The file's header, read already: every record of these bytes is data (a range after the first). */
  header?: string[];
  /** The bytes continue a file from a record boundary, in its encoding (a range after the first). */
  continued?: { encoding: Encoding };
}

export interface IngestResult {
  validation: Validation;
  mapping: Mapping;
  delimiter: Delimiter | null;
}

/** The file cannot be read as contacts at all (exit 2 in the CLI). */
export { IngestError };

const SAMPLE_ROWS = 200;

export class ContactIngest {
  private readonly csv: CsvReader;
  private readonly opts: IngestOptions;
  private readonly maxRejections: number;
  readonly validation: Validation = newValidation();
  private readonly rejected = new ReasonTally(this.validation.byReason, this.validation.byCode);
  private readonly apart = new ReasonTally(this.validation.countedApart.byReason, this.validation.countedApart.byCode);
  private header: string[] | null = null;
  private held: { fields: string[]; line: number; malformed: Said<ReasonCode> | null; count: number }[] = [];
  private reader: ContactReader | null = null;
  private folder: QueueLogFolder | null = null;
  private mapping: Mapping | null = null;
  private deciding = false;
  /** Held rows already looked at for the day/month order. */
  private examined = 0;
  private readonly replay = new CsvRecord();

  constructor(opts: IngestOptions) {
    this.opts = opts;
    this.maxRejections = opts.maxRejections ?? 100;
    this.csv = new CsvReader({
      delimiter: opts.mapping?.delimiter ?? (opts.mapping?.format === 'queue_log' ? '|' : undefined),
      maxQuotedLines: opts.mapping?.maxQuotedLines,
      maxRecordBytes: opts.mapping?.maxRecordBytes,
      continued: opts.continued,
      onRecord: (r) => this.record(r),
    });
    if (opts.header) this.header = opts.header;
    if (opts.compiled && !opts.mapping) throw new Error('a compiled reading needs its mapping');
  }

  /** Whether a record is under way (see CsvReader.pending). */
  get pending(): boolean {
    return this.csv.pending;
  }

  /** Physical lines consumed so far. */
  get linesRead(): number {
    return this.csv.linesRead;
  }

  /** The file's encoding, told from its head. */
  get encoding(): Encoding {
    return this.csv.encoding;
  }

  /** A first look ends here (the head's whole lines pushed): the mapping is chosen from them if it is not yet. */
  endLook(): void {
    this.csv.end();
    if (!this.reader && !this.folder && this.header) this.start(false);
  }

  /**
   * After a first look (`endLook`): the mapping as this file is read, with its delimiter and
   * day/month order decided, and the header — what ranges read beside each other need to read alike; null while
   * it is not decided yet or the file is not a plain CSV of contacts (queue_log folds lines across the file).
   */
  resolved(): { mapping: Mapping; delimiter: Delimiter; header: string[]; encoding: Encoding } | null {
    if (!this.decided || this.folder || !this.mapping || !this.header || !this.csv.delimiter) return null;
    if (this.mapping.header === false) return null;
    return { mapping: this.mapping, delimiter: this.csv.delimiter, header: this.header, encoding: this.csv.encoding };
  }

  get bytesRead(): number {
    return this.csv.bytesRead;
  }

  /** Whether the mapping is chosen and rows are being read (detection, and any day/month decision, done). */
  get decided(): boolean {
    return this.folder !== null || (this.reader !== null && !this.deciding);
  }

  push(chunk: Uint8Array | string): void {
    this.csv.push(chunk);
  }

  private readonly external = new CsvRecord();
  private externalLine = 0;

  /**
   * Takes one record already split by another CSV parser (the header first). Used to run other parsers
   * through the same mapping, validation and aggregation (benchmarks); line numbers count records.
   */
  pushFields(fields: string[]): void {
    this.external.setTexts(fields, ++this.externalLine);
    this.record(this.external);
  }

  end(): IngestResult {
    this.csv.end();
    if (!this.reader && !this.folder) this.start(true);
    if (this.deciding && !this.decideBySpan()) {
      const r = this.reader!.autoDateReaders()[0];
      throw new IngestError(error('dayMonthOrder', { column: r.col.name }));
    }
    this.folder?.end();
    if (this.reader) this.validation.answeredWithoutQueueing = this.reader.answeredWithoutQueueing;
    const n = this.validation.ambiguousLocalTimes;
    if (n && this.mapping) this.mapping.notes = [...(this.mapping.notes ?? []), note('ambiguousTimes', { n })];
    return { validation: this.validation, mapping: this.mapping!, delimiter: this.csv.delimiter };
  }

  private record(r: CsvRecord): void {
    if (this.reader && !this.deciding) return this.take(r);
    if (this.folder) return this.foldRecord(r);
    if (this.header === null) {
      const fields = r.texts();
      const m = this.opts.mapping;
      const queueLog = m ? m.format === 'queue_log' : looksLikeQueueLog(fields);
      // Asterisk's Master.csv has no header either: its first line is a call.
      if (queueLog || m?.header === false || (!m && looksLikeAsteriskCdr(fields))) {
        this.header = fields.map((_, i) => String(i + 1));
        this.held.push({ fields, line: r.line, malformed: r.malformed, count: r.count });
      } else this.header = fields;
      if (queueLog || this.opts.compiled) this.start(false);
      return;
    }
    if (this.opts.compiled && !this.reader) this.start(false);
    if (this.reader && !this.deciding) return this.take(r);
    this.held.push({ fields: r.texts(), line: r.line, malformed: r.malformed, count: r.count });
    if (this.deciding) this.decide(false);
    else if (this.held.length >= SAMPLE_ROWS) this.start(false);
  }

  /** Rows of the sample blocks from further in (whole lines with as many fields as the header). */
  private laterRows(): string[][] {
    if (this.later) return this.later;
    const rows: string[][] = [];
    const width = this.header?.length ?? 0;
    for (const block of this.opts.sampleBlocks ?? []) {
      const first = block.indexOf(0x0a), last = block.lastIndexOf(0x0a);
      if (first < 0 || last <= first) continue;
      const csv = new CsvReader({ delimiter: this.csv.delimiter ?? undefined, onRecord: (r) => { if (!r.malformed && r.count === width) rows.push(r.texts()); } });
      csv.push(block.subarray(first + 1, last + 1));
      csv.end();
    }
    return (this.later = rows);
  }
  private later: string[][] | null = null;

  /** Chooses and compiles the mapping once the header and sample rows are in. */
  private start(final: boolean): void {
    if (this.header === null) throw new IngestError(error('emptyFile'));
    const samples = [...this.held.map((h) => h.fields), ...(this.header[0] === '1' ? [] : this.laterRows())];
    const explicit = this.opts.mapping;
    const queueLog = explicit ? explicit.format === 'queue_log' : samples.length > 0 && looksLikeQueueLog(samples[0]) && this.header[0] === '1';
    if (queueLog) {
      this.mapping = explicit ?? { preset: 'asterisk-queue-log', format: 'queue_log', header: false, fields: {}, notes: [note('asteriskQueueLog')] };
      this.folder = new QueueLogFolder({
        contact: (c, lines) => {
          this.validation.rowsAccepted += lines.length;
          this.validation.contacts++;
          this.opts.onContact(c);
        },
        reject: (lines, rej) => {
          for (const line of lines) this.addRejection(line, rej.column, rej.value, rej.reason);
        },
        apart: (_line, reason) => {
          this.validation.rowsAccepted++;
          this.addApart(reason);
        },
        agentState: this.opts.onAgentState,
      });
      const held = this.held;
      this.held = [];
      for (const h of held) {
        this.validation.rowsRead++;
        if (h.malformed) this.addRejection(h.line, null, null, h.malformed);
        else this.folder.line(h.fields, h.line);
      }
      return;
    }
    if (this.opts.compiled) return this.compile(explicit!, final);
    let mapping: Mapping | null;
    try {
      mapping = explicit
        ? extendPreset(explicit, this.header, samples)
        : this.header[0] === '1' && samples.length > 0 && looksLikeAsteriskCdr(samples[0])
          ? asteriskMasterCsv(this.header.length, samples)
          : detectMapping(this.header, samples);
    } catch (e) {
      throw new IngestError(error('badMapping', { detail: (e as Error).message }));
    }
    if (!mapping) {
      const header = `${this.header.slice(0, 8).join(', ')}${this.header.length > 8 ? ', …' : ''}`;
      const missing = missingFields(this.header);
      throw new IngestError(missing.code === 'noArrival' ? error('headerNoArrival', { fields: missing.values.fields, header }) : error('headerNothingKnown', { header }));
    }
    if (this.opts.dayMonthOrder) mapping = { ...mapping, dayMonthOrder: this.opts.dayMonthOrder };
    if (this.csv.encoding === 'windows-1252') mapping = { ...mapping, notes: [...(mapping.notes ?? []), note('encodingWindows1252')] };
    // Two columns of one name: the first is read, and the file is told so (never a silent choice).
    const seen = new Map<string, number>();
    for (let i = 0; i < this.header.length; i++) {
      const h = this.header[i];
      if (h === '') continue;
      const first = seen.get(h);
      if (first === undefined) seen.set(h, i);
      else mapping = { ...mapping, notes: [...(mapping.notes ?? []), note('duplicateColumn', { name: h, first: first + 1, second: i + 1 })] };
    }
    this.compile(mapping, final);
  }

  /** Reads rows with the mapping chosen (no detection from here on). */
  private compile(mapping: Mapping, final = false): void {
    this.mapping = mapping;
    const zoneName = mapping.inputTimeZone ?? this.opts.inputTimeZone;
    try {
      this.reader = new ContactReader({ mapping, header: this.header!, inputZone: zoneName ? zoneNamed(zoneName) : null, skip: this.opts.skip, ids: this.opts.ids });
      if (mapping.dayMonthOrder) this.reader.setDayMonthOrder(mapping.dayMonthOrder);
    } catch (e) {
      if (e instanceof MappingError || e instanceof RangeError) throw new IngestError(error('badMapping', { detail: (e as Error).message }));
      throw e;
    }
    this.deciding = !mapping.dayMonthOrder && this.reader.autoDateReaders().length > 0;
    if (this.deciding) this.decideFromLater();
    if (this.deciding) this.decide(final);
    else this.flushHeld();
  }

  /** The day/month order from the rows further in (a date there with a day over 12), before holding any row. */
  private decideFromLater(): void {
    const readers = this.reader!.autoDateReaders();
    for (const fields of this.laterRows()) {
      this.replay.setTexts(fields, 0);
      for (const r of readers) {
        const o = r.observeOrder(this.replay);
        if (!o) continue;
        this.reader!.setDayMonthOrder(o);
        this.mapping!.dayMonthOrder = o;
        this.mapping!.notes = [...(this.mapping!.notes ?? []), note('dayMonthFurtherIn', { order: o, value: fields[r.col.index], column: r.col.name })];
        this.deciding = false;
        this.flushHeld();
        return;
      }
    }
  }

  /** Looks for a date whose day or month is > 12; until then rows are held back. */
  private decide(final: boolean): void {
    const readers = this.reader!.autoDateReaders();
    // Each held row is examined once (looking at all of them again for every new row was quadratic).
    for (; this.examined < this.held.length; this.examined++) {
      const h = this.held[this.examined];
      this.replay.setTexts(h.fields, h.line);
      for (const r of readers) {
        const o = r.observeOrder(this.replay);
        if (o) {
          this.reader!.setDayMonthOrder(o);
          this.mapping!.dayMonthOrder = o;
          this.mapping!.notes = [...(this.mapping!.notes ?? []), note('dayMonthDetected', { order: o, value: h.fields[r.col.index], line: h.line })];
          this.deciding = false;
          this.flushHeld();
          return;
        }
      }
    }
    if (final) return; // end() reports that it cannot be decided
  }

  /**
   * No date told its day from its month: the order under which the dates are close together wins, when the
   * other order spreads them over months (a file of 03/07, 03/08, 03/09 spans 2 days as month/day and 62 as
   * day/month). Said in a note; when both spans are alike the order stays undecided.
   */
  private decideBySpan(): boolean {
    const r = this.reader!.autoDateReaders()[0];
    let dMin = Infinity, dMax = -Infinity, mMin = Infinity, mMax = -Infinity;
    for (const h of this.held) {
      this.replay.setTexts(h.fields, h.line);
      const both = r.bothOrders(this.replay);
      if (!both) continue;
      dMin = Math.min(dMin, both[0]); dMax = Math.max(dMax, both[0]);
      mMin = Math.min(mMin, both[1]); mMax = Math.max(mMax, both[1]);
    }
    // No date of the a/b/year kind at all (every one starts with its year, or names its month): nothing to decide.
    if (dMin === Infinity) {
      this.reader!.setDayMonthOrder('dmy');
      this.deciding = false;
      this.flushHeld();
      return true;
    }
    const dSpan = dMax - dMin, mSpan = mMax - mMin;
    const [order, span, other] = dSpan < mSpan ? ['dmy', dSpan, mSpan] as const : ['mdy', mSpan, dSpan] as const;
    if (!(other >= 28 && other >= 4 * span)) return false;
    this.reader!.setDayMonthOrder(order);
    this.mapping!.dayMonthOrder = order;
    this.mapping!.notes = [...(this.mapping!.notes ?? []), note('dayMonthBySpan', { order, days: span + 1, other: other + 1, column: r.col.name })];
    this.deciding = false;
    this.flushHeld();
    return true;
  }

  private flushHeld(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) {
      this.replay.setTexts(h.fields, h.line);
      this.replay.malformed = h.malformed;
      this.take(this.replay);
    }
  }

  private foldRecord(r: CsvRecord): void {
    this.validation.rowsRead++;
    if (r.malformed) this.addRejection(r.line, null, null, r.malformed);
    else this.folder!.line(r.texts(), r.line);
  }

  private take(r: CsvRecord): void {
    const v = this.validation;
    v.rowsRead++;
    const reader = this.reader!;
    const ambiguousBefore = timeCounts.ambiguous;
    const res = reader.read(r);
    if (res === ACCEPTED) {
      if (timeCounts.ambiguous !== ambiguousBefore) v.ambiguousLocalTimes = (v.ambiguousLocalTimes ?? 0) + 1;
      try {
        this.opts.onContact(reader.contact);
      } catch (e) {
        // The parts cannot take one more distinct value (memory is the bound): this row, not the file.
        if (!(e instanceof TooManyValues)) throw e;
        this.addRejection(r.line, null, null, reason('tooManyValues', { what: e.what, limit: e.limit }));
        return;
      }
      v.rowsAccepted++;
      v.contacts++;
    } else if (res === REJECTED) {
      const f = reader.fail;
      this.addRejection(r.line, f.column, f.value, f.reason);
    } else if (res === APART) {
      v.rowsAccepted++;
      this.addApart(reader.apartReason);
    }
  }

  private addRejection(line: number, column: string | null, value: string | null, why: Said<ReasonCode>): void {
    const v = this.validation;
    v.rowsRejected++;
    const reason = this.rejected.add(why);
    if (v.rejections.length < this.maxRejections) v.rejections.push({ line, column, value, reason, code: why.code, values: why.values });
    this.opts.onRejection?.({ line, column, value, reason, code: why.code, values: why.values });
  }

  private addApart(why: Said<ReasonCode>): void {
    this.validation.countedApart.total++;
    this.apart.add(why);
  }
}

