/**
 * Contacts from a live stream (the event schema of README "Live streams"): events for the same contact id
 * complete it (upsert); duplicates (a seq seen before) are ignored; out-of-order and late events land in the
 * interval their contact arrived in. A contact enters the parts when it has an outcome; a later event that
 * changes it takes the old version out and puts the new one in. "Now" is stream time: the latest event or
 * heartbeat time, never the machine's clock.
 */
import type { AgentState, Contact, Outcome, StateCategory } from '../types.js';
import { OUTCOMES } from '../types.js';
import type { ContactParts } from '../parts.js';
import { Categories } from '../efficiency.js';

export interface ContactEvent {
  seq: number;
  /** The stream (its epoch): a server that restarts with seq from 1 sends a new one (docs/stream.md). */
  stream?: string;
  type: 'contact';
  /** When the event happened (ISO 8601 UTC). */
  time: string;
  id: string;
  queue?: string;
  channel?: string;
  tier?: string;
  agent?: string;
  customer?: string;
  arrived?: string;
  answered?: string;
  ended?: string;
  outcome?: Outcome;
  talk?: number;
  hold?: number;
  wrap?: number;
  resolved?: boolean;
  csat?: number;
  nps?: number;
  qa?: number;
  transferred?: boolean;
  /**
   * The source lost track of this contact (its end fell in a break its ACD cannot replay): it leaves the
   * waiting queue and the figures, counted in `events.lost` (docs/stream.md).
   */
  lost?: boolean;
}

export interface AgentStateEvent {
  seq: number;
  stream?: string;
  type: 'agent-state';
  time: string;
  agent: string;
  team?: string;
  state: string;
  category?: StateCategory;
}

export interface HeartbeatEvent {
  seq: number;
  stream?: string;
  type: 'heartbeat';
  time: string;
}

export type StreamEvent = ContactEvent | AgentStateEvent | HeartbeatEvent;

export interface QueueState {
  queue: string;
  waiting: number;
  /** Seconds the oldest waiting contact has waited, at stream time; null when none waits. */
  longestWait: number | null;
  /** Ages (s) of the waiting contacts, for the projected service level. */
  waitingAges: number[];
}

export interface LiveState {
  /** Stream time (ms), NaN before the first event. */
  now: number;
  queues: QueueState[];
  /** Agents by the category of their latest state. */
  agents: Record<StateCategory, number>;
}

export interface ApplyResult {
  /** Whether the event changed anything (false for a duplicate). */
  applied: boolean;
  /** Why it was not taken, when it was not (bad or duplicate). */
  rejected?: string;
}

const DEDUPE_WINDOW = 100_000;
/** The largest step between seqs taken as real (a larger one is refused and counted). */
export const MAX_SEQ_JUMP = 1_000_000;

export class LiveContacts {
  /** Contacts by id: waiting ones and finished ones (kept so later events can complete them). */
  private readonly contacts = new Map<string, Contact & { inParts: boolean }>();
  private readonly agentStates = new Map<string, AgentState>();
  private readonly seen = new Set<number>();
  private maxSeq = -Infinity;
  /** Stream time (ms). */
  now = NaN;
  /**
   * Events taken, duplicates ignored, events rejected; streams begun again (a server restarted with a new
   * stream id), seq jumps refused, events found missing in a gap of seqs, and contacts the source lost.
   */
  readonly counts = { applied: 0, duplicates: 0, rejected: 0, resets: 0, jumps: 0, gapped: 0, lost: 0 };
  /** The stream id of the events taken (undefined: the server sends none). */
  streamId: string | undefined;
  /** Seqs skipped by a gap and not (yet) delivered by a replay. */
  private readonly missingSeqs = new Set<number>();
  /** The first rejected events (100), with their seq and why: listed like a file's rejected rows. */
  readonly rejections: { seq: number | null; reason: string }[] = [];
  private readonly categories: Categories;

  constructor(private readonly parts: ContactParts, categories?: Categories) {
    this.categories = categories ?? new Categories();
  }

  /** The last seq taken: a reconnect resumes after it (`?since=` or Last-Event-ID). */
  get lastSeq(): number {
    return this.maxSeq;
  }

  /** Events found missing in gaps of seqs and not delivered since. */
  get missing(): number {
    return this.missingSeqs.size;
  }

  /** Where a reconnect asks the server to replay from: before the first missing seq, else after the last taken. */
  get resumeFrom(): number {
    let first = Infinity;
    for (const s of this.missingSeqs) if (s < first) first = s;
    return Number.isFinite(first) ? first - 1 : this.maxSeq;
  }

  apply(e: StreamEvent): ApplyResult {
    if (!e || typeof e !== 'object' || typeof e.seq !== 'number' || !Number.isFinite(e.seq)) return this.reject('an event needs a numeric seq');
    // A new stream id: the server began again (seq from 1). Its seqs are new, whatever the old ones were.
    if (typeof e.stream === 'string' && e.stream !== this.streamId) {
      if (this.streamId !== undefined) {
        this.counts.resets++;
        this.seen.clear();
        this.missingSeqs.clear();
        this.maxSeq = -Infinity;
      }
      this.streamId = e.stream;
    }
    // A seq far past the last one (a corrupt or foreign event) would make every later event a "duplicate".
    if (Number.isFinite(this.maxSeq) && e.seq > this.maxSeq + MAX_SEQ_JUMP) {
      this.counts.jumps++;
      return this.reject(`event ${e.seq}: seq jumps from ${this.maxSeq} by more than ${MAX_SEQ_JUMP}`, e.seq);
    }
    if (this.missingSeqs.delete(e.seq)) {
      // A gap filled by a replay: taken below like any new event.
    } else if (this.seen.has(e.seq) || e.seq <= this.maxSeq - DEDUPE_WINDOW) {
      this.counts.duplicates++;
      return { applied: false, rejected: 'duplicate seq' };
    }
    const t = Date.parse(e.time);
    if (!Number.isFinite(t)) return this.reject(`event ${e.seq}: time "${e.time}" is not an ISO 8601 instant`);
    this.seen.add(e.seq);
    if (Number.isFinite(this.maxSeq) && e.seq > this.maxSeq + 1) {
      // A gap: the events between were never delivered. They are asked for again (resumeFrom) and counted.
      const n = e.seq - this.maxSeq - 1;
      this.counts.gapped += n;
      for (let s = this.maxSeq + 1; s < e.seq && this.missingSeqs.size < DEDUPE_WINDOW; s++) this.missingSeqs.add(s);
    }
    if (e.seq > this.maxSeq) {
      this.maxSeq = e.seq;
      if (this.seen.size > DEDUPE_WINDOW * 2) for (const s of this.seen) if (s <= this.maxSeq - DEDUPE_WINDOW) this.seen.delete(s);
    }
    // An instant no contact could carry (before 1970, after 2099) moves nothing (docs/stream.md "Validation").
    if (!(t >= 0 && t < Date.UTC(2100, 0, 1))) return this.reject(`event ${e.seq}: time "${e.time}" is out of range (before 1970 or after 2099)`, e.seq);
    switch (e.type) {
      case 'heartbeat':
        break;
      case 'agent-state': {
        const category = e.category ?? this.categories.state(e.state);
        if (!e.agent || !category) return this.reject(`event ${e.seq}: ${!e.agent ? 'no agent' : `state "${e.state}" has no category`}`);
        const prev = this.agentStates.get(e.agent);
        if (!prev || prev.start <= t) this.agentStates.set(e.agent, { agent: e.agent, team: e.team, state: e.state, category, start: t });
        break;
      }
      case 'contact': {
        const r = this.contact(e);
        if (r) return this.reject(`event ${e.seq}: ${r}`, e.seq);
        break;
      }
      default:
        return this.reject(`event ${(e as StreamEvent).seq}: unknown type "${(e as { type: string }).type}"`);
    }
    // Stream time moves on events taken, not on ones refused.
    if (!(t <= this.now)) this.now = t;
    this.counts.applied++;
    return { applied: true };
  }

  private reject(why: string, seq: number | null = null): ApplyResult {
    this.counts.rejected++;
    if (this.rejections.length < 100) this.rejections.push({ seq, reason: why });
    return { applied: false, rejected: why };
  }

  private contact(e: ContactEvent): string | null {
    if (!e.id) return 'no contact id';
    const prev = this.contacts.get(e.id);
    if (e.lost === true) {
      // Its outcome is unknown: neither waiting nor in the figures, and said (events.lost).
      if (prev?.inParts) this.parts.remove(prev);
      if (prev) { this.contacts.delete(e.id); this.counts.lost++; }
      return null;
    }
    const next: Contact & { inParts: boolean } = prev ? { ...prev } : { id: e.id, queue: '', arrived: NaN, outcome: 'answered', inParts: false };
    const time = (v: string | undefined, name: string): number | undefined | string => {
      if (v === undefined) return undefined;
      const x = typeof v === 'string' ? Date.parse(v) : NaN;
      if (!Number.isFinite(x)) return `${name} "${v}" is not an ISO 8601 instant`;
      return x >= 0 && x < Date.UTC(2100, 0, 1) ? x : `${name}: time out of range (before 1970 or after 2099)`;
    };
    // The checks a file's rows pass (docs/stream.md "Validation"): names, durations and scores in their ranges.
    for (const k of ['queue', 'channel', 'tier', 'agent', 'customer'] as const) {
      const v = e[k];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.length > 1024) return `${k} must be text of at most 1024 characters`;
      next[k] = v;
    }
    for (const k of ['talk', 'hold', 'wrap'] as const) {
      const v = e[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${k}: not a number`;
      if (v < 0) return `${k}: negative duration`;
      if (v > 30 * 86_400) return `${k}: implausible duration (over 30 days: a wrong unit?)`;
      next[k] = v;
    }
    for (const [k, lo, hi] of [['csat', 1, 5], ['nps', 0, 10], ['qa', 0, 100]] as const) {
      const v = e[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= lo && v <= hi)) return `${k} out of range ${lo}–${hi}`;
      next[k] = v;
    }
    if (e.resolved !== undefined) next.resolved = e.resolved;
    if (e.transferred !== undefined) next.transferred = e.transferred;
    for (const k of ['arrived', 'answered', 'ended'] as const) {
      const v = time(e[k], k);
      if (typeof v === 'string') return v;
      if (v !== undefined) next[k] = v;
    }
    if (e.outcome !== undefined) {
      if (!OUTCOMES.includes(e.outcome)) return `outcome "${e.outcome}" is none of ${OUTCOMES.join(', ')}`;
      next.outcome = e.outcome;
    }
    if (!next.queue) return 'no queue';
    const closed = next.outcome !== undefined && (e.outcome !== undefined || prev?.inParts === true) || next.ended !== undefined;
    if (!Number.isFinite(next.arrived)) {
      // An answer or end before its arrival (out of order): held until the arrival comes; a contact that ends
      // without ever arriving reached an agent without queueing (docs/metrics.md §1).
      if (closed && next.answered !== undefined) next.arrived = next.answered;
      else {
        next.inParts = false;
        this.contacts.set(e.id, next);
        return null;
      }
    }
    // In the parts as soon as the answer (or the end) is known; later events (talk, a survey) upsert it.
    const finished = next.answered !== undefined || closed;
    if (finished && e.outcome === undefined && !prev?.inParts) next.outcome = next.answered !== undefined ? 'answered' : 'abandoned';
    if (next.answered !== undefined && next.answered < next.arrived) return 'answered before arrived';
    next.wait = next.outcome === 'answered' ? (next.answered !== undefined ? (next.answered - next.arrived) / 1000 : undefined) : next.ended !== undefined ? (next.ended - next.arrived) / 1000 : undefined;
    if (next.wait !== undefined && next.wait < 0) return 'ended before arrived';
    if (finished && next.outcome === 'answered' && next.wait === undefined) return 'answered without an answer time';
    if (prev?.inParts) this.parts.remove(prev);
    next.inParts = finished;
    if (finished) this.parts.add(next);
    this.contacts.set(e.id, next);
    return null;
  }

  /** Live queue state at stream time: contacts without an outcome, and agents by their latest state. */
  state(): LiveState {
    const byQueue = new Map<string, QueueState>();
    for (const c of this.contacts.values()) {
      if (c.inParts || !Number.isFinite(c.arrived)) continue;
      let q = byQueue.get(c.queue);
      if (!q) byQueue.set(c.queue, (q = { queue: c.queue, waiting: 0, longestWait: null, waitingAges: [] }));
      q.waiting++;
      const age = Math.max(0, (this.now - c.arrived) / 1000);
      q.waitingAges.push(age);
      if (q.longestWait === null || age > q.longestWait) q.longestWait = age;
    }
    const agents: Record<StateCategory, number> = { handling: 0, available: 0, 'productive-off-phone': 0, unproductive: 0, 'logged-out': 0 };
    for (const s of this.agentStates.values()) agents[s.category]++;
    return { now: this.now, queues: [...byQueue.values()].sort((a, b) => (a.queue < b.queue ? -1 : 1)), agents };
  }

  /** Forgets finished contacts that arrived before `before` (ms): a wallboard running for days keeps memory flat. */
  forgetFinished(before: number): number {
    let n = 0;
    for (const [id, c] of this.contacts) if (c.inParts && c.arrived < before) { this.contacts.delete(id); n++; }
    return n;
  }
}
