/**
 * The local feed server (Node): replays contacts as a live stream at 1×–60× speed or a fixed rate, data
 * times shifted to now, on the stream hub (hub.ts: WebSocket, Server-Sent Events and NDJSON, seq and resume).
 * Heartbeats (every 5 s by default) carry the stream time. Used by tests, the demo and benchmarks.
 */
import type { Contact } from '../engine/types.js';
import { shifted, timeline, type Timeline } from './events.js';
import { startHub } from './hub.js';

export interface FeedOptions {
  /** The stream's id (default: new at every start). */
  streamId?: string;
  contacts: Iterable<Contact>;
  /** Replay speed against the data's own times (1–60, default 1). */
  speed?: number;
  /** Or a fixed number of events per second, whatever the data's times. */
  rate?: number;
  port?: number;
  host?: string;
  heartbeatMs?: number;
  /** Events kept for clients that resume (default 200,000). */
  keep?: number;
  /** Serve POST /control?action=pause|resume|drop|restart|gap&n=|skip&n=|garbage|jump|invalid (tests, a stale wallboard, faults). */
  control?: boolean;
}

export interface FeedServer {
  port: number;
  url: string;
  /** Seq of the last event sent. */
  lastSeq(): number;
  /** Stops sending events and heartbeats (the stream goes stale), and resumes. */
  pause(): void;
  resume(): void;
  /** Cuts every open connection (clients reconnect and resume). */
  drop(): void;
  close(): Promise<void>;
}

export async function startFeedServer(opts: FeedOptions): Promise<FeedServer> {
  const tl: Timeline = timeline(opts.contacts);
  const speed = Math.min(60, Math.max(1, opts.speed ?? 1));
  let next = 0;
  let paused = false;
  const start = Date.now();
  const t0 = tl.at.length ? tl.at[0] : start;
  const shift = start - t0;
  // Stream time: the data's time, shifted so that the replay starts now.
  let streamTime = start;

  const hub = await startHub({
    streamId: opts.streamId,
    port: opts.port,
    host: opts.host,
    heartbeatMs: opts.heartbeatMs,
    keep: opts.keep,
    heartbeat: () => (paused ? null : streamTime),
    status: () => ({ sent: next, total: tl.events.length, paused }),
    control: opts.control ? (action, q) => {
      if (action === 'pause') paused = true;
      else if (action === 'resume') paused = false;
      else if (action === 'drop') setTimeout(() => hub.drop(), 0);
      else if (action === 'restart') hub.restart();
      // The next n events are kept but not sent (a gap a replay can fill); skip: n seqs never sent nor kept.
      else if (action === 'gap') hub.hide(Number(q.get('n') ?? 100));
      else if (action === 'skip') hub.skip(Number(q.get('n') ?? 100));
      // Faults a client must survive: a message that is no JSON, a seq of 10^15, an event with values out of range.
      else if (action === 'garbage') hub.raw(hub.lastSeq(), 'not an event {');
      else if (action === 'jump') hub.raw(1e15, JSON.stringify({ seq: 1e15, stream: hub.streamId(), type: 'heartbeat', time: new Date(streamTime).toISOString() }));
      else if (action === 'invalid') hub.emit({ type: 'contact', time: new Date(streamTime).toISOString(), id: `bad-${hub.lastSeq()}`, queue: 'Sales', arrived: new Date(streamTime).toISOString(), csat: 42, talk: -5000 });
      else return 'action: pause, resume, drop, restart, gap, skip, garbage, jump or invalid';
      return true;
    } : undefined,
  });

  const tick = () => {
    if (paused) return;
    const elapsed = Date.now() - start;
    while (next < tl.events.length) {
      const dueAt = opts.rate ? (next * 1000) / opts.rate : (tl.at[next] - t0) / speed;
      if (dueAt > elapsed) break;
      const at = tl.at[next] + shift;
      streamTime = Math.max(streamTime, at);
      hub.emit({ time: new Date(at).toISOString(), ...shifted(tl.events[next], shift) });
      next++;
    }
    if (!opts.rate) streamTime = Math.max(streamTime, start + elapsed * speed);
  };
  const ticker = setInterval(tick, 20);

  return {
    port: hub.port,
    url: hub.url,
    lastSeq: hub.lastSeq,
    pause: () => { paused = true; },
    resume: () => { paused = false; },
    drop: hub.drop,
    close: async () => { clearInterval(ticker); await hub.close(); },
  };
}
