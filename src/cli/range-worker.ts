/**
 * A worker thread of `report`: reads the ranges of a file it is given (engine/ingest/ranges.ts) and hands back
 * their parts, counts and ids, the buffers moved, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { closeSync, openSync } from 'node:fs';
import { readAt } from './read-at.js';
import { readRangeTask, type RangePlan } from '../engine/ingest/ranges.js';
import type { IdList } from '../engine/ingest/id-set.js';

export interface RangeTask { file: string; size: number; start: number; stop: number; plan: RangePlan; ids?: IdList }

parentPort!.on('message', (t: RangeTask) => {
  const fd = openSync(t.file, 'r');
  try {
    const { result, transfer } = readRangeTask(readAt(fd), t.size, t.start, t.stop, t.plan, t.ids);
    parentPort!.postMessage({ ok: result }, transfer);
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error)?.message ?? String(e) });
  } finally {
    closeSync(fd);
  }
});
