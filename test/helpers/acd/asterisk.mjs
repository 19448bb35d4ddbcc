// An Asterisk simulator for the adapter tests: a Manager Interface (AMI) server speaking its framing (a banner
// line; `Key: Value` lines, a blank line ending each message; Login, Ping, QueueStatus, Logoff), replaying a
// session of calls as Asterisk's app_queue reports them, and writing the same session to a queue_log file as
// Asterisk does whether anyone listens or not. Like Asterisk, it replays nothing to a client that reconnects.
import { createServer } from 'node:net';
import { appendFileSync, writeFileSync } from 'node:fs';

const sec = (ms) => Math.round(ms / 1000);

/**
 * The calls of a session as Asterisk knows them: voice only, whole seconds, talk including hold, no wrap, and
 * callbacks and voicemail as callers who left the queue (flowout). `id` becomes an Asterisk uniqueid.
 */
export function asteriskCalls(contacts) {
  return contacts
    .filter((c) => !c.channel || c.channel === 'voice')
    .map((c, i) => {
      const arrived = sec(c.arrived) * 1000;
      const answered = c.outcome === 'answered' && c.answered !== undefined ? sec(c.answered) * 1000 : undefined;
      const talk = answered !== undefined ? Math.round((c.talk ?? 0) + (c.hold ?? 0)) : undefined;
      const ended = answered !== undefined ? answered + talk * 1000 : sec(c.ended ?? c.arrived + (c.wait ?? 0) * 1000) * 1000;
      return {
        id: `${sec(c.arrived)}.${i + 1}`, queue: c.queue, customer: c.customer, agent: answered !== undefined ? c.agent : undefined,
        arrived, answered, ended: Math.max(ended, arrived), talk,
        outcome: c.outcome === 'answered' ? 'answered' : c.outcome === 'abandoned' ? 'abandoned' : 'flowout',
        transferred: answered !== undefined && c.transferred === true,
      };
    });
}

/** The calls as the kit's CSV, for `report` (the truth the live figures are held against). */
export function callsCsv(calls) {
  const iso = (ms) => (ms === undefined ? '' : new Date(ms).toISOString().replace('.000Z', 'Z'));
  return ['id,queue,channel,agent,customer,arrived,answered,ended,outcome,talk,transferred',
    ...calls.map((c) => [c.id, c.queue, 'voice', c.agent ?? '', c.customer ?? '', iso(c.arrived), iso(c.answered), iso(c.ended), c.outcome, c.talk ?? '', c.transferred ? 'Y' : 'N'].join(','))].join('\n') + '\n';
}

/**
 * The session's AMI events and queue_log lines in time order. Agents join their queues two minutes before
 * their first call and leave two minutes after their last; every third agent takes a break in its longest
 * pause between calls (when over 10 minutes).
 */
export function sessionOf(calls) {
  const out = [];
  let order = 0;
  const at = (t, ami, log) => out.push({ t, order: order++, ami, log });
  const byAgent = new Map();
  for (const c of calls) if (c.agent) {
    let a = byAgent.get(c.agent);
    if (!a) byAgent.set(c.agent, (a = { calls: [], queues: new Set() }));
    a.calls.push(c);
    a.queues.add(c.queue);
  }
  let n = 0;
  for (const [agent, a] of byAgent) {
    n++;
    a.calls.sort((x, y) => x.answered - y.answered);
    const first = a.calls[0].answered - 120_000;
    const last = Math.max(...a.calls.map((c) => c.ended)) + 120_000;
    for (const q of a.queues) {
      at(first, { Event: 'QueueMemberAdded', Queue: q, MemberName: agent, Interface: `PJSIP/${agent}`, StateInterface: `PJSIP/${agent}`, Membership: 'dynamic', Penalty: '0', CallsTaken: '0', Status: '1', Paused: '0', PausedReason: '', InCall: '0' }, `${sec(first)}|NONE|${q}|${agent}|ADDMEMBER|`);
      at(last, { Event: 'QueueMemberRemoved', Queue: q, MemberName: agent, Interface: `PJSIP/${agent}` }, `${sec(last)}|NONE|${q}|${agent}|REMOVEMEMBER|`);
    }
    if (n % 3 === 0) {
      let gap = null;
      for (let i = 1; i < a.calls.length; i++) {
        const g = { from: a.calls[i - 1].ended, to: a.calls[i].answered };
        if (!gap || g.to - g.from > gap.to - gap.from) gap = g;
      }
      if (gap && gap.to - gap.from > 600_000) {
        for (const q of a.queues) {
          at(gap.from + 60_000, { Event: 'QueueMemberPause', Queue: q, MemberName: agent, Interface: `PJSIP/${agent}`, Paused: '1', PausedReason: 'Break' }, `${sec(gap.from + 60_000)}|NONE|${q}|${agent}|PAUSE|Break`);
          at(gap.to - 60_000, { Event: 'QueueMemberPause', Queue: q, MemberName: agent, Interface: `PJSIP/${agent}`, Paused: '0', PausedReason: '' }, `${sec(gap.to - 60_000)}|NONE|${q}|${agent}|UNPAUSE|`);
        }
      }
    }
  }
  for (const c of calls) {
    const chan = `PJSIP/trunk-${c.id.replace('.', '')}`;
    const caller = { Channel: chan, ChannelState: '6', ChannelStateDesc: 'Up', CallerIDNum: c.customer ?? '<unknown>', CallerIDName: '', Uniqueid: c.id, Linkedid: c.id, Queue: c.queue };
    const wait = sec((c.answered ?? c.ended) - c.arrived);
    at(c.arrived, { Event: 'QueueCallerJoin', ...caller, Position: '1', Count: '1' }, `${sec(c.arrived)}|${c.id}|${c.queue}|NONE|ENTERQUEUE||${c.customer ?? ''}|1`);
    if (c.outcome === 'answered') {
      const member = { MemberName: c.agent, Interface: `PJSIP/${c.agent}`, DestUniqueid: `${c.id}9`, DestChannel: `PJSIP/${c.agent}-0001` };
      // Asterisk tells the caller's leaving the queue before the agent's connecting.
      at(c.answered, { Event: 'QueueCallerLeave', ...caller, Count: '0', Position: '1' }, null);
      at(c.answered, { Event: 'AgentConnect', ...caller, ...member, HoldTime: String(wait), RingTime: '0' }, `${sec(c.answered)}|${c.id}|${c.queue}|${c.agent}|CONNECT|${wait}|${c.id}9|0`);
      at(c.answered, { Event: 'QueueMemberStatus', Queue: c.queue, MemberName: c.agent, Interface: `PJSIP/${c.agent}`, Status: '2', InCall: '1', Paused: '0' }, null);
      at(c.ended, { Event: 'AgentComplete', ...caller, ...member, HoldTime: String(wait), TalkTime: String(c.talk), Reason: c.transferred ? 'transfer' : 'caller' },
        c.transferred ? `${sec(c.ended)}|${c.id}|${c.queue}|${c.agent}|TRANSFER|2001|from-internal|${wait}|${c.talk}|1` : `${sec(c.ended)}|${c.id}|${c.queue}|${c.agent}|COMPLETECALLER|${wait}|${c.talk}|1`);
      at(c.ended, { Event: 'QueueMemberStatus', Queue: c.queue, MemberName: c.agent, Interface: `PJSIP/${c.agent}`, Status: '1', InCall: '0' }, null);
    } else if (c.outcome === 'abandoned') {
      at(c.ended, { Event: 'QueueCallerAbandon', ...caller, Position: '1', OriginalPosition: '1', HoldTime: String(wait) }, `${sec(c.ended)}|${c.id}|${c.queue}|NONE|ABANDON|1|1|${wait}`);
      at(c.ended, { Event: 'QueueCallerLeave', ...caller, Count: '0', Position: '1' }, null);
    } else {
      at(c.ended, { Event: 'QueueCallerLeave', ...caller, Count: '0', Position: '1' }, `${sec(c.ended)}|${c.id}|${c.queue}|NONE|EXITWITHTIMEOUT|1|1|${wait}`);
    }
  }
  out.sort((a, b) => a.t - b.t || a.order - b.order);
  return out;
}

const frame = (fields) => Object.entries(fields).map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';

/**
 * Starts the simulator. `rate`: events a second (the session's own times are stamped as `Timestamp`).
 * Returns controls: drop() cuts every AMI client (Asterisk goes on), stop() shuts the AMI down (no answer
 * any more), pause()/resume(), done (all events sent), and the state Asterisk would tell (waiting, members).
 */
export async function startAsterisk({ calls, rate = 5000, port = 0, username = 'wallboard', secret = 'secret', queueLog, timestamps = true, autostart = true }) {
  const session = sessionOf(calls);
  if (queueLog) writeFileSync(queueLog, '');
  const clients = new Set();
  let next = 0;
  let paused = !autostart;
  let stopAt = Infinity;
  let pace = rate;
  let clock = session.length ? session[0].t : Date.now();
  let finish;
  const done = new Promise((r) => (finish = r));
  const waiting = new Map(); // uniqueid → { queue, since, customer }
  const members = new Map(); // `${queue}|${agent}` → { queue, agent, status, paused, reason, inCall }
  const stamp = () => (timestamps ? { Timestamp: (clock / 1000).toFixed(6) } : {});
  // With timestampevents = yes, Asterisk stamps every event, those answering an action too.
  const ev = (fields) => frame({ ...fields, ...stamp() });
  const talking = new Set(); // callers with an agent: their channel is up, out of the queue
  const track = (e) => {
    if (e.Event === 'AgentConnect') talking.add(e.Uniqueid);
    else if (e.Event === 'AgentComplete') talking.delete(e.Uniqueid);
    if (e.Event === 'QueueCallerJoin') waiting.set(e.Uniqueid, { queue: e.Queue, since: clock, customer: e.CallerIDNum });
    else if (e.Event === 'QueueCallerLeave' || e.Event === 'QueueCallerAbandon') waiting.delete(e.Uniqueid);
    else if (e.Event === 'QueueMemberAdded') members.set(`${e.Queue}|${e.MemberName}`, { queue: e.Queue, agent: e.MemberName, status: '1', paused: '0', reason: '', inCall: '0' });
    else if (e.Event === 'QueueMemberRemoved') members.delete(`${e.Queue}|${e.MemberName}`);
    else if (e.Event === 'QueueMemberStatus' || e.Event === 'QueueMemberPause') {
      const m = members.get(`${e.Queue}|${e.MemberName}`);
      if (m) { if (e.Status) m.status = e.Status; if (e.InCall) m.inCall = e.InCall; if (e.Paused) { m.paused = e.Paused; m.reason = e.PausedReason ?? ''; } }
    }
  };
  const step = () => {
    if (paused) return;
    const n = Math.max(1, Math.round(pace / 100));
    let log = '';
    for (let i = 0; i < n && next < Math.min(session.length, stopAt); i++, next++) {
      const s = session[next];
      clock = Math.max(clock, s.t);
      track(s.ami);
      const text = frame({ ...s.ami, ...stamp() });
      for (const c of clients) if (c.in) c.socket.write(text);
      if (s.log) log += s.log + '\n';
    }
    if (log && queueLog) appendFileSync(queueLog, log);
    if (next >= stopAt) paused = true;
    if (next >= session.length) finish();
  };
  const ticker = setInterval(step, 10);
  let out = false;
  const server = createServer((socket) => {
    if (out) { socket.destroy(); return; } // the manager interface is down: connections refused
    const client = { socket, in: false };
    clients.add(client);
    socket.setEncoding('utf8');
    socket.write('Asterisk Call Manager/9.0.0\r\n');
    let buf = '';
    socket.on('data', (text) => {
      buf += text;
      let i;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 4);
        const a = {};
        for (const l of block.split('\r\n')) { const c = l.indexOf(':'); if (c > 0) a[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim(); }
        const id = a.actionid ? { ActionID: a.actionid } : {};
        const action = (a.action ?? '').toLowerCase();
        if (action === 'login') {
          if (a.username === username && a.secret === secret) {
            client.in = true;
            socket.write(frame({ Response: 'Success', ...id, Message: 'Authentication accepted' }));
            socket.write(frame({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: '100', LastReload: '100', Status: 'Fully Booted' }));
          } else socket.write(frame({ Response: 'Error', ...id, Message: 'Authentication failed' }));
        } else if (!client.in) socket.write(frame({ Response: 'Error', ...id, Message: 'Permission denied' }));
        else if (action === 'ping') socket.write(frame({ Response: 'Success', ...id, Ping: 'Pong', Timestamp: (clock / 1000).toFixed(6) }));
        else if (action === 'queuestatus') {
          let text = frame({ Response: 'Success', ...id, EventList: 'start', Message: 'Queue status will follow' });
          let items = 0;
          const queues = new Set([...members.values()].map((m) => m.queue).concat([...waiting.values()].map((w) => w.queue)));
          for (const q of queues) {
            text += ev({ Event: 'QueueParams', Queue: q, Max: '0', Strategy: 'ringall', Calls: String([...waiting.values()].filter((w) => w.queue === q).length), Holdtime: '0', TalkTime: '0', Completed: '0', Abandoned: '0', ServiceLevel: '20', ServicelevelPerf: '0.0', Weight: '0', ...id }); items++;
            for (const m of members.values()) if (m.queue === q) { text += ev({ Event: 'QueueMember', Queue: q, Name: m.agent, Location: `PJSIP/${m.agent}`, StateInterface: `PJSIP/${m.agent}`, Membership: 'dynamic', Penalty: '0', CallsTaken: '0', LastCall: '0', InCall: m.inCall, Status: m.status, Paused: m.paused, PausedReason: m.reason, ...id }); items++; }
            let pos = 0;
            for (const [uid, w] of waiting) if (w.queue === q) { text += ev({ Event: 'QueueEntry', Queue: q, Position: String(++pos), Channel: `PJSIP/trunk-${uid}`, Uniqueid: uid, CallerIDNum: w.customer ?? '', CallerIDName: '', Wait: String(sec(clock - w.since)), Priority: '0', ...id }); items++; }
          }
          text += ev({ Event: 'QueueStatusComplete', ...id, EventList: 'Complete', ListItems: String(items) });
          socket.write(text);
        } else if (action === 'status') {
          // Every channel up: callers in a queue and callers with an agent.
          const up = [...waiting.keys(), ...talking];
          socket.write(frame({ Response: 'Success', ...id, EventList: 'start', Message: 'Channel status will follow' }) + up.map((u) => ev({ Event: 'Status', Channel: `PJSIP/trunk-${u.replace('.', '')}`, Uniqueid: u, ChannelState: '6', ChannelStateDesc: 'Up', ...id })).join('') + ev({ Event: 'StatusComplete', ...id, EventList: 'Complete', ListItems: String(up.length), Items: String(up.length) }));
        } else if (action === 'logoff') { socket.write(frame({ Response: 'Goodbye', ...id, Message: 'Thanks for all the fish.' })); socket.end(); }
        else socket.write(frame({ Response: 'Error', ...id, Message: 'Invalid/unknown command' }));
      }
    });
    const bye = () => clients.delete(client);
    socket.on('close', bye);
    socket.on('error', bye);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    port: server.address().port,
    username, secret,
    done,
    session,
    sent: () => next,
    clock: () => clock,
    waiting: () => new Map(waiting),
    members: () => [...members.values()],
    pause: () => { paused = true; },
    /** Events a second from now on. */
    pace: (n) => { pace = n; },
    resume: () => { stopAt = Infinity; paused = false; },
    /** Runs until `n` events are sent, then pauses. */
    until: (n) => new Promise((resolve) => { stopAt = n; paused = false; const t = setInterval(() => { if (next >= Math.min(n, session.length)) { clearInterval(t); resolve(); } }, 2); }),
    drop: () => { for (const c of clients) c.socket.destroy(); clients.clear(); },
    /** The manager interface down (every client cut, new ones refused) while calls go on, until restore(). */
    outage: () => { out = true; for (const c of clients) c.socket.destroy(); clients.clear(); },
    restore: () => { out = false; },
    stop: () => new Promise((resolve) => { clearInterval(ticker); for (const c of clients) c.socket.destroy(); clients.clear(); server.close(() => resolve()); }),
  };
}
