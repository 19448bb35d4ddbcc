/**
 * A large file read on every core (docs/mapping.md "Ranges"): ranges on worker threads, put together as one
 * reading. Used by `report` for a plain CSV of contacts of 16 MB or more; anything else is read in one piece.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { closeSync, openSync, statSync } from 'node:fs';
import { readAt } from './read-at.js';
import { cutPoints, firstLook, mergeRanges, readRange, workerPool, type RangeResult } from '../engine/ingest/ranges.js';
import type { IdSet } from '../engine/ingest/id-set.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { ContactParts } from '../engine/parts.js';
import type { Validation } from '../engine/ingest/index.js';
import type { RangeTask } from './range-worker.js';

/** Below this a file is read in one piece: starting threads would cost more than they save. */
export const PARALLEL_MIN_BYTES = 16 << 20;

export function defaultThreads(): number {
  return availableParallelism();
}

export interface ParallelOptions {
  mapping?: Mapping;
  inputTimeZone?: string;
  dayMonthOrder?: 'dmy' | 'mdy';
  sampleBlocks?: Uint8Array[];
  /** The dataset's parts: this file's are added to them. */
  parts: ContactParts;
  /** Ids of the files read before into the same dataset (this file's join them); none when absent. */
  ids?: IdSet;
  threads: number;
  /** Read in parallel from this size on (tests set it low). */
  minBytes?: number;
  maxRejections?: number;
}

/** Reads `file` as ranges on threads; null when it is to be read in one piece (small, not decided by its head …). */
export async function analyzeParallel(file: string, o: ParallelOptions): Promise<{ mapping: Mapping; validation: Validation } | null> {
  if (o.threads < 2) return null;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  if (size < (o.minBytes ?? PARALLEL_MIN_BYTES)) return null;
  // The threads start while the head is looked at; this thread reads the first range itself.
  const pool = Array.from({ length: Math.max(1, o.threads - 1) }, () => new Worker(new URL('./range-worker.js', import.meta.url)));
  const fd = openSync(file, 'r');
  const read = readAt(fd);
  let cuts: number[];
  let look: ReturnType<typeof firstLook>;
  try {
    look = firstLook(read(0, 65_536), { mapping: o.mapping, inputTimeZone: o.inputTimeZone, dayMonthOrder: o.dayMonthOrder, sampleBlocks: o.sampleBlocks, parts: o.parts.opts, maxRejections: o.maxRejections });
    cuts = look ? cutPoints(read, size, o.threads) : [];
  } catch (e) {
    closeSync(fd);
    await Promise.all(pool.map((w) => w.terminate()));
    throw e;
  }
  if (!look || cuts.length < 2) {
    closeSync(fd);
    await Promise.all(pool.map((w) => w.terminate()));
    return null;
  }
  const plan = look.plan;
  const stops = [...cuts.slice(1), size];
  const { take, give } = workerPool(pool);
  const run = async (task: RangeTask): Promise<RangeResult> => {
    const w = await take();
    try {
      return await new Promise<RangeResult>((resolve, reject) => {
        const done = (m: { ok?: RangeResult; error?: string }) => { w.off('error', fail); m.ok ? resolve(m.ok) : reject(new Error(m.error)); };
        const fail = (e: Error) => { w.off('message', done); reject(e); };
        w.once('message', done);
        w.once('error', fail);
        w.postMessage(task);
      });
    } finally {
      give(w);
    }
  };
  try {
    const others = Promise.all(cuts.slice(1).map((start, k) => run({ file, size, start, stop: stops[k + 1], plan })));
    // Let the tasks reach the threads (posted from promise callbacks) before this thread is busy with its own.
    await new Promise((r) => setImmediate(r));
    const first = readRange(read, size, 0, stops[0], plan, undefined, true);
    const results = [first, ...(await others)];
    const merged = await mergeRanges(results, plan, look.mapping, (k, start, ids) => run({ file, size, start, stop: stops[k], plan, ids: ids?.list() }), o.ids, o.parts);
    return { mapping: merged.mapping, validation: merged.validation };
  } finally {
    closeSync(fd);
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
