/**
 * The engine worker: one per page, shared by every widget on it. Its API is EngineService behind comlink;
 * callbacks from the page arrive as comlink proxies and are released when their subscription ends.
 */
import { expose, releaseProxy, type Remote } from 'comlink';
import { EngineService, type UpdateCallback } from './engine-service.js';
import type { DatasetOptions, ViewSpec } from '../protocol/index.js';
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { Mapping } from '../engine/ingest/mapping.js';

/** Options the page sends once: the cache can be told there is no IndexedDB (tests, private modes). */
export interface WorkerInit {
  noIndexedDB?: boolean;
  dbName?: string;
  maxBytes?: number;
}

class EngineWorkerApi {
  private service: EngineService | null = null;

  init(init: WorkerInit = {}): void {
    this.service = new EngineService({ indexedDB: init.noIndexedDB ? null : undefined, dbName: init.dbName, maxBytes: init.maxBytes });
  }

  private get s(): EngineService {
    if (!this.service) this.init();
    return this.service!;
  }

  open(opts: DatasetOptions, id?: string) { return this.s.open(opts, id); }
  ping() { return 'pong' as const; }
  reopen(id: string) { return this.s.reopen(id); }
  feed(id: string, input: Blob | { upload: string }, name?: string) { return this.s.feed(id, input, name); }
  hold(blob: Blob) { return this.s.hold(blob); }
  release(upload: string) { this.s.release(upload); }
  preview(upload: string, mapping: Mapping, inputTimeZone?: string) { return this.s.preview(upload, mapping, inputTimeZone); }
  rejectedRows(blob: Blob, mapping?: Mapping, inputTimeZone?: string) { return this.s.rejectedRows(blob, mapping, inputTimeZone); }
  fail(id: string, why: Said<ErrorCode>) { this.s.fail(id, why); }
  feedUrl(id: string, url: string) { return this.s.feedUrl(id, url); }
  feedParts(id: string, blob: Blob, name?: string) { return this.s.feedParts(id, blob, name); }
  feedPartsUrl(id: string, url: string) { return this.s.feedPartsUrl(id, url); }
  connect(id: string, url: string, opts?: { kind?: 'ws' | 'sse' | 'ndjson'; staleAfterMs?: number }) { return this.s.connect(id, url, opts); }
  disconnect(id: string) { this.s.disconnect(id); }
  view(id: string, view: ViewSpec) { return this.s.view(id, view); }
  scorecard(id: string, sla: unknown, opts?: { period?: string; baselineDays?: number }) { return this.s.scorecardOrError(id, sla, opts); }
  inspect(blob: Blob) { return this.s.inspect(blob); }
  staffing(id: string, view?: ViewSpec) { return this.s.staffing(id, view); }
  subscribe(id: string, view: ViewSpec, callback: Remote<UpdateCallback>, throttleMs?: number) {
    return this.s.subscribe(id, view, callback as unknown as UpdateCallback, throttleMs, () => callback[releaseProxy]());
  }
  unsubscribe(sub: number) { this.s.unsubscribe(sub); }
  close(id: string) { this.s.close(id); }
  list() { return this.s.list(); }
  rename(id: string, name: string) { return this.s.rename(id, name); }
  remove(id: string) { return this.s.remove(id); }
  stats() { return { parses: this.s.parses, bytesRead: this.s.bytesRead, subscriptions: this.s.subscriptionCount() }; }
  cacheWarning() { return this.s.cacheWarning(); }
}

export type EngineWorker = EngineWorkerApi;

expose(new EngineWorkerApi());
