/**
 * The feed server on an ACD's own live events (docs/stream.md "ACD adapters"): an adapter reads the ACD,
 * the call tracker turns what it reads into the kit's events, and the hub serves them with seq, stream id and
 * resume. Heartbeats go out only while the adapter hears its ACD: a wallboard whose ACD stopped goes stale.
 * Credentials stay in this process; the page only ever sees the kit's events.
 */
import { startHub, type Hub } from './hub.js';
import { CallTracker } from './adapters/calls.js';
import { startAmi, type AmiOptions } from './adapters/asterisk-ami.js';
import { tailQueueLog } from './adapters/asterisk-queue-log.js';

export const ACD_SOURCES = ['asterisk-ami', 'asterisk-queue-log'] as const;
export type AcdSource = (typeof ACD_SOURCES)[number];

export interface AcdFeedOptions {
  from: AcdSource;
  port?: number;
  host?: string;
  heartbeatMs?: number;
  keep?: number;
  /** The channel every contact is sent with (default voice: a PBX's queues are calls). */
  channel?: string;
  /** asterisk-ami */
  ami?: Omit<AmiOptions, 'log'>;
  /** asterisk-queue-log: the file, and whether to start at its end (default: its start). */
  queueLog?: { path: string; from?: 'start' | 'end'; pollMs?: number };
  /** POST /control?action=drop (tests: the wallboard's connection cut). */
  control?: boolean;
  log?: (s: string) => void;
}

export interface AcdFeed {
  port: number;
  url: string;
  lastSeq(): number;
  status(): Record<string, unknown>;
  drop(): void;
  close(): Promise<void>;
}

interface Adapter { alive(): boolean; streamTime(): number | null; status(): Record<string, unknown>; close(): void }

export async function startAcdFeed(opts: AcdFeedOptions): Promise<AcdFeed> {
  let adapter: Adapter | null = null;
  let hub: Hub | null = null;
  const early: Record<string, unknown>[] = [];
  const tracker = new CallTracker((e) => (hub ? hub.emit(e) : early.push(e)), { channel: opts.channel ?? 'voice' });
  hub = await startHub({
    port: opts.port,
    host: opts.host,
    heartbeatMs: opts.heartbeatMs,
    keep: opts.keep,
    heartbeat: () => (adapter?.alive() ? adapter.streamTime() : null),
    status: () => ({ alive: adapter?.alive() ?? false, ...adapter?.status() }),
    control: opts.control ? (action) => {
      if (action === 'drop') { setTimeout(() => hub!.drop(), 0); return true; }
      return 'action: drop';
    } : undefined,
  });
  for (const e of early.splice(0)) hub.emit(e);
  const log = opts.log ?? ((s: string) => console.error(`feed: ${s}`));
  if (opts.from === 'asterisk-ami') {
    if (!opts.ami) throw new Error('asterisk-ami needs the AMI address and credentials');
    adapter = startAmi({ ...opts.ami, log }, tracker);
  } else {
    if (!opts.queueLog) throw new Error('asterisk-queue-log needs the queue_log file');
    adapter = tailQueueLog({ ...opts.queueLog, log }, tracker);
  }
  const h = hub;
  return {
    port: h.port,
    url: h.url,
    lastSeq: h.lastSeq,
    status: () => ({ lastSeq: h.lastSeq(), alive: adapter!.alive(), ...adapter!.status() }),
    drop: h.drop,
    close: async () => { adapter?.close(); await h.close(); },
  };
}
