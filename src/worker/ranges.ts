/**
 * A large file read on every core in the page (docs/mapping.md "Ranges"): the engine worker cuts the file at
 * record boundaries and starts helpers — the same worker file, started under the name `sla-range` — each of
 * which reads its ranges of the File (a stream into one reused buffer, `streamReader`) with the engine's own
 * range reader, and hands back parts, counts and ids; the ranges are then put together as one reading
 * (`mergeRanges`). The engine worker reads a first small range itself, so that a dropped file shows figures at once.
 */
import { cutPoints, firstLook, mergeRanges, readRange, readRangeTask, readRangeTaskAsync, workerPool, type RangePlan, type RangeResult, type ReadAt, type ReadAtAsync } from '../engine/ingest/ranges.js';
import type { IdList, IdSet } from '../engine/ingest/id-set.js';
import type { ContactParts, PartsOptions } from '../engine/parts.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';

/** The name a helper worker is started under. */
export const RANGE_ROLE = 'sla-range';

/** Below this a file is read in one piece: helpers would cost more than they save. */
export const PARALLEL_MIN_BYTES = 16 << 20;

/** The first range, read by the engine worker itself for the first figures (an eighth of a smaller file). */
const FIRST_RANGE_BYTES = 256 << 10;

/**
 * Reads of a File served from windows of `window` bytes: the range reader asks for 64 KiB at a time. Each
 * window is a synchronous read of its own into fresh memory; fewer, larger ones cost less (measured in the
 * offline demo's helpers over 67 MB each: 0.6–0.8 s with 4 MiB windows, 0.5–0.55 s with 16 MiB). Helpers stream
 * the File into one reused buffer instead where they can (`streamReader`); reading the next window
 * asynchronously while this one is parsed was slower on two cores that both parse.
 */
export function fileReader(blob: Blob, window: number): ReadAt {
  const sync = new FileReaderSync();
  let at = -1;
  let buf = new Uint8Array(0);
  return (offset, length) => {
    if (offset < at || offset + length > at + buf.length) {
      at = offset;
      buf = new Uint8Array(sync.readAsArrayBuffer(blob.slice(offset, Math.min(blob.size, offset + Math.max(length, window)))));
    }
    return buf.subarray(offset - at, Math.min(buf.length, offset - at + length));
  };
}

/**
 * Reads of a File as one stream into one buffer of `block` bytes, used again and again (a "bring your own
 * buffer" reader): a helper's 50 MB range costs no fresh memory, whose first write is what costs most here
 * (measured in a worker over 53 MB: 120–150 ms against 270–290 ms for FileReaderSync's 16 MiB windows; 290 ms
 * against 470–540 ms with both cores busy). The bytes handed back are valid until the next read. A read at or
 * after the buffer's start goes on from it; any other starts a new stream there. Null where the browser's File
 * streams take no buffer of the reader's own.
 */
export function streamReader(blob: Blob, block = 1 << 20): ReadAtAsync | null {
  const open = (offset: number): ReadableStreamBYOBReader => blob.slice(offset).stream().getReader({ mode: 'byob' });
  try {
    void open(blob.size).cancel().catch(() => undefined);
  } catch {
    return null;
  }
  let reader: ReadableStreamBYOBReader | null = null;
  let buf = new ArrayBuffer(block);
  // The buffer holds the file's bytes [at, at + held); the stream is at at + held (or ended).
  let at = 0;
  let held = 0;
  let ended = false;
  return async (offset, length) => {
    if (!reader || offset < at || offset > at + held) {
      void reader?.cancel().catch(() => undefined);
      reader = open(offset);
      at = offset;
      held = 0;
      ended = false;
    }
    const want = Math.min(length, block);
    if (offset + want > at + held && !ended) {
      // What is still to be read moves to the buffer's start; the rest is filled from the stream.
      const keep = at + held - offset;
      if (keep > 0 && offset > at) new Uint8Array(buf).copyWithin(0, offset - at, held);
      at = offset;
      held = keep;
      while (held < want) {
        const { done, value } = await reader.read(new Uint8Array(buf, held, block - held));
        // (the buffer comes back as a new ArrayBuffer over the same memory: the one handed in is detached)
        if (value) { buf = value.buffer as ArrayBuffer; held += value.length; }
        if (done) { ended = true; break; }
      }
    }
    return new Uint8Array(buf, offset - at, Math.max(0, Math.min(want, at + held - offset)));
  };
}

interface RangeTask { blob: Blob; start: number; stop: number; plan: RangePlan; ids?: IdList }
type RangeReply = { ok: RangeResult } | { error: string } | { progress: number } | { ready: true };

/** A helper's reads of the File where it cannot be streamed into a buffer (streamReader): 16 MiB at a time (see fileReader). */
const HELPER_WINDOW = 16 << 20;

/** How long helpers may take to start before the file is read in one piece instead. */
const START_MS = 10_000;

/** What a helper does with its tasks (installed instead of the engine's API when the worker has the helper's name). */
export function serveRanges(scope: { onmessage: ((e: MessageEvent) => void) | null; postMessage(m: unknown, transfer?: Transferable[]): void }): void {
  scope.onmessage = async (e: MessageEvent) => {
    const t = e.data as RangeTask;
    try {
      let told = 0;
      // Bytes read, told every 8 MiB: the page's progress bar moves while the helpers read.
      const tell = (offset: number, b: Uint8Array): Uint8Array => {
        if (offset + b.length - told >= 8 << 20) { scope.postMessage({ progress: offset + b.length - t.start }); told = offset + b.length; }
        return b;
      };
      const stream = streamReader(t.blob);
      const file = stream ? null : fileReader(t.blob, HELPER_WINDOW);
      const { result, transfer } = stream
        ? await readRangeTaskAsync(async (offset, length) => tell(offset, await stream(offset, length)), t.blob.size, t.start, t.stop, t.plan, t.ids)
        : readRangeTask((offset, length) => tell(offset, file!(offset, length)), t.blob.size, t.start, t.stop, t.plan, t.ids);
      scope.postMessage({ ok: result } satisfies RangeReply, transfer);
    } catch (err) {
      scope.postMessage({ error: (err as Error)?.message ?? String(err) } satisfies RangeReply);
    }
  };
  // Started: the engine worker hands out ranges only to helpers that said so.
  scope.postMessage({ ready: true } satisfies RangeReply);
}

export interface ParallelReading {
  mapping: Mapping;
  validation: Validation;
  parts: ContactParts;
}

export interface ParallelOptions {
  mapping?: Mapping;
  inputTimeZone?: string;
  dayMonthOrder?: 'dmy' | 'mdy';
  sampleBlocks?: Uint8Array[];
  parts: PartsOptions;
  /** Helpers to start (one per core); fewer than 2: the file is read in one piece. */
  helpers: number;
  /** How to start a helper. */
  start: () => Worker;
  /** The first figures (the first range's parts, and the bytes they count), while the helpers read the rest. */
  onFirst?: (parts: ContactParts, bytes: number) => void;
  /** Bytes read so far. */
  onProgress?: (bytes: number) => void;
  /** Whether to go on (the dataset is still open). */
  open?: () => boolean;
  /** Called once the helpers are started (the reading is on). */
  onStart?: () => void;
}

/**
 * Reads a File on helpers, range by range; null when it is to be read in one piece (not decided by its head,
 * cut into fewer than two ranges, no helpers).
 */
export async function readInRanges(blob: Blob, head: Uint8Array, o: ParallelOptions): Promise<ParallelReading | null> {
  if (o.helpers < 2) return null;
  const look = firstLook(head, { mapping: o.mapping, inputTimeZone: o.inputTimeZone, dayMonthOrder: o.dayMonthOrder, sampleBlocks: o.sampleBlocks, parts: o.parts });
  if (!look) return null;
  const plan = look.plan;
  const size = blob.size;
  // Cuts are found with small reads; the first range is read through 1 MiB windows (it is a quarter of that);
  // the helpers read their own ranges (serveRanges).
  const probe = fileReader(blob, 1 << 16);
  const read = fileReader(blob, 1 << 20);
  // The first range: a small one, read here at once for the first figures, before anything else is looked for.
  const firstBytes = Math.min(FIRST_RANGE_BYTES, Math.floor(size / 8));
  const firstCut = cutPoints(probe, Math.min(size, 2 * firstBytes), 2)[1];
  if (firstCut === undefined) return null;
  const first = readRange(read, size, 0, firstCut, plan, undefined, true);
  o.onFirst?.(first.parts as ContactParts, first.end);
  // The rest shared by the helpers, from where the first range ended.
  const rest = cutPoints((offset, length) => probe(first.end + offset, length), size - first.end, o.helpers).map((c) => c + first.end);
  if (rest.length < 2) return null;
  const cuts = [0, ...rest];
  const stops = [...cuts.slice(1), size];
  const closed = () => o.open !== undefined && !o.open();
  // Every helper says it is up, or the reading is done in one piece (a script that does not start as a helper,
  // a browser that does not start nested workers): never a reading that waits for nobody.
  const pool: Worker[] = [];
  try {
    for (let i = 0; i < o.helpers; i++) pool.push(o.start());
    await Promise.all(pool.map((w) => new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a range reader did not start')), START_MS);
      w.onmessage = (e: MessageEvent<RangeReply>) => { if ('ready' in e.data) { clearTimeout(timer); w.onmessage = null; resolve(); } };
      w.onerror = (e) => { clearTimeout(timer); e.preventDefault(); reject(new Error(e.message || 'a range reader did not start')); };
    })));
  } catch (e) {
    for (const w of pool) w.terminate();
    throw e;
  }
  const { take, give } = workerPool(pool);
  const done = new Array<number>(cuts.length).fill(0);
  const run = async (k: number, start: number, ids?: IdSet): Promise<RangeResult> => {
    const w = await take();
    try {
      return await new Promise<RangeResult>((resolve, reject) => {
        w.onmessage = (e: MessageEvent<RangeReply>) => {
          const m = e.data;
          if ('progress' in m) {
            // A dataset closed meanwhile: the helpers stop now, not at the end of their ranges.
            if (closed()) { for (const h of pool) h.terminate(); reject(new Error('closed')); return; }
            done[k] = m.progress;
            o.onProgress?.(done.reduce((a, b) => a + b, 0));
            return;
          }
          if ('ready' in m) return;
          w.onmessage = null;
          if ('ok' in m) resolve(m.ok); else reject(new Error(m.error));
        };
        w.onerror = (e) => { e.preventDefault(); reject(new Error(e.message || 'a range reader failed')); };
        w.postMessage({ blob, start, stop: stops[k], plan, ids: ids?.list() } satisfies RangeTask);
      });
    } finally {
      give(w);
    }
  };
  try {
    const others = Promise.all(cuts.slice(1).map((start, i) => run(i + 1, start)));
    o.onStart?.();
    done[0] = first.end;
    const results = [first, ...(await others)];
    if (closed()) return null;
    const merged = await mergeRanges(results, plan, look.mapping, (k, start, ids) => run(k, start, ids));
    return merged;
  } finally {
    for (const w of pool) w.terminate();
  }
}
