/**
 * The page's side of the engine worker: one worker per page (shared by every widget), typed calls through
 * comlink, and subscriptions that release their proxies when they end. If the worker dies (a crash, an
 * out-of-memory kill, a wallboard running for days), the client starts a new one, restores every open
 * dataset from the cache and every subscription, and says so to `onStatus` listeners.
 *
 * Where the worker comes from:
 * - by default, next to this module: `new URL('../worker/engine.worker.js', import.meta.url)`;
 * - from a CDN on another origin: `{ workerUrl, blob: true }` starts it from a `blob:` URL that imports the
 *   script (the page's CSP needs `worker-src blob:`);
 * - under a strict CSP the host makes the Worker itself and hands it in: `{ worker }` (and, to be able to
 *   restart it, `{ createWorker }`).
 */
import type { Scorecard } from '../engine/agreement/evaluate.js';
import type { FileHead } from '../engine/ingest/inspect.js';
import type { Preview } from '../engine/ingest/preview.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { ObservedStaffing } from '../engine/erlang/observed.js';
import { transfer, wrap, releaseProxy, type Remote } from 'comlink';
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { EngineWorker, WorkerInit } from '../worker/engine.worker.js';
import { SaidError, applyUpdate, type DatasetInfo, type DatasetOptions, type DatasetStatus, type ViewResult, type ViewSpec, type ViewUpdate } from '../protocol/index.js';

export { applyUpdate };

export interface EngineClientOptions extends WorkerInit {
  /** A Worker the host made (strict CSP). */
  worker?: Worker;
  /** Makes a new Worker when the first one dies (default: the same way as the first). */
  createWorker?: () => Worker;
  /** Where the worker script is (default: next to this module). */
  workerUrl?: URL | string;
  /** Start the worker from a blob: URL that imports workerUrl (worker on another origin). */
  blob?: boolean;
  /** How often the worker is asked whether it is alive (ms; default 5000; 0 = never). */
  heartbeatMs?: number;
}

export type EngineEvent =
  | { type: 'restarted'; datasets: number; subscriptions: number; lost: string[] }
  | { type: 'worker-error'; message: string };

interface OpenDataset {
  opts: DatasetOptions;
  /** A live dataset's stream, connected again after a restart (the feed replays from the start). */
  stream?: { url: string; opts: { kind?: 'ws' | 'sse' | 'ndjson'; staleAfterMs?: number } };
}

interface LiveSubscription {
  datasetId: string;
  view: ViewSpec;
  onUpdate: (u: ViewUpdate) => void;
  throttleMs: number;
  workerSub: number;
  /** The page's own key for it: the worker's updates come under it (one id across restarts). */
  key: number;
}

export class EngineClient {
  worker: Worker;
  api: Remote<EngineWorker>;
  private ready: Promise<void>;
  private readonly opts: EngineClientOptions;
  private readonly datasets = new Map<string, OpenDataset>();
  private readonly subs = new Set<LiveSubscription>();
  /** Subscriptions by their key, for the sink; a key is never reused. */
  private readonly byKey = new Map<number, LiveSubscription>();
  private sinkPort: MessagePort | null = null;
  private nextKey = 1;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  /** Ends the calls in flight when the worker is restarted under them. */
  private readonly inflight = new Set<(e: unknown) => void>();
  /** Files held in the worker after a first look, by the page's Blob. */
  private readonly held = new WeakMap<Blob, string>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private restarting: Promise<void> | null = null;
  private terminated = false;
  private checking: Promise<boolean> | null = null;

  constructor(opts: EngineClientOptions = {}) {
    this.opts = opts;
    this.worker = opts.worker ?? this.makeWorker();
    this.api = wrap<EngineWorker>(this.worker);
    this.ready = this.start();
    const every = opts.heartbeatMs ?? 5000;
    if (every > 0) this.heartbeat = setInterval(() => void this.checkAlive(), every);
  }

  private makeWorker(): Worker {
    if (this.opts.createWorker) return this.opts.createWorker();
    const url = this.opts.workerUrl ?? new URL('../worker/engine.worker.ts', import.meta.url);
    if (this.opts.blob) {
      const src = `import ${JSON.stringify(String(url))};`;
      return new Worker(scriptUrl(URL.createObjectURL(new Blob([src], { type: 'text/javascript' }))) as string, { type: 'module' });
    }
    return new Worker(scriptUrl(String(url)) as string, { type: 'module' });
  }

  private start(): Promise<void> {
    this.worker.addEventListener('error', (e) => {
      this.emit({ type: 'worker-error', message: (e as ErrorEvent).message ?? 'the engine worker failed' });
      void this.restart();
    });
    // Every subscription's updates come through one port, a batch per message: the widgets updated at one tick
    // change in one task, so in one frame. The port of a worker that was replaced is closed with it.
    this.sinkPort?.close();
    const channel = new MessageChannel();
    this.sinkPort = channel.port1;
    channel.port1.onmessage = (e: MessageEvent<[number, ViewUpdate][]>) => {
      for (const [key, update] of e.data) {
        const sub = this.byKey.get(key);
        if (!sub) continue;
        try {
          sub.onUpdate(update);
        } catch (e) {
          // One widget that throws must not keep the others from their figures.
          queueMicrotask(() => { throw e; });
        }
      }
    };
    return Promise.all([
      this.api.init({ noIndexedDB: this.opts.noIndexedDB, dbName: this.opts.dbName, maxBytes: this.opts.maxBytes, parallelMinBytes: this.opts.parallelMinBytes, threads: this.opts.threads }),
      this.api.setSink(transfer(channel.port2, [channel.port2])),
    ]).then(() => undefined);
  }

  /** Listens to restarts and worker errors; returns the unsubscribe. */
  onStatus(listener: (e: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }

  /**
   * Asks the worker whether it answers; restarts it when it does not within `timeoutMs`. The default is long:
   * a worker reading a large file answers between its chunks, and one busy for a few seconds on a slow box
   * (a wallboard's stick PC) must not be killed and lose the file it was reading; one silent for 10 s is stuck.
   */
  checkAlive(timeoutMs = 10_000): Promise<boolean> {
    if (this.terminated || this.restarting) return Promise.resolve(true);
    this.checking ??= (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const alive = await Promise.race([
        this.api.ping().then(() => true, () => false),
        new Promise<boolean>((r) => { timer = setTimeout(() => r(false), timeoutMs); }),
      ]);
      clearTimeout(timer);
      if (!alive) await this.restart();
      return alive;
    })().finally(() => { this.checking = null; });
    return this.checking;
  }

  /** A new worker, with every open dataset restored from the cache and every subscription renewed. */
  restart(): Promise<void> {
    if (this.terminated) return Promise.resolve();
    this.restarting ??= (async () => {
      try { this.api[releaseProxy](); } catch { /* the old endpoint is gone */ }
      this.worker.terminate();
      this.worker = this.makeWorker();
      this.api = wrap<EngineWorker>(this.worker);
      this.ready = this.start();
      await this.ready;
      const lost: string[] = [];
      for (const [id, d] of this.datasets) {
        const status = d.stream ? null : await this.api.reopen(id);
        if (!status) {
          // Never cached (live, still loading, or memory only): a dataset under the same id; a live one
          // connects again, others are said lost.
          await this.api.open(d.opts, id);
          if (d.stream) await this.api.connect(id, d.stream.url, d.stream.opts);
          else {
            lost.push(id);
            // Its reading is gone with the old worker: the widgets say so (and can read it again), never spin.
            await this.api.fail(id, { code: 'workerRestarted', values: {} });
          }
        }
      }
      // Calls the old worker never answered (a file it was reading) end now, with the same words.
      for (const reject of this.inflight) reject(new SaidError({ code: 'workerRestarted', values: {} }));
      this.inflight.clear();
      for (const s of this.subs) {
        try {
          s.workerSub = await this.api.subscribe(s.datasetId, s.view, s.key, s.throttleMs);
        } catch {
          this.subs.delete(s); // its dataset is gone (deleted since): the others are renewed all the same
          this.byKey.delete(s.key);
        }
      }
      this.emit({ type: 'restarted', datasets: this.datasets.size, subscriptions: this.subs.size, lost });
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  private async settled(): Promise<void> {
    if (this.restarting) await this.restarting;
    await this.ready;
  }

  async open(opts: DatasetOptions): Promise<DatasetHandle> {
    const ds = await this.openNow(opts);
    await ds.opened;
    return ds;
  }

  /**
   * Opens a dataset without waiting for the worker's answer: the handle comes at once (its id made here), so
   * that subscriptions and a reading sent right after it reach the worker behind the open, in order — a page
   * that is busy drawing meanwhile does not hold the reading back. `opened` rejects when the open failed.
   */
  async openNow(opts: DatasetOptions): Promise<DatasetHandle> {
    await this.settled();
    const id = newDatasetId();
    const opened = this.api.open(opts, id).then(() => undefined);
    opened.catch(() => undefined); // (said by `opened` to whoever waits on it)
    this.datasets.set(id, { opts });
    return new DatasetHandle(this, id, opened);
  }

  /** A cached dataset by id (no parse), or null. */
  async reopen(id: string): Promise<DatasetHandle | null> {
    await this.settled();
    const status = await this.api.reopen(id);
    if (!status) return null;
    this.datasets.set(id, { opts: { timeZone: 'UTC' } });
    return new DatasetHandle(this, id);
  }

  /** A first look at a file before it is read: header, sample rows, the mapping a preset gives it. */
  async inspect(blob: Blob): Promise<FileHead> {
    await this.settled();
    return this.api.inspect(blob);
  }

  /**
   * A first look at a file that is then read (`DatasetHandle.feed(file)`): the worker keeps the file and its
   * head, so the head is not read again and the file does not cross to the worker a second time.
   */
  async hold(file: Blob): Promise<FileHead> {
    await this.settled();
    const { upload, head } = await this.api.hold(file);
    this.held.set(file, upload);
    return head;
  }

  /**
   * The first rows of a file read with a mapping, before the whole file is (the head the first look kept). A
   * file no longer held (read since, or the worker restarted) is looked at again first.
   */
  async preview(file: Blob, mapping: Mapping, inputTimeZone?: string): Promise<Preview> {
    await this.settled();
    const upload = this.held.get(file);
    const p = upload !== undefined ? await this.api.preview(upload, mapping, inputTimeZone) : null;
    if (p) return p;
    await this.hold(file);
    return (await this.api.preview(this.held.get(file)!, mapping, inputTimeZone))!;
  }

  /** Every rejected row of a file read with a mapping, as a CSV Blob (the validation lists the first 100). */
  async rejectedRows(file: Blob, mapping?: Mapping, inputTimeZone?: string): Promise<Blob> {
    await this.settled();
    return this.untilRestart(this.call((api) => api.rejectedRows(file, mapping, inputTimeZone)));
  }

  /** Lets go of a file looked at with `hold` and not read. */
  async release(file: Blob): Promise<void> {
    const upload = this.held.get(file);
    if (upload === undefined) return;
    this.held.delete(file);
    await this.api.release(upload);
  }

  /** @internal The worker's name for a file held there, taken once. */
  takeHeld(file: Blob): string | undefined {
    const upload = this.held.get(file);
    this.held.delete(file);
    return upload;
  }

  async list(): Promise<DatasetInfo[]> {
    await this.settled();
    return this.api.list();
  }

  async remove(id: string): Promise<void> {
    await this.settled();
    this.forget(id);
    await this.api.remove(id);
  }

  /** @internal A call the worker may never answer if it dies (a file being read): ended by a restart. */
  async untilRestart<T>(call: Promise<T>): Promise<T> {
    let reject!: (e: unknown) => void;
    const cut = new Promise<never>((_, r) => { reject = r; });
    this.inflight.add(reject);
    try {
      return await Promise.race([call, cut]);
    } finally {
      this.inflight.delete(reject);
    }
  }

  /** @internal */
  async subscribe(datasetId: string, view: ViewSpec, onResult: (r: ViewResult) => void, throttleMs: number, onPayload?: (u: ViewUpdate) => void): Promise<() => Promise<void>> {
    await this.settled();
    // Updates arrive whole the first time, then as deltas: the whole result is put back together here.
    let current: ViewResult | null = null;
    const onUpdate = (u: ViewUpdate) => {
      onPayload?.(u);
      current = applyUpdate(current, u);
      onResult(current);
    };
    const s: LiveSubscription = { datasetId, view, onUpdate, throttleMs, workerSub: 0, key: this.nextKey++ };
    // Updates come through the one sink under the subscription's key, possibly before its worker id does.
    this.byKey.set(s.key, s);
    try {
      s.workerSub = await this.api.subscribe(datasetId, view, s.key, throttleMs);
    } catch (e) {
      this.byKey.delete(s.key);
      throw e;
    }
    this.subs.add(s);
    return async () => {
      this.byKey.delete(s.key);
      if (!this.subs.delete(s)) return;
      await this.settled();
      await this.api.unsubscribe(s.workerSub);
    };
  }

  /** @internal */
  remember(datasetId: string, stream: OpenDataset['stream']): void {
    const d = this.datasets.get(datasetId);
    if (d) d.stream = stream;
  }

  /** @internal */
  forget(datasetId: string): void {
    this.datasets.delete(datasetId);
    for (const s of [...this.subs]) if (s.datasetId === datasetId) { this.subs.delete(s); this.byKey.delete(s.key); }
  }

  /** @internal */
  async call<T>(fn: (api: Remote<EngineWorker>) => Promise<T>): Promise<T> {
    await this.settled();
    return fn(this.api);
  }

  terminate(): void {
    this.terminated = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    try { this.api[releaseProxy](); } catch { /* already gone */ }
    this.sinkPort?.close();
    this.worker.terminate();
  }
}

export class DatasetHandle {
  /** `opened`: resolves once the worker has the dataset (at once for a dataset opened and answered already). */
  constructor(private readonly client: EngineClient, readonly id: string, readonly opened: Promise<void> = Promise.resolve()) {}

  /** Reads a file into the dataset; one held after a first look (`EngineClient.hold`) is read where it is. */
  async feed(blob: Blob, name?: string): Promise<DatasetStatus> {
    const label = name ?? (blob as File).name;
    const upload = this.client.takeHeld(blob);
    if (upload !== undefined) {
      try {
        return await this.client.untilRestart(this.client.call((api) => api.feed(this.id, { upload }, label)));
      } catch (e) {
        // The worker restarted since the first look: the file crosses again.
        if (!String((e as Error)?.message).startsWith('unknownUpload')) throw e;
      }
    }
    return this.client.untilRestart(this.client.call((api) => api.feed(this.id, blob, label)));
  }

  feedUrl(url: string): Promise<DatasetStatus> {
    return this.client.call((api) => api.feedUrl(this.id, url));
  }

  /** Reads a parts table (docs/parts.md: CSV, NDJSON or Parquet) into the dataset instead of contacts. */
  feedParts(blob: Blob, name?: string): Promise<DatasetStatus> {
    return this.client.untilRestart(this.client.call((api) => api.feedParts(this.id, blob, name ?? (blob as File).name)));
  }

  /** Reads a parts table from a URL. */
  feedPartsUrl(url: string): Promise<DatasetStatus> {
    return this.client.call((api) => api.feedPartsUrl(this.id, url));
  }

  /** Makes the dataset live from a WebSocket (ws://…), SSE (…/sse) or NDJSON stream. */
  connect(url: string, opts: { kind?: 'ws' | 'sse' | 'ndjson'; staleAfterMs?: number } = {}): Promise<DatasetStatus> {
    this.client.remember(this.id, { url, opts });
    return this.client.call((api) => api.connect(this.id, url, opts));
  }

  disconnect(): Promise<void> {
    this.client.remember(this.id, undefined);
    return this.client.call((api) => api.disconnect(this.id));
  }

  view(view: ViewSpec = {}): Promise<ViewResult> {
    return this.client.call((api) => api.view(this.id, view));
  }

  /** The SLA document's scorecard over a period (a key such as 2021-02, or a grain: day, week, month, quarter). */
  async scorecard(sla: unknown, opts: { period?: string; baselineDays?: number } = {}): Promise<Scorecard> {
    const r: { scorecard: Scorecard } | { error: Said<ErrorCode>; message: string } = await this.client.call((api) => api.scorecard(this.id, sla, opts) as Promise<{ scorecard: Scorecard } | { error: Said<ErrorCode>; message: string }>);
    // Why there is none crosses as data; here it becomes an error again, with its code and English words.
    if ('error' in r) throw new SaidError(r.error, r.message);
    return r.scorecard;
  }

  /** Required versus present agents per interval (Erlang C on the observed volume and AHT). */
  staffing(view: ViewSpec = {}): Promise<ObservedStaffing[]> {
    return this.client.call((api) => api.staffing(this.id, view));
  }

  /**
   * Calls `onUpdate` with the view's result now and whenever it changes (once a throttle, on the page's clock;
   * a change of state at once, the next update at least half a throttle after it: docs/protocol.md). Returns
   * the unsubscribe. `onPayload` sees what crossed from the worker (the whole result, then deltas).
   */
  subscribe(view: ViewSpec, onUpdate: (r: ViewResult) => void, throttleMs = 1000, onPayload?: (u: ViewUpdate) => void): Promise<() => Promise<void>> {
    return this.client.subscribe(this.id, view, onUpdate, throttleMs, onPayload);
  }

  rename(name: string): Promise<void> {
    return this.client.call((api) => api.rename(this.id, name));
  }

  async close(): Promise<void> {
    this.client.forget(this.id);
    await this.client.call((api) => api.close(this.id));
  }
}

/** The Trusted Types policy the kit creates its worker under (README "Trusted Types"); made once, where the page has them. */
let policy: { createScriptURL(u: string): unknown } | null | undefined;

/**
 * A worker's script URL: through the `sla-widgets` Trusted Types policy where the page enforces Trusted Types
 * (a host allows it with `trusted-types sla-widgets`), which takes only this page's origin and `blob:` URLs;
 * the URL as it is elsewhere.
 */
function scriptUrl(url: string): unknown {
  const tt = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(u: string): string }): { createScriptURL(u: string): unknown } } }).trustedTypes;
  if (!tt) return url;
  if (policy === undefined) {
    try {
      policy = tt.createPolicy('sla-widgets', {
        createScriptURL: (u) => {
          const parsed = new URL(u, location.href);
          if (parsed.protocol !== 'blob:' && parsed.origin !== location.origin) throw new TypeError(`sla-widgets: a worker from ${parsed.origin} is not this page's`);
          return parsed.href;
        },
      });
    } catch {
      policy = null; // the page's CSP does not allow the policy: the URL goes as it is (and the browser says why)
    }
  }
  return policy ? policy.createScriptURL(url) : url;
}

/** A dataset id made on the page (random, 128 bits): `crypto.randomUUID` where the page is a secure context. */
function newDatasetId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
