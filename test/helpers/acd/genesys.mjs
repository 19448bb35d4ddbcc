// A Genesys Cloud simulator for the adapter tests: the OAuth token endpoint (client credentials, Basic auth),
// the routing API (queues and their members, paged), the Notifications API (a channel, its subscriptions, its
// WebSocket: topic messages in Genesys' envelope, a heartbeat, an answer to {"message":"ping"}) and the
// analytics conversation details — replaying a session of calls as queue conversation snapshots and users'
// presence and routing status. Like Genesys, it replays nothing sent while a socket was closed.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const iso = (ms) => new Date(ms).toISOString();
const uuid = (n, kind) => `${kind.toString(16).padStart(8, '0')}-${((n >>> 16) & 0xffff).toString(16).padStart(4, '0')}-4${(n & 0xfff).toString(16).padStart(3, '0')}-9000-${n.toString(16).padStart(12, '0')}`;
const hashOf = (s) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
export const queueId = (name) => uuid(hashOf(name), 0x9a);
export const userId = (name) => uuid(hashOf(name), 0x5e);

/** Calls as Genesys knows them: voice, talk = agent disconnected − connected (hold inside), wrap in whole seconds. */
export function genesysCalls(contacts) {
  return contacts
    .filter((c) => c.channel === 'voice')
    .map((c, i) => {
      const answered = c.outcome === 'answered' && c.answered !== undefined ? c.answered : undefined;
      const ended = answered !== undefined ? answered + Math.round(((c.talk ?? 0) + (c.hold ?? 0)) * 1000) : c.ended ?? c.arrived + (c.wait ?? 0) * 1000;
      return {
        id: uuid(i + 1, 0xc0c0), queue: c.queue, agent: answered !== undefined ? c.agent : undefined, customer: c.customer,
        arrived: c.arrived, answered, ended: Math.max(ended, c.arrived), talk: answered !== undefined ? (ended - answered) / 1000 : undefined,
        wrap: answered !== undefined ? Math.round(c.wrap ?? 0) : undefined,
        outcome: c.outcome === 'answered' ? 'answered' : c.outcome === 'abandoned' ? 'abandoned' : 'flowout',
        transferred: answered !== undefined && c.transferred === true,
      };
    });
}

export function callsCsv(calls) {
  return ['id,queue,channel,agent,arrived,answered,ended,outcome,talk,wrap,transferred',
    ...calls.map((c) => [c.id, c.queue, 'voice', c.agent ?? '', iso(c.arrived), c.answered === undefined ? '' : iso(c.answered), iso(c.ended), c.outcome, c.talk ?? '', c.wrap ?? '', c.transferred ? 'Y' : 'N'].join(','))].join('\n') + '\n';
}

/** A call's conversation as it stands at `t` (the notification's snapshot). */
function snapshot(c, t) {
  const customer = { id: `${c.id}-c`, purpose: 'customer', address: `tel:${c.customer ?? '+15550000'}`, connectedTime: iso(c.arrived - 15_000), calls: [{ id: `${c.id}-cc`, state: 'connected', direction: 'inbound', connectedTime: iso(c.arrived - 15_000) }] };
  const acd = { id: `${c.id}-q`, purpose: 'acd', name: c.queue, queueId: queueId(c.queue), connectedTime: iso(c.arrived), calls: [{ id: `${c.id}-qc`, state: 'connected', direction: 'inbound', connectedTime: iso(c.arrived) }] };
  const ps = [customer, acd];
  const left = c.outcome === 'answered' ? c.answered : c.ended;
  if (t >= left) {
    acd.endTime = iso(left);
    Object.assign(acd.calls[0], { state: 'disconnected', disconnectedTime: iso(left), disconnectType: c.outcome === 'abandoned' ? 'peer' : 'transfer' });
  }
  if (c.outcome === 'answered' && t >= c.answered) {
    const agent = { id: `${c.id}-a`, purpose: 'agent', userId: userId(c.agent), name: c.agent, queueId: queueId(c.queue), connectedTime: iso(c.answered), wrapupRequired: true, calls: [{ id: `${c.id}-ac`, state: 'connected', direction: 'inbound', held: false, connectedTime: iso(c.answered) }] };
    if (t >= c.ended) {
      agent.endTime = iso(c.ended);
      agent.startAcwTime = iso(c.ended);
      Object.assign(agent.calls[0], { state: 'disconnected', disconnectedTime: iso(c.ended), disconnectType: c.transferred ? 'transfer' : 'client', afterCallWorkRequired: true, afterCallWork: { state: 'pending', startTime: iso(c.ended) } });
    }
    if (t >= c.ended + c.wrap * 1000) {
      const end = c.ended + c.wrap * 1000;
      agent.endAcwTime = iso(end);
      agent.wrapup = { code: 'b3e0c2d1-5f4a-4e6b-8c7d-9a0b1c2d3e4f', durationSeconds: c.wrap, endTime: iso(end) };
      agent.calls[0].afterCallWork = { state: 'complete', startTime: iso(c.ended), endTime: iso(end) };
    }
    ps.push(agent);
  }
  if (c.outcome === 'flowout' && t >= c.ended) ps.push({ id: `${c.id}-v`, purpose: 'voicemail', connectedTime: iso(c.ended), calls: [{ id: `${c.id}-vc`, state: 'connected', connectedTime: iso(c.ended) }] });
  if (t >= c.ended && c.outcome !== 'flowout') {
    customer.endTime = iso(c.ended);
    Object.assign(customer.calls[0], { state: 'disconnected', disconnectedTime: iso(c.ended), disconnectType: c.outcome === 'abandoned' ? 'endpoint' : 'peer' });
  }
  return { id: c.id, participants: ps };
}

/** The analytics details of a call as far as it went by `t`: participants, sessions, segments. */
function details(c, t) {
  const seg = (type, start, end, extra = {}) => ({ segmentStart: iso(start), ...(end !== undefined && end <= t ? { segmentEnd: iso(end) } : {}), segmentType: type, ...extra });
  const left = c.outcome === 'answered' ? c.answered : c.ended;
  const acd = { participantId: `${c.id}-q`, purpose: 'acd', participantName: c.queue, sessions: [{ mediaType: 'voice', segments: [seg('interact', c.arrived, left, { queueId: queueId(c.queue), ...(left <= t ? { disconnectType: c.outcome === 'abandoned' ? 'peer' : 'transfer' } : {}) })] }] };
  const ps = [{ participantId: `${c.id}-c`, purpose: 'customer', sessions: [{ mediaType: 'voice', segments: [seg('interact', c.arrived - 15_000, c.ended)] }] }, acd];
  if (c.outcome === 'answered' && t >= c.answered) {
    const segments = [seg('interact', c.answered, c.ended, { queueId: queueId(c.queue), ...(c.ended <= t ? { disconnectType: c.transferred ? 'transfer' : 'client' } : {}) })];
    if (t >= c.ended) segments.push(seg('wrapup', c.ended, c.ended + c.wrap * 1000, { queueId: queueId(c.queue) }));
    ps.push({ participantId: `${c.id}-a`, purpose: 'agent', userId: userId(c.agent), participantName: c.agent, sessions: [{ mediaType: 'voice', segments }] });
  }
  const end = c.ended + (c.wrap ?? 0) * 1000;
  return { conversationId: c.id, conversationStart: iso(c.arrived - 15_000), ...(end <= t ? { conversationEnd: iso(end) } : {}), participants: ps };
}

/** Every notification of the session in time order: { t, topic, body, call? }. */
export function genesysSession(calls) {
  const out = [];
  let order = 0;
  const at = (t, topic, body, call) => out.push({ t, order: order++, topic, body, call });
  for (const c of calls) {
    const topic = `v2.routing.queues.${queueId(c.queue)}.conversations`;
    const moments = [c.arrived, ...(c.outcome === 'answered' ? [c.answered, c.ended, c.ended + c.wrap * 1000] : [c.ended])];
    for (const m of moments) at(m, topic, null, c);
  }
  const byAgent = new Map();
  for (const c of calls) if (c.agent) { if (!byAgent.has(c.agent)) byAgent.set(c.agent, []); byAgent.get(c.agent).push(c); }
  let k = 0;
  for (const [a, list] of byAgent) {
    k++;
    const u = userId(a);
    const presence = (t, sys) => at(t, `v2.users.${u}.presence`, { source: 'PURECLOUD', presenceDefinition: { id: `pd-${sys}`, systemPresence: sys }, primary: true, message: '', modifiedDate: iso(t) });
    const routing = (t, st) => at(t, `v2.users.${u}.routingStatus`, { id: u, routingStatus: { status: st, startTime: iso(t) } });
    list.sort((x, y) => x.answered - y.answered);
    presence(list[0].answered - 120_000, 'ON_QUEUE');
    routing(list[0].answered - 120_000, 'IDLE');
    for (const c of list) { routing(c.answered, 'INTERACTING'); routing(c.ended + c.wrap * 1000, 'IDLE'); }
    let gap = null;
    for (let i = 1; i < list.length; i++) { const g = { from: list[i - 1].ended + list[i - 1].wrap * 1000, to: list[i].answered }; if (!gap || g.to - g.from > gap.to - gap.from) gap = g; }
    if (k % 3 === 0 && gap && gap.to - gap.from > 600_000) {
      presence(gap.from + 60_000, 'BREAK'); routing(gap.from + 60_000, 'OFF_QUEUE');
      presence(gap.to - 60_000, 'ON_QUEUE'); routing(gap.to - 60_000, 'IDLE');
    }
    const last = Math.max(...list.map((c) => c.ended + c.wrap * 1000)) + 120_000;
    presence(last, 'OFFLINE'); routing(last, 'OFF_QUEUE');
  }
  out.sort((x, y) => x.t - y.t || x.order - y.order);
  return out;
}

const wsFrame = (text) => {
  const p = Buffer.from(text);
  const n = p.length;
  const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255]) : (() => { const b = Buffer.alloc(10); b[0] = 0x81; b[1] = 127; b.writeBigUInt64BE(BigInt(n), 2); return b; })();
  return Buffer.concat([head, p]);
};

export async function startGenesys({ calls, rate = 5000, clientId = 'wallboard-client', clientSecret = 's3cret', heartbeatMs = 30_000, autostart = true }) {
  const session = genesysSession(calls);
  const queues = [...new Set(calls.map((c) => c.queue))].sort().map((name) => ({ id: queueId(name), name }));
  const members = new Map(queues.map((q) => [q.id, [...new Set(calls.filter((c) => c.queue === q.name && c.agent).map((c) => c.agent))].sort()]));
  const tokens = new Set();
  const channels = new Map(); // id → { topics: Set, sockets: Set }
  const counts = { tokens: 0, channels: 0, details: 0, sent: 0 };
  let next = 0;
  let paused = !autostart;
  let stopAt = Infinity;
  let clock = session.length ? session[0].t : Date.now();
  let finish;
  const done = new Promise((r) => (finish = r));
  let port = 0;

  const subscribed = (topics, topic) => {
    if (topics.has(topic)) return true;
    const u = /^v2\.users\.([^.]+)\.(presence|routingStatus)$/.exec(topic);
    return !!u && [...topics].some((t) => t.startsWith(`v2.users.${u[1]}?`) && t.includes(u[2]));
  };
  const step = () => {
    if (paused) return;
    const n = Math.max(1, Math.round(rate / 100));
    for (let i = 0; i < n && next < Math.min(session.length, stopAt); i++, next++) {
      const s = session[next];
      clock = Math.max(clock, s.t);
      const body = s.call ? snapshot(s.call, s.t) : s.body;
      const text = JSON.stringify({ topicName: s.topic, version: '2', eventBody: body, metadata: { CorrelationId: `corr-${next}` } });
      for (const ch of channels.values()) if (subscribed(ch.topics, s.topic)) for (const sock of ch.sockets) { sock.write(wsFrame(text)); counts.sent++; }
    }
    if (next >= stopAt) paused = true;
    if (next >= session.length) finish();
  };
  const ticker = setInterval(step, 10);
  const beat = setInterval(() => {
    for (const ch of channels.values()) for (const sock of ch.sockets) sock.write(wsFrame(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } })));
  }, heartbeatMs);

  const json = (res, status, body) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
  const paged = (res, url, list) => {
    const size = Number(url.searchParams.get('pageSize') ?? 25);
    const page = Number(url.searchParams.get('pageNumber') ?? 1);
    json(res, 200, { entities: list.slice((page - 1) * size, page * size), pageSize: size, pageNumber: page, total: list.length, pageCount: Math.max(1, Math.ceil(list.length / size)) });
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (url.pathname === '/oauth/token' && req.method === 'POST') {
        const ok = req.headers.authorization === `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` && new URLSearchParams(body).get('grant_type') === 'client_credentials';
        if (!ok) return json(res, 401, { error: 'invalid_client', description: 'authentication failed', error_description: 'authentication failed' });
        const t = `tok-${++counts.tokens}`;
        tokens.add(t);
        return json(res, 200, { access_token: t, token_type: 'bearer', expires_in: 86399 });
      }
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!auth || !tokens.has(auth)) return json(res, 401, { message: 'Invalid login credentials.', code: 'bad.credentials', status: 401 });
      let m;
      if (url.pathname === '/api/v2/routing/queues' && req.method === 'GET') return paged(res, url, queues);
      if ((m = /^\/api\/v2\/routing\/queues\/([^/]+)\/members$/.exec(url.pathname))) return paged(res, url, (members.get(m[1]) ?? []).map((a) => ({ id: userId(a), name: a, user: { id: userId(a), name: a }, joined: true, memberBy: 'user' })));
      if (url.pathname === '/api/v2/notifications/channels' && req.method === 'POST') {
        const id = `streaming-0-${(++counts.channels).toString(36)}x${Date.now().toString(36)}`;
        channels.set(id, { topics: new Set(), sockets: new Set() });
        return json(res, 200, { connectUri: `ws://127.0.0.1:${port}/channels/${id}`, id, expires: iso(Date.now() + 86_400_000) });
      }
      if ((m = /^\/api\/v2\/notifications\/channels\/([^/]+)\/subscriptions$/.exec(url.pathname)) && req.method === 'PUT') {
        const ch = channels.get(decodeURIComponent(m[1]));
        if (!ch) return json(res, 404, { message: 'channel not found', status: 404 });
        const topics = JSON.parse(body || '[]');
        if (topics.length > 1000) return json(res, 400, { message: 'too many topics', status: 400 });
        ch.topics = new Set(topics.map((x) => x.id));
        return json(res, 200, { entities: topics });
      }
      if (url.pathname === '/api/v2/analytics/conversations/details/query' && req.method === 'POST') {
        counts.queries = (counts.queries ?? 0) + 1;
        const q = JSON.parse(body || '{}');
        const [a, b] = String(q.interval ?? '').split('/').map((x) => Date.parse(x));
        if (!Number.isFinite(a) || !Number.isFinite(b)) return json(res, 400, { message: 'interval: start/end', status: 400 });
        const ids = new Set((q.segmentFilters ?? []).flatMap((f) => f.predicates ?? []).filter((p) => p.dimension === 'queueId').map((p) => p.value));
        const size = q.paging?.pageSize ?? 25;
        const page = q.paging?.pageNumber ?? 1;
        const hits = calls.filter((c) => c.arrived - 15_000 >= a && c.arrived - 15_000 < b && c.arrived <= clock && (ids.size === 0 || ids.has(queueId(c.queue)))).sort((x, y) => x.arrived - y.arrived);
        return json(res, 200, { conversations: hits.slice((page - 1) * size, page * size).map((c) => details(c, clock)), totalHits: hits.length });
      }
      if ((m = /^\/api\/v2\/analytics\/conversations\/([^/]+)\/details$/.exec(url.pathname))) {
        counts.details++;
        const c = calls.find((x) => x.id === decodeURIComponent(m[1]));
        if (!c || c.arrived > clock) return json(res, 404, { message: 'conversation not found', status: 404 });
        return json(res, 200, details(c, clock));
      }
      json(res, 404, { message: 'not here', status: 404 });
    });
  });
  server.on('upgrade', (req, socket) => {
    const m = /^\/channels\/(.+)$/.exec(new URL(req.url, 'http://x').pathname);
    const ch = m && channels.get(m[1]);
    const key = req.headers['sec-websocket-key'];
    if (!ch || typeof key !== 'string') { socket.end('HTTP/1.1 404 Not Found\r\n\r\n'); return; }
    const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    // One socket per channel: a second one cuts the first, as Genesys does.
    for (const s of ch.sockets) s.destroy();
    ch.sockets.clear();
    ch.sockets.add(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 6) {
        const op = buf[0] & 0x0f;
        let n = buf[1] & 0x7f;
        let at = 2;
        if (n === 126) { n = buf.readUInt16BE(2); at = 4; }
        if (buf.length < at + 4 + n) return;
        const mask = buf.subarray(at, at + 4);
        const p = Buffer.from(buf.subarray(at + 4, at + 4 + n).map((b, i) => b ^ mask[i & 3]));
        buf = buf.subarray(at + 4 + n);
        if (op === 8) { socket.end(); return; }
        if (op === 1) {
          try { if (JSON.parse(p.toString()).message === 'ping') socket.write(wsFrame(JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: 'pong' } }))); } catch { /* not JSON */ }
        }
      }
    });
    const bye = () => ch.sockets.delete(socket);
    socket.on('close', bye);
    socket.on('error', bye);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  port = server.address().port;
  return {
    base: `http://127.0.0.1:${port}`,
    clientId, clientSecret,
    session, counts, done,
    sent: () => next,
    clock: () => clock,
    channels: () => channels,
    pause: () => { paused = true; },
    resume: () => { stopAt = Infinity; paused = false; },
    until: (n) => new Promise((resolve) => { stopAt = n; paused = false; const t = setInterval(() => { if (next >= Math.min(n, session.length)) { clearInterval(t); resolve(); } }, 2); }),
    /** Every socket cut (Genesys goes on; nothing is replayed). */
    drop: () => { for (const ch of channels.values()) { for (const s of ch.sockets) s.destroy(); ch.sockets.clear(); } },
    /** The channels forgotten (expired): a socket to them is refused. */
    expire: () => { for (const ch of channels.values()) for (const s of ch.sockets) s.destroy(); channels.clear(); },
    stop: () => new Promise((resolve) => { clearInterval(ticker); clearInterval(beat); for (const ch of channels.values()) for (const s of ch.sockets) s.destroy(); server.close(() => resolve()); server.closeAllConnections?.(); }),
  };
}
