/**
 * One file read as ranges beside each other (docs/mapping.md "Ranges"): the same records, rejections, line
 * numbers and parts as one reading from start to end, whatever the ranges. No threads here: the CLI runs ranges
 * on worker threads and the page on workers; tests run them one after another.
 *
 * 1. A first look (`firstLook`) reads the head as a reading would and resolves how the file is read: mapping,
 *    delimiter, day/month order, header, encoding. A file whose head does not decide it is read in one piece.
 * 2. The file is cut at line feeds near equal shares (`cutPoints`). A cut may fall inside a quoted field that
 *    spans lines: each range reads its share, then on, line by line, until it is between records
 *    (`readRange`); where it stopped is where the next range must start. A range that started elsewhere is
 *    read again from there (`mergeRanges` asks for it) — rare, and never wrong.
 * 3. Ids taken by two ranges are found on the ids' bytes; a range holding an id an earlier range took is read
 *    again knowing it, so its first occurrence is rejected as in one reading.
 * 4. Rejections are numbered by the physical lines of the ranges before; counts and parts add.
 */
import { ContactIngest, type Validation } from './index.js';
import { newValidation } from './reasons.js';
import type { Encoding } from './csv.js';
import type { Mapping } from './mapping.js';
import { IdSet, compareIds, type IdList } from './id-set.js';
import { ContactParts, type PartsOptions, type PartsSnapshot } from '../parts.js';
import { unneeded } from '../analyze.js';
import { ReasonTally, reasonText, type ReasonCode } from './reasons.js';
import type { Said } from '../words.js';
import { note } from './notes.js';

/** Reads `length` bytes at `offset` (fewer at the end of the file), synchronously: fs.readSync, FileReaderSync, bytes in memory. */
export type ReadAt = (offset: number, length: number) => Uint8Array;

/** How every range reads: what the first look resolved. */
export interface RangePlan {
  mapping: Mapping;
  header: string[];
  encoding: Encoding;
  parts: PartsOptions;
  inputTimeZone?: string;
  maxRejections?: number;
}

export interface RangeResult {
  /** The bytes read: [start, end). `end` is where the next range must start. */
  start: number;
  end: number;
  /** Physical lines in [start, end). */
  lines: number;
  /** Lines numbered from the range's first line (1). */
  validation: Validation;
  /** A snapshot (read on another thread), or the parts themselves (read on this one). */
  parts: PartsSnapshot | ContactParts;
  ids: IdList;
}

// 64 KiB reads: the chunk stays in the CPU cache while it is parsed (1 MiB reads were about 1.25× slower).
const CHUNK = 1 << 16;
const LF = 0x0a;

/**
 * A first look: the head read as a reading would, until the mapping and every decision are made. Returns the
 * plan every range reads by, or null when the file must be read in one piece (not decided by its head,
 * Asterisk queue_log, a file without a header).
 */
export function firstLook(head: Uint8Array, opts: { mapping?: Mapping; inputTimeZone?: string; dayMonthOrder?: 'dmy' | 'mdy'; sampleBlocks?: Uint8Array[]; parts: PartsOptions; maxRejections?: number }): { plan: RangePlan; mapping: Mapping } | null {
  const ingest = new ContactIngest({ mapping: opts.mapping, inputTimeZone: opts.inputTimeZone, dayMonthOrder: opts.dayMonthOrder, sampleBlocks: opts.sampleBlocks, onContact: () => {} });
  const lf = head.lastIndexOf(LF);
  if (lf < 0) return null;
  try {
    ingest.push(head.subarray(0, lf + 1));
    ingest.endLook();
  } catch {
    return null; // what is wrong with the file is said by the reading in one piece
  }
  const r = ingest.resolved();
  if (!r) return null;
  // Every range reads by the mapping with the delimiter told; the mapping said is the one a reading says.
  const { notes: _notes, ...mapping } = r.mapping;
  return { plan: { mapping: { ...mapping, delimiter: r.delimiter }, header: r.header, encoding: r.encoding, parts: opts.parts, inputTimeZone: opts.inputTimeZone, maxRejections: opts.maxRejections }, mapping: r.mapping };
}

/** Where to cut a file of `size` bytes into `n` shares: after the first line feed at or past each share's start. */
export function cutPoints(read: ReadAt, size: number, n: number): number[] {
  const cuts = [0];
  for (let k = 1; k < n; k++) {
    const at = Math.max(cuts[cuts.length - 1], Math.floor((size * k) / n));
    const cut = nextLineStart(read, size, at);
    if (cut >= size) break;
    if (cut > cuts[cuts.length - 1]) cuts.push(cut);
  }
  return cuts;
}

/** The byte after the first line feed at or after `at` (the file's size when there is none). */
function nextLineStart(read: ReadAt, size: number, at: number): number {
  for (let p = at; p < size; ) {
    const b = read(p, Math.min(65_536, size - p));
    if (b.length === 0) break;
    const i = b.indexOf(LF);
    if (i >= 0) return p + i + 1;
    p += b.length;
  }
  return size;
}

/**
 * Reads of a file that wait (a Blob's stream in the page): the bytes handed back may be a view of a buffer the
 * next read reuses, so a reading never keeps them past the push they go to (the CSV reader copies what it holds).
 */
export type ReadAtAsync = (offset: number, length: number) => Promise<Uint8Array>;

/** What a range's reading asks for next: `length` bytes at `offset` (fewer at the end of the file). */
interface Ask { offset: number; length: number }

/**
 * One range's reading, step by step: it yields each read it needs and is handed the bytes, so that the same
 * reading runs on reads that return at once (`readRange`) and on reads that wait (`readRangeAsync`).
 */
function* rangeReading(size: number, start: number, stop: number, plan: RangePlan, ids: IdSet | undefined, here: boolean): Generator<Ask, RangeResult, Uint8Array> {
  const parts = new ContactParts(plan.parts);
  const idSet = ids ?? new IdSet();
  const first = start === 0;
  const ingest = new ContactIngest({
    mapping: plan.mapping,
    compiled: true,
    header: first ? undefined : plan.header,
    continued: first ? undefined : { encoding: plan.encoding },
    inputTimeZone: plan.inputTimeZone,
    maxRejections: plan.maxRejections,
    skip: unneeded(parts),
    ids: idSet,
    onContact: (c) => parts.add(c),
  });
  let p = start;
  while (p < stop) {
    const b = yield { offset: p, length: Math.min(CHUNK, stop - p) };
    if (b.length === 0) break;
    ingest.push(b);
    p += b.length;
  }
  // A record under way at the cut (a quoted field over lines, a runaway quote): read on, a line at a time.
  while (ingest.pending && p < size) {
    const b = yield { offset: p, length: Math.min(65_536, size - p) };
    if (b.length === 0) break;
    let from = 0;
    while (from < b.length && ingest.pending) {
      const i = b.indexOf(LF, from);
      const to = i < 0 ? b.length : i + 1;
      ingest.push(b.subarray(from, to));
      from = to;
    }
    p += from;
  }
  const { validation } = ingest.end();
  // `here`: read on the thread that merges, the parts are handed over as they are (no snapshot to copy).
  // Else the parts are handed to the thread that merges, their arrays as they are (toSnapshot(true)).
  return { start, end: p, lines: ingest.linesRead, validation, parts: here ? parts : parts.toSnapshot(true), ids: idSet.list() };
}

/**
 * Reads one range: from `start` (0: the file's start, with its header) to `stop`, then on line by line until
 * it is between records. `ids`: ids earlier ranges took that this range holds (read again to reject them).
 */
export function readRange(read: ReadAt, size: number, start: number, stop: number, plan: RangePlan, ids?: IdSet, here = false): RangeResult {
  const steps = rangeReading(size, start, stop, plan, ids, here);
  let step = steps.next();
  while (!step.done) step = steps.next(read(step.value.offset, step.value.length));
  return step.value;
}

/** `readRange` on reads that wait. */
export async function readRangeAsync(read: ReadAtAsync, size: number, start: number, stop: number, plan: RangePlan, ids?: IdSet): Promise<RangeResult> {
  const steps = rangeReading(size, start, stop, plan, ids, false);
  let step = steps.next();
  while (!step.done) step = steps.next(await read(step.value.offset, step.value.length));
  return step.value;
}

/**
 * Reads one range another thread asked for (a worker thread of the command line, a helper in the page): with
 * the ids it was told earlier ranges took, and the buffers of its result to move back, not copy.
 */
export function readRangeTask(read: ReadAt, size: number, start: number, stop: number, plan: RangePlan, ids?: IdList): { result: RangeResult; transfer: ArrayBuffer[] } {
  return taskResult(readRange(read, size, start, stop, plan, takenIds(ids)));
}

/** `readRangeTask` on reads that wait. */
export async function readRangeTaskAsync(read: ReadAtAsync, size: number, start: number, stop: number, plan: RangePlan, ids?: IdList): Promise<{ result: RangeResult; transfer: ArrayBuffer[] }> {
  return taskResult(await readRangeAsync(read, size, start, stop, plan, takenIds(ids)));
}

function takenIds(ids?: IdList): IdSet | undefined {
  if (!ids) return undefined;
  const taken = new IdSet();
  taken.addList(ids);
  return taken;
}

function taskResult(result: RangeResult): { result: RangeResult; transfer: ArrayBuffer[] } {
  const snap = result.parts as PartsSnapshot;
  // (each buffer once: a list that names one twice cannot be moved)
  return { result, transfer: [...new Set([...Object.values(snap.buffers), ...(snap.sealed ? Object.values(snap.sealed) : []), result.ids.arena.buffer as ArrayBuffer])] };
}

/** Hands out workers one task at a time: `take` resolves to an idle one (waiting for one if none is), `give` returns it. */
export function workerPool<W>(workers: readonly W[]): { take(): Promise<W>; give(w: W): void } {
  const idle = [...workers];
  const waiting: ((w: W) => void)[] = [];
  return {
    take: () => new Promise<W>((resolve) => { const w = idle.pop(); if (w !== undefined) resolve(w); else waiting.push(resolve); }),
    give: (w) => { const next = waiting.shift(); if (next) next(w); else idle.push(w); },
  };
}

export interface Merged {
  validation: Validation;
  parts: ContactParts;
  mapping: Mapping;
}

/**
 * Ranges read beside each other, put together as one reading: `again(k, start, ids)` reads range k again (from
 * another start, or knowing ids that earlier ranges took) and resolves to its result.
 */
export async function mergeRanges(
  results: RangeResult[],
  plan: RangePlan,
  shown: Mapping,
  again: (k: number, start: number, ids: IdSet | undefined) => Promise<RangeResult>,
  before?: IdSet,
  into?: ContactParts,
): Promise<Merged> {
  // Each range must start where the one before stopped; one that did not is read again from there.
  for (let k = 1; k < results.length; k++) {
    if (results[k].start !== results[k - 1].end) results[k] = await again(k, results[k - 1].end, undefined);
  }
  // Ids two ranges took: the later range is read again knowing them. While each range's ids lie apart from
  // the ids of every range before (ids that grow through the file), none can share one and no id is looked at;
  // from the first range that does not, every id is.
  // `before`: ids of the files read before into the same dataset; this file's ids join them, as in one reading.
  const taken = before ?? new IdSet();
  let lo: Uint8Array | null = null, hi: Uint8Array | null = null;
  let exact = taken.size > 0;
  for (let k = 0; k < results.length; k++) {
    const l = results[k].ids;
    if (l.count === 0) continue;
    if (!exact && l.min && l.max && (lo === null || hi === null || compareIds(l.min, hi) > 0 || compareIds(l.max, lo) < 0)) {
      lo = lo === null || compareIds(l.min, lo) < 0 ? l.min : lo;
      hi = hi === null || compareIds(l.max, hi) > 0 ? l.max : hi;
      continue;
    }
    if (!exact) {
      exact = true;
      for (let j = 0; j < k; j++) taken.addList(results[j].ids);
    }
    const shared = new IdSet();
    taken.addList(l, (b, s, e) => shared.add(b, s, e));
    if (shared.size > 0) results[k] = await again(k, results[k].start, shared);
  }
  if (before && !exact) for (const r of results) taken.addList(r.ids);
  // Counts add; rejections are numbered by the lines before.
  const v = newValidation();
  const max = plan.maxRejections ?? 100;
  const rejected = new ReasonTally(v.byReason, v.byCode);
  const apart = new ReasonTally(v.countedApart.byReason, v.countedApart.byCode);
  let lines = 0;
  let withoutQueueing = 0, ambiguous = 0;
  for (const r of results) {
    const w = r.validation;
    v.rowsRead += w.rowsRead; v.rowsAccepted += w.rowsAccepted; v.rowsRejected += w.rowsRejected; v.contacts += w.contacts;
    withoutQueueing += w.answeredWithoutQueueing ?? 0;
    ambiguous += w.ambiguousLocalTimes ?? 0;
    for (const c of w.byCode) rejected.add(renumber(c, lines), c.count);
    v.countedApart.total += w.countedApart.total;
    for (const c of w.countedApart.byCode) apart.add(c, c.count);
    for (const j of w.rejections) {
      if (v.rejections.length >= max) break;
      const why = renumber({ code: j.code, values: j.values } as Said<ReasonCode>, lines);
      v.rejections.push({ ...j, line: j.line + lines, values: why.values, reason: reasonText(why) });
    }
    lines += r.lines;
  }
  v.answeredWithoutQueueing = withoutQueueing;
  if (ambiguous) v.ambiguousLocalTimes = ambiguous;
  // `into`: the dataset's parts (files read before), else the range with the most cells, taken over as it is
  // (empty parts take the first they are given): the others' cells are added to it, not its own to them. Parts
  // add, so the order changes nothing but the time (a 1M-contact file's two halves: the merge adds one half).
  const parts = into ?? new ContactParts(plan.parts);
  let cells = parts.cellCount;
  for (const r of results) cells += r.parts.cellCount;
  const order = [...results.keys()];
  if (!into) order.sort((a, b) => results[b].parts.cellCount - results[a].parts.cellCount || a - b);
  order.forEach((k, i) => {
    const r = results[k];
    if (r.parts instanceof ContactParts) parts.mergeParts(r.parts);
    else parts.mergeSnapshot(r.parts);
    // Room for every range's cells once the first is in: the cells' values are copied once, not at each range
    // that adds more.
    if (i === 0) parts.reserveCells(cells);
  });
  const mapping: Mapping = ambiguous ? { ...shown, notes: [...(shown.notes ?? []), note('ambiguousTimes', { n: ambiguous })] } : shown;
  return { validation: v, parts, mapping };
}

/** A reason that names a line of its own (a quote opened on line L) is numbered like the rejection's line. */
function renumber(r: Said<ReasonCode>, lines: number): Said<ReasonCode> {
  if (lines === 0 || (r.code !== 'quoteRunaway' && r.code !== 'unclosedQuoteToEnd')) return { code: r.code, values: r.values } as Said<ReasonCode>;
  const values = { ...(r.values as Record<string, unknown>) };
  for (const k of ['line', 'from', 'to']) if (typeof values[k] === 'number') values[k] = (values[k] as number) + lines;
  return { code: r.code, values } as Said<ReasonCode>;
}
