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
    switch (event) {
      case 'ENTERQUEUE':
        p.arrived = t;
        if (f[6]) p.customer = f[6].trim() || undefined;
        return;
      case 'CONNECT':
        p.answered = t;
        p.wait = num(f[5]);
        if (agent && agent !== 'NONE') p.agent = agent;
        return;
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
        p.outcome = 'answered';
        p.talk = num(f[6]);
        p.ended = t;
        return this.finish(p);
      case 'TRANSFER':
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER':
        p.outcome = 'answered';
        p.transferred = true;
        p.talk = num(f[8]);
        p.ended = t;
        return this.finish(p);
      case 'ABANDON':
        p.outcome = 'abandoned';
        p.wait = num(f[7]);
        p.ended = t;
        return this.finish(p);
      case 'EXITWITHTIMEOUT':
      case 'EXITEMPTY':
      case 'EXITWITHKEY':
        p.outcome = 'flowout';
        p.wait = num(f[7]);
        p.ended = t;
        return this.finish(p);
      default:
        return; // other call events (DID, INFO, …) stay with the call
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

  /** Whether each agent is paused, so that the end of a call returns to the right state. */
  private paused = new Map<string, string | null>();

  /**
   * Agent states from the log: logged in (ADDMEMBER, AGENTLOGIN) → Available; PAUSE → the pause reason
   * (or Paused), UNPAUSE → Available; CONNECT → Talk until the call completes; REMOVEMEMBER, AGENTLOGOFF →
   * Logged Out. Talk in queue_log includes hold; no wrap is logged.
   */
  private agentEvent(event: string, agent: string, t: number, f: string[]): void {
    const emit = this.sink.agentState?.bind(this.sink);
    if (!emit || !agent || agent === 'NONE') return;
    const state = (name: string, category: AgentState['category']) => emit({ agent, state: name, category, start: t });
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
    }
  }

  /** Calls still open at the end of the file have neither an answer nor an end: rejected (docs/metrics.md §1). */
  end(): void {
    for (const p of this.calls.values()) {
      this.sink.reject(p.lines, { column: '5', value: 'ENTERQUEUE', reason: reason('callWithoutEnd') });
    }
    this.calls.clear();
  }
}
