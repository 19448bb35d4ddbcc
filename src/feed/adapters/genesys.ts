/**
 * Genesys Cloud, live (docs/stream.md "ACD adapters"): the Notifications API. The feed obtains a token with
 * the OAuth client credentials it holds, lists the queues (and their members), opens a notification channel,
 * subscribes it to each queue's conversations (`v2.routing.queues.{id}.conversations`) and each member's
 * presence and routing status (`v2.users.{id}?presence&routingStatus`), and reads the channel's WebSocket.
 *
 * Each conversation event is the whole conversation as it stands, read afresh every time:
 * - each `acd` participant is the call in a queue (the first is the conversation's id, a second queue adds
 *   "~2"): arrived at its `connectedTime`;
 * - an `agent` participant of that queue connected → answered by that user; its end (`endTime`, or its call's
 *   `disconnectedTime`) ends the call, answered, talk = end − connected; after-call work (`wrapup.durationSeconds`,
 *   `afterCallWork`, `startAcwTime`–`endAcwTime`) as wrap; a call the agent left by a transfer, transferred;
 * - the queue's participant ended and no agent took it: abandoned; a flow-out when the queue passed it on
 *   (`disconnectType` transfer or timeout) and no agent connected within 2 s.
 * - presence `OFFLINE` → logged out; on queue: routing status `IDLE` available, `INTERACTING` or `COMMUNICATING`
 *   handling, `NOT_RESPONDING` unproductive; off queue: the presence by name (Break, Meal, Meeting, Training …).
 *
 * The channel sends a heartbeat every 30 s and answers the feed's pings; the feed's heartbeats go on while it
 * does. Genesys replays nothing sent while the socket was closed: after a break the feed connects again (to the
 * same channel while it lives, else a new one) and asks the analytics API for the conversations of its queues
 * that started in the break (`POST /api/v2/analytics/conversations/details/query`) and for each it still holds
 * open (`GET /api/v2/analytics/conversations/{id}/details`), telling what happened meanwhile.
 */
import { HeardClock, type CallTracker } from './calls.js';
import type { StateCategory } from '../../engine/types.js';
import { Categories } from '../../engine/efficiency.js';
import { openWebSocket, type WsClient } from './websocket.js';

export interface GenesysOptions {
  clientId: string;
  clientSecret: string;
  /** The org's domain (mypurecloud.com, mypurecloud.ie, usw2.pure.cloud …): login.<domain> and api.<domain>. */
  region?: string;
  /** Or the two bases themselves (a proxy; the tests' simulator). */
  loginBase?: string;
  apiBase?: string;
  /** The queues to follow, by name (default: every queue the client may see). */
  queues?: string[];
  pingMs?: number;
  leaveMs?: number;
  log?: (s: string) => void;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Json => x !== null) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const when = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

export class GenesysError extends Error {}

/** A conversation's course in one queue, read from a snapshot or from the analytics details. */
interface Leg {
  queueId: string;
  arrived: number;
  left?: number;
  /** How the queue's participant ended: transfer, timeout, peer, endpoint … */
  leftBy?: string;
  agent?: { userId?: string; connected: number; ended?: number; wrap?: number; transferred?: boolean; hold?: number; wrapupRequired?: boolean };
  /** The conversation ended (its customer gone). */
  customerGone?: boolean;
}

/** The queue legs of a conversation event body (the notification's snapshot). */
export function legsOfSnapshot(body: Json): Leg[] {
  const ps = arr(body.participants);
  const acd = ps.filter((p) => str(p.purpose) === 'acd' && str(p.queueId)).sort((a, b) => (when(a.connectedTime) ?? 0) - (when(b.connectedTime) ?? 0));
  const agents = ps.filter((p) => str(p.purpose) === 'agent' || str(p.purpose) === 'user');
  const customer = ps.find((p) => str(p.purpose) === 'customer' || str(p.purpose) === 'external');
  const media = (p: Json) => [...arr(p.calls), ...arr(p.chats), ...arr(p.messages), ...arr(p.emails), ...arr(p.callbacks)][0] ?? {};
  const legs: Leg[] = [];
  for (const a of acd) {
    const m = media(a);
    const arrived = when(a.connectedTime) ?? when(m.connectedTime);
    if (arrived === undefined) continue;
    const left = when(a.endTime) ?? when(m.disconnectedTime);
    const leg: Leg = { queueId: str(a.queueId)!, arrived, left, leftBy: str(m.disconnectType) };
    // The agent of this queue who connected after the call queued (the first such).
    const g = agents
      .filter((p) => str(p.queueId) === leg.queueId && (when(p.connectedTime) ?? when(media(p).connectedTime) ?? -1) >= arrived)
      .sort((x, y) => (when(x.connectedTime) ?? 0) - (when(y.connectedTime) ?? 0))
      .find((p) => { const c = media(p); return when(c.connectedTime) !== undefined && ['connected', 'disconnected', 'terminated'].includes(str(c.state) ?? 'connected'); });
    if (g) {
      const c = media(g);
      const connected = when(c.connectedTime) ?? when(g.connectedTime)!;
      const ended = when(c.disconnectedTime) ?? when(g.endTime);
      const w = obj(g.wrapup);
      const acw = obj(c.afterCallWork);
      const wrapSec = Number(w?.durationSeconds);
      const acwStart = when(acw?.startTime) ?? when(g.startAcwTime);
      const acwEnd = when(acw?.endTime) ?? when(g.endAcwTime) ?? when(w?.endTime);
      const wrap = Number.isFinite(wrapSec) && w?.durationSeconds !== undefined ? wrapSec : acwStart !== undefined && acwEnd !== undefined ? (acwEnd - acwStart) / 1000 : undefined;
      leg.agent = { userId: str(g.userId), connected, ended, wrap, transferred: (str(c.disconnectType) ?? '').startsWith('transfer') || undefined, wrapupRequired: typeof g.wrapupRequired === 'boolean' ? g.wrapupRequired : undefined };
    }
    leg.customerGone = customer ? when(customer.endTime) !== undefined || ['disconnected', 'terminated'].includes(str(media(customer).state) ?? '') : undefined;
    legs.push(leg);
  }
  return legs;
}

/** The queue legs of an analytics conversation (`GET /api/v2/analytics/conversations/{id}/details`). */
export function legsOfDetails(body: Json): Leg[] {
  const ps = arr(body.participants);
  const segs = (p: Json): Json[] => arr(p.sessions).flatMap((s) => arr(s.segments));
  const legs: Leg[] = [];
  const acd = ps.filter((p) => str(p.purpose) === 'acd');
  const agents = ps.filter((p) => str(p.purpose) === 'agent' || str(p.purpose) === 'user');
  for (const a of acd) {
    for (const g of segs(a).filter((x) => str(x.queueId) && str(x.segmentType) === 'interact')) {
      const arrived = when(g.segmentStart);
      if (arrived === undefined) continue;
      legs.push({ queueId: str(g.queueId)!, arrived, left: when(g.segmentEnd), leftBy: str(g.disconnectType) });
    }
  }
  legs.sort((x, y) => x.arrived - y.arrived);
  for (const leg of legs) {
    for (const p of agents) {
      const ss = segs(p).filter((x) => (str(x.queueId) ?? leg.queueId) === leg.queueId);
      const talk = ss.filter((x) => ['interact', 'hold'].includes(str(x.segmentType) ?? '') && (when(x.segmentStart) ?? -1) >= leg.arrived);
      if (!talk.length) continue;
      const connected = Math.min(...talk.map((x) => when(x.segmentStart)!));
      const ends = talk.map((x) => when(x.segmentEnd));
      const ended = ends.every((e) => e !== undefined) ? Math.max(...(ends as number[])) : undefined;
      const wrapSeg = ss.find((x) => str(x.segmentType) === 'wrapup');
      const ws = when(wrapSeg?.segmentStart);
      const we = when(wrapSeg?.segmentEnd);
      const held = talk.filter((x) => str(x.segmentType) === 'hold').reduce((n, x) => n + ((when(x.segmentEnd) ?? 0) - (when(x.segmentStart) ?? 0)), 0);
      leg.agent = { userId: str(p.userId), connected, ended, wrap: ws !== undefined && we !== undefined ? (we - ws) / 1000 : undefined, transferred: talk.some((x) => (str(x.disconnectType) ?? '').startsWith('transfer')) || undefined, hold: held > 0 ? held / 1000 : undefined };
      break;
    }
  }
  const end = when(body.conversationEnd);
  for (const leg of legs) leg.customerGone = end !== undefined;
  return legs;
}

export class GenesysConversations {
  readonly counts = { events: 0, conversations: 0, agentEvents: 0, ignored: 0 };
  /** Queue names by id; user names by id. */
  readonly queueNames = new Map<string, string>();
  readonly userNames = new Map<string, string>();
  /** Conversations answered and ended whose after-call work is not told yet (a break may hide its end). */
  readonly awaitingWrap = new Set<string>();
  private readonly presence = new Map<string, string>();
  private readonly routing = new Map<string, string>();
  private readonly categories = new Categories();

  constructor(private readonly tracker: CallTracker, private readonly leaveMs = 2000) {}

  /** The tracker's id of a conversation's k-th queue leg. */
  static legId(conversationId: string, k: number): string {
    return k === 0 ? conversationId : `${conversationId}~${k + 1}`;
  }

  conversation(body: Json, fromDetails = false): void {
    const id = str(body.id) ?? str(body.conversationId);
    if (!id) { this.counts.ignored++; return; }
    this.counts.conversations++;
    const legs = fromDetails ? legsOfDetails(body) : legsOfSnapshot(body);
    legs.forEach((leg, k) => this.leg(GenesysConversations.legId(id, k), leg));
  }

  private leg(acdId: string, leg: Leg): void {
    const queue = this.queueNames.get(leg.queueId) ?? leg.queueId;
    this.tracker.join(acdId, leg.arrived, { queue });
    const g = leg.agent;
    if (g) {
      const agent = g.userId ? this.userNames.get(g.userId) ?? g.userId : undefined;
      this.tracker.answer(acdId, g.connected, { queue, agent, arrived: leg.arrived });
      if (g.ended !== undefined) {
        const conv = acdId.replace(/~\d+$/, '');
        if (g.wrap === undefined && g.wrapupRequired !== false) {
          this.awaitingWrap.add(conv);
          if (this.awaitingWrap.size > 20_000) for (const k of this.awaitingWrap) { this.awaitingWrap.delete(k); break; }
        } else this.awaitingWrap.delete(conv);
        const total = Math.max(0, (g.ended - g.connected) / 1000);
        const hold = g.hold !== undefined && g.hold <= total ? g.hold : undefined;
        this.tracker.end(acdId, g.ended, { queue, agent, arrived: leg.arrived, answered: g.connected, outcome: 'answered', talk: hold === undefined ? total : total - hold, ...(hold !== undefined ? { hold } : {}), ...(g.transferred ? { transferred: true } : {}), ...(g.wrap !== undefined ? { wrap: g.wrap } : {}) });
      }
      return;
    }
    if (leg.left === undefined) return; // still waiting
    const passedOn = leg.leftBy === 'transfer' || leg.leftBy === 'timeout' || (leg.leftBy ?? '').startsWith('transfer.');
    if (!passedOn) return this.tracker.end(acdId, leg.left, { queue, arrived: leg.arrived, outcome: 'abandoned' });
    // Passed on by the queue: to an agent whose leg a later event shows, or out of the queue (a flow-out).
    this.tracker.leftQueue(acdId, leg.left, { queue, arrived: leg.arrived }, this.leaveMs);
  }

  /** `v2.users.{id}.presence` or `.routingStatus`. */
  user(userId: string, kind: 'presence' | 'routingStatus', body: Json, at: number): void {
    this.counts.agentEvents++;
    if (kind === 'presence') {
      const sys = str(obj(body.presenceDefinition)?.systemPresence);
      if (sys) this.presence.set(userId, sys.toUpperCase().replace(/ /g, '_'));
    } else {
      const st = str(obj(body.routingStatus)?.status);
      if (st) this.routing.set(userId, st);
    }
    const t = when(obj(body.routingStatus)?.startTime) ?? when(body.modifiedDate) ?? at;
    const name = this.userNames.get(userId) ?? userId;
    const p = this.presence.get(userId);
    const r = this.routing.get(userId);
    let state: [string, StateCategory];
    if (p === 'OFFLINE') state = ['Offline', 'logged-out'];
    else if (p === 'ON_QUEUE' || (p === undefined && r !== undefined && r !== 'OFF_QUEUE')) {
      state = r === 'INTERACTING' || r === 'COMMUNICATING' ? ['Interacting', 'handling'] : r === 'NOT_RESPONDING' ? ['Not Responding', 'unproductive'] : ['On Queue', 'available'];
    } else if (p === undefined) return;
    else {
      const words = p.charAt(0) + p.slice(1).toLowerCase().replace(/_/g, ' ');
      // Available off queue takes no queue contacts: not "available" on a wallboard.
      state = p === 'AVAILABLE' ? ['Available (off queue)', 'unproductive'] : [words, this.categories.state(words) ?? 'unproductive'];
    }
    this.tracker.agent(name, t, state[0], state[1]);
  }
}

interface Channel { id: string; connectUri: string; expires: number; topics: string[]; ws: WsClient | null; open: boolean; lastHeard: number; wait: number; retry: ReturnType<typeof setTimeout> | null; broke: boolean }

export function startGenesys(opts: GenesysOptions, tracker: CallTracker) {
  const log = opts.log ?? (() => {});
  const loginBase = opts.loginBase ?? `https://login.${opts.region ?? 'mypurecloud.com'}`;
  const apiBase = opts.apiBase ?? `https://api.${opts.region ?? 'mypurecloud.com'}`;
  const pingMs = opts.pingMs ?? 20_000;
  const reader = new GenesysConversations(tracker, opts.leaveMs);
  const status = { tokens: 0, channels: 0, reconnects: 0, breaks: 0, recovered: 0, error: null as string | null };
  let token: { value: string; until: number } | null = null;
  /** A fetch whose failure to connect names the host (a wrong --region says which address it could not reach). */
  const reach = async (base: string, url: string, init: RequestInit): Promise<Response> => {
    try { return await fetch(url, init); } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new GenesysError(`cannot reach ${new URL(base).host} (${cause?.code ?? cause?.message ?? (e as Error).message}): is --region your org's domain?`);
    }
  };
  let closed = false;
  const channels: Channel[] = [];
  // The latest conversation or presence time heard, run on by this machine's clock; it never steps back.
  const clock = new HeardClock(tracker);

  const getToken = async (): Promise<string> => {
    if (token && Date.now() < token.until) return token.value;
    const res = await reach(loginBase, `${loginBase}/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${opts.clientId}:${opts.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.json().catch(() => ({}))) as Json;
    if (!res.ok || !str(body.access_token)) throw new GenesysError(`Genesys Cloud refused the client credentials (HTTP ${res.status}${str(body.error) ? `: ${body.error}${str(body.description) ? `, ${body.description}` : ''}` : ''})`);
    status.tokens++;
    const life = Number(body.expires_in);
    token = { value: str(body.access_token)!, until: Date.now() + (Number.isFinite(life) ? Math.max(60, life - 60) : 3600) * 1000 };
    return token.value;
  };
  const api = async (method: string, path: string, body?: unknown, again = true): Promise<Json> => {
    const res = await reach(apiBase, `${apiBase}${path}`, { method, headers: { Authorization: `Bearer ${await getToken()}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (res.status === 401 && again) { token = null; return api(method, path, body, false); }
    if (res.status === 429 && again) {
      const wait = Number(res.headers.get('retry-after'));
      await new Promise((r) => setTimeout(r, (Number.isFinite(wait) ? wait : 5) * 1000));
      return api(method, path, body, false);
    }
    if (!res.ok) throw new GenesysError(`${method} ${path}: HTTP ${res.status}`);
    return (await res.json().catch(() => ({}))) as Json;
  };
  const pages = async (path: string): Promise<Json[]> => {
    const out: Json[] = [];
    for (let page = 1; ; page++) {
      const r = await api('GET', `${path}${path.includes('?') ? '&' : '?'}pageSize=100&pageNumber=${page}`);
      out.push(...arr(r.entities));
      const count = Number(r.pageCount);
      if (!(Number.isFinite(count) && page < count)) break;
    }
    return out;
  };

  const onMessage = (ch: Channel, text: string) => {
    ch.lastHeard = Date.now();
    let m: Json;
    try { m = JSON.parse(text) as Json; } catch { return; }
    const topic = str(m.topicName);
    if (str(m.result) === '404') { log(`Genesys channel ${ch.id} is gone: a new one`); ch.expires = 0; ch.ws?.close(); return; }
    if (!topic || topic === 'channel.metadata') return;
    if (topic === 'v2.system.socket_closing') { log('Genesys closes this socket for maintenance: connecting again'); ch.ws?.close(); return; }
    const body = obj(m.eventBody);
    if (!body) return;
    reader.counts.events++;
    const q = /^v2\.routing\.queues\.([^.]+)\.conversations/.exec(topic);
    if (q) { reader.conversation(body); clock.heard(); return; }
    const u = /^v2\.users\.([^.?]+)\.(presence|routingStatus)$/.exec(topic);
    if (u) { reader.user(u[1], u[2] as 'presence' | 'routingStatus', body, clock.time()); clock.heard(); return; }
    reader.counts.ignored++;
  };

  /** The ACD time when the first socket broke (ms): the gap's conversations started after it. */
  let brokeAt: number | null = null;
  /** The conversations of the followed queues that started in the gap (their details, page by page). */
  const gap = async (from: number) => {
    const interval = `${new Date(from - 120_000).toISOString()}/${new Date(Math.max(from + 86_400_000, clock.time() + 300_000)).toISOString()}`;
    const predicates = [...reader.queueNames.keys()].map((value) => ({ dimension: 'queueId', value }));
    for (let page = 1; page <= 100; page++) {
      const r = await api('POST', '/api/v2/analytics/conversations/details/query', { interval, order: 'asc', orderBy: 'conversationStart', paging: { pageSize: 100, pageNumber: page }, segmentFilters: [{ type: 'or', predicates }] });
      const list = arr(r.conversations);
      for (const c of list) {
        const before = tracker.counts.steps;
        reader.conversation(c, true);
        status.recovered += tracker.counts.steps - before;
      }
      if (list.length < 100) break;
    }
  };
  /** After a break: what the analytics API says of every conversation still open here, and of the gap's. */
  let recovering: Promise<void> | null = null;
  const recover = async () => {
    // One at a time (two channels may break together); the next waits for this one.
    while (recovering) await recovering;
    recovering = recoverNow();
    try { await recovering; } finally { recovering = null; }
  };
  const recoverNow = async () => {
    const from = brokeAt;
    brokeAt = null;
    if (from !== null) {
      try { await gap(from); } catch (e) { log(`the conversations of the break: ${(e as Error).message}: calls that began and ended during it are missing`); }
    }
    // At most 250 conversations asked one by one (Genesys allows 300 requests a minute), the latest first;
    // older ones are left to the sweep.
    const ids = new Set([...tracker.inProgress().map((id) => id.replace(/~\d+$/, '')), ...reader.awaitingWrap].reverse().slice(0, 250));
    for (const id of ids) {
      try {
        const d = await api('GET', `/api/v2/analytics/conversations/${encodeURIComponent(id)}/details`);
        const before = tracker.counts.steps;
        reader.conversation({ ...d, conversationId: id }, true);
        status.recovered += tracker.counts.steps - before;
      } catch (e) {
        log(`conversation ${id}: ${(e as Error).message}: what happened to it during the break is not known`);
      }
    }
  };

  const newChannel = async (ch: Channel) => {
    const c = await api('POST', '/api/v2/notifications/channels');
    ch.id = str(c.id) ?? '';
    ch.connectUri = str(c.connectUri) ?? '';
    ch.expires = when(c.expires) ?? Date.now() + 86_400_000;
    status.channels++;
    await api('PUT', `/api/v2/notifications/channels/${encodeURIComponent(ch.id)}/subscriptions`, ch.topics.map((id) => ({ id })));
  };
  const connectChannel = (ch: Channel) => {
    if (closed) return;
    const go = async () => {
      try {
        if (!ch.connectUri || Date.now() > ch.expires - 60_000) await newChannel(ch);
      } catch (e) {
        status.error = (e as Error).message;
        log(status.error);
        ch.retry = setTimeout(() => connectChannel(ch), ch.wait);
        ch.wait = Math.min(30_000, ch.wait * 2);
        return;
      }
      const ws = openWebSocket(ch.connectUri, {
        open: () => {
          ch.open = true;
          ch.lastHeard = Date.now();
          ch.wait = 500;
          status.error = null;
          if (ch.broke) { ch.broke = false; status.breaks++; void recover(); }
        },
        message: (text) => onMessage(ch, text),
        closed: (why) => {
          if (ch.ws !== ws) return;
          ch.ws = null;
          ch.open = false;
          if (closed) return;
          ch.broke = true;
          if (brokeAt === null) brokeAt = clock.time();
          status.reconnects++;
          status.error = why;
          // A channel the server no longer knows (expired, or dropped as the 21st): a new one, its topics again.
          if (why.startsWith('the server refused')) ch.connectUri = '';
          log(`Genesys channel ${ch.id}: ${why}; connecting again`);
          ch.retry = setTimeout(() => connectChannel(ch), ch.wait);
          ch.wait = Math.min(30_000, ch.wait * 2);
        },
      });
      ch.ws = ws;
    };
    void go();
  };

  let pinger: ReturnType<typeof setInterval> | null = null;
  let renew: ReturnType<typeof setInterval> | null = null;
  const start = async () => {
    try {
      const all = await pages('/api/v2/routing/queues');
      const wanted = opts.queues?.length ? all.filter((q) => opts.queues!.includes(str(q.name) ?? '')) : all;
      if (opts.queues?.length) {
        const missing = opts.queues.filter((n) => !all.some((q) => str(q.name) === n));
        if (missing.length) log(`Genesys Cloud has no queue named ${missing.join(', ')} (or this client may not see it)`);
      }
      for (const q of wanted) if (str(q.id)) reader.queueNames.set(str(q.id)!, str(q.name) ?? str(q.id)!);
      const users = new Set<string>();
      for (const q of wanted) {
        for (const m of await pages(`/api/v2/routing/queues/${encodeURIComponent(str(q.id)!)}/members`)) {
          const id = str(m.id) ?? str(obj(m.user)?.id);
          if (!id) continue;
          users.add(id);
          reader.userNames.set(id, str(m.name) ?? str(obj(m.user)?.name) ?? id);
        }
      }
      const topics = [...[...reader.queueNames.keys()].map((id) => `v2.routing.queues.${id}.conversations`), ...[...users].map((id) => `v2.users.${id}?presence&routingStatus`)];
      // 1,000 topics a channel.
      for (let i = 0; i < topics.length; i += 1000) channels.push({ id: '', connectUri: '', expires: 0, topics: topics.slice(i, i + 1000), ws: null, open: false, lastHeard: 0, wait: 500, retry: null, broke: false });
      for (const ch of channels) connectChannel(ch);
      pinger = setInterval(() => {
        for (const ch of channels) {
          if (!ch.ws || !ch.open) continue;
          if (Date.now() - ch.lastHeard > 3 * pingMs) { ch.ws.close(); continue; }
          ch.ws.send(JSON.stringify({ message: 'ping' }));
        }
      }, pingMs);
      // A channel lives 24 h; subscribing again extends it.
      renew = setInterval(() => {
        for (const ch of channels) if (ch.id) void api('PUT', `/api/v2/notifications/channels/${encodeURIComponent(ch.id)}/subscriptions`, ch.topics.map((id) => ({ id }))).then((): void => { ch.expires = Date.now() + 86_400_000; }, (e) => log((e as Error).message));
      }, 12 * 3600_000);
    } catch (e) {
      status.error = (e as Error).message;
      log(status.error);
      if (!closed) setTimeout(() => void start(), 30_000);
    }
  };
  void start();

  return {
    alive: () => channels.length > 0 && channels.every((ch) => ch.open && Date.now() - ch.lastHeard < 2.5 * pingMs),
    streamTime: () => clock.time(),
    status: () => ({ source: 'genesys', ...status, connected: channels.length > 0 && channels.every((c) => c.open), queues: reader.queueNames.size, users: reader.userNames.size, events: reader.counts, calls: tracker.counts }),
    close: () => {
      closed = true;
      if (pinger) clearInterval(pinger);
      if (renew) clearInterval(renew);
      for (const ch of channels) { if (ch.retry) clearTimeout(ch.retry); ch.ws?.close(); }
    },
  };
}
