/**
 * Amazon Connect, live (docs/stream.md "ACD adapters"): its contact events (EventBridge, "Amazon Connect
 * Contact Event") and its agent event stream records (Kinesis), as JSON — one per line from a file followed as
 * it is written or from stdin, or posted to the feed server (`POST /connect`: one event, an array, lines, or a
 * Lambda's Kinesis batch `{ "Records": [{ "kinesis": { "data": base64 } }] }`).
 *
 * - A contact counts once it is queued in a standard queue (`queueInfo.enqueueTimestamp`): arrived then.
 * - `agentInfo.connectedToAgentTimestamp` → answered by that agent.
 * - `DISCONNECTED` → ended at `disconnectTimestamp`: answered when an agent took it (talk = disconnect −
 *   connected to agent, less `agentInitiatedHoldDuration` as hold); else abandoned, or a flow-out when the
 *   flow ended it (`disconnectReason: CONTACT_FLOW_DISCONNECT`); `COMPLETED` adds the after-contact work
 *   (`afterContactWorkDuration`) as wrap.
 * - A contact created from another (`previousContactId`): by a transfer (`TRANSFER`) the first is marked
 *   transferred; moved by a flow to another queue (`QUEUE_TRANSFER`) the first is a flow-out; a callback
 *   (`CALLBACK`) makes the first a callback. The new contact is offered to its own queue (a callback is the
 *   center calling out, not counted).
 * - Times before 2000 (Connect's "not yet") are none; keys are read in camelCase or PascalCase.
 * - Agent records: the agent's status (`CurrentAgentSnapshot.AgentStatus`): offline → logged out; a contact
 *   in progress or in after-contact work → handling; routable → available; a custom status by its name
 *   (Break, Lunch, Training …), unproductive when the name says nothing.
 *
 * EventBridge delivers at least once and in no set order: an event seen before (its `id`) is counted and
 * dropped, and a late event tells nothing new (the call tracker sends only what changed).
 */
import type { CallTracker } from './calls.js';
import type { StateCategory } from '../../engine/types.js';
import { Categories } from '../../engine/efficiency.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** An instant; Connect writes 1970-01-01T00:00:00.001Z for "not yet", so anything before 2000 is none. */
const when = (v: unknown): number | undefined => {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const t = typeof v === 'number' ? v : Date.parse(v);
  return Number.isFinite(t) && t >= Date.UTC(2000, 0, 1) ? t : undefined;
};
/** Contact events' keys are camelCase, but some of Connect's own samples write them PascalCase: read both. */
const camel = (v: unknown, depth = 0): unknown => {
  if (depth > 8) return v; // the fields read are at most three deep
  if (Array.isArray(v)) return v.map((x) => camel(x, depth + 1));
  const o = obj(v);
  if (!o) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) out[k.charAt(0).toLowerCase() + k.slice(1)] = camel(x, depth + 1);
  return out;
};
/** The last part of an ARN (a queue's or an agent's id), for names not told. */
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

export interface ConnectOptions {
  /** Queue names by ARN or id (from `aws connect list-queues`): contact events carry only the ARN. */
  queueNames?: Record<string, string>;
  /** Agent names by ARN or id: contact events carry only the ARN; agent records teach the user name. */
  agentNames?: Record<string, string>;
}

/** Reads Amazon Connect's events into the call tracker. */
export class ConnectEvents {
  readonly counts = { events: 0, contactEvents: 0, agentEvents: 0, duplicates: 0, ignored: 0, rejected: 0 };
  readonly rejections: { where: string; reason: string }[] = [];
  private readonly seen = new Set<string>();
  private readonly queueNames = new Map<string, string>();
  private readonly agentNames = new Map<string, string>();
  /** Contacts moved to another queue or transferred: a later "no agent" end is not an abandon. */
  private readonly movedOn = new Set<string>();
  private readonly categories = new Categories();

  constructor(private readonly tracker: CallTracker, opts: ConnectOptions = {}) {
    for (const [k, v] of Object.entries(opts.queueNames ?? {})) this.queueNames.set(idOf(k), v);
    for (const [k, v] of Object.entries(opts.agentNames ?? {})) this.agentNames.set(idOf(k), v);
  }

  reject(where: string, reason: string): void {
    this.counts.rejected++;
    if (this.rejections.length < 100) this.rejections.push({ where, reason });
  }

  /** One line (or one posted body): an event, an array of them, or a Kinesis batch. */
  text(text: string, where: string): void {
    const t = text.trim();
    if (!t) return;
    let v: unknown;
    try { v = JSON.parse(t); } catch { return this.reject(where, 'not JSON'); }
    this.value(v, where);
  }

  value(v: unknown, where: string, depth = 0): void {
    if (Array.isArray(v)) {
      // An array of events (or a batch in one): deeper nesting is no shape Connect sends.
      if (depth >= 2) return this.reject(where, 'arrays nested deeper than an array of events');
      v.forEach((x, i) => this.value(x, `${where}[${i}]`, depth + 1));
      return;
    }
    const o = obj(v);
    if (!o) return this.reject(where, 'not a JSON object');
    const records = o.Records;
    if (Array.isArray(records)) {
      records.forEach((r, i) => {
        const data = obj(obj(r)?.kinesis)?.data;
        if (typeof data !== 'string') return this.reject(`${where}.Records[${i}]`, 'a Kinesis record without kinesis.data');
        let decoded: unknown;
        try { decoded = JSON.parse(Buffer.from(data, 'base64').toString('utf8')); } catch { return this.reject(`${where}.Records[${i}]`, 'kinesis.data is not base64 JSON'); }
        this.value(decoded, `${where}.Records[${i}]`, 2);
      });
      return;
    }
    this.counts.events++;
    if (o['detail-type'] === 'Amazon Connect Contact Event' || (obj(o.detail) && str(obj(o.detail)!.eventType))) return this.contactEvent(o, where);
    if (str(o.AgentARN) && str(o.EventType)) return this.agentEvent(o, where);
    if (str(o.eventType) && str(o.contactId)) return this.contactEvent({ detail: o }, where);
    this.counts.ignored++;
  }

  private once(id: string | undefined): boolean {
    if (!id) return true;
    if (this.seen.has(id)) { this.counts.duplicates++; return false; }
    this.seen.add(id);
    if (this.seen.size > 200_000) for (const k of this.seen) { this.seen.delete(k); if (this.seen.size <= 100_000) break; }
    return true;
  }

  private queueName(arn: string): string {
    return this.queueNames.get(idOf(arn)) ?? idOf(arn);
  }

  private agentName(arn: string | undefined): string | undefined {
    return arn ? this.agentNames.get(idOf(arn)) ?? idOf(arn) : undefined;
  }

  private contactEvent(e: Json, where: string): void {
    const d = camel(obj(e.detail)) as Json;
    const id = str(d.contactId);
    const type = str(d.eventType);
    if (!id || !type) return this.reject(where, 'a contact event without detail.contactId or detail.eventType');
    const q = obj(d.queueInfo);
    const a = obj(d.agentInfo);
    // A delivery retried keeps its id; a copy Connect made itself has a new one, and the same contact, type and time.
    const moment = str(d.disconnectTimestamp) ?? str(a?.connectedToAgentTimestamp) ?? str(q?.enqueueTimestamp) ?? str(d.initiationTimestamp) ?? '';
    if (!this.once(str(e.id)) || !this.once(`${id}|${type}|${moment}|${str(a?.afterContactWorkEndTimestamp) ?? ''}`)) return;
    this.counts.contactEvents++;
    const queueArn = str(q?.queueArn);
    const queueType = str(q?.queueType);
    const enqueued = when(q?.enqueueTimestamp);
    const connected = when(a?.connectedToAgentTimestamp);
    const agent = this.agentName(str(a?.agentArn));
    const channel = str(d.channel)?.toLowerCase(); // VOICE (or "Voice" in a sample) → voice
    const method = str(d.initiationMethod);
    const previous = str(d.previousContactId);
    // A contact made from another: the first was transferred by its agent (TRANSFER), moved to another queue
    // by a flow (QUEUE_TRANSFER: a flow-out of the first queue), or left for a callback (CALLBACK).
    if (previous && (method === 'TRANSFER' || method === 'QUEUE_TRANSFER' || method === 'CALLBACK')) {
      this.movedOn.add(previous);
      const at = when(d.initiationTimestamp) ?? when(e.time) ?? this.tracker.latest;
      if (method === 'TRANSFER') this.tracker.update(previous, { transferred: true });
      else this.tracker.leftBy(previous, at, method === 'CALLBACK' ? 'callback' : 'flowout');
    }
    // A callback is the center calling back: outbound work, not a contact offered to a queue.
    if (method === 'CALLBACK') { this.counts.ignored++; return; }
    if (method === 'OUTBOUND' || (queueType !== undefined && queueType !== 'STANDARD')) { this.counts.ignored++; return; }
    if (!queueArn || enqueued === undefined) { this.counts.ignored++; return; } // not (yet) in a queue: not a queue contact
    const queue = this.queueName(queueArn);
    const base = { queue, channel };
    this.tracker.join(id, enqueued, base);
    if (connected !== undefined) this.tracker.answer(id, connected, { ...base, agent, arrived: enqueued });
    if (type === 'DISCONNECTED' || type === 'COMPLETED') {
      const ended = when(d.disconnectTimestamp);
      if (ended === undefined) return this.reject(where, `${type} without disconnectTimestamp`);
      const wrapSec = Number(a?.afterContactWorkDuration);
      if (connected !== undefined) {
        // Talk and hold from the connection to the end; the hold the agent started is told apart.
        const total = Math.max(0, (ended - connected) / 1000);
        const held = Number(a?.agentInitiatedHoldDuration);
        const hold = Number.isFinite(held) && held > 0 && held <= total ? held : undefined;
        this.tracker.end(id, ended, { ...base, agent, arrived: enqueued, answered: connected, outcome: 'answered', talk: hold === undefined ? total : total - hold, ...(hold === undefined ? {} : { hold }), ...(type === 'COMPLETED' && a?.afterContactWorkDuration !== undefined && Number.isFinite(wrapSec) ? { wrap: wrapSec } : {}) });
      } else if (!this.movedOn.has(id)) {
        // Reached no agent: abandoned, unless the flow ended it (a message, closed hours: a flow-out).
        this.tracker.end(id, ended, { ...base, arrived: enqueued, outcome: str(d.disconnectReason) === 'CONTACT_FLOW_DISCONNECT' ? 'flowout' : 'abandoned' });
      }
    }
  }

  private agentEvent(e: Json, where: string): void {
    if (!this.once(str(e.EventId))) return;
    this.counts.agentEvents++;
    const type = str(e.EventType)!;
    if (type === 'HEART_BEAT' && !obj(e.CurrentAgentSnapshot)) return;
    const snap = obj(e.CurrentAgentSnapshot);
    const at = when(e.EventTimestamp);
    if (at === undefined) return this.reject(where, 'an agent event without EventTimestamp');
    const conf = obj(snap?.Configuration);
    const user = str(conf?.Username);
    const arn = str(e.AgentARN)!;
    if (user) this.agentNames.set(idOf(arn), user);
    const rp = obj(conf?.RoutingProfile);
    for (const q of Array.isArray(rp?.InboundQueues) ? rp!.InboundQueues as unknown[] : []) {
      const qa = str(obj(q)?.ARN);
      const qn = str(obj(q)?.Name);
      if (qa && qn && !this.queueNames.has(idOf(qa))) this.queueNames.set(idOf(qa), qn);
    }
    const name = this.agentName(arn)!;
    if (type === 'LOGOUT') return this.tracker.agent(name, at, 'Offline', 'logged-out');
    const status = obj(snap?.AgentStatus);
    const statusName = str(status?.Name) ?? 'Available';
    const statusType = str(status?.Type);
    const contacts = Array.isArray(snap?.Contacts) ? (snap!.Contacts as unknown[]).map(obj).filter((c): c is Json => c !== null) : [];
    const busy = contacts.find((c) => ['INCOMING', 'PENDING', 'CONNECTING', 'CONNECTED', 'CONNECTED_ONHOLD'].includes(str(c.State) ?? ''));
    const wrapping = contacts.find((c) => str(c.State) === 'ENDED');
    let state: [string, StateCategory];
    if (statusType === 'OFFLINE') state = [statusName, 'logged-out'];
    else if (busy) state = [str(busy.State) === 'CONNECTED_ONHOLD' ? 'On Hold' : str(busy.State) === 'CONNECTED' ? 'On Contact' : 'Incoming', 'handling'];
    else if (wrapping) state = ['After Contact Work', 'handling'];
    else if (statusType === 'ROUTABLE') state = [statusName, 'available'];
    else state = [statusName, this.categories.state(statusName) ?? 'unproductive'];
    this.tracker.agent(name, at, state[0], state[1]);
  }
}
