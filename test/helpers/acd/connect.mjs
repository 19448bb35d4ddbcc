// An Amazon Connect simulator for the adapter tests: a session of contacts told as Connect tells them — contact
// events in EventBridge's envelope ("Amazon Connect Contact Event": INITIATED, QUEUED, CONNECTED_TO_AGENT,
// DISCONNECTED, COMPLETED) and agent event stream records (LOGIN, STATE_CHANGE, LOGOUT) — delivered the way
// EventBridge and Kinesis deliver: at least once (some twice) and not always in order.
import { mulberry32 } from '../seeded.mjs';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/5f1c2d3e-0000-4000-8000-000000000001';
const iso = (ms) => new Date(ms).toISOString();
const hex = (n, w) => n.toString(16).padStart(w, '0');
const uuid = (n, kind) => `${hex(kind, 8)}-${hex((n >>> 16) & 0xffff, 4)}-4${hex(n & 0xfff, 3)}-8000-${hex(n, 12)}`;
export const queueArn = (name) => `${INSTANCE}/queue/${uuid([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7), 0xa1)}`;
const agentArn = (name) => `${INSTANCE}/agent/${uuid([...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 11), 0xb2)}`;

/**
 * The contacts as Connect knows them: voice and chat, whole milliseconds; talk is disconnect − connected to
 * agent (hold inside it), wrap is the after-contact work; callbacks and voicemail are contacts the flow ended
 * in queue (flowout). `id` becomes a contactId.
 */
export function connectContacts(contacts) {
  return contacts
    .filter((c) => c.channel === 'voice' || c.channel === 'chat')
    .map((c, i) => {
      const answered = c.outcome === 'answered' && c.answered !== undefined ? c.answered : undefined;
      const ended = answered !== undefined ? answered + Math.round(((c.talk ?? 0) + (c.hold ?? 0)) * 1000) : c.ended ?? c.arrived + (c.wait ?? 0) * 1000;
      return {
        id: uuid(i + 1, 0xc0), queue: c.queue, channel: c.channel, agent: answered !== undefined ? c.agent : undefined,
        arrived: c.arrived, answered, ended: Math.max(ended, c.arrived),
        talk: answered !== undefined ? (ended - answered) / 1000 : undefined, wrap: answered !== undefined ? Math.round(c.wrap ?? 0) : undefined,
        outcome: c.outcome === 'answered' ? 'answered' : c.outcome === 'abandoned' ? 'abandoned' : 'flowout',
        transferred: answered !== undefined && c.transferred === true,
      };
    });
}

export function contactsCsv(calls) {
  return ['id,queue,channel,agent,arrived,answered,ended,outcome,talk,wrap,transferred',
    ...calls.map((c) => [c.id, c.queue, c.channel, c.agent ?? '', iso(c.arrived), c.answered === undefined ? '' : iso(c.answered), iso(c.ended), c.outcome, c.talk ?? '', c.wrap ?? '', c.transferred ? 'Y' : 'N'].join(','))].join('\n') + '\n';
}

/** The queue names by ARN, as `aws connect list-queues` gives them (for --queue-names). */
export function queueNamesOf(calls) {
  return Object.fromEntries([...new Set(calls.map((c) => c.queue))].map((q) => [queueArn(q), q]));
}

/** Every event of the session in time order: `{ t, kind: 'contact' | 'agent', body }`. */
export function connectSession(calls) {
  const out = [];
  let order = 0;
  let eventNo = 0;
  const at = (t, kind, body) => out.push({ t, order: order++, kind, body });
  const contactEvent = (t, c, eventType, extra = {}) => at(t, 'contact', {
    version: '0', id: uuid(++eventNo, 0xe0), 'detail-type': 'Amazon Connect Contact Event', source: 'aws.connect', account: '111122223333',
    time: iso(t).replace(/\.\d{3}Z$/, 'Z'), region: 'us-east-1', resources: [`${INSTANCE}/contact/${c.id}`, INSTANCE],
    detail: { eventType, contactId: c.id, initialContactId: c.id, channel: c.channel.toUpperCase(), instanceArn: INSTANCE, initiationMethod: 'INBOUND', initiationTimestamp: iso(c.arrived - 20_000), ...extra },
  });
  const byAgent = new Map();
  for (const c of calls) if (c.agent) {
    let a = byAgent.get(c.agent);
    if (!a) byAgent.set(c.agent, (a = { calls: [], queues: new Set() }));
    a.calls.push(c);
    a.queues.add(c.queue);
  }
  for (const c of calls) {
    const q = { queueArn: queueArn(c.queue), queueType: 'STANDARD', enqueueTimestamp: iso(c.arrived) };
    contactEvent(c.arrived - 20_000, c, 'INITIATED');
    contactEvent(c.arrived, c, 'QUEUED', { queueInfo: q });
    if (c.outcome === 'answered') {
      const agent = { agentArn: agentArn(c.agent), connectedToAgentTimestamp: iso(c.answered) };
      contactEvent(c.answered, c, 'CONNECTED_TO_AGENT', { queueInfo: q, agentInfo: agent });
      contactEvent(c.ended, c, 'DISCONNECTED', { queueInfo: q, agentInfo: agent, disconnectTimestamp: iso(c.ended), disconnectReason: c.transferred ? 'AGENT_DISCONNECT' : 'CUSTOMER_DISCONNECT' });
      contactEvent(c.ended + c.wrap * 1000, c, 'COMPLETED', { queueInfo: q, agentInfo: { ...agent, afterContactWorkStartTimestamp: iso(c.ended), afterContactWorkEndTimestamp: iso(c.ended + c.wrap * 1000), afterContactWorkDuration: c.wrap }, disconnectTimestamp: iso(c.ended), disconnectReason: 'CUSTOMER_DISCONNECT' });
      if (c.transferred) {
        // The agent transferred the caller to an outside number: a new contact made from this one, never queued.
        const t = { ...c, id: `${c.id.slice(0, -4)}ffff` };
        contactEvent(c.ended - 1000, t, 'INITIATED', { initiationMethod: 'TRANSFER', previousContactId: c.id, initiationTimestamp: iso(c.ended - 1000) });
        contactEvent(c.ended + 60_000, t, 'DISCONNECTED', { initiationMethod: 'TRANSFER', previousContactId: c.id, initiationTimestamp: iso(c.ended - 1000), disconnectTimestamp: iso(c.ended + 60_000), disconnectReason: 'THIRD_PARTY_DISCONNECT' });
      }
    } else {
      const reason = c.outcome === 'abandoned' ? 'CUSTOMER_DISCONNECT' : 'CONTACT_FLOW_DISCONNECT';
      contactEvent(c.ended, c, 'DISCONNECTED', { queueInfo: q, disconnectTimestamp: iso(c.ended), disconnectReason: reason });
      contactEvent(c.ended, c, 'COMPLETED', { queueInfo: q, disconnectTimestamp: iso(c.ended), disconnectReason: reason });
    }
  }
  // Agent records: logged in two minutes before the first contact, on a contact, in after-contact work, back
  // available, every third on a break in its longest pause, logged out after the last.
  let n = 0;
  for (const [name, a] of byAgent) {
    n++;
    a.calls.sort((x, y) => x.answered - y.answered);
    const arn = agentArn(name);
    const profile = { Name: 'Front line', ARN: `${INSTANCE}/routing-profile/rp1`, InboundQueues: [...a.queues].map((q) => ({ ARN: queueArn(q), Name: q, Channels: ['VOICE', 'CHAT'] })) };
    const snap = (t, status, contacts = []) => ({ AgentStatus: { ARN: `${INSTANCE}/agent-state/${status.Name}`, Name: status.Name, StartTimestamp: iso(t), Type: status.Type }, Configuration: { Username: name, FirstName: name, LastName: 'Agent', AgentHierarchyGroups: null, RoutingProfile: profile }, Contacts: contacts });
    let prev = null;
    const record = (t, type, status, contacts) => {
      const cur = snap(t, status, contacts);
      at(t, 'agent', { AgentARN: arn, CurrentAgentSnapshot: cur, EventId: uuid(++eventNo, 0xa9), EventTimestamp: iso(t), EventType: type, InstanceARN: INSTANCE, PreviousAgentSnapshot: prev, Version: '2019-05-25' });
      prev = cur;
    };
    const available = { Name: 'Available', Type: 'ROUTABLE' };
    const contact = (c, state) => ({ ContactId: c.id, Channel: c.channel.toUpperCase(), InitiationMethod: 'INBOUND', State: state, StateStartTimestamp: iso(state === 'ENDED' ? c.ended : c.answered), ConnectedToAgentTimestamp: iso(c.answered), QueueTimestamp: iso(c.arrived), Queue: { ARN: queueArn(c.queue), Name: c.queue } });
    record(a.calls[0].answered - 120_000, 'LOGIN', available, []);
    let gap = null;
    for (let i = 1; i < a.calls.length; i++) { const g = { from: a.calls[i - 1].ended + a.calls[i - 1].wrap * 1000, to: a.calls[i].answered }; if (!gap || g.to - g.from > gap.to - gap.from) gap = g; }
    for (const c of a.calls) {
      record(c.answered, 'STATE_CHANGE', available, [contact(c, 'CONNECTED')]);
      record(c.ended, 'STATE_CHANGE', available, [contact(c, 'ENDED')]);
      record(c.ended + c.wrap * 1000, 'STATE_CHANGE', available, []);
    }
    if (n % 3 === 0 && gap && gap.to - gap.from > 600_000) {
      record(gap.from + 60_000, 'STATE_CHANGE', { Name: 'Break', Type: 'CUSTOM' }, []);
      record(gap.to - 60_000, 'STATE_CHANGE', available, []);
    }
    const last = Math.max(...a.calls.map((c) => c.ended + c.wrap * 1000));
    record(last + 120_000, 'LOGOUT', { Name: 'Offline', Type: 'OFFLINE' }, []);
  }
  out.sort((x, y) => x.t - y.t || x.order - y.order);
  return out;
}

/**
 * The session as delivered: each event once, 3 % twice (the copy a little later), and one in 20 swapped with
 * its neighbour (seeded). Agent records are what a Kinesis consumer reads; a Lambda gets them base64 in a batch.
 */
export function delivered(session, seed = 7) {
  const rnd = mulberry32(seed);
  const out = session.map((s) => s.body);
  for (let i = 0; i + 1 < out.length; i++) if (rnd() < 0.05) { const x = out[i]; out[i] = out[i + 1]; out[i + 1] = x; i++; }
  const withCopies = [];
  const later = [];
  out.forEach((b, i) => {
    withCopies.push(b);
    if (rnd() < 0.03) later.push([i + 5 + Math.floor(rnd() * 20), b]);
    while (later.length && later[0][0] <= i) withCopies.push(later.shift()[1]);
  });
  for (const [, b] of later) withCopies.push(b);
  return withCopies;
}

/** A Lambda's view of agent records: `{ Records: [{ kinesis: { data: base64 } }] }`. */
export const kinesisBatch = (bodies) => ({ Records: bodies.map((b, i) => ({ kinesis: { kinesisSchemaVersion: '1.0', partitionKey: b.AgentARN, sequenceNumber: String(i), data: Buffer.from(JSON.stringify(b)).toString('base64') }, eventSource: 'aws:kinesis', eventName: 'aws:kinesis:record' })) });
