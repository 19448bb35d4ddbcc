/**
 * The engine worker: one per page, shared by every widget on it. Its API is EngineService behind comlink.
 * Subscriptions' updates go to the page through one sink, in one message per task: the widgets updated at one
 * tick change in one frame (subscriptions.ts).
 */
import { expose } from 'comlink';
import { EngineService } from './engine-service.js';
import { RANGE_ROLE, serveRanges } from './ranges.js';

/** What the page hears on its sink port: its subscriptions' updates, each under the key the page gave it. */
export type UpdateBatch = [key: number, update: ViewUpdate][];
import type { DatasetOptions, ViewSpec, ViewUpdate } from '../protocol/index.js';
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { Mapping } from '../engine/ingest/mapping.js';

/** Options the page sends once: the cache can be told there is no IndexedDB (tests, private modes). */
export interface WorkerInit {
  noIndexedDB?: boolean;
  dbName?: string;
  maxBytes?: number;
  /** Read a file of this size or more on helpers, one per core (default 16 MiB; tests set it low). */
  parallelMinBytes?: number;
  /** Helpers to read a large file on (default: the cores, `navigator.hardwareConcurrency`; 1: in one piece). */
  threads?: number;
}

class EngineWorkerApi {
  private service: EngineService | null = null;
  private sink: MessagePort | null = null;
  private outbox: [number, ViewUpdate][] = [];

  /** The port the page hears every subscription's updates on, a batch per message. */
  setSink(port: MessagePort): void {
    this.sink?.close();
    this.sink = port;
  }

  /** Queues an update; everything queued in this task leaves in one message. */
  private post(key: number, update: ViewUpdate): void {
    this.outbox.push([key, update]);
    if (this.outbox.length > 1) return;
    queueMicrotask(() => {
      const batch = this.outbox;
      this.outbox = [];
      // A page that went away must not stop the others: a failed delivery is dropped with it.
      try {
        this.sink?.postMessage(batch);
      } catch {
        // nothing to tell it
      }
    });
  }

  init(init: WorkerInit = {}): void {
    this.service = new EngineService({ indexedDB: init.noIndexedDB ? null : undefined, dbName: init.dbName, maxBytes: init.maxBytes, parallelMinBytes: init.parallelMinBytes, threads: init.threads });
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
  /** Subscribes to a view; its updates reach the sink under `key`. */
  subscribe(id: string, view: ViewSpec, key: number, throttleMs?: number) {
    return this.s.subscribe(id, view, (u) => this.post(key, u), throttleMs);
  }
  unsubscribe(sub: number) { this.s.unsubscribe(sub); }
  close(id: string) { this.s.close(id); }
  list() { return this.s.list(); }
  rename(id: string, name: string) { return this.s.rename(id, name); }
  remove(id: string) { return this.s.remove(id); }
  stats() { return { readsInRanges: this.s.readsInRanges, parses: this.s.parses, contentHashes: this.s.contentHashes, bytesRead: this.s.bytesRead, subscriptions: this.s.subscriptionCount() }; }
  cacheWarning() { return this.s.cacheWarning(); }
}

export type EngineWorker = EngineWorkerApi;

// The same file serves as a helper that reads ranges of a large file (ranges.ts), started under its name.
if ((self as unknown as { name?: string }).name === RANGE_ROLE) serveRanges(self as unknown as Parameters<typeof serveRanges>[0]);
else expose(new EngineWorkerApi());
