/**
 * What every ACD adapter shares (docs/stream.md "ACD adapters"): the ACD's own events, each read into one step
 * of a call's course (it joined a queue, an agent answered, it ended) or an agent's state, become the kit's
 * stream events. A step that says nothing new — the same call's end told twice, by the live connection and by
 * the log read after a break, or a webhook retried — sends nothing: the figures never count a call twice.
 */
import type { Outcome, StateCategory } from '../../engine/types.js';

export type Emit = (event: Record<string, unknown>) => void;

interface Call {
  /** The contact's id in the stream (the ACD's id; a second queue of the same call adds "~2"). */
  id: string;
  acdId: string;
  queue: string;
  arrived?: number;
  answered?: number;
  ended?: number;
  outcome?: Outcome;
  /** What was sent of it, field by field. */
  sent: Record<string, unknown>;
}

export interface CallFields {
  queue?: string;
  channel?: string;
  customer?: string;
  agent?: string;
  /** When it joined the queue, where the step knows it (e.g. an answer that says how long it waited). */
  arrived?: number;
  answered?: number;
  outcome?: Outcome;
  talk?: number;
  hold?: number;
  wrap?: number;
  transferred?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The earliest and latest ACD times taken: from 2000 to five minutes past this machine's clock. */
const EARLIEST = Date.UTC(2000, 0, 1);
const AHEAD_MS = 5 * 60_000;
const MAX_SECONDS = 30 * 86_400;
/** Two times of one step this close are the same moment told twice (microseconds by the AMI, seconds by a log). */
const SAME_MOMENT_MS = 1000;
/** A time an ACD could have told: from 2000 to five minutes ahead of this machine's clock. */
const plausible = (t: number) => Number.isFinite(t) && t >= EARLIEST && t <= Date.now() + AHEAD_MS;

export class CallTracker {
  /** Calls in progress, by the ACD's id. */
  private readonly open = new Map<string, Call>();
  /** Calls ended, kept (the last 100,000) so that a repeat of their steps is known as one. */
  private readonly closed = new Map<string, Call>();
  private readonly segments = new Map<string, number>();
  private readonly agents = new Map<string, string>();
  /** The latest ACD time seen (ms). */
  latest = NaN;
  readonly counts = { calls: 0, steps: 0, repeats: 0, lost: 0, agentStates: 0, refused: 0, forgotten: 0 };
  /** The first steps refused (100), with the call and why: an impossible time or duration. */
  readonly refusals: { id: string; reason: string }[] = [];

  constructor(private readonly emit: Emit, private readonly opts: { channel?: string; keepClosed?: number } = {}) {}

  private at(t: number): void {
    if (Number.isFinite(t) && !(t <= this.latest)) this.latest = t;
  }

  /**
   * Whether a step's times and durations can be true: times from 2000 to five minutes ahead of this machine's
   * clock, durations of 0 to 30 days. One that cannot is refused whole, counted and listed: one bad event must
   * neither stop the feed nor move its clock to the year 3000.
   */
  private refused(id: string, at: number, f: CallFields & { arrived?: number; answered?: number; ended?: number } = {}): boolean {
    const bad = (t: number | undefined) => t !== undefined && !plausible(t);
    let why: string | null = null;
    if (bad(at)) why = `its time (${at}) is not between 2000 and now`;
    else for (const k of ['arrived', 'answered', 'ended'] as const) if (bad(f[k])) { why = `${k} (${f[k]}) is not between 2000 and now`; break; }
    if (!why) for (const k of ['talk', 'hold', 'wrap'] as const) {
      const v = f[k];
      if (v !== undefined && !(Number.isFinite(v) && v >= 0 && v <= MAX_SECONDS)) { why = `${k} (${v} s) is not from 0 to 30 days`; break; }
    }
    if (!why) return false;
    this.counts.refused++;
    if (this.refusals.length < 100) this.refusals.push({ id, reason: why });
    return true;
  }

  /** A call entered a queue at `at`. */
  join(acdId: string, at: number, f: CallFields & { queue: string }): void {
    if (this.refused(acdId, at, f)) return;
    this.at(at);
    const done = this.closed.get(acdId);
    // A join after the call ended (or as it ended, into another queue) is a new contact; any other, a repeat.
    if (done && !(done.ended !== undefined && (at > done.ended || (at === done.ended && done.queue !== f.queue)))) { this.counts.repeats++; return; }
    let call = this.open.get(acdId);
    if (!call) {
      // A call ended before and queued again (a flow-out into a second queue): a contact of its own.
      const n = done ? (this.segments.get(acdId) ?? 1) + 1 : 1;
      if (done) { this.segments.set(acdId, n); this.closed.delete(acdId); }
      call = { id: n > 1 ? `${acdId}~${n}` : acdId, acdId, queue: f.queue, sent: {} };
      this.open.set(acdId, call);
      this.counts.calls++;
    }
    if (call.arrived === undefined) call.arrived = at;
    this.send(call, at, { ...f, arrived: call.arrived });
  }

  /**
   * It left the queue at `at` with no answer or abandon told yet: some ACDs tell the leaving before the answer
   * that took it (Asterisk), or show the queue passing the call on before the agent's leg (Genesys). After
   * `waitMs` with neither, it is a flow-out; an answer or an end in between takes its place.
   */
  leftQueue(acdId: string, at: number, f: CallFields, waitMs: number): void {
    if (this.leaving.has(acdId) || !this.isWaiting(acdId)) return;
    this.leaving.set(acdId, setTimeout(() => {
      this.leaving.delete(acdId);
      if (this.isWaiting(acdId)) this.end(acdId, at, { ...f, outcome: 'flowout' });
    }, waitMs));
  }

  private readonly leaving = new Map<string, ReturnType<typeof setTimeout>>();

  private settle(acdId: string): void {
    const t = this.leaving.get(acdId);
    if (t) { clearTimeout(t); this.leaving.delete(acdId); }
  }

  /** Stops the flow-outs still waiting for their time (the feed closes). */
  dispose(): void {
    for (const t of this.leaving.values()) clearTimeout(t);
    this.leaving.clear();
  }

  /** An agent answered it at `at`. */
  answer(acdId: string, at: number, f: CallFields = {}): void {
    if (this.refused(acdId, at, f)) return;
    this.settle(acdId);
    this.at(at);
    const call = this.find(acdId, f.queue);
    if (!call) return;
    if (call.arrived === undefined && f.arrived !== undefined) call.arrived = f.arrived;
    call.answered = at;
    this.send(call, at, { ...f, arrived: call.arrived, answered: at });
  }

  /** It ended at `at` with an outcome (answered: after talk; abandoned; flowout …). */
  end(acdId: string, at: number, f: CallFields & { outcome: Outcome }): void {
    if (this.refused(acdId, at, f)) return;
    this.settle(acdId);
    this.at(at);
    const call = this.find(acdId, f.queue);
    if (!call) return;
    if (call.arrived === undefined && f.arrived !== undefined) call.arrived = f.arrived;
    if (call.answered === undefined && f.answered !== undefined) call.answered = f.answered;
    call.ended = at;
    call.outcome = f.outcome;
    this.send(call, at, { ...f, arrived: call.arrived, answered: call.answered, ended: at });
    if (this.open.get(acdId) === call) this.close(acdId, call);
  }

  /**
   * Something learnt of a call apart from its course (e.g. that it was transferred, told by the contact the
   * transfer made): sent with the call now, or with its next step if it is not known yet (the ACD's events
   * may come in any order).
   */
  update(acdId: string, f: Pick<CallFields, 'transferred' | 'wrap'>): void {
    if (this.refused(acdId, Date.now(), f)) return;
    const call = this.open.get(acdId) ?? this.closed.get(acdId);
    if (!call || call.sent.queue === undefined) {
      this.pending.set(acdId, { ...this.pending.get(acdId), ...f });
      if (this.pending.size > 10_000) for (const k of this.pending.keys()) { this.pending.delete(k); break; }
      return;
    }
    this.send(call, Number.isFinite(this.latest) ? this.latest : Date.now(), f);
  }

  private readonly pending = new Map<string, CallFields>();

  /**
   * A call that reached no agent left its queue another way than it first seemed (moved to another queue,
   * a callback chosen): its outcome, at `at` if it is still waiting, else at the end it had.
   */
  leftBy(acdId: string, at: number, outcome: Outcome): void {
    if (this.refused(acdId, at)) return;
    const call = this.open.get(acdId) ?? this.closed.get(acdId);
    if (!call || call.answered !== undefined || call.outcome === outcome) return;
    if (call.ended === undefined) return this.end(acdId, at, { outcome });
    call.outcome = outcome;
    this.send(call, call.ended, { outcome });
  }

  /** Calls waiting since before `before` (ms, ACD time) whose end never came (an event the ACD lost): lost. */
  sweep(before: number): number {
    let n = 0;
    for (const [id, c] of [...this.open]) {
      if (c.ended !== undefined || c.arrived === undefined) continue;
      if (c.answered === undefined && c.arrived < before) { this.lost(id, this.latest); n++; }
      // Answered and in the figures, its end never told for a day: forgotten here (memory stays flat).
      else if (c.answered !== undefined && c.answered < before - 86_400_000) { this.open.delete(id); this.counts.forgotten++; }
    }
    return n;
  }

  /** Its course is unknown from here (it left the queue during a break nothing can replay). */
  lost(acdId: string, at: number): void {
    const call = this.open.get(acdId);
    if (!call) return;
    this.open.delete(acdId);
    this.counts.lost++;
    const t = plausible(at) ? at : Number.isFinite(this.latest) ? this.latest : Date.now();
    if (call.sent.queue !== undefined) this.emit({ type: 'contact', time: iso(t), id: call.id, lost: true });
  }

  /** An agent's state (the name the ACD gives, and its category); only a change is sent. */
  agent(name: string, at: number, state: string, category: StateCategory, team?: string): void {
    if (this.refused(name, at)) return;
    this.at(at);
    const key = `${state}\u0000${category}`;
    if (this.agents.get(name) === key) return;
    this.agents.set(name, key);
    this.counts.agentStates++;
    this.emit({ type: 'agent-state', time: iso(at), agent: name, state, category, ...(team ? { team } : {}) });
  }

  /** The ACD ids of calls still waiting (joined, neither answered nor ended). */
  waiting(): string[] {
    return [...this.open].filter(([, c]) => c.answered === undefined && c.ended === undefined).map(([id]) => id);
  }

  /** The ACD ids of calls in progress. */
  inProgress(): string[] {
    return [...this.open.keys()];
  }

  isWaiting(acdId: string): boolean {
    const c = this.open.get(acdId);
    return c !== undefined && c.answered === undefined && c.ended === undefined;
  }

  isOpen(acdId: string): boolean {
    return this.open.has(acdId);
  }

  private find(acdId: string, queue: string | undefined): Call | null {
    const call = this.open.get(acdId) ?? this.closed.get(acdId);
    if (call) return call;
    if (!queue) return null; // nothing known of it, not even its queue: nothing to send
    const fresh: Call = { id: acdId, acdId, queue, sent: {} };
    this.open.set(acdId, fresh);
    this.counts.calls++;
    return fresh;
  }

  private close(acdId: string, call: Call): void {
    this.open.delete(acdId);
    this.closed.set(acdId, call);
    const keep = this.opts.keepClosed ?? 100_000;
    if (this.closed.size > keep) for (const k of this.closed.keys()) { this.closed.delete(k); this.segments.delete(k); if (this.closed.size <= keep) break; }
  }

  /** Sends the fields that are new or changed; nothing when none is. */
  private send(call: Call, at: number, f: CallFields & { arrived?: number; answered?: number; ended?: number }): void {
    this.counts.steps++;
    const later = this.pending.get(call.acdId);
    if (later) { this.pending.delete(call.acdId); f = { ...f, ...later }; }
    const out: Record<string, unknown> = {};
    const put = (k: string, v: unknown) => {
      if (v === undefined || v === null || v === '') return;
      if (call.sent[k] === v) return;
      out[k] = v;
    };
    put('queue', call.sent.queue === undefined ? call.queue : undefined);
    put('channel', f.channel ?? (call.sent.channel === undefined ? this.opts.channel : undefined));
    put('customer', f.customer);
    put('agent', f.agent);
    for (const k of ['arrived', 'answered', 'ended'] as const) {
      const v = f[k];
      if (v === undefined || !Number.isFinite(v)) continue;
      // Told before to within a second (the AMI's microseconds, the queue_log's seconds): the first stands.
      const was = typeof call.sent[k] === 'string' ? Date.parse(call.sent[k] as string) : NaN;
      if (Number.isFinite(was) && Math.abs(was - v) < SAME_MOMENT_MS) continue;
      put(k, iso(v));
    }
    put('outcome', f.outcome);
    for (const k of ['talk', 'hold', 'wrap'] as const) if (f[k] !== undefined && Number.isFinite(f[k]) && f[k]! >= 0) put(k, f[k]);
    put('transferred', f.transferred);
    if (Object.keys(out).length === 0) { this.counts.repeats++; return; }
    Object.assign(call.sent, out);
    this.emit({ type: 'contact', time: iso(Number.isFinite(at) ? at : Date.now()), id: call.id, ...out });
  }
}

/**
 * The stream time of an ACD that sends no clock of its own between events: the latest ACD time heard, run on by
 * this machine's clock since; it never steps back (an event telling only older times leaves it where it was).
 */
export class HeardClock {
  private local = 0;
  private at = NaN;
  constructor(private readonly tracker: CallTracker) {}
  heard(): void {
    const was = this.local > 0 && Number.isFinite(this.at) ? this.at + (Date.now() - this.local) : -Infinity;
    this.local = Date.now();
    const latest = this.tracker.latest;
    this.at = Number.isFinite(latest) ? Math.max(was, latest) : was;
  }
  heardWithin(ms: number): boolean { return this.local > 0 && Date.now() - this.local < ms; }
  never(): boolean { return this.local === 0; }
  time(): number { return Number.isFinite(this.at) ? this.at + (Date.now() - this.local) : Date.now(); }
}
