/**
 * Widgets' subscriptions to views of datasets (docs/protocol.md): each gets its result at once, then an update
 * once a throttle (`throttleMs`) when what it shows changed — the whole result the first time, deltas after.
 * Throttled updates fall on one clock for all subscriptions (multiples of their throttle): the updates of a page's
 * widgets go out together, in one message and one frame, not one by one through the second.
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
  /** The tick (ms since the epoch) the subscription's next update is sent at; 0 when none is due. */
  tickAt: number;
  release?: () => void;
}

/** Results of one pass over subscriptions, by dataset and view. */
type Together = Map<string, ViewResult | null>;

export class Subscriptions {
  private readonly subs = new Map<number, Subscription>();
  private next = 1;
  /** The subscriptions due at each tick, and its timer. */
  private readonly ticks = new Map<number, { timer: ReturnType<typeof setTimeout>; due: Set<Subscription> }>();

  /** `compute` gives a view's result now (null when the dataset is gone). */
  constructor(private readonly compute: (datasetId: string, view: ViewSpec) => ViewResult | null) {}

  get size(): number {
    return this.subs.size;
  }

  add(dataset: string, view: ViewSpec, callback: UpdateCallback, throttleMs = 1000, release?: () => void): number {
    const id = this.next++;
    // A throttle of 0 (or none that is a number) is the clock's finest tick, a millisecond.
    if (!(throttleMs >= 1)) throttleMs = 1;
    const sub: Subscription = { id, dataset, view, callback, throttleMs, lastSent: 0, updates: new ViewUpdates(), tickAt: 0, release };
    this.subs.set(id, sub);
    this.send(sub);
    return id;
  }

  remove(id: number): void {
    const s = this.subs.get(id);
    if (!s) return;
    this.unschedule(s);
    this.subs.delete(id);
    s.release?.();
  }

  /** Ends every subscription to a dataset (it was closed). */
  removeAll(dataset: string): void {
    for (const s of [...this.subs.values()]) if (s.dataset === dataset) this.remove(s.id);
  }

  /** Tells a dataset's subscribers it changed: throttled, or at once (`now`: a reading began, ended, failed). */
  notify(dataset: string, now = false): void {
    const together: Together = new Map();
    for (const s of this.subs.values()) {
      if (s.dataset !== dataset) continue;
      if (now) {
        this.unschedule(s);
        this.send(s, together);
      } else this.schedule(s);
    }
  }

  /**
   * Sends at a tick of the subscription's clock (a multiple of its throttle): the next one after a tick's update,
   * and the first at least half a throttle after an update sent at once (a first result, a change of state).
   * Subscriptions of one throttle share their ticks, so their updates leave together.
   */
  private schedule(s: Subscription): void {
    if (s.tickAt) return;
    const at = Math.ceil((s.lastSent + s.throttleMs / 2) / s.throttleMs) * s.throttleMs;
    s.tickAt = at;
    let tick = this.ticks.get(at);
    if (!tick) {
      const due = new Set<Subscription>();
      tick = { due, timer: setTimeout(() => this.fire(at), Math.max(0, at - Date.now())) };
      this.ticks.set(at, tick);
    }
    tick.due.add(s);
  }

  private unschedule(s: Subscription): void {
    const at = s.tickAt;
    if (!at) return;
    s.tickAt = 0;
    const tick = this.ticks.get(at);
    if (!tick) return;
    tick.due.delete(s);
    if (tick.due.size === 0) {
      clearTimeout(tick.timer);
      this.ticks.delete(at);
    }
  }

  private fire(at: number): void {
    const tick = this.ticks.get(at);
    this.ticks.delete(at);
    if (!tick) return;
    for (const s of tick.due) s.tickAt = 0;
    const together: Together = new Map();
    for (const s of tick.due) {
      if (!this.subs.has(s.id)) continue;
      // One view that cannot be computed must not keep the others of the tick from theirs.
      try {
        this.send(s, together);
      } catch {
        // its widget keeps what it showed; the next change tries again
      }
    }
  }

  /** Sends a subscription its view's result; `together`: the results of the others sent in the same pass. */
  private send(s: Subscription, together?: Together): void {
    let result: ViewResult | null;
    if (together) {
      // Subscriptions told together that ask the same view (a wallboard's gauges: the totals, each showing one
      // figure) share one result: nothing changes the dataset between them, all being sent in one pass.
      const key = s.dataset + '\u0000' + JSON.stringify(s.view);
      result = together.has(key) ? together.get(key)! : this.compute(s.dataset, s.view);
      together.set(key, result);
    } else result = this.compute(s.dataset, s.view);
    if (!result) return;
    const update = s.updates.next(result);
    // The real time (a tick that fired late, after a sleep, does not make the next ones come at once): the half
    // throttle in `schedule` keeps the next on the next tick.
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
