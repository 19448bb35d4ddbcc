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

const ms = (p: Params, secKey: string, msKey?: string): number | undefined => {
  const m = msKey ? Number(p[msKey]) : NaN;
  if (p[msKey ?? ''] !== undefined && Number.isFinite(m) && m > 0) return m;
  const s = Number(p[secKey]);
  return p[secKey] !== undefined && p[secKey] !== '' && Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
};
const json = (s: string | undefined): Record<string, unknown> => {
  if (!s) return {};
  try { const v = JSON.parse(s); return v && typeof v === 'object' ? v : {}; } catch { return {}; }
};

export class TwilioEvents {
  readonly counts = { events: 0, duplicates: 0, ignored: 0, rejected: 0 };
  readonly rejections: { where: string; reason: string }[] = [];
  private readonly seen = new Set<string>();
  private readonly accepted = new Map<string, number>();
  private readonly wrapped = new Map<string, number>();
  /** Per worker: its activity and the tasks it holds (accepted, not completed). */
  private readonly workers = new Map<string, { activity: string; tasks: Map<string, 'talk' | 'wrap'> }>();
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
    const task = p.TaskSid;
    const queue = p.TaskQueueName || undefined;
    const channel = p.TaskChannelUniqueName || undefined;
    const attrs = json(p.TaskAttributes);
    const entered = ms(p, 'TaskQueueEnteredDate') ?? at;
    const worker = p.WorkerName || undefined;
    const base = { queue, channel };
    switch (type) {
      case 'task.created': {
        // A task made to carry another's conversation on (a transfer): the other was transferred.
        const conv = (attrs.conversations as Record<string, unknown> | undefined)?.conversation_id;
        if (typeof conv === 'string' && conv !== task && conv.startsWith('WT')) this.tracker.update(conv, { transferred: true });
        if (task && queue) this.tracker.join(task, entered, { queue, channel, customer: typeof attrs.from === 'string' ? attrs.from : undefined });
        return;
      }
      case 'task-queue.entered':
        if (!task || !queue) return this.reject(where, `${type} without TaskSid or TaskQueueName`);
        return this.tracker.join(task, entered, { queue, channel, customer: typeof attrs.from === 'string' ? attrs.from : undefined });
      case 'task-queue.moved':
        if (!task || !queue) return this.reject(where, `${type} without TaskSid or TaskQueueName`);
        this.tracker.leftBy(task, at, 'flowout');
        return this.tracker.join(task, at, { queue, channel });
      case 'reservation.accepted': {
        if (!task) return this.reject(where, `${type} without TaskSid`);
        this.accepted.set(task, at);
        this.tracker.answer(task, at, { ...base, agent: worker, arrived: ms(p, 'TaskQueueEnteredDate') });
        if (worker) this.holds(worker, task, 'talk', at, p.WorkerActivityName);
        return;
      }
      case 'task.wrapup':
      case 'reservation.wrapup': {
        if (!task) return this.reject(where, `${type} without TaskSid`);
        const acc = this.accepted.get(task);
        this.wrapped.set(task, at);
        if (acc !== undefined) this.tracker.end(task, at, { ...base, agent: worker, outcome: 'answered', talk: (at - acc) / 1000 });
        if (worker) this.holds(worker, task, 'wrap', at, p.WorkerActivityName);
        return;
      }
      case 'task.completed':
      case 'reservation.completed': {
        if (!task) return this.reject(where, `${type} without TaskSid`);
        const acc = this.accepted.get(task);
        const wrap = this.wrapped.get(task);
        if (type === 'task.completed') {
          if (acc === undefined) this.tracker.leftBy(task, at, 'flowout');
          else if (wrap === undefined) this.tracker.end(task, at, { ...base, outcome: 'answered', talk: (at - acc) / 1000 });
          else this.tracker.update(task, { wrap: (at - wrap) / 1000 });
        }
        if (worker) this.holds(worker, task, null, at, p.WorkerActivityName);
        else for (const [name, w] of this.workers) if (w.tasks.has(task)) this.holds(name, task, null, at);
        return;
      }
      case 'task.canceled': {
        if (!task) return this.reject(where, `${type} without TaskSid`);
        if (this.accepted.has(task)) return; // only a task not yet assigned can be canceled
        const why = (p.TaskCanceledReason ?? '').toLowerCase();
        return this.tracker.leftBy(task, at, /ttl|timeout|timed out|expired/.test(why) ? 'flowout' : 'abandoned');
      }
      case 'workflow.timeout':
      case 'task-queue.timeout':
        if (task && type === 'workflow.timeout') this.tracker.leftBy(task, at, 'flowout');
        return;
      case 'task.transfer-initiated':
        if (task) this.tracker.update(task, { transferred: true });
        return;
      case 'worker.activity.update': {
        const name = worker;
        if (!name) return this.reject(where, `${type} without WorkerName`);
        const w = this.worker(name);
        w.activity = p.WorkerActivityName || w.activity;
        return this.say(name, at);
      }
      default:
        this.counts.ignored++;
    }
  }

  private worker(name: string) {
    let w = this.workers.get(name);
    if (!w) this.workers.set(name, (w = { activity: 'Available', tasks: new Map() }));
    return w;
  }

  private holds(name: string, task: string, what: 'talk' | 'wrap' | null, at: number, activity?: string): void {
    const w = this.worker(name);
    if (activity) w.activity = activity;
    if (what) w.tasks.set(task, what);
    else w.tasks.delete(task);
    this.say(name, at);
  }

  private say(name: string, at: number): void {
    const w = this.workers.get(name)!;
    if (w.tasks.size) {
      const talking = [...w.tasks.values()].includes('talk');
      return this.tracker.agent(name, at, talking ? 'On Task' : 'Wrap Up', 'handling');
    }
    const a = w.activity;
    const category: StateCategory = /^offline$/i.test(a) ? 'logged-out' : this.categories.state(a) ?? 'unproductive';
    this.tracker.agent(name, at, a, category);
  }
}
