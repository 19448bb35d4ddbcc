/**
 * The page's side of the engine worker: one worker per page (shared by every widget), typed calls through
 * comlink, and subscriptions that release their proxies when they end.
 *
 * Where the worker comes from:
 * - by default, next to this module: `new URL('../worker/engine.worker.js', import.meta.url)`;
 * - from a CDN on another origin: `{ workerUrl, blob: true }` starts it from a `blob:` URL that imports the
 *   script (the page's CSP needs `worker-src blob:`);
 * - under a strict CSP the host makes the Worker itself and hands it in: `{ worker }`.
 */
import { proxy, wrap, releaseProxy, type Remote } from 'comlink';
import type { EngineWorker, WorkerInit } from '../worker/engine.worker.js';
import type { DatasetInfo, DatasetOptions, DatasetStatus, ViewResult, ViewSpec } from '../worker/protocol.js';

export interface EngineClientOptions extends WorkerInit {
  /** A Worker the host made (strict CSP). */
  worker?: Worker;
  /** Where the worker script is (default: next to this module). */
  workerUrl?: URL | string;
  /** Start the worker from a blob: URL that imports workerUrl (worker on another origin). */
  blob?: boolean;
}

export class EngineClient {
  readonly worker: Worker;
  readonly api: Remote<EngineWorker>;
  private readonly ready: Promise<void>;

  constructor(opts: EngineClientOptions = {}) {
    this.worker = opts.worker ?? EngineClient.makeWorker(opts);
    this.api = wrap<EngineWorker>(this.worker);
    this.ready = this.api.init({ noIndexedDB: opts.noIndexedDB, dbName: opts.dbName, maxBytes: opts.maxBytes });
  }

  private static makeWorker(opts: EngineClientOptions): Worker {
    const url = opts.workerUrl ?? new URL('../worker/engine.worker.ts', import.meta.url);
    if (opts.blob) {
      const src = `import ${JSON.stringify(String(url))};`;
      return new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
    }
    return new Worker(url, { type: 'module' });
  }

  async open(opts: DatasetOptions): Promise<DatasetHandle> {
    await this.ready;
    return new DatasetHandle(this, await this.api.open(opts));
  }

  /** A cached dataset by id (no parse), or null. */
  async reopen(id: string): Promise<DatasetHandle | null> {
    await this.ready;
    const status = await this.api.reopen(id);
    return status ? new DatasetHandle(this, id) : null;
  }

  async list(): Promise<DatasetInfo[]> {
    await this.ready;
    return this.api.list();
  }

  async remove(id: string): Promise<void> {
    await this.ready;
    await this.api.remove(id);
  }

  terminate(): void {
    this.api[releaseProxy]();
    this.worker.terminate();
  }
}

export class DatasetHandle {
  constructor(private readonly client: EngineClient, readonly id: string) {}

  feed(blob: Blob, name?: string): Promise<DatasetStatus> {
    return this.client.api.feed(this.id, blob, name ?? (blob as File).name);
  }

  feedUrl(url: string): Promise<DatasetStatus> {
    return this.client.api.feedUrl(this.id, url);
  }

  view(view: ViewSpec = {}): Promise<ViewResult> {
    return this.client.api.view(this.id, view);
  }

  /** Calls `onUpdate` with the view's result now and whenever it changes (at most every throttleMs). Returns the unsubscribe. */
  async subscribe(view: ViewSpec, onUpdate: (r: ViewResult) => void, throttleMs = 1000): Promise<() => Promise<void>> {
    // The worker sees the callback as a comlink Remote; proxy() marks it so.
    const sub = await this.client.api.subscribe(this.id, view, proxy(onUpdate) as never, throttleMs);
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      await this.client.api.unsubscribe(sub);
    };
  }

  rename(name: string): Promise<void> {
    return this.client.api.rename(this.id, name);
  }

  close(): Promise<void> {
    return this.client.api.close(this.id);
  }
}
