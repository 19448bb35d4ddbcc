/**
 * The page of the worker benchmark (bundled by bench/worker/run.mjs, driven by puppeteer-core): everything
 * the page does is reachable as window.bench.* so the runner can time it from outside.
 */
import { wrap } from 'comlink';
import { EngineClient, type DatasetHandle } from '../../src/client/engine-client.js';
import type { ViewResult } from '../../src/protocol/index.js';

const client = (dbName: string) => new EngineClient({ createWorker: () => new Worker('./engine.worker.js', { type: 'module' }), dbName, heartbeatMs: 0 });

async function fetchBlob(url: string): Promise<Blob> {
  return (await fetch(url)).blob();
}

const api = {
  blob: null as Blob | null,
  async load(url: string) {
    api.blob = await fetchBlob(url);
    return api.blob.size;
  },
  /** Upload to first numbers: feed the Blob, wait for the first view with totals. */
  /** A fresh database each run, so that every run parses (the cache is measured by reopen). */
  async ours(dbName: string): Promise<{ ms: number; firstMs: number; offered: number; id: string; cachedBytes: number | null }> {
    const engine = client(dbName);
    await engine.list(); // the worker is up: not part of the upload
    const before = (await navigator.storage.estimate()).usage ?? null;
    const t0 = performance.now();
    const ds = await engine.open({ name: 'bench.csv', timeZone: 'UTC', dimensions: [], keepRepeats: false });
    // Figures so far: the first view with totals while the file is read (a widget shows them, marked partial).
    // Final: the first update of a view that is ready.
    let firstMs = NaN;
    let resolveFinal: (v: { ms: number; offered: number }) => void;
    const final = new Promise<{ ms: number; offered: number }>((r) => (resolveFinal = r));
    await ds.subscribe({}, (r) => {
      if (r.totals && Number.isNaN(firstMs)) firstMs = performance.now() - t0;
      if (r.status.state === 'ready' && r.totals) resolveFinal({ ms: performance.now() - t0, offered: r.totals.offered });
    }, 250);
    const fed = ds.feed(api.blob!);
    const { ms, offered } = await final;
    await fed; // cached before the next run and the reopen
    const after = (await navigator.storage.estimate()).usage ?? null;
    engine.terminate();
    return { ms, firstMs, offered, id: ds.id, cachedBytes: before !== null && after !== null ? after - before : null };
  },
  /**
   * The drop's path: the first look (the worker reads the head and detects the mapping), then the reading of
   * the held file, to the first view with figures — what a person waits for after dropping a file.
   */
  async drop(dbName: string): Promise<{ firstLookMs: number; ms: number; offered: number; preset: string }> {
    const engine = client(dbName);
    await engine.list();
    const file = new File([api.blob!], 'dropped.csv');
    const t0 = performance.now();
    const head = await engine.hold(file);
    const firstLookMs = performance.now() - t0;
    const ds = await engine.open({ name: 'dropped.csv', timeZone: 'UTC', ...(head.mapping ? { mapping: head.mapping } : {}) });
    let resolveFirst: (v: { ms: number; offered: number }) => void;
    const first = new Promise<{ ms: number; offered: number }>((r) => (resolveFirst = r));
    await ds.subscribe({}, (r) => { if (r.status.state === 'ready' && r.totals) resolveFirst({ ms: performance.now() - t0, offered: r.totals.offered }); }, 1000);
    const fed = ds.feed(file);
    const { ms, offered } = await first;
    await fed;
    engine.terminate();
    return { firstLookMs, ms, offered, preset: head.mapping?.preset ?? '' };
  },
  async papa(): Promise<{ ms: number; offered: number }> {
    const w = new Worker('./papa.worker.js', { type: 'module' });
    const remote = wrap<{ run(b: Blob): Promise<{ offered: number }> }>(w);
    const t0 = performance.now();
    const r = await remote.run(api.blob!);
    const ms = performance.now() - t0;
    w.terminate();
    return { ms, offered: r.offered };
  },
  async reopen(id: string, dbName: string): Promise<{ ms: number; offered: number }> {
    const other = client(dbName);
    await other.list(); // the worker is up: not part of the reopen
    const t0 = performance.now();
    const ds = await other.reopen(id);
    const v = await ds!.view();
    const ms = performance.now() - t0;
    other.terminate();
    return { ms, offered: v.totals!.offered };
  },
  live: { updates: 0, payloads: 0, bytes: 0, maxBytes: 0, handlerMs: 0, longTasks: [] as number[], datasets: [] as DatasetHandle[] },
  async stream(url: string, views: number) {
    // Long tasks from here on only (not those of the upload and reopen phases before).
    new PerformanceObserver((l) => { for (const e of l.getEntries()) api.live.longTasks.push(e.duration); }).observe({ type: 'longtask' });
    const engine = client('bench-live');
    const ds = await engine.open({ name: 'live', timeZone: 'UTC', dimensions: [] });
    const specs = [{ by: ['queue'] }, { by: ['interval'] }, {}, { by: ['queue', 'hour'] }] as const;
    for (let i = 0; i < views; i++) {
      let first = true;
      await ds.subscribe(specs[i % specs.length] as never, (r: ViewResult) => {
        const t = performance.now();
        api.live.updates++;
        // what a widget would do with it: read the figures
        void r.totals?.serviceLevel;
        api.live.handlerMs += performance.now() - t;
      }, 1000, (u) => {
        // what crossed from the worker (the first, whole result is not counted: a view's start, not an update)
        if (first) { first = false; return; }
        const bytes = JSON.stringify(u).length;
        api.live.bytes += bytes;
        api.live.payloads++;
        api.live.maxBytes = Math.max(api.live.maxBytes, bytes);
      });
    }
    await ds.connect(url);
    return true;
  },
};

(window as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
