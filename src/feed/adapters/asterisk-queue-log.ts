/**
 * Asterisk's queue_log, followed as Asterisk writes it (docs/stream.md "ACD adapters"): each line is read the
 * way a queue_log file is (engine/ingest/queue-log.ts) and told to the call tracker as it comes. The file is
 * read from a byte offset, so a reader that stops and starts again (or the AMI adapter after a break) goes on
 * from where it was; a line already told sends nothing again. A file that shrinks or is replaced (rotated)
 * is read again from its start.
 */
import { open, stat } from 'node:fs/promises';
import { QueueLogAgents, queueLogStep } from '../../engine/ingest/queue-log.js';
import type { CallTracker } from './calls.js';

/** A line the reader could not take, with its number in the file and why. */
export interface LineRejection { line: number; reason: string }

/** Tells queue_log lines to a call tracker; counts and keeps the first rejected ones. */
export class QueueLogLines {
  private readonly agentStates = new QueueLogAgents();
  readonly counts = { lines: 0, calls: 0, agents: 0, other: 0, rejected: 0 };
  readonly rejections: LineRejection[] = [];

  /** `agents: false` leaves agents' states to another source (the AMI's member status). */
  constructor(private readonly tracker: CallTracker, private readonly opts: { agents?: boolean } = {}) {}

  line(text: string, lineNo: number): void {
    if (text.trim() === '') return;
    this.counts.lines++;
    const f = text.split('|');
    const epoch = f[0]?.trim() ? Number(f[0]) : NaN;
    if (f.length < 5 || !Number.isFinite(epoch)) {
      this.counts.rejected++;
      if (this.rejections.length < 100) this.rejections.push({ line: lineNo, reason: f.length < 5 ? 'not a queue_log line (epoch|callid|queue|agent|EVENT|…)' : `"${f[0]}" is no epoch time` });
      return;
    }
    const t = Math.round(epoch * 1000);
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
    const bad = (why: string) => {
      this.counts.rejected++;
      if (this.rejections.length < 100) this.rejections.push({ line: lineNo, reason: `${event}: ${why}` });
    };
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

/**
 * Reads whole lines of a file from a byte offset and gives them on; returns the offset after the last whole
 * line (a line still being written is left for the next read).
 */
export async function readLinesFrom(path: string, offset: number, firstLine: number, each: (text: string, lineNo: number) => void): Promise<{ offset: number; line: number; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size < offset) return { offset: -1, line: firstLine, size };
    const buf = Buffer.alloc(1 << 20);
    let pos = offset;
    let line = firstLine;
    let rest = Buffer.alloc(0);
    while (pos < size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const chunk = rest.length ? Buffer.concat([rest, buf.subarray(0, bytesRead)]) : buf.subarray(0, bytesRead);
      let start = 0;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, start)) {
        let end = i;
        if (end > start && chunk[end - 1] === 13) end--;
        each(chunk.toString('utf8', start, end), line++);
        start = i + 1;
      }
      rest = Buffer.from(chunk.subarray(start));
    }
    return { offset: pos - rest.length, line, size };
  } finally {
    await fh.close();
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
  let offset = 0;
  let line = 1;
  let ino = -1;
  let readable = false;
  let error: string | null = null;
  let busy = false;
  let closed = false;
  let lastAt = NaN;
  let lastLocal = 0;
  const poll = async () => {
    if (busy || closed) return;
    busy = true;
    try {
      const st = await stat(opts.path);
      if (ino !== -1 && st.ino !== ino) { offset = 0; line = 1; opts.log?.(`${opts.path}: a new file (rotated): read from its start`); }
      if (ino === -1 && opts.from === 'end') offset = st.size; // only what is written from now on
      ino = st.ino;
      if (st.size < offset) { offset = 0; line = 1; opts.log?.(`${opts.path}: the file shrank (truncated): read from its start`); }
      if (st.size > offset) {
        const before = tracker.latest;
        const r = await readLinesFrom(opts.path, offset, line, (text, n) => reader.line(text, n));
        if (r.offset >= 0) { offset = r.offset; line = r.line; }
        if (tracker.latest !== before) { lastAt = tracker.latest; lastLocal = Date.now(); }
      }
      if (!readable && error) opts.log?.(`${opts.path}: readable again`);
      readable = true;
      error = null;
    } catch (e) {
      if (readable || error === null) opts.log?.(`${opts.path}: ${(e as Error).message}`);
      readable = false;
      error = (e as Error).message;
    } finally {
      busy = false;
    }
  };
  void poll();
  const timer = setInterval(poll, opts.pollMs ?? 250);
  return {
    alive: () => readable,
    streamTime: () => (Number.isFinite(lastAt) ? lastAt + (Date.now() - lastLocal) : readable ? Date.now() : null),
    status: () => ({ source: 'asterisk-queue-log', path: opts.path, readable, error, offset, lines: reader.counts, rejections: reader.rejections.slice(0, 20), calls: tracker.counts }),
    close: () => { closed = true; clearInterval(timer); },
  };
}
