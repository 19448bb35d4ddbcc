/**
 * Widgets' subscriptions to views of datasets (docs/protocol.md): each gets its result at once, then an update
 * at most every `throttleMs` when what it shows changed — the whole result the first time, deltas after.
 */
import { ViewUpdates, type ViewResult, type ViewSpec, type ViewUpdate } from '../protocol/index.js';

export type UpdateCallback = (update: ViewUpdate) => void;

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

export class Subscriptions {
  private readonly subs = new Map<number, Subscription>();
  private next = 1;

  /** `compute` gives a view's result now (null when the dataset is gone). */
  constructor(private readonly compute: (datasetId: string, view: ViewSpec) => ViewResult | null) {}

  get size(): number {
    return this.subs.size;
  }

  add(dataset: string, view: ViewSpec, callback: UpdateCallback, throttleMs = 1000, release?: () => void): number {
    const id = this.next++;
    const sub: Subscription = { id, dataset, view, callback, throttleMs, lastSent: 0, updates: new ViewUpdates(), timer: null, release };
    this.subs.set(id, sub);
    this.send(sub);
    return id;
  }

  remove(id: number): void {
    const s = this.subs.get(id);
    if (!s) return;
    if (s.timer) clearTimeout(s.timer);
    this.subs.delete(id);
    s.release?.();
  }

  /** Ends every subscription to a dataset (it was closed). */
  removeAll(dataset: string): void {
    for (const s of [...this.subs.values()]) if (s.dataset === dataset) this.remove(s.id);
  }

  /** Tells a dataset's subscribers it changed: throttled, or at once (`now`: a reading began, ended, failed). */
  notify(dataset: string, now = false): void {
    for (const s of this.subs.values()) {
      if (s.dataset !== dataset) continue;
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
    const result = this.compute(s.dataset, s.view);
    if (!result) return;
    const update = s.updates.next(result);
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
