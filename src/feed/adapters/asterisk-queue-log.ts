/**
 * Asterisk's queue_log, followed as Asterisk writes it (docs/stream.md "ACD adapters"): each line is read the
 * way a queue_log file is (engine/ingest/queue-log.ts) and told to the call tracker as it comes. The file is
 * read from a byte offset, so a reader that stops and starts again (or the AMI adapter after a break) goes on
 * from where it was; a line already told sends nothing again. A file that shrinks or is replaced (rotated)
 * is read again from its start.
 */
import { QueueLogAgents, queueLogStep } from '../../engine/ingest/queue-log.js';
import type { CallTracker } from './calls.js';
import { followLines } from './lines.js';

/** A line the reader could not take, with its number in the file and why. */
export interface LineRejection { line: number; reason: string }

/** Tells queue_log lines to a call tracker; counts and keeps the first rejected ones. */
export class QueueLogLines {
  private readonly agentStates = new QueueLogAgents();
  readonly counts = { lines: 0, calls: 0, agents: 0, other: 0, rejected: 0 };
  readonly rejections: LineRejection[] = [];

  /** `agents: false` leaves agents' states to another source (the AMI's member status). */
  constructor(private readonly tracker: CallTracker, private readonly opts: { agents?: boolean } = {}) {}

  reject(lineNo: number, reason: string): void {
    this.counts.rejected++;
    if (this.rejections.length < 100) this.rejections.push({ line: lineNo, reason });
  }

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    this.counts.lines++;
    const f = text.split('|');
    const epoch = f[0]?.trim() ? Number(f[0]) : NaN;
    if (f.length < 5 || !Number.isFinite(epoch)) return this.reject(lineNo, f.length < 5 ? 'not a queue_log line (epoch|callid|queue|agent|EVENT|…)' : `"${f[0]}" is no epoch time`);
    const t = Math.round(epoch * 1000);
    if (!(t >= Date.UTC(2000, 0, 1) && t <= Date.now() + 86_400_000)) return this.reject(lineNo, `"${f[0]}" is no time this log can hold (before 2000 or in the future)`);
    const callid = f[1].trim();
    const queue = f[2].trim();
    const agent = f[3].trim();
    const event = f[4].trim();
    if (this.opts.agents !== false) {
      const st = this.agentStates.event(event, agent, t, f);
      if (st) { this.tracker.agent(st.agent, t, st.state, st.category); this.counts.agents++; }
    }
    const step = callid && callid !== 'NONE' ? queueLogStep(event, f) : null;
    if (!step) { this.counts.other++; return; }
    const q = queue && queue !== 'NONE' ? queue : undefined;
    const ag = agent && agent !== 'NONE' ? agent : undefined;
    const bad = (why: string) => this.reject(lineNo, `${event}: ${why}`);
    const secs = (v: number | undefined) => (v !== undefined && Number.isFinite(v) && v >= 0 ? v : undefined);
    this.counts.calls++;
    switch (step.kind) {
      case 'join':
        if (!q) return bad('no queue');
        return this.tracker.join(callid, t, { queue: q, customer: step.customer });
      case 'connect': {
        const wait = secs(step.wait);
        return this.tracker.answer(callid, t, { queue: q, agent: ag, arrived: wait === undefined ? undefined : t - wait * 1000 });
      }
      case 'end': {
        if (step.outcome === 'answered') {
          const talk = secs(step.talk);
          if (step.talk !== undefined && talk === undefined) return bad(`talk time "${step.talk}" is no duration`);
          return this.tracker.end(callid, t, { queue: q, outcome: 'answered', talk, transferred: step.transferred });
        }
        const wait = secs(step.wait);
        return this.tracker.end(callid, t, { queue: q, outcome: step.outcome, arrived: wait === undefined ? undefined : t - wait * 1000 });
      }
    }
  }
}

export interface QueueLogTail {
  /** Whether the file can be read (a queue_log cannot tell a quiet PBX from a stopped one). */
  alive(): boolean;
  /** The stream time: the latest line's time, moved on with the machine's clock since it was read. */
  streamTime(): number | null;
  status(): Record<string, unknown>;
  close(): void;
}

export function tailQueueLog(opts: { path: string; pollMs?: number; from?: 'start' | 'end'; log?: (s: string) => void }, tracker: CallTracker): QueueLogTail {
  const reader = new QueueLogLines(tracker);
  const file = followLines({ ...opts, tooLong: (n) => reader.reject(n, 'a line over 1 MiB (skipped to its end)'), failed: (n, e) => reader.reject(n, e.message) }, (text, n) => reader.line(text, n), tracker);
  return {
    alive: file.alive,
    streamTime: file.streamTime,
    status: () => ({ source: 'asterisk-queue-log', ...file.status(), lines: reader.counts, rejections: reader.rejections.slice(0, 20), calls: tracker.counts }),
    close: file.close,
  };
}
