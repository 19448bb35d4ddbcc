/**
 * A worker thread of `report`: reads the ranges of a file it is given (engine/ingest/ranges.ts) and hands back
 * their parts, counts and ids, the buffers moved, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { closeSync, openSync, readSync } from 'node:fs';
import { readRange, type RangePlan } from '../engine/ingest/ranges.js';
import type { PartsSnapshot } from '../engine/parts.js';
import { IdSet, type IdList } from '../engine/ingest/id-set.js';

export interface RangeTask { file: string; size: number; start: number; stop: number; plan: RangePlan; ids?: IdList }

parentPort!.on('message', (t: RangeTask) => {
  const fd = openSync(t.file, 'r');
  try {
    // A new buffer per read: the reader may hold on to a chunk (a head shorter than it looks at).
    const read = (offset: number, length: number) => {
      const b = new Uint8Array(length);
      return b.subarray(0, readSync(fd, b, 0, length, offset));
    };
    let ids: IdSet | undefined;
    if (t.ids) { ids = new IdSet(); ids.addList(t.ids); }
    const t0 = performance.now();
    const r = readRange(read, t.size, t.start, t.stop, t.plan, ids);
    if (process.env.SLA_TIMING) console.error('range', t.start, Math.round(performance.now() - t0), 'ms');
    const snap = r.parts as PartsSnapshot;
    parentPort!.postMessage({ ok: r }, [...Object.values(snap.buffers), ...(snap.sealed ? Object.values(snap.sealed) : []), r.ids.arena.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) });
  } finally {
    closeSync(fd);
  }
});
