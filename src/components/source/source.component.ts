import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { pageEngine } from '../../client/page-engine.js';
import { browserZone } from '../common/i18n.js';
import type { DatasetHandle } from '../../client/engine-client.js';
import type { DatasetInfo, ViewResult, ViewSpec } from '../../protocol/index.js';
import { IngestError, error, saidOf } from '../../engine/ingest/errors.js';
import type { Mapping } from '../../engine/ingest/mapping.js';
import type { FileHead } from '../../engine/ingest/inspect.js';
import type { Preview } from '../../engine/ingest/preview.js';
import type { Scorecard } from '../../engine/agreement/evaluate.js';
import type { ObservedStaffing } from '../../engine/erlang/observed.js';
import { SL_PRESETS, defaultDefinitions, type ServiceLevelPreset } from '../../engine/definitions.js';
import { OPTIONAL_DIMENSIONS, type Dimension } from '../../engine/parts.js';

/** Detail of `sla-dataset-ready`. */
export interface DatasetReadyDetail {
  id: string;
  rows: number;
  rejected: number;
  fromCache: boolean;
}

/** What a widget gets when the dataset could not be opened at all: its error, and nothing else. */
function errorResult(e: unknown, timeZone: string, id = ''): ViewResult {
  return {
    status: { id, name: '', state: 'error', progress: null, fromCache: false, error: saidOf(e), warning: null, stream: null },
    definitions: defaultDefinitions(timeZone), totals: null, groups: [], validation: null, mapping: null, version: 0, live: null,
  };
}

/** A widget's subscription through this source; `attached` counts its subscriptions, the last one speaks. */
type Listener = { view: ViewSpec; onResult: (r: ViewResult) => void; throttleMs: number; stop: (() => Promise<void>) | null; dead: boolean; attached: number };

/**
 * Declares a dataset once per page: a CSV (`src`), a parts table (`parts`), a live stream (`stream`), or a
 * File / Blob set as the `file` property; the definitions as attributes named like the CLI's flags. Widgets find it by `source="id"` or as
 * their ancestor, and subscribe to exactly the view they draw.
 *
 * @summary The data behind the widgets.
 * @fires sla-dataset-ready - the dataset's numbers are ready (after a parse, from the cache, or a stream's first events)
 * @fires sla-agreement-change - the page gave the source another SLA document (`sla` or `slaDocument`); scorecards evaluate again (does not bubble)
 * @slot - widgets that use this source
 */
export class SlaSource extends LitElement {
  /** A CSV to load (fetched and parsed in the engine worker). */
  @property() src = '';
  /**
   * A parts table to load instead of contacts (docs/parts.md): its URL as the attribute, or a File / Blob as
   * the property. CSV, NDJSON or Parquet, as `sla-widgets parts`, DuckDB, Spark or ClickHouse write it; every
   * widget shows the same figures as from the contacts it counts.
   */
  @property() parts: string | Blob = '';
  /**
   * With `parts` a vendor's saved aggregates (docs/parts.md, "Vendor aggregates"): the seconds the vendor counted
   * "answered within" with, where its figures do not say them (Genesys Cloud: the queues' service-level time).
   */
  @property({ type: Number, attribute: 'source-threshold' }) sourceThreshold: number | null = null;
  /** The seconds the vendor counted short abandons with, where its figures do not say them (Genesys Cloud). */
  @property({ type: Number, attribute: 'source-short-abandon' }) sourceShortAbandon: number | null = null;
  /** A live stream: ws://…, …/sse or an NDJSON URL. */
  @property() stream = '';
  /** The IANA zone of the numbers; empty (the default) for the browser's, which `zone` gives. */
  @property() tz = '';

  /** The zone the numbers are in: `tz`, else the browser's (looked up only then: the lookup is slow the first time). */
  get zone(): string {
    return this.tz || browserZone();
  }
  /** Zone of timestamps written without one (default: tz). */
  @property({ attribute: 'input-tz' }) inputTz = '';
  /** Interval length in minutes: 5, 15, 30 or 60. */
  @property({ type: Number }) interval = 15;
  /** Service level as target%/seconds, e.g. 80/20. */
  @property() sl = '80/20';
  @property({ attribute: 'sl-preset' }) slPreset: ServiceLevelPreset = 'answered-and-abandoned';
  @property({ type: Number, attribute: 'short-abandon' }) shortAbandon = 5;
  /**
   * The groupings kept besides queue, comma-separated: any of channel, tier, agent (default all three). Fewer make
   * a large file read faster and keep less; a widget that groups by one not kept says so.
   */
  @property() dimensions = 'channel,tier,agent';
  /**
   * How first contact resolution is counted: `auto` (the export's resolved flag when it has one, else repeats of
   * a customer), `flag` or `repeat` (docs/metrics.md §3). `flag` keeps no customer per contact: faster, smaller;
   * so does `auto` when the file's first rows carry a resolved flag.
   */
  @property() fcr: 'auto' | 'flag' | 'repeat' = 'auto';
  /** Seconds without an event or heartbeat before a stream's figures are called stale (default 15). */
  @property({ type: Number, attribute: 'stale-after' }) staleAfter = 15;
  /** A File or Blob to read (an upload). */
  @property({ attribute: false }) file: Blob | null = null;
  /**
   * Keep the file itself in the browser's cache beside its figures (default: the figures alone, a small part
   * of the file's size, are kept and reopen the dataset).
   */
  @property({ type: Boolean, attribute: 'keep-file' }) keepFile = false;
  /** A dataset kept in the cache (IndexedDB), by id: reopened with no parse (an upload, after a reload). */
  @property({ attribute: 'dataset-id' }) datasetId = '';
  /** The mapping to read `src` or `file` with (default: detected from the header). */
  @property({ attribute: false }) mapping: Mapping | null = null;
  /** An SLA document's URL (JSON), for scorecards. */
  @property() sla = '';
  /** The SLA document itself, set as a property (wins over `sla`). */
  @property({ attribute: false }) slaDocument: unknown = null;

  private slaFetched: { url: string; doc: Promise<unknown> } | null = null;
  /** Per dataset: settles when its file has been read (a failed read is an error status, said in the views). */
  private readonly fed = new WeakMap<DatasetHandle, Promise<void>>();

  private handle: Promise<DatasetHandle> | null = null;
  /** The dataset a file or URL is being read into, until the reading ends. */
  private reading: DatasetHandle | null = null;
  private readonly listeners = new Set<Listener>();
  private readyFired = false;
  /** What the open dataset was loaded from: a change of these properties loads again, the same values do not. */
  private loadedFrom: readonly unknown[] | null = null;

  protected override render() {
    return html`<slot></slot>`;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.style.display ||= 'contents';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const ds = this.handle;
    this.handle = null;
    this.loadedFrom = null;
    for (const l of this.listeners) { l.dead = true; void l.stop?.(); }
    this.listeners.clear();
    void ds?.then((d) => d.close(), () => undefined);
  }

  protected override updated(changed: Map<string, unknown>): void {
    // A new agreement changes no view, only the scorecards: they hear it from this event.
    if ((changed.has('sla') && changed.get('sla') !== undefined) || (changed.has('slaDocument') && changed.get('slaDocument') !== undefined)) {
      this.dispatchEvent(new CustomEvent('sla-agreement-change', { detail: { sla: this.sla } }));
    }
    if (changed.has('src') || changed.has('parts') || changed.has('stream') || changed.has('file') || changed.has('datasetId') || changed.has('mapping') || changed.has('staleAfter') || changed.has('tz') || changed.has('interval') || changed.has('inputTz') || changed.has('sourceThreshold') || changed.has('sourceShortAbandon') || changed.has('dimensions') || changed.has('fcr')) {
      const from = this.inputs();
      if (!this.loadedFrom || from.some((v, i) => v !== this.loadedFrom![i])) this.startLoading();
    }
  }

  private inputs(): readonly unknown[] {
    return [this.src, this.parts, this.stream, this.file, this.datasetId, this.mapping, this.staleAfter, this.tz, this.interval, this.inputTz, this.sourceThreshold, this.sourceShortAbandon, this.dimensions, this.fcr];
  }

  /**
   * A first look at a file before it is read: its header, a few rows and the mapping a preset gives it (the
   * first 64 KB). The engine keeps the file and its head for `load`, so neither is read or sent twice.
   */
  inspect(file: Blob): Promise<FileHead> {
    return pageEngine().hold(file);
  }

  /** The first rows of a file read with a mapping, before the whole file is (in this source's input zone). */
  preview(file: Blob, mapping: Mapping): Promise<Preview> {
    return pageEngine().preview(file, mapping, mapping.inputTimeZone || this.inputTz || this.zone);
  }

  /** Every rejected row of a file read with a mapping, as a CSV Blob (in this source's input zone). */
  rejectedRows(file: Blob, mapping: Mapping | null): Promise<Blob> {
    return pageEngine().rejectedRows(file, mapping ?? undefined, mapping?.inputTimeZone || this.inputTz || this.zone);
  }

  /** Lets go of a file looked at with `inspect` and not loaded. */
  async release(file: Blob): Promise<void> {
    await pageEngine().release(file);
  }

  /**
   * Reads a file into this source's dataset (with a mapping, or the one detected from its header) and
   * resolves with the dataset's handle once it is opened: the reading goes on, and every widget on the source
   * sees it (loading with progress, then ready or an error).
   */
  load(file: Blob, opts: { mapping?: Mapping | null } = {}): Promise<DatasetHandle> {
    this.datasetId = '';
    this.parts = '';
    this.mapping = opts.mapping ?? null;
    this.file = file;
    this.startLoading();
    return this.handle ?? Promise.reject(new Error('the source is not on the page'));
  }

  /**
   * Reads a parts table (docs/parts.md: CSV, NDJSON or Parquet) into this source's dataset instead of contacts;
   * resolves with the dataset's handle once it is opened (the reading goes on, as with `load`).
   */
  loadParts(file: Blob): Promise<DatasetHandle> {
    this.datasetId = '';
    this.mapping = null;
    this.file = null;
    this.parts = file;
    this.startLoading();
    return this.handle ?? Promise.reject(new Error('the source is not on the page'));
  }

  /** Shows a dataset kept in this browser's cache (no parse); the handle, or an error when it is gone. */
  async reopen(id: string): Promise<DatasetHandle> {
    const shown = this.handle;
    if (shown && this.datasetId === id && !this.file) {
      const current = await shown.catch(() => null);
      // The dataset shown already (and nothing loaded since): nothing to read again.
      if (current?.id === id && this.handle === shown) return current;
    }
    this.file = null;
    this.parts = '';
    this.mapping = null;
    this.datasetId = id;
    this.startLoading();
    return this.handle ?? Promise.reject(new Error('the source is not on the page'));
  }

  /**
   * Stops the reading under way (a file or a URL): the dataset is closed before anything of it is kept, and
   * every widget on the source says the reading was stopped. Nothing happens when no reading is under way.
   */
  async stop(): Promise<void> {
    const handle = this.handle;
    const ds = await handle?.catch(() => null);
    if (!ds || handle !== this.handle || this.reading !== ds) return;
    this.reading = null;
    this.handle = null;
    this.file = null;
    this.parts = '';
    this.loadedFrom = null;
    await ds.close().catch(() => undefined);
    for (const l of this.listeners) if (!l.dead) l.onResult(errorResult(new IngestError(error('readStopped')), this.zone, ds.id));
  }

  /** The datasets kept in this browser's cache. */
  kept(): Promise<DatasetInfo[]> {
    return pageEngine().list();
  }

  /** Deletes a kept dataset from the cache. */
  async deleteKept(id: string): Promise<void> {
    await pageEngine().remove(id);
  }

  /** The definitions a view gets from this source's attributes. */
  definitions(): ViewSpec['definitions'] {
    const m = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(this.sl);
    return {
      serviceLevel: {
        ...(m ? { target: +m[1] / 100, thresholdSec: +m[2] } : {}),
        ...(SL_PRESETS.includes(this.slPreset) ? { preset: this.slPreset } : {}),
        shortAbandonSec: this.shortAbandon,
      },
      ...(this.fcr === 'flag' || this.fcr === 'repeat' ? { fcr: { method: this.fcr } } : {}),
    };
  }

  /** The groupings the dataset keeps, from `dimensions` (unknown names left out). */
  private keptDimensions(): Dimension[] {
    return this.dimensions.split(',').map((d) => d.trim()).filter((d): d is Dimension => (OPTIONAL_DIMENSIONS as readonly string[]).includes(d));
  }

  /** Opens the dataset the properties describe, closing the one before (the widgets already here follow it). */
  private startLoading(): void {
    if (!this.isConnected || (!this.src && !this.parts && !this.stream && !this.file && !this.datasetId)) return;
    this.loadedFrom = this.inputs();
    const engine = pageEngine();
    const old = this.handle;
    this.readyFired = false;
    // The widgets already here subscribe before the file is fed, so each sees the whole reading from its first byte.
    const here = [...this.listeners];
    // What this load reads, taken now: a later load() or property change starts another load, never changes this one.
    const { file, src, parts, stream, datasetId, mapping, inputTz, interval, staleAfter, sourceThreshold, sourceShortAbandon } = this;
    const tz = this.zone;
    const handle: Promise<DatasetHandle> = (async () => {
      if (datasetId && !file) {
        const cached = await engine.reopen(datasetId);
        if (cached) {
          await Promise.all(here.map((l) => this.attachTo(l, cached, handle)));
          return cached;
        }
        if (!src && !stream) throw new IngestError(error('datasetGone', { id: datasetId }));
      }
      const ds = await engine.openNow({ name: (file as File | null)?.name || (parts instanceof Blob ? (parts as File).name : parts) || src || stream, timeZone: tz, inputTimeZone: inputTz || undefined, intervalMinutes: interval as 15, ...(mapping ? { mapping } : {}), ...(this.keepFile ? { keepFile: true } : {}), dimensions: this.keptDimensions(), keepRepeats: this.fcr === 'flag' ? false : this.fcr === 'repeat' ? true : 'auto', ...(sourceThreshold !== null && sourceThreshold > 0 ? { sourceThresholdSec: sourceThreshold } : {}), ...(sourceShortAbandon !== null && sourceShortAbandon > 0 ? { sourceShortAbandonSec: sourceShortAbandon } : {}) });
      // The open, the subscriptions and the reading go out one behind the other, none waiting for an answer (the
      // worker takes them in order): a page busy drawing meanwhile does not hold the reading back.
      const attached = Promise.all(here.map((l) => this.attachTo(l, ds, handle)));
      attached.catch(() => undefined); // (awaited below, after the open)
      // Scorecards and staffing wait for the whole file (datasetHandle()).
      const feeding = parts ? (parts instanceof Blob ? ds.feedParts(parts) : ds.feedPartsUrl(new URL(parts, document.baseURI).href)) : file ? ds.feed(file) : src ? ds.feedUrl(new URL(src, document.baseURI).href) : stream ? ds.connect(stream, { staleAfterMs: staleAfter * 1000 }) : null;
      feeding?.catch(() => undefined);
      // An open that failed is the error said (not the reading's "no such dataset" behind it).
      const fed = feeding && ds.opened.then(() => feeding);
      await ds.opened;
      await attached;
      if (fed && !stream) {
        this.reading = ds;
        void fed.finally(() => { if (this.reading === ds) this.reading = null; }).catch(() => undefined);
      }
      // A reading that fails outside the worker's own error status (the worker went away) is said to the widgets.
      fed?.catch((e) => { for (const l of this.listeners) if (!l.dead && handle === this.handle) l.onResult(errorResult(e, tz, ds.id)); });
      this.fed.set(ds, fed ? fed.then(() => undefined, () => undefined) : Promise.resolve());
      return ds;
    })();
    this.handle = handle;
    handle.catch((e: Error) => {
      // Said to each widget through its view.
      for (const l of here) if (!l.dead && handle === this.handle) l.onResult(errorResult(e, this.zone));
    });
    // The old dataset closes, unless it is the one just reopened (the same id, from the cache).
    void Promise.all([old, handle.catch(() => null)]).then(([o, n]) => { if (o && o.id !== n?.id) void o.close(); }, () => undefined);
  }

  /**
   * Subscribes a widget to a view of this dataset; returns the unsubscribe. The view's definitions are this
   * source's, with the view's own on top.
   */
  subscribe(view: ViewSpec, onResult: (r: ViewResult) => void, throttleMs = 1000): () => void {
    const l: Listener = { view, onResult, throttleMs, stop: null, dead: false, attached: 0 };
    this.listeners.add(l);
    void this.attach(l);
    return () => {
      l.dead = true;
      this.listeners.delete(l);
      void l.stop?.();
      l.stop = null;
    };
  }

  /** Subscribes a widget that came after the dataset was asked for (or while it opens). */
  private async attach(l: Listener): Promise<void> {
    const pending = this.handle;
    if (!pending) return;
    let ds: DatasetHandle;
    try {
      ds = await pending;
    } catch (e) {
      if (!l.dead && pending === this.handle) l.onResult(errorResult(e, this.zone));
      return;
    }
    await this.attachTo(l, ds, pending);
  }

  private async attachTo(l: Listener, ds: DatasetHandle, pending: Promise<DatasetHandle>): Promise<void> {
    if (l.dead || pending !== this.handle) return;
    // The subscription before ends without being waited for (a reading starts a round trip sooner); from here on
    // only this one's results reach the widget.
    const mine = ++l.attached;
    void l.stop?.().catch(() => undefined);
    l.stop = null;
    const view: ViewSpec = { ...l.view, definitions: { ...this.definitions(), ...(l.view.definitions ?? {}) } };
    const stop = await ds.subscribe(view, (r) => {
      if (l.dead || l.attached !== mine) return;
      if (r.status.state === 'ready' && !this.readyFired && pending === this.handle) {
        this.readyFired = true;
        this.dispatchEvent(new CustomEvent<DatasetReadyDetail>('sla-dataset-ready', {
          detail: { id: ds.id, rows: r.validation?.rowsRead ?? 0, rejected: r.validation?.rowsRejected ?? 0, fromCache: r.status.fromCache },
          bubbles: true, composed: true,
        }));
      }
      l.onResult(r);
    }, l.throttleMs);
    // (a later subscription of the same widget started meanwhile: this one ends)
    if (l.dead || pending !== this.handle || l.attached !== mine) { void stop(); return; }
    l.stop = stop;
  }

  /** The open dataset (null before there is one) once its file has been read; for widgets that ask for more than a view. */
  async datasetHandle(): Promise<DatasetHandle | null> {
    const ds = await this.handle;
    if (!ds) return null;
    await this.fed.get(ds)?.catch(() => undefined);
    return ds;
  }

  /** The SLA document: the property, else fetched once from `sla`; null without either. */
  async slaDoc(): Promise<unknown> {
    if (this.slaDocument) return this.slaDocument;
    if (!this.sla) return null;
    const url = new URL(this.sla, document.baseURI).href;
    if (this.slaFetched?.url !== url) {
      const doc = fetch(url).then(async (r) => {
        if (!r.ok) throw new IngestError(error('slaNotLoaded', { url: this.sla, status: r.status }));
        try { return await r.json(); } catch { throw new IngestError(error('slaNotJson', { url: this.sla })); }
      });
      doc.catch(() => { if (this.slaFetched?.doc === doc) this.slaFetched = null; });
      this.slaFetched = { url, doc };
    }
    return this.slaFetched.doc;
  }

  /** The scorecard of this source's SLA document over a period (a key such as 2021-02, or day/week/month/quarter). */
  async scorecard(opts: { period?: string; baselineDays?: number } = {}): Promise<Scorecard> {
    const doc = await this.slaDoc();
    if (!doc) throw new IngestError(error('noSla'));
    const ds = await this.datasetHandle();
    if (!ds) throw new IngestError(error('noSourceData'));
    return ds.scorecard(doc, opts);
  }

  /** Required versus present agents per interval, with this source's definitions. */
  async staffing(view: ViewSpec = {}): Promise<ObservedStaffing[]> {
    const ds = await this.datasetHandle();
    if (!ds) return [];
    return ds.staffing({ ...view, definitions: { ...this.definitions(), ...(view.definitions ?? {}) } });
  }

  /** How many widget subscriptions are open (for tests and diagnostics). */
  get subscriptionCount(): number {
    return this.listeners.size;
  }
}
