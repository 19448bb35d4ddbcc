/**
 * Asterisk's Manager Interface (AMI: TCP, `Key: Value` lines, a blank line ends a message) read live
 * (docs/stream.md "ACD adapters"). The adapter logs in, asks for the queues' state (`QueueStatus`: the callers
 * waiting now and every member's state), then turns the queue events into the kit's stream:
 *
 * - `QueueCallerJoin` (Asterisk ≤ 11: `Join`) → the call arrived in its queue;
 * - `AgentConnect` → answered by `MemberName` (arrival = now − `HoldTime` when the join was not seen);
 * - `AgentComplete` → ended, answered, `TalkTime` as talk, `Reason: transfer` as transferred;
 * - `QueueCallerAbandon` → ended, abandoned;
 * - `QueueCallerLeave` (`Leave`) with no answer or abandon after it → ended, flowout (a timeout, a key, an
 *   empty queue: the caller left for the rest of the dialplan);
 * - `QueueMemberStatus`, `QueueMemberAdded`, `QueueMemberRemoved`, `QueueMemberPause` (`QueueMemberPaused`)
 *   and `QueueStatus`' `QueueMember` → the agent's state: on a call, paused (with its reason), available,
 *   unavailable or out of every queue (logged out).
 *
 * Times are the events' `Timestamp` (manager.conf `timestampevents = yes`), else the moment they are read.
 * The adapter pings every 5 s; the heartbeats go on only while Asterisk answers. A lost connection is taken
 * up again (0.5 s, doubling to 30 s). Asterisk does not replay what it sent while no one listened: given the
 * queue_log (`queueLog`), the adapter reads it whole when it first logs in (the day's calls so far), and after
 * a break the lines written since the last answer (calls already told send nothing); without it, a caller who
 * left the queue during the break is sent as lost.
 */
import { connect, type Socket } from 'node:net';
import { stat } from 'node:fs/promises';
import type { CallTracker } from './calls.js';
import type { StateCategory } from '../../engine/types.js';
import { QueueLogLines } from './asterisk-queue-log.js';
import { readLinesFrom } from './lines.js';

export interface AmiOptions {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** Asterisk's queue_log, read after a break for what the AMI did not send. */
  queueLog?: string;
  pingMs?: number;
  /** How long a caller's leaving waits for its answer or abandon before it counts as a flow-out (ms). */
  leaveMs?: number;
  /** How long a login may go unanswered (default 10 s). */
  loginTimeoutMs?: number;
  log?: (s: string) => void;
}

export interface AmiAdapter {
  alive(): boolean;
  streamTime(): number | null;
  status(): Record<string, unknown>;
  close(): void;
}

export type AmiMessage = Record<string, string>;

/** Reads AMI's framing: a banner line first, then messages of `Key: Value` lines, each ended by a blank line. */
export class AmiFraming {
  private buf = '';
  banner: string | null = null;

  push(text: string): AmiMessage[] {
    this.buf += text;
    const out: AmiMessage[] = [];
    if (this.banner === null) {
      const i = this.buf.indexOf('\n');
      if (i < 0) return out;
      this.banner = this.buf.slice(0, i).replace(/\r$/, '');
      this.buf = this.buf.slice(i + 1);
    }
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buf);
      if (!m) break;
      const block = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      const msg: AmiMessage = {};
      for (const l of block.split(/\r?\n/)) {
        const c = l.indexOf(':');
        if (c <= 0) continue;
        msg[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
      }
      if (Object.keys(msg).length) out.push(msg);
    }
    return out;
  }
}

/** An AMI action as sent on the wire. */
export function amiAction(fields: Record<string, string>): string {
  return Object.entries(fields).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, ' ')}\r\n`).join('') + '\r\n';
}

/** A member's device status (AMI `Status`, Asterisk's device states) read as the agent's state. */
function memberState(m: { status: string; paused: boolean; reason: string; inCall: boolean }): [string, StateCategory] {
  const busy = ['2', '3', '6', '7', '8'].includes(m.status) || m.inCall;
  if (busy) return [m.status === '6' ? 'Ringing' : m.status === '8' ? 'On Hold' : 'On Call', 'handling'];
  if (m.paused) return [m.reason || 'Paused', 'unproductive'];
  if (m.status === '4' || m.status === '5') return ['Unavailable', 'logged-out'];
  return ['Available', 'available'];
}

export function startAmi(opts: AmiOptions, tracker: CallTracker): AmiAdapter {
  const pingMs = opts.pingMs ?? 5000;
  const leaveMs = opts.leaveMs ?? 1500;
  const log = opts.log ?? (() => {});
  let socket: Socket | null = null;
  let loggedIn = false;
  let everIn = false;
  let everBroke = false;
  let closed = false;
  let lastHeard = 0;
  const lastSaid = { why: '', at: 0 };
  let wait = 500;
  let reconnects = 0;
  let error: string | null = null;
  let action = 0;
  let clock: { acd: number; local: number } | null = null;
  /** The queue_log's size when Asterisk last answered: a break's lines are after it. */
  // From the file's start: a feed started mid-day tells the day's calls so far, then what the AMI says.
  let logOffset = opts.queueLog ? 0 : -1;
  let logLine = 1;
  const lost = { breaks: 0, callers: 0, recovered: 0, fromLogAtStart: 0 };
  const members = new Map<string, Map<string, { status: string; paused: boolean; reason: string; inCall: boolean }>>();
  let statusQuery: { id: string; before: Set<string>; entries: Set<string> } | null = null;
  let channelQuery: { id: string; gone: string[]; alive: Set<string> } | null = null;
  const logLines = opts.queueLog ? new QueueLogLines(tracker, { agents: false }) : null;

  const timeOf = (m: AmiMessage): number => {
    const ts = Number(m.timestamp);
    if (m.timestamp && Number.isFinite(ts)) {
      const acd = Math.round(ts * 1000);
      clock = { acd, local: Date.now() };
      return acd;
    }
    // No stamp on this one: Asterisk's clock as last seen, run on by ours (never two clocks mixed).
    const c = clock as { acd: number; local: number } | null;
    return c ? c.acd + (Date.now() - c.local) : Date.now();
  };
  const send = (fields: Record<string, string>) => socket?.write(amiAction(fields));

  const agentChanged = (name: string, at: number) => {
    const ms = members.get(name);
    if (!ms || ms.size === 0) { tracker.agent(name, at, 'Logged Out', 'logged-out'); return; }
    // Every membership of one agent shares the device; the most engaged state wins.
    const order: StateCategory[] = ['handling', 'unproductive', 'available', 'logged-out'];
    let best: [string, StateCategory] | null = null;
    for (const m of ms.values()) {
      const s = memberState(m);
      if (!best || order.indexOf(s[1]) < order.indexOf(best[1])) best = s;
    }
    tracker.agent(name, at, best![0], best![1]);
  };
  const member = (m: AmiMessage, at: number, removed = false) => {
    const name = m.membername || m.name || m.interface || m.location;
    const queue = m.queue ?? '';
    if (!name) return;
    let ms = members.get(name);
    if (!ms) members.set(name, (ms = new Map()));
    if (removed) ms.delete(queue);
    else {
      const prev = ms.get(queue) ?? { status: '1', paused: false, reason: '', inCall: false };
      ms.set(queue, {
        status: m.status ?? prev.status,
        paused: m.paused !== undefined ? m.paused === '1' || m.paused.toLowerCase() === 'true' : prev.paused,
        reason: m.pausedreason ?? m.reason ?? (m.paused === '0' ? '' : prev.reason),
        inCall: m.incall !== undefined ? m.incall === '1' : prev.inCall,
      });
    }
    agentChanged(name, at);
  };

  const onEvent = (m: AmiMessage) => {
    const at = timeOf(m);
    const id = m.uniqueid;
    switch (m.event) {
      case 'QueueCallerJoin':
      case 'Join': {
        if (!id || !m.queue) return;
        const who = m.calleridnum && !/^<?unknown>?$/i.test(m.calleridnum) ? m.calleridnum : undefined;
        return tracker.join(id, at, { queue: m.queue, customer: who });
      }
      case 'AgentConnect': {
        if (!id) return;
        const hold = Number(m.holdtime);
        return tracker.answer(id, at, { queue: m.queue, agent: m.membername || m.member || undefined, arrived: Number.isFinite(hold) ? at - hold * 1000 : undefined });
      }
      case 'AgentComplete': {
        if (!id) return;
        // It carries its own course: answered TalkTime before its end, after HoldTime in the queue (a call
        // answered during a break comes back whole).
        const talk = Number(m.talktime);
        const hold = Number(m.holdtime);
        const answered = Number.isFinite(talk) ? at - talk * 1000 : undefined;
        const arrived = answered !== undefined && Number.isFinite(hold) ? answered - hold * 1000 : undefined;
        return tracker.end(id, at, { queue: m.queue, agent: m.membername || m.member || undefined, outcome: 'answered', arrived, answered, talk: Number.isFinite(talk) ? talk : undefined, transferred: m.reason === 'transfer' ? true : undefined });
      }
      case 'QueueCallerAbandon': {
        if (!id) return;
        return tracker.end(id, at, { queue: m.queue, outcome: 'abandoned' });
      }
      case 'QueueCallerLeave':
      case 'Leave': {
        // Asterisk tells a caller's leaving before the answer that took it: wait a moment for that answer.
        if (!id) return;
        return tracker.leftQueue(id, at, { queue: m.queue }, leaveMs);
      }
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberPaused':
        return member(m, at);
      case 'QueueMemberRemoved':
        return member(m, at, true);
      case 'QueueMember':
        if (statusQuery && m.actionid === statusQuery.id) member(m, at);
        return;
      case 'QueueEntry':
        if (statusQuery && m.actionid === statusQuery.id && id && m.queue) {
          statusQuery.entries.add(id);
          const w = Number(m.wait);
          if (!tracker.isOpen(id)) tracker.join(id, Number.isFinite(w) ? at - w * 1000 : at, { queue: m.queue, customer: m.calleridnum || undefined });
        }
        return;
      case 'QueueStatusComplete':
        if (statusQuery && m.actionid === statusQuery.id) {
          // Callers waiting before and not in the queue now: left while no one listened. Those whose channel is
          // still up are with an agent (their end will tell it); ask Asterisk which.
          const gone = [...statusQuery.before].filter((c) => !statusQuery!.entries.has(c) && tracker.isWaiting(c));
          statusQuery = null;
          if (gone.length) { channelQuery = { id: `st${++action}`, gone, alive: new Set() }; send({ Action: 'Status', ActionID: channelQuery.id }); }
        }
        return;
      case 'Status':
        if (channelQuery && m.actionid === channelQuery.id && id) channelQuery.alive.add(id);
        return;
      case 'StatusComplete':
        if (channelQuery && m.actionid === channelQuery.id) {
          for (const c of channelQuery.gone) if (!channelQuery.alive.has(c) && tracker.isWaiting(c)) { lost.callers++; tracker.lost(c, at); }
          channelQuery = null;
        }
        return;
    }
  };

  /** The queue_log file the offset belongs to (its inode): a rotation starts a new one. */
  let logIno = -1;
  const markLog = async () => {
    if (!opts.queueLog) return;
    try {
      const st = await stat(opts.queueLog);
      if (logIno !== -1 && st.ino !== logIno) return; // rotated since: recover() reads the rest of the old and the new
      logIno = st.ino;
      if (logOffset < 0 || st.size >= logOffset) logOffset = st.size;
    } catch { /* read again at the next answer */ }
  };
  /** After a break: the queue_log lines written since Asterisk last answered. */
  const recover = async () => {
    if (!opts.queueLog || !logLines || logOffset < 0) return;
    const before = tracker.counts.steps;
    const take = (text: string, n: number) => logLines.line(text, n);
    const hooks = { tooLong: (n: number) => logLines.reject(n, 'a line over 1 MiB (skipped to its end)'), failed: (n: number, e: Error) => logLines.reject(n, e.message) };
    try {
      const st = await stat(opts.queueLog);
      if (logIno !== -1 && st.ino !== logIno) {
        // Rotated: the rest of the old file (kept as queue_log.1 by logrotate), then the new one from its start.
        try {
          const old = await stat(`${opts.queueLog}.1`);
          if (old.ino === logIno) await readLinesFrom(`${opts.queueLog}.1`, logOffset, logLine, take, hooks);
          else log(`${opts.queueLog} was rotated and its old lines are not in ${opts.queueLog}.1: the break's first lines may be missing`);
        } catch {
          log(`${opts.queueLog} was rotated and ${opts.queueLog}.1 cannot be read: the break's first lines may be missing`);
        }
        logOffset = 0;
        logLine = 1;
      }
      logIno = st.ino;
      const r = await readLinesFrom(opts.queueLog, st.size < logOffset ? 0 : logOffset, st.size < logOffset ? 1 : logLine, take, hooks);
      if (r.offset >= 0) { logOffset = r.offset; logLine = r.line; }
      if (everBroke) lost.recovered += tracker.counts.steps - before;
      else lost.fromLogAtStart += tracker.counts.steps - before;
    } catch (e) {
      log(`${opts.queueLog}: ${(e as Error).message}: what Asterisk sent during the break is not recovered`);
    }
  };

  const queueStatus = () => {
    statusQuery = { id: `qs${++action}`, before: new Set(tracker.waiting()), entries: new Set() };
    send({ Action: 'QueueStatus', ActionID: statusQuery.id });
  };

  let pinger: ReturnType<typeof setInterval> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const open = () => {
    if (closed) return;
    const framing = new AmiFraming();
    const s = connect({ host: opts.host, port: opts.port });
    socket = s;
    s.setEncoding('utf8');
    s.setNoDelay(true);
    const loginId = `login${++action}`;
    // A manager interface that takes the connection and never answers the login: given up on after 10 s.
    const loginDeadline = setTimeout(() => { if (socket === s && !loggedIn) s.destroy(new Error('no answer to the login within 10 s')); }, opts.loginTimeoutMs ?? 10_000);
    s.on('connect', () => {
      send({ Action: 'Login', ActionID: loginId, Username: opts.username, Secret: opts.secret, Events: 'on' });
    });
    s.on('data', (text: string) => { void read(text).catch((e: Error) => { error = `AMI: ${e.message}`; log(error); }); });
    const read = async (text: string) => {
      lastHeard = Date.now();
      for (const m of framing.push(text)) {
        if (m.response && m.actionid === loginId) {
          if (m.response.toLowerCase() !== 'success') {
            error = `AMI login refused: ${m.message ?? m.response}`;
            log(error);
            wait = 30_000;
            s.destroy();
            return;
          }
          const again = everIn;
          clearTimeout(loginDeadline);
          loggedIn = everIn = true;
          wait = 500;
          error = null;
          if (again) { lost.breaks++; everBroke = true; }
          s.pause();
          await recover();
          s.resume();
          await markLog();
          queueStatus();
          continue;
        }
        if (m.response && m.ping !== undefined) { timeOf(m); void markLog(); continue; }
        if (m.event) {
          try { onEvent(m); } catch (e) { error = `AMI event ${m.event}: ${(e as Error).message}`; log(error); }
        }
      }
    };
    const down = (why: string) => {
      if (socket !== s) return;
      socket = null;
      clearTimeout(loginDeadline);
      // Said on the console when it changes, and once a minute while it lasts.
      if (loggedIn || why !== lastSaid.why || Date.now() - lastSaid.at > 60_000) { log(`AMI ${opts.host}:${opts.port}: ${why}; connecting again in ${Math.round(wait / 100) / 10} s`); lastSaid.why = why; lastSaid.at = Date.now(); }
      loggedIn = false;
      if (!error || !error.startsWith('AMI login')) error = why;
      if (closed) return;
      reconnects++;
      retry = setTimeout(open, wait);
      wait = Math.min(30_000, wait * 2);
    };
    s.on('error', (e) => down(e.message));
    s.on('close', () => down('connection closed'));
  };
  open();
  pinger = setInterval(() => {
    if (!socket || !loggedIn) return;
    if (Date.now() - lastHeard > 3 * pingMs) { socket.destroy(); return; } // no answer: take it up again
    send({ Action: 'Ping', ActionID: `ping${++action}` });
  }, pingMs);

  return {
    alive: () => loggedIn && Date.now() - lastHeard < 2.5 * pingMs,
    streamTime: () => {
      const c = clock as { acd: number; local: number } | null;
      const t = c ? c.acd + (Date.now() - c.local) : Date.now();
      return Number.isFinite(tracker.latest) ? Math.max(t, tracker.latest) : t;
    },
    status: () => ({
      source: 'asterisk-ami', ami: `${opts.host}:${opts.port}`, connected: loggedIn, error, reconnects, breaks: lost.breaks,
      lostCallers: lost.callers, recoveredSteps: lost.recovered, stepsFromLogAtStart: lost.fromLogAtStart, queueLog: opts.queueLog ?? null,
      ...(logLines ? { queueLogLines: logLines.counts, queueLogRejections: logLines.rejections.slice(0, 20) } : {}),
      calls: tracker.counts,
    }),
    close: () => {
      closed = true;
      if (pinger) clearInterval(pinger);
      if (retry) clearTimeout(retry);
      socket?.destroy();
    },
  };
}
