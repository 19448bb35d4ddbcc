import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { pageEngine } from '../../client/page-engine.js';
import type { DatasetHandle } from '../../client/engine-client.js';
import type { ViewResult, ViewSpec } from '../../worker/protocol.js';
import { SL_PRESETS, type ServiceLevelPreset } from '../../engine/definitions.js';

/** Detail of `sla-dataset-ready`. */
export interface DatasetReadyDetail {
  id: string;
  rows: number;
  rejected: number;
  fromCache: boolean;
}

type Listener = { view: ViewSpec; onResult: (r: ViewResult) => void; throttleMs: number; stop: (() => Promise<void>) | null; dead: boolean };

/**
 * Declares a dataset once per page: a CSV (`src`), a live stream (`stream`), or a File / Blob set as the `file`
 * property; the definitions as attributes named like the CLI's flags. Widgets find it by `source="id"` or as
 * their ancestor, and subscribe to exactly the view they draw.
 *
 * @summary The data behind the widgets.
 * @fires sla-dataset-ready - the dataset's numbers are ready (after a parse, from the cache, or a stream's first events)
 * @slot - widgets that use this source
 */
export class SlaSource extends LitElement {
  /** A CSV to load (fetched and parsed in the engine worker). */
  @property() src = '';
  /** A live stream: ws://…, …/sse or an NDJSON URL. */
  @property() stream = '';
  /** The IANA zone of the numbers (default: the browser's). */
  @property() tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  /** Zone of timestamps written without one (default: tz). */
  @property({ attribute: 'input-tz' }) inputTz = '';
  /** Interval length in minutes: 5, 15, 30 or 60. */
  @property({ type: Number }) interval = 15;
  /** Service level as target%/seconds, e.g. 80/20. */
  @property() sl = '80/20';
  @property({ attribute: 'sl-preset' }) slPreset: ServiceLevelPreset = 'answered-and-abandoned';
  @property({ type: Number, attribute: 'short-abandon' }) shortAbandon = 5;
  /** A File or Blob to read (an upload). */
  @property({ attribute: false }) file: Blob | null = null;

  private handle: Promise<DatasetHandle> | null = null;
  private readonly listeners = new Set<Listener>();
  private readyFired = false;

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
    for (const l of this.listeners) { l.dead = true; void l.stop?.(); }
    this.listeners.clear();
    void ds?.then((d) => d.close());
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (changed.has('src') || changed.has('stream') || changed.has('file') || changed.has('tz') || changed.has('interval') || changed.has('inputTz')) this.load();
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
    };
  }

  private load(): void {
    if (!this.isConnected || (!this.src && !this.stream && !this.file)) return;
    const engine = pageEngine();
    const old = this.handle;
    this.readyFired = false;
    this.handle = (async () => {
      const ds = await engine.open({ name: (this.file as File | null)?.name ?? this.src ?? this.stream, timeZone: this.tz, inputTimeZone: this.inputTz || undefined, intervalMinutes: this.interval as 15 });
      if (this.file) void ds.feed(this.file);
      else if (this.src) void ds.feedUrl(new URL(this.src, document.baseURI).href);
      else if (this.stream) void ds.connect(this.stream);
      return ds;
    })();
    void old?.then((d) => d.close());
    for (const l of this.listeners) void this.attach(l);
  }

  /**
   * Subscribes a widget to a view of this dataset; returns the unsubscribe. The view's definitions are this
   * source's, with the view's own on top.
   */
  subscribe(view: ViewSpec, onResult: (r: ViewResult) => void, throttleMs = 1000): () => void {
    const l: Listener = { view, onResult, throttleMs, stop: null, dead: false };
    this.listeners.add(l);
    void this.attach(l);
    return () => {
      l.dead = true;
      this.listeners.delete(l);
      void l.stop?.();
      l.stop = null;
    };
  }

  private async attach(l: Listener): Promise<void> {
    const pending = this.handle;
    if (!pending) return;
    const ds = await pending;
    if (l.dead || pending !== this.handle) return;
    await l.stop?.();
    const view: ViewSpec = { ...l.view, definitions: { ...this.definitions(), ...(l.view.definitions ?? {}) } };
    const stop = await ds.subscribe(view, (r) => {
      if (l.dead) return;
      if (r.status.state === 'ready' && !this.readyFired) {
        this.readyFired = true;
        this.dispatchEvent(new CustomEvent<DatasetReadyDetail>('sla-dataset-ready', {
          detail: { id: ds.id, rows: r.validation?.rowsRead ?? 0, rejected: r.validation?.rowsRejected ?? 0, fromCache: r.status.fromCache },
          bubbles: true, composed: true,
        }));
      }
      l.onResult(r);
    }, l.throttleMs);
    if (l.dead) { void stop(); return; }
    l.stop = stop;
  }

  /** How many widget subscriptions are open (for tests and diagnostics). */
  get subscriptionCount(): number {
    return this.listeners.size;
  }
}
