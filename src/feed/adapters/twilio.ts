/**
 * Twilio TaskRouter, live (docs/stream.md "ACD adapters"): the Workspace's event callbacks (`EventCallbackUrl`),
 * form-encoded POSTs to the feed server's `/twilio`, checked against `X-Twilio-Signature` when the auth token is
 * given. A task is a contact:
 *
 * - `task-queue.entered` (or `task.created` already in a queue) → arrived in `TaskQueueName` at
 *   `TaskQueueEnteredDate`; `TaskChannelUniqueName` as channel; the caller (`from` in the task's attributes)
 *   as customer. `task-queue.moved` ends it in the first queue (a flow-out) and offers it to the next.
 * - `reservation.accepted` → answered by `WorkerName`.
 * - `task.wrapup` (or `reservation.wrapup`) → ended, answered, talk = wrap-up − accepted; `task.completed` →
 *   the time since as wrap (without a wrap-up event: ended then, talk to then).
 * - `task.canceled` before an answer → abandoned (the caller hung up), or a flow-out when TaskRouter ended it
 *   (`workflow.timeout`, or a reason naming a TTL or timeout).
 * - `task.transfer-initiated`, or a new task whose attributes name another as its conversation → transferred.
 * - `worker.activity.update` → the worker's activity by name (Available, Offline, Break …); a worker holding an
 *   accepted task is handling (`On Task`, then `Wrap Up`) whatever its activity says.
 *
 * Each event has its own `Sid`: one seen before (a retried delivery) is counted and dropped; events may come in
 * any order (each is its own POST): a late one tells nothing new.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CallTracker } from './calls.js';
import type { StateCategory } from '../../engine/types.js';
import { Categories } from '../../engine/efficiency.js';

type Params = Record<string, string>;

/** `X-Twilio-Signature`: HMAC-SHA1 (the auth token as key) of the URL Twilio called and the sorted params. */
export function twilioSignature(authToken: string, url: string, params: Params): string {
  const text = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', authToken).update(text, 'utf8').digest('base64');
}

export function signatureMatches(authToken: string, url: string, params: Params, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(twilioSignature(authToken, url, params));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** A time: milliseconds under `msKey`, else seconds under `secKey` (or an ISO instant, as the Events resource may write it). */
const ms = (p: Params, secKey: string, msKey?: string): number | undefined => {
  const m = msKey ? Number(p[msKey]) : NaN;
  if (p[msKey ?? ''] !== undefined && Number.isFinite(m) && m > 0) return m;
  const v = p[secKey];
  if (v === undefined || v === '') return undefined;
  const s = Number(v);
  if (Number.isFinite(s)) return s > 0 ? s * 1000 : undefined;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : undefined;
};
const json = (s: string | undefined): Record<string, unknown> => {
  if (!s) return {};
  try { const v = JSON.parse(s); return v && typeof v === 'object' ? v : {}; } catch { return {}; }
};

/** What the events told of one task so far, whatever order they came in. */
interface TaskFacts {
  queue?: string;
  channel?: string;
  customer?: string;
  entered?: number;
  accepted?: number;
  worker?: string;
  wrapup?: number;
  completed?: number;
  canceled?: number;
  cancelReason?: string;
  timedOut?: number;
  transferred?: boolean;
}

export class TwilioEvents {
  readonly counts = { events: 0, duplicates: 0, ignored: 0, rejected: 0 };
  readonly rejections: { where: string; reason: string }[] = [];
  private readonly seen = new Set<string>();
  private readonly tasks = new Map<string, TaskFacts>();
  /** Per worker: its activity (and when), and per task it was reserved for: accepted, wrap-up, completed. */
  private readonly workers = new Map<string, { activity: string; activityAt: number; tasks: Map<string, { accepted?: number; wrapup?: number; completed?: number }> }>();
  private readonly categories = new Categories();

  constructor(private readonly tracker: CallTracker) {}

  private reject(where: string, reason: string): void {
    this.counts.rejected++;
    if (this.rejections.length < 100) this.rejections.push({ where, reason });
  }

  event(p: Params, where: string): void {
    const type = p.EventType;
    if (!type) return this.reject(where, 'no EventType');
    if (p.Sid) {
      if (this.seen.has(p.Sid)) { this.counts.duplicates++; return; }
      this.seen.add(p.Sid);
      if (this.seen.size > 200_000) for (const k of this.seen) { this.seen.delete(k); if (this.seen.size <= 100_000) break; }
    }
    this.counts.events++;
    const at = ms(p, 'Timestamp', 'TimestampMs');
    if (at === undefined) return this.reject(where, `${type}: no Timestamp`);
    const sid = p.TaskSid;
    const worker = p.WorkerName || undefined;
    if (type === 'worker.activity.update') {
      if (!worker) return this.reject(where, `${type} without WorkerName`);
      const w = this.worker(worker);
      if (at >= w.activityAt) { w.activity = p.WorkerActivityName || w.activity; w.activityAt = at; }
      return this.say(worker, at);
    }
    if (!type.startsWith('task') && !type.startsWith('reservation.') && !type.startsWith('workflow.')) { this.counts.ignored++; return; }
    if (!sid) return this.reject(where, `${type} without TaskSid`);
    // Every task event says where the task is (queue, entered, channel): learnt from whichever comes first.
    const f = this.facts(sid);
    const attrs = json(p.TaskAttributes);
    f.queue ??= p.TaskQueueName || undefined;
    f.channel ??= p.TaskChannelUniqueName || undefined;
    f.customer ??= typeof attrs.from === 'string' ? attrs.from : undefined;
    f.entered ??= ms(p, 'TaskQueueEnteredDate');
    switch (type) {
      case 'task.created': {
        // A task made to carry another's conversation on (a transfer): the other was transferred.
        const conv = (attrs.conversations as Record<string, unknown> | undefined)?.conversation_id;
        if (typeof conv === 'string' && conv !== sid && conv.startsWith('WT')) { this.facts(conv).transferred = true; this.derive(conv); }
        break;
      }
      case 'task-queue.entered':
        f.entered ??= at;
        break;
      case 'task-queue.moved': {
        // Out of the first queue (a flow-out there) into the next: a new contact; the task's facts go on with it.
        if (!p.TaskQueueName) return this.reject(where, `${type} without TaskQueueName`);
        this.tracker.leftBy(sid, at, 'flowout');
        f.queue = p.TaskQueueName;
        f.entered = at;
        this.tracker.join(sid, at, { queue: f.queue, channel: f.channel });
        break;
      }
      case 'reservation.accepted':
        f.accepted = at;
        f.worker = worker ?? f.worker;
        if (worker) this.holds(worker, sid, 'accepted', at, p.WorkerActivityName);
        break;
      case 'task.wrapup':
      case 'reservation.wrapup':
        f.wrapup = Math.min(f.wrapup ?? at, at);
        if (worker) this.holds(worker, sid, 'wrapup', at, p.WorkerActivityName);
        break;
      case 'task.completed':
      case 'reservation.completed':
        if (type === 'task.completed') f.completed = at;
        if (worker) this.holds(worker, sid, 'completed', at, p.WorkerActivityName);
        else for (const [name, w] of this.workers) if (w.tasks.has(sid)) this.holds(name, sid, 'completed', at);
        break;
      case 'task.canceled':
        f.canceled = at;
        f.cancelReason = (p.TaskCanceledReason ?? '').toLowerCase();
        break;
      case 'workflow.timeout':
        f.timedOut = at;
        break;
      case 'task.transfer-initiated':
        f.transferred = true;
        break;
      default:
        this.counts.ignored++;
    }
    this.derive(sid);
  }

  private facts(sid: string): TaskFacts {
    let f = this.tasks.get(sid);
    if (!f) {
      this.tasks.set(sid, (f = {}));
      if (this.tasks.size > 200_000) for (const k of this.tasks.keys()) { this.tasks.delete(k); if (this.tasks.size <= 100_000) break; }
    }
    return f;
  }

  /** The task's course from all its facts (the call tracker sends only what is new). */
  private derive(sid: string): void {
    const f = this.tasks.get(sid);
    if (!f?.queue || f.entered === undefined) return;
    const base = { queue: f.queue, channel: f.channel };
    this.tracker.join(sid, f.entered, { ...base, customer: f.customer });
    if (f.accepted !== undefined) {
      this.tracker.answer(sid, f.accepted, { ...base, agent: f.worker, arrived: f.entered });
      const talkEnd = f.wrapup ?? f.completed;
      if (talkEnd !== undefined) {
        this.tracker.end(sid, talkEnd, { ...base, agent: f.worker, arrived: f.entered, answered: f.accepted, outcome: 'answered', talk: Math.max(0, (talkEnd - f.accepted) / 1000), ...(f.wrapup !== undefined && f.completed !== undefined ? { wrap: Math.max(0, (f.completed - f.wrapup) / 1000) } : {}), ...(f.transferred ? { transferred: true } : {}) });
      } else if (f.transferred) this.tracker.update(sid, { transferred: true });
      return;
    }
    // Never accepted: a task is canceled only before it is assigned (the caller hung up, or TaskRouter gave up).
    if (f.canceled !== undefined) return this.tracker.leftBy(sid, f.canceled, f.timedOut !== undefined || /ttl|timeout|timed out|expired/.test(f.cancelReason ?? '') ? 'flowout' : 'abandoned');
    if (f.timedOut !== undefined) return this.tracker.leftBy(sid, f.timedOut, 'flowout');
    if (f.completed !== undefined) return this.tracker.leftBy(sid, f.completed, 'flowout');
  }

  private worker(name: string) {
    let w = this.workers.get(name);
    if (!w) this.workers.set(name, (w = { activity: 'Available', activityAt: -Infinity, tasks: new Map() }));
    return w;
  }

  private holds(name: string, task: string, what: 'accepted' | 'wrapup' | 'completed', at: number, activity?: string): void {
    const w = this.worker(name);
    if (activity && at >= w.activityAt) { w.activity = activity; w.activityAt = at; }
    const t = w.tasks.get(task) ?? {};
    t[what] = at;
    if (t.completed !== undefined && t.accepted !== undefined) w.tasks.delete(task);
    else w.tasks.set(task, t);
    this.say(name, at);
  }

  private say(name: string, at: number): void {
    const w = this.workers.get(name)!;
    const held = [...w.tasks.values()].filter((t) => t.accepted !== undefined && t.completed === undefined);
    if (held.length) return this.tracker.agent(name, at, held.some((t) => t.wrapup === undefined) ? 'On Task' : 'Wrap Up', 'handling');
    const a = w.activity;
    const category: StateCategory = /^offline$/i.test(a) ? 'logged-out' : this.categories.state(a) ?? 'unproductive';
    this.tracker.agent(name, at, a, category);
  }
}

/**
 * An event of TaskRouter's Events resource (`GET /v1/Workspaces/{WS}/Events`) as the callback would have posted
 * it: its `event_data` keys are snake_case (`task_queue_name`) where the callback's are PascalCase
 * (`TaskQueueName`), its values may be numbers or objects, and its time is `event_date_ms`.
 */
export function paramsOfRestEvent(e: Record<string, unknown>): Params {
  const out: Params = {};
  const data = e.event_data && typeof e.event_data === 'object' ? (e.event_data as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(data)) {
    if (v === null || v === undefined) continue;
    const name = k.includes('_') || /^[a-z]/.test(k) ? k.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') : k;
    out[name] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  if (typeof e.sid === 'string') out.Sid = e.sid;
  if (typeof e.event_type === 'string') out.EventType = e.event_type;
  const ms = typeof e.event_date_ms === 'number' || typeof e.event_date_ms === 'string' ? Number(e.event_date_ms) : Date.parse(String(e.event_date ?? ''));
  if (Number.isFinite(ms)) out.TimestampMs = String(ms);
  return out;
}
