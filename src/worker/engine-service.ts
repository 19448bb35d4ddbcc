/**
 * The engine behind the worker boundary: datasets fed from Blobs or URLs, parsed as streams with progress,
 * kept as parts (and cached), and views that push their results to subscribers at most every N ms and only
 * when they changed. It runs in the engine worker; tests may also run it on the page.
 */
import { ContactIngest } from '../engine/ingest/index.js';
import { ContactParts, OPTIONAL_DIMENSIONS, slotMinutesFor } from '../engine/parts.js';
import { query, TimeLabels } from '../engine/rollup.js';
import { zoneNamed } from '../engine/time/zone.js';
import { WEEKDAYS, defaultDefinitions, type Definitions } from '../engine/definitions.js';
import { DatasetCache, type CacheOptions } from '../cache/dataset-cache.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';
import { ViewUpdates, type DatasetInfo, type DatasetOptions, type DatasetStatus, type ViewResult, type ViewSpec, type ViewUpdate } from '../protocol/index.js';
import { LiveContacts } from '../engine/live/live-contacts.js';
import { projectedServiceLevel } from '../engine/agreement/live.js';
import { StreamSource, type StreamKind } from './stream-source.js';
import { evaluate, periodFor, type Scorecard } from '../engine/agreement/evaluate.js';
import { validateSla } from '../engine/agreement/sla.js';
import { inspectHead, type FileHead } from '../engine/ingest/inspect.js';
import { error, saidOf } from '../engine/ingest/errors.js';
import { observedStaffing, type ObservedStaffing } from '../engine/erlang/observed.js';

/** Changes whenever parts or their meaning change: cached parts of another version are recomputed. */
export const ENGINE_VERSION = 'sla-widgets engine 0.1 / parts 3';

export type UpdateCallback = (update: ViewUpdate) => void;

interface Dataset {
  id: string;
  opts: DatasetOptions;
  parts: ContactParts;
  live?: LiveContacts;
  source?: StreamSource;
  status: DatasetStatus;
  validation: Validation | null;
  mapping: Mapping | null;
  version: number;
}

interface Subscription {
  id: number;
  dataset: string;
  view: ViewSpec;
  callback: UpdateCallback;
  throttleMs: number;
  lastSent: number;
  updates: ViewUpdates;
  timer: ReturnType<typeof setTimeout> | null;
  release?: () => void;
}

function mergeDeep<T>(base: T, patch: unknown): T {
  if (!patch || typeof patch !== 'object') return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? mergeDeep(out[k], v) : v;
  }
  return out as T;
}

async function sha256Hex(data: BufferSource): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A content hash read in chunks (no 100 MB buffer): SHA-256 over the SHA-256 of every 4 MiB. */
async function contentHash(blob: Blob): Promise<string> {
  const parts: string[] = [];
  const step = 4 * 1024 * 1024;
  for (let o = 0; o < blob.size; o += step) parts.push(await sha256Hex(await blob.slice(o, o + step).arrayBuffer()));
  return sha256Hex(new TextEncoder().encode(`${blob.size}:${parts.join('')}`));
}

export interface EngineServiceOptions extends CacheOptions {
  /** Parse chunk notifications at most this often (ms); default 100. */
  progressEveryMs?: number;
}

export class EngineService {
  private readonly datasets = new Map<string, Dataset>();
  private readonly subs = new Map<number, Subscription>();
  private nextSub = 1;
  private readonly cache: Promise<DatasetCache>;
  /** How many files were parsed (a cache hit parses none): for tests and diagnostics. */
  parses = 0;

  constructor(private readonly opts: EngineServiceOptions = {}) {
    this.cache = DatasetCache.open(opts);
  }

  private newParts(o: DatasetOptions): ContactParts {
    return new ContactParts({ slotMinutes: slotMinutesFor(o.intervalMinutes), dimensions: o.dimensions ?? [...OPTIONAL_DIMENSIONS], keepRepeats: o.keepRepeats ?? true });
  }

  private status(id: string, name: string, patch: Partial<DatasetStatus> = {}): DatasetStatus {
    return { id, name, state: 'empty', progress: null, fromCache: false, error: null, warning: null, stream: null, ...patch };
  }

  /** A new, empty dataset (with the given id when a restarted worker restores one). */
  async open(opts: DatasetOptions, id: string = crypto.randomUUID()): Promise<string> {
    const cache = await this.cache;
    this.datasets.set(id, { id, opts, parts: this.newParts(opts), status: this.status(id, opts.name ?? 'dataset', { warning: cache.warning }), validation: null, mapping: null, version: 0 });
    return id;
  }

  /** A cached dataset by its id, with no parse; null when the cache does not hold it (or holds another engine version's parts). */
  async reopen(id: string): Promise<DatasetStatus | null> {
    const cache = await this.cache;
    const hit = await cache.get(id);
    if (!hit || !hit.meta.key.endsWith(ENGINE_VERSION)) return null;
    const ds: Dataset = {
      id, opts: hit.meta.options, parts: ContactParts.fromSnapshot(hit.parts),
      status: this.status(id, hit.meta.name, { state: 'ready', fromCache: true, warning: cache.warning }),
      validation: hit.meta.validation, mapping: hit.meta.mapping, version: 1,
    };
    this.datasets.set(id, ds);
    this.notify(id);
    return ds.status;
  }

  /** Feeds a File or Blob: from the cache when the same content was read with the same settings, else parsed in chunks. */
  async feed(id: string, blob: Blob, name?: string): Promise<DatasetStatus> {
    const ds = this.must(id);
    const cache = await this.cache;
    const key = `${await contentHash(blob)} ${JSON.stringify([ds.opts.mapping ?? null, ds.opts.inputTimeZone ?? ds.opts.timeZone, ds.opts.intervalMinutes ?? 15, ds.opts.dimensions ?? null, ds.opts.keepRepeats ?? true, ds.opts.dayMonthOrder ?? null])} ${ENGINE_VERSION}`;
    const known = await cache.findByKey(key);
    if (known) {
      const hit = await cache.get(known.id);
      if (hit) {
        ds.parts = ContactParts.fromSnapshot(hit.parts);
        ds.validation = hit.meta.validation;
        ds.mapping = hit.meta.mapping;
        ds.status = this.status(id, name ?? hit.meta.name, { state: 'ready', fromCache: true, warning: cache.warning });
        ds.version++;
        if (known.id !== id) {
          await cache.alias({ id, name: ds.status.name, key, options: ds.opts, validation: ds.validation, mapping: ds.mapping, contacts: ds.parts.contacts, createdAt: Date.now(), lastUsed: Date.now() }, known.partsOf ?? known.id);
        }
        this.notify(id);
        return ds.status;
      }
    }
    ds.status = this.status(id, name ?? ds.status.name, { state: 'loading', progress: { bytes: 0, totalBytes: blob.size, rows: 0, rejected: 0 }, warning: cache.warning });
    ds.parts = this.newParts(ds.opts);
    ds.version++;
    // A change of state reaches the widgets at once (the reading has begun); progress within it is throttled.
    this.notify(id, true);
    try {
      this.parses++;
      const parts = ds.parts;
      const ingest = new ContactIngest({
        mapping: ds.opts.mapping,
        inputTimeZone: ds.opts.inputTimeZone ?? ds.opts.timeZone,
        dayMonthOrder: ds.opts.dayMonthOrder,
        onContact: (c) => parts.add(c),
      });
      const reader = blob.stream().getReader();
      let lastNote = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        ingest.push(value);
        const now = Date.now();
        if (now - lastNote >= (this.opts.progressEveryMs ?? 100)) {
          lastNote = now;
          ds.status.progress = { bytes: ingest.bytesRead, totalBytes: blob.size, rows: ingest.validation.rowsRead, rejected: ingest.validation.rowsRejected };
          ds.version++;
          this.notify(id);
        }
      }
      const result = ingest.end();
      ds.validation = result.validation;
      ds.mapping = result.mapping;
      ds.status = this.status(id, ds.status.name, { state: 'ready', warning: cache.warning });
      ds.version++;
      // The numbers go out first; the cache is written after (a widget does not wait for IndexedDB).
      this.notify(id, true);
      await cache.put(
        { id, name: ds.status.name, key, options: ds.opts, validation: ds.validation, mapping: ds.mapping, contacts: parts.contacts, createdAt: Date.now(), lastUsed: Date.now() },
        parts.toSnapshot(),
        blob,
      );
      if (cache.warning !== ds.status.warning) {
        ds.status.warning = cache.warning;
        ds.version++;
      }
    } catch (e) {
      ds.status = this.status(id, ds.status.name, { state: 'error', error: saidOf(e), warning: cache.warning });
      ds.version++;
    }
    this.notify(id, ds.status.state === 'error');
    return ds.status;
  }

  /** Feeds a CSV from a URL (fetched as a stream into a Blob first, so the cache can keep it). */
  async feedUrl(id: string, url: string): Promise<DatasetStatus> {
    const ds = this.must(id);
    // Loading from the first moment: a large file's download is not "no data".
    ds.status = this.status(id, ds.status.name, { state: 'loading', progress: null });
    ds.version++;
    this.notify(id, true);
    let blob: Blob;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      blob = await res.blob();
    } catch (e) {
      ds.status = this.status(id, ds.status.name, { state: 'error', error: error('loadFailed', { url, detail: (e as Error)?.message ?? String(e) }) });
      ds.version++;
      this.notify(id, true);
      return ds.status;
    }
    return this.feed(id, blob, url.split('/').pop() || url);
  }

  /**
   * Makes the dataset live: events from a WebSocket, SSE or NDJSON stream (kind from the URL or given) are
   * applied as they come; subscribers get throttled updates with the queue state and the stream's status.
   */
  async connect(id: string, url: string, opts: { kind?: StreamKind; staleAfterMs?: number } = {}): Promise<DatasetStatus> {
    const ds = this.must(id);
    ds.source?.stop();
    ds.parts = new ContactParts({ slotMinutes: slotMinutesFor(ds.opts.intervalMinutes), dimensions: ds.opts.dimensions ?? [...OPTIONAL_DIMENSIONS], keepRepeats: false });
    const live = new LiveContacts(ds.parts);
    ds.live = live;
    ds.status = this.status(id, ds.status.name, { state: 'ready' });
    ds.source = new StreamSource(url, {
      kind: opts.kind,
      staleAfterMs: opts.staleAfterMs,
      since: () => (Number.isFinite(live.lastSeq) ? live.lastSeq : 0),
      onEvent: (e) => {
        live.apply(e);
        ds.version++;
        this.notify(id);
      },
      onStatus: (st) => {
        ds.status.stream = st;
        ds.version++;
        this.notify(id);
      },
    });
    ds.status.stream = { ...ds.source.status };
    ds.source.start();
    return ds.status;
  }

  disconnect(id: string): void {
    const ds = this.must(id);
    ds.source?.stop();
    ds.source = undefined;
  }

  /** Subscribes to a view: a result at once, then at most every throttleMs when it changed. */
  subscribe(datasetId: string, view: ViewSpec, callback: UpdateCallback, throttleMs = 1000, release?: () => void): number {
    this.must(datasetId);
    const id = this.nextSub++;
    const sub: Subscription = { id, dataset: datasetId, view, callback, throttleMs, lastSent: 0, updates: new ViewUpdates(), timer: null, release };
    this.subs.set(id, sub);
    this.send(sub);
    return id;
  }

  unsubscribe(id: number): void {
    const s = this.subs.get(id);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    this.subs.delete(id);
    s.release?.();
  }

  /**
   * The SLA document's scorecard over a period of this dataset (docs/agreement.md). `period` is a key
   * (`2021-02`, `2021-Q1`, `2021-W05`, `2021-02-14`) or a grain (`day`, `week`, `month`, `quarter`) meaning the
   * period of that grain holding the last contact; absent, the first metric's contract period. Throws with a
   * message for people when the document is invalid or there is nothing to evaluate.
   */
  scorecard(datasetId: string, sla: unknown, opts: { period?: string; baselineDays?: number } = {}): Scorecard {
    const ds = this.must(datasetId);
    const doc = validateSla(sla);
    const tz = doc.timeZone ?? ds.opts.timeZone;
    const zone = zoneNamed(tz);
    const period = periodFor(opts.period, doc, ds.parts, zone);
    if (!period) throw new Error('no contacts yet, so there is no period to evaluate');
    return evaluate(ds.parts, doc, { period, timeZone: tz, baselineDays: opts.baselineDays ?? 30 });
  }

  /** A first look at a file: header, a few rows and the mapping a preset gives it (reads the first 64 KB). */
  async inspect(blob: Blob): Promise<FileHead> {
    return inspectHead(new Uint8Array(await blob.slice(0, 65536).arrayBuffer()));
  }

  /** Per interval: the agents the observed volume and AHT required beside those present (docs/metrics.md §8). */
  staffing(datasetId: string, view: ViewSpec = {}): ObservedStaffing[] {
    const ds = this.must(datasetId);
    return observedStaffing(ds.parts, this.definitions(ds, view));
  }

  /** The view's result now (no subscription). */
  view(datasetId: string, view: ViewSpec): ViewResult {
    return this.compute(this.must(datasetId), view);
  }

  close(id: string): void {
    this.datasets.get(id)?.source?.stop();
    for (const s of [...this.subs.values()]) if (s.dataset === id) this.unsubscribe(s.id);
    this.datasets.delete(id);
  }

  async list(): Promise<DatasetInfo[]> {
    return (await this.cache).list();
  }

  async rename(id: string, name: string): Promise<void> {
    const ds = this.datasets.get(id);
    if (ds) { ds.status.name = name; ds.version++; this.notify(id); }
    await (await this.cache).rename(id, name);
  }

  async remove(id: string): Promise<void> {
    this.close(id);
    await (await this.cache).delete(id);
  }

  async cacheWarning(): Promise<string | null> {
    return (await this.cache).warning;
  }

  subscriptionCount(): number {
    return this.subs.size;
  }

  private must(id: string): Dataset {
    const ds = this.datasets.get(id);
    if (!ds) throw new Error(`no open dataset "${id}"`);
    return ds;
  }

  private definitions(ds: Dataset, view: ViewSpec): Definitions {
    const base = defaultDefinitions(ds.opts.timeZone);
    base.intervalMinutes = ds.opts.intervalMinutes ?? 15;
    return mergeDeep(base, view.definitions);
  }

  private compute(ds: Dataset, view: ViewSpec): ViewResult {
    const definitions = this.definitions(ds, view);
    const base = { status: { ...ds.status }, definitions, validation: ds.validation, mapping: ds.mapping, version: ds.version, live: ds.live ? this.liveView(ds, definitions, view) : null };
    if (ds.parts.contacts === 0 && ds.status.state !== 'ready') return { ...base, totals: null, groups: [] };
    try {
      const r = query(ds.parts, definitions, { by: view.by, filter: view.filter, from: view.from, to: view.to });
      return { ...base, totals: r.totals, groups: r.groups };
    } catch (e) {
      return { ...base, status: { ...ds.status, state: 'error', error: saidOf(e) }, totals: null, groups: [] };
    }
  }

  /** Queue state at stream time, with each queue's projected service level for the running interval. */
  private liveView(ds: Dataset, definitions: Definitions, view: ViewSpec): NonNullable<ViewResult['live']> {
    const live = ds.live!;
    const state = live.state();
    const now = Number.isFinite(state.now) ? state.now : 0;
    // The running interval in the view's zone (30- and 60-minute intervals of half-hour zones are not UTC's).
    const labels = new TimeLabels(zoneNamed(definitions.timeZone), definitions.intervalMinutes, WEEKDAYS.indexOf(definitions.weekStart), ds.parts.slotMs);
    const intervalStart = labels.label('interval', Math.floor(now / ds.parts.slotMs))[1];
    const byQueue = new Map<string, { met: number; base: number }>();
    if (Number.isFinite(state.now)) {
      for (const g of query(ds.parts, definitions, { by: ['queue'], from: intervalStart, to: now + 1 }).groups) {
        byQueue.set(g.by.queue!, { met: g.serviceLevelMet, base: g.serviceLevelBase });
      }
    }
    const queues = state.queues.map((q) => {
      const p = byQueue.get(q.queue) ?? { met: 0, base: 0 };
      return { ...q, projectedServiceLevel: projectedServiceLevel(p.met, p.base, q.waitingAges, definitions.serviceLevel.thresholdSec) };
    });
    for (const [queue, p] of byQueue) {
      if (!queues.some((q) => q.queue === queue)) queues.push({ queue, waiting: 0, longestWait: null, waitingAges: [], projectedServiceLevel: projectedServiceLevel(p.met, p.base, [], definitions.serviceLevel.thresholdSec) });
    }
    queues.sort((a, b) => (a.queue < b.queue ? -1 : 1));
    // Only the view's queues cross to the page, and without the ages of every waiting contact (used here only).
    const only = view.filter?.queue ? new Set(view.filter.queue) : null;
    const shown = queues.filter((q) => !only || only.has(q.queue)).map((q) => ({ ...q, waitingAges: [] }));
    return { ...state, queues: shown, lastSeq: Number.isFinite(live.lastSeq) ? live.lastSeq : 0, events: { ...live.counts } };
  }

  /** Tells subscribers (throttled; `now` sends at once: a dataset that just became ready). */
  private notify(datasetId: string, now = false): void {
    for (const s of this.subs.values()) {
      if (s.dataset !== datasetId) continue;
      if (now) {
        if (s.timer) { clearTimeout(s.timer); s.timer = null; }
        this.send(s);
      } else this.schedule(s);
    }
  }

  private schedule(s: Subscription): void {
    if (s.timer) return;
    const wait = Math.max(0, s.lastSent + s.throttleMs - Date.now());
    s.timer = setTimeout(() => {
      s.timer = null;
      if (this.subs.has(s.id)) this.send(s);
    }, wait);
  }

  private send(s: Subscription): void {
    const ds = this.datasets.get(s.dataset);
    if (!ds) return;
    const update = s.updates.next(this.compute(ds, s.view));
    s.lastSent = Date.now();
    if (!update) return;
    try {
      // Through comlink the callback returns a promise; a page that went away must not stop the others.
      const r = s.callback(update) as unknown;
      if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch(() => {});
    } catch {
      // A subscriber that throws must not stop the others either.
    }
  }
}
