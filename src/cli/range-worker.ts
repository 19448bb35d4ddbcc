/**
 * A worker thread of `report`: reads the ranges of a file it is given (engine/ingest/ranges.ts) and hands back
 * their parts, counts and ids, the buffers moved, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { closeSync, openSync } from 'node:fs';
import { readAt } from './read-at.js';
import { readRange, type RangePlan } from '../engine/ingest/ranges.js';
import type { PartsSnapshot } from '../engine/parts.js';
import { IdSet, type IdList } from '../engine/ingest/id-set.js';

export interface RangeTask { file: string; size: number; start: number; stop: number; plan: RangePlan; ids?: IdList }

parentPort!.on('message', (t: RangeTask) => {
  const fd = openSync(t.file, 'r');
  try {
    const read = readAt(fd);
    let ids: IdSet | undefined;
    if (t.ids) { ids = new IdSet(); ids.addList(t.ids); }
    const r = readRange(read, t.size, t.start, t.stop, t.plan, ids);
    const snap = r.parts as PartsSnapshot;
    parentPort!.postMessage({ ok: r }, [...Object.values(snap.buffers), ...(snap.sealed ? Object.values(snap.sealed) : []), r.ids.arena.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) });
  } finally {
    closeSync(fd);
  }
});
