/**
 * Asterisk queue_log (no header; `epoch|callid|queue|agent|EVENT|data…`): several lines per call, folded
 * into one contact when the call's last event arrives. Every line is counted: a line of a call is accepted
 * with its contact (or rejected with it), agent and system events are accepted and counted apart.
 */
import type { AgentState, Contact } from '../types.js';
import { reason, type ReasonCode } from './reasons.js';
import type { Said } from '../words.js';

interface Pending {
  id: string;
  queue: string;
  lines: number[];
  arrived?: number;
  answered?: number;
  ended?: number;
  wait?: number;
  talk?: number;
  agent?: string;
  transferred?: boolean;
  outcome?: Contact['outcome'];
  customer?: string;
}

export const QUEUE_LOG_AGENT_EVENTS = new Set([
  'ADDMEMBER', 'REMOVEMEMBER', 'PAUSE', 'UNPAUSE', 'PAUSEALL', 'UNPAUSEALL', 'AGENTLOGIN', 'AGENTLOGOFF',
  'AGENTCALLBACKLOGIN', 'AGENTCALLBACKLOGOFF', 'RINGNOANSWER', 'RINGCANCELED', 'QUEUESTART', 'CONFIGRELOAD', 'AGENTDUMP', 'SYSCOMPAT',
]);

export interface QueueLogSink {
  contact(c: Contact, lines: number[]): void;
  reject(lines: number[], r: { column: string | null; value: string | null; reason: Said<ReasonCode> }): void;
  apart(line: number, reason: Said<ReasonCode>): void;
  /** An agent's state change read from the log (login, pause, a call, logout). */
  agentState?(s: AgentState): void;
}

const num = (s: string | undefined): number => (s === undefined || s.trim() === '' ? NaN : Number(s));

/** What one queue_log line says of its call (the same reading for a file and for a live tail). */
export type QueueLogStep =
  | { kind: 'join'; customer?: string }
  | { kind: 'connect'; wait: number }
  | { kind: 'end'; outcome: 'answered' | 'abandoned' | 'flowout'; talk?: number; wait?: number; transferred?: boolean };

/**
 * A call event's fields (docs/mapping.md "Asterisk queue_log"): ENTERQUEUE(url|callerid), CONNECT(holdtime|…),
 * COMPLETECALLER/COMPLETEAGENT(holdtime|calltime|origposition), TRANSFER(extension|context|holdtime|calltime),
 * ABANDON and EXITWITHTIMEOUT and EXITEMPTY(position|origposition|waittime),
 * EXITWITHKEY(key|position|origposition|waittime). A wait the line does not carry (older versions) is left
 * to the times. Other events say nothing of the call's course: null.
 */
export function queueLogStep(event: string, f: string[]): QueueLogStep | null {
  switch (event) {
    case 'ENTERQUEUE':
      return { kind: 'join', customer: (f[6] ?? '').trim() || undefined };
    case 'CONNECT':
      return { kind: 'connect', wait: num(f[5]) };
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      return { kind: 'end', outcome: 'answered', talk: num(f[6]) };
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return { kind: 'end', outcome: 'answered', talk: num(f[8]), transferred: true };
    case 'ABANDON':
      return { kind: 'end', outcome: 'abandoned', wait: num(f[7]) };
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return { kind: 'end', outcome: 'flowout', wait: num(f[7]) };
    case 'EXITWITHKEY':
      return { kind: 'end', outcome: 'flowout', wait: f[8] === undefined ? undefined : num(f[8]) };
    default:
      return null;
  }
}

export class QueueLogFolder {
  private readonly calls = new Map<string, Pending>();
  private readonly seen = new Set<string>();
  constructor(private readonly sink: QueueLogSink) {}

  line(f: string[], line: number): void {
    const epoch = num(f[0]);
    const callid = (f[1] ?? '').trim();
    const queue = (f[2] ?? '').trim();
    const agent = (f[3] ?? '').trim();
    const event = (f[4] ?? '').trim();
    if (f.length < 5 || !Number.isFinite(epoch)) {
      this.sink.reject([line], { column: '1', value: f[0] ?? '', reason: reason(f.length < 5 ? 'notQueueLog' : 'unparseableTime') });
      return;
    }
    const t = Math.round(epoch * 1000);
    this.agentEvent(event, agent, t, f);
    if (QUEUE_LOG_AGENT_EVENTS.has(event) || callid === 'NONE' || callid === '') {
      this.sink.apart(line, reason('agentOrSystemEvent'));
      return;
    }
    let p = this.calls.get(callid);
    if (!p) {
      if (this.seen.has(callid)) {
        // Lines after a call's end (e.g. a late transfer record) belong to no new contact.
        this.sink.apart(line, reason('eventAfterEnd'));
        return;
      }
      p = { id: callid, queue, lines: [] };
      this.calls.set(callid, p);
    }
    p.lines.push(line);
    if (queue && queue !== 'NONE') p.queue = queue;
    const step = queueLogStep(event, f);
    if (!step) return; // other call events (DID, INFO, …) stay with the call
    switch (step.kind) {
      case 'join':
        p.arrived = t;
        if (step.customer) p.customer = step.customer;
        return;
      case 'connect':
        p.answered = t;
        p.wait = step.wait;
        if (agent && agent !== 'NONE') p.agent = agent;
        return;
      case 'end':
        p.outcome = step.outcome;
        if (step.outcome === 'answered') p.talk = step.talk;
        else p.wait = step.wait;
        if (step.transferred) p.transferred = true;
        p.ended = t;
        return this.finish(p);
    }
  }

  private finish(p: Pending): void {
    this.calls.delete(p.id);
    this.seen.add(p.id);
    const bad = (column: string, value: string, why: Said<ReasonCode>) => this.sink.reject(p.lines, { column, value, reason: why });
    if (p.arrived === undefined) {
      if (p.outcome === 'answered' && p.answered !== undefined) { p.arrived = p.answered; p.wait = 0; }
      else return bad('5', 'ENTERQUEUE', reason('callWithoutEnterQueue'));
    }
    if (p.wait !== undefined && Number.isNaN(p.wait)) return bad('6', '', reason('unparseableWait'));
    if (p.wait !== undefined && p.wait < 0) return bad('6', String(p.wait), reason('negativeDuration'));
    if (p.talk !== undefined && (Number.isNaN(p.talk) || p.talk < 0)) return bad('7', String(p.talk), reason(Number.isNaN(p.talk) ? 'unparseableDuration' : 'negativeDuration'));
    if (p.outcome === 'answered' && p.answered === undefined) return bad('5', 'CONNECT', reason('completedWithoutConnect'));
    if (p.answered !== undefined && p.answered < p.arrived) return bad('1', String(p.answered / 1000), reason('answeredBeforeArrived'));
    if (p.ended !== undefined && p.ended < p.arrived) return bad('1', String(p.ended / 1000), reason('endedBeforeArrived'));
    const wait = p.wait ?? (p.outcome === 'answered' ? (p.answered! - p.arrived) / 1000 : (p.ended! - p.arrived) / 1000);
    this.sink.contact(
      {
        id: p.id, queue: p.queue, agent: p.agent, customer: p.customer, arrived: p.arrived,
        answered: p.outcome === 'answered' ? p.answered : undefined, ended: p.ended, outcome: p.outcome!,
        wait, talk: p.talk, transferred: p.transferred,
      },
      p.lines,
    );
  }

  private readonly agents = new QueueLogAgents();

  private agentEvent(event: string, agent: string, t: number, f: string[]): void {
    if (!this.sink.agentState) return;
    const st = this.agents.event(event, agent, t, f);
    if (st) this.sink.agentState(st);
  }

  /** Calls still open at the end of the file have neither an answer nor an end: rejected (docs/metrics.md §1). */
  end(): void {
    for (const p of this.calls.values()) {
      this.sink.reject(p.lines, { column: '5', value: 'ENTERQUEUE', reason: reason('callWithoutEnd') });
    }
    this.calls.clear();
  }
}

/**
 * Agent states from queue_log lines (the same for a file and a live tail): logged in (ADDMEMBER, AGENTLOGIN)
 * → Available; PAUSE → the pause reason (or Paused), UNPAUSE → Available; CONNECT → Talk until the call
 * completes; REMOVEMEMBER, AGENTLOGOFF → Logged Out. Talk in queue_log includes hold; no wrap is logged.
 */
export class QueueLogAgents {
  /** Whether each agent is paused, so that the end of a call returns to the right state. */
  private readonly paused = new Map<string, string | null>();

  event(event: string, agent: string, t: number, f: string[]): AgentState | null {
    if (!agent || agent === 'NONE') return null;
    const state = (name: string, category: AgentState['category']): AgentState => ({ agent, state: name, category, start: t });
    switch (event) {
      case 'ADDMEMBER': case 'AGENTLOGIN': case 'AGENTCALLBACKLOGIN':
        this.paused.set(agent, null);
        return state('Available', 'available');
      case 'REMOVEMEMBER': case 'AGENTLOGOFF': case 'AGENTCALLBACKLOGOFF':
        this.paused.delete(agent);
        return state('Logged Out', 'logged-out');
      case 'PAUSE': case 'PAUSEALL': {
        const reason = (f[5] ?? '').trim() || 'Paused';
        this.paused.set(agent, reason);
        return state(reason, 'unproductive');
      }
      case 'UNPAUSE': case 'UNPAUSEALL':
        this.paused.set(agent, null);
        return state('Available', 'available');
      case 'CONNECT':
        return state('Talk', 'handling');
      case 'COMPLETECALLER': case 'COMPLETEAGENT': case 'TRANSFER': case 'BLINDTRANSFER': case 'ATTENDEDTRANSFER': {
        const p = this.paused.get(agent);
        return p ? state(p, 'unproductive') : state('Available', 'available');
      }
      default:
        return null;
    }
  }
}
