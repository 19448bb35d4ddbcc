/**
 * The engine behind the worker boundary (docs/protocol.md): datasets (datasets.ts) and the views widgets
 * subscribe to (subscriptions.ts), computed here from a dataset's parts — totals and groups by the engine's
 * rollup, a live dataset's queue state by engine/live. It runs in the engine worker; tests may also run it on
 * the page.
 */
import { query } from '../engine/rollup.js';
import { zoneNamed } from '../engine/time/zone.js';
import { defaultDefinitions, type Definitions } from '../engine/definitions.js';
import { liveView } from '../engine/live/live-view.js';
import { evaluate, periodFor, type Scorecard } from '../engine/agreement/evaluate.js';
import { validateSla } from '../engine/agreement/sla.js';
import { IngestError, error, errorText, saidOf, type ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';
import type { FileHead } from '../engine/ingest/inspect.js';
import type { Preview } from '../engine/ingest/preview.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import { observedStaffing, type ObservedStaffing } from '../engine/erlang/observed.js';
import type { DatasetInfo, DatasetOptions, DatasetStatus, ViewResult, ViewSpec } from '../protocol/index.js';
import { Datasets, currentStatus, type Dataset, type DatasetsOptions } from './datasets.js';
import { Subscriptions, type UpdateCallback } from './subscriptions.js';
import type { StreamKind } from './stream-source.js';

export { ENGINE_VERSION } from './datasets.js';
export type { UpdateCallback };
export type EngineServiceOptions = DatasetsOptions;

function mergeDeep<T>(base: T, patch: unknown): T {
  if (!patch || typeof patch !== 'object') return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? mergeDeep(out[k], v) : v;
  }
  return out as T;
}

export class EngineService {
  private readonly subs = new Subscriptions((id, view) => {
    const ds = this.data.get(id);
    return ds ? this.compute(ds, view) : null;
  });
  private readonly data: Datasets;

  constructor(opts: EngineServiceOptions = {}) {
    this.data = new Datasets(opts, (id, now) => this.subs.notify(id, now));
  }

  /** How many files were read on helpers, range by range (ranges.ts): for tests and diagnostics. */
  get readsInRanges(): number {
    return this.data.counts.inRanges;
  }

  /** How many files were parsed (a cache hit parses none): for tests and diagnostics. */
  get parses(): number {
    return this.data.counts.parses;
  }

  /** Content hashes recorded in the cache after a reading (a file read in ranges is hashed after its figures). */
  get contentHashes(): number {
    return this.data.counts.hashes;
  }

  /** How many bytes were taken from files (each byte of a dropped file once): for tests and diagnostics. */
  get bytesRead(): number {
    return this.data.counts.bytes;
  }

  open(opts: DatasetOptions, id?: string): Promise<string> { return this.data.open(opts, id); }
  reopen(id: string): Promise<DatasetStatus | null> { return this.data.reopen(id); }
  /** A first look at a file (its first 64 KB), kept for the reading that follows so its head is read once. */
  hold(blob: Blob): Promise<{ upload: string; head: FileHead }> { return this.data.hold(blob); }
  release(upload: string): void { this.data.release(upload); }
  /** Every rejected row of a file read with a mapping, as CSV. */
  rejectedRows(blob: Blob, mapping?: Mapping, inputTimeZone?: string): Promise<Blob> { return this.data.rejectedRows(blob, mapping, inputTimeZone); }
  /** The first rows of a held file read with a mapping, before the whole file is (null: not held any more). */
  preview(upload: string, mapping: Mapping, inputTimeZone?: string): Preview | null { return this.data.preview(upload, mapping, inputTimeZone); }
  /** Sets a dataset in error (its reading was lost with a worker that was restarted). */
  fail(id: string, why: Said<ErrorCode>): void { this.data.fail(id, why); }
  feed(id: string, input: Blob | { upload: string }, name?: string): Promise<DatasetStatus> { return this.data.feed(id, input, name); }
  feedUrl(id: string, url: string): Promise<DatasetStatus> { return this.data.feedUrl(id, url); }
  feedParts(id: string, blob: Blob, name?: string): Promise<DatasetStatus> { return this.data.feedParts(id, blob, name); }
  feedPartsUrl(id: string, url: string): Promise<DatasetStatus> { return this.data.feedPartsUrl(id, url); }
  async connect(id: string, url: string, opts: { kind?: StreamKind; staleAfterMs?: number } = {}): Promise<DatasetStatus> { return this.data.connect(id, url, opts); }
  disconnect(id: string): void { this.data.disconnect(id); }
  list(): Promise<DatasetInfo[]> { return this.data.list(); }
  rename(id: string, name: string): Promise<void> { return this.data.rename(id, name); }

  /** A first look at a file that is not kept (the head only). */
  async inspect(blob: Blob): Promise<FileHead> {
    const { upload, head } = await this.data.hold(blob);
    this.data.release(upload);
    return head;
  }

  close(id: string): void {
    this.subs.removeAll(id);
    this.data.close(id);
  }

  async remove(id: string): Promise<void> {
    this.subs.removeAll(id);
    await this.data.remove(id);
  }

  async cacheWarning(): Promise<Said<ErrorCode> | null> {
    return (await this.data.cache).warning;
  }

  /** Subscribes to a view: a result at once, then once a throttle when it changed (subscriptions.ts, on one clock). */
  subscribe(datasetId: string, view: ViewSpec, callback: UpdateCallback, throttleMs = 1000, release?: () => void): number {
    this.data.must(datasetId);
    return this.subs.add(datasetId, view, callback, throttleMs, release);
  }

  unsubscribe(id: number): void {
    this.subs.remove(id);
  }

  subscriptionCount(): number {
    return this.subs.size;
  }

  /**
   * The SLA document's scorecard over a period of this dataset (docs/agreement.md). `period` is a key
   * (`2021-02`, `2021-Q1`, `2021-W05`, `2021-02-14`) or a grain (`day`, `week`, `month`, `quarter`) meaning the
   * period of that grain holding the last contact; absent, the first metric's contract period. Throws with a
   * message for people when the document is invalid or there is nothing to evaluate.
   */
  scorecard(datasetId: string, sla: unknown, opts: { period?: string; baselineDays?: number } = {}): Scorecard {
    const ds = this.data.must(datasetId);
    let doc;
    try {
      doc = validateSla(sla);
    } catch (e) {
      throw new IngestError(error('slaInvalid', { detail: (e as Error).message }));
    }
    const tz = doc.timeZone ?? ds.opts.timeZone;
    let period;
    try {
      period = periodFor(opts.period, doc, ds.parts, zoneNamed(tz));
    } catch (e) {
      throw new IngestError(error('periodInvalid', { detail: (e as Error).message }));
    }
    if (!period) throw new IngestError(error('noContactsYet'));
    return evaluate(ds.parts, doc, { period, timeZone: tz, baselineDays: opts.baselineDays ?? 30 });
  }

  /** The scorecard, or why there is none as data (an error's code would not survive the worker boundary). */
  scorecardOrError(datasetId: string, sla: unknown, opts: { period?: string; baselineDays?: number } = {}): { scorecard: Scorecard } | { error: Said<ErrorCode>; message: string } {
    try {
      return { scorecard: this.scorecard(datasetId, sla, opts) };
    } catch (e) {
      const said = saidOf(e);
      return { error: said, message: errorText(said) };
    }
  }

  /** Per interval: the agents the observed volume and AHT required beside those present (docs/metrics.md §8). */
  staffing(datasetId: string, view: ViewSpec = {}): ObservedStaffing[] {
    const ds = this.data.must(datasetId);
    return observedStaffing(ds.parts, this.definitions(ds, view));
  }

  /** The view's result now (no subscription). */
  view(datasetId: string, view: ViewSpec): ViewResult {
    return this.compute(this.data.must(datasetId), view);
  }

  private definitions(ds: Dataset, view: ViewSpec): Definitions {
    const base = defaultDefinitions(ds.opts.timeZone);
    base.intervalMinutes = ds.opts.intervalMinutes ?? 15;
    return mergeDeep(base, view.definitions);
  }

  private compute(ds: Dataset, view: ViewSpec): ViewResult {
    const definitions = this.definitions(ds, view);
    const live = ds.live ? liveView(ds.parts, ds.live, definitions, view.filter?.queue ?? null) : null;
    const base = { status: currentStatus(ds), definitions, validation: ds.validation, mapping: ds.mapping, version: ds.version, live };
    if (ds.parts.contacts === 0 && ds.status.state !== 'ready') return { ...base, totals: null, groups: [] };
    try {
      const r = query(ds.parts, definitions, { by: view.by, filter: view.filter, from: view.from, to: view.to });
      const notGiven = r.notGiven.length ? { source: ds.parts.waitsGiven?.source ?? '', metrics: r.notGiven } : null;
      return { ...base, totals: r.totals, groups: r.groups, notGiven };
    } catch (e) {
      return { ...base, status: { ...base.status, state: 'error', error: saidOf(e) }, totals: null, groups: [] };
    }
  }
}
