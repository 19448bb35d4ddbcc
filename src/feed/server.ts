/**
 * The local feed server (Node): replays contacts as a live stream at 1×–60× speed or a fixed rate, data
 * times shifted to now, over WebSocket, Server-Sent Events and NDJSON — one event schema for all three.
 * Every event has a seq; a client resumes after the last one it saw (`?since=`, or Last-Event-ID for SSE).
 * Heartbeats (every 5 s by default) carry the stream time. Used by tests, the demo and benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { Contact } from '../engine/types.js';
import { shifted, timeline, type Timeline } from './events.js';

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

type Sink = { send(seq: number, json: string): void; close(): void };

export async function startFeedServer(opts: FeedOptions): Promise<FeedServer> {
  const tl: Timeline = timeline(opts.contacts);
  const speed = Math.min(60, Math.max(1, opts.speed ?? 1));
  const keep = opts.keep ?? 200_000;
  const log: { seq: number; json: string }[] = [];
  const sinks = new Set<Sink>();
  const sockets = new Set<Duplex>();
  let seq = 0;
  let next = 0;
  let paused = false;
  const start = Date.now();
  const t0 = tl.at.length ? tl.at[0] : start;
  const shift = start - t0;
  // Stream time: the data's time, shifted so that the replay starts now.
  let streamTime = start;

  // The stream's id: new at every start, so a client that saw seq 500 of the last run takes seq 1 of this one.
  let stream = opts.streamId ?? `${start.toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  /** Events still to be kept from live clients (a gap they must ask to be replayed), and seqs to skip unsent. */
  let hide = 0;
  const emit = (event: Record<string, unknown>) => {
    const json = JSON.stringify({ seq: ++seq, stream, ...event });
    log.push({ seq, json });
    if (log.length > keep) log.splice(0, log.length - keep);
    if (hide > 0) { hide--; return; }
    for (const s of sinks) s.send(seq, json);
  };

  const tick = () => {
    if (paused) return;
    const elapsed = Date.now() - start;
    while (next < tl.events.length) {
      const dueAt = opts.rate ? (next * 1000) / opts.rate : (tl.at[next] - t0) / speed;
      if (dueAt > elapsed) break;
      const at = tl.at[next] + shift;
      streamTime = Math.max(streamTime, at);
      emit({ time: new Date(at).toISOString(), ...shifted(tl.events[next], shift) });
      next++;
    }
    if (!opts.rate) streamTime = Math.max(streamTime, start + elapsed * speed);
  };
  const ticker = setInterval(tick, 20);
  const heartbeat = setInterval(() => {
    if (!paused) emit({ type: 'heartbeat', time: new Date(streamTime).toISOString() });
  }, opts.heartbeatMs ?? 5000);

  const since = (req: IncomingMessage): number => {
    const u = new URL(req.url ?? '/', 'http://x');
    // A client resuming another stream (this server restarted since) gets this stream whole.
    const theirs = u.searchParams.get('stream');
    if (theirs && theirs !== stream) return 0;
    const h = req.headers['last-event-id'];
    const v = Number(u.searchParams.get('since') ?? (Array.isArray(h) ? h[0] : h) ?? 0);
    return Number.isFinite(v) ? v : 0;
  };
  const replay = (from: number, sink: Sink) => {
    for (const e of log) if (e.seq > from) sink.send(e.seq, e.json);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Last-Event-ID', 'Access-Control-Allow-Methods': 'GET, POST', 'Cache-Control': 'no-store' };
    if (req.method === 'OPTIONS') { res.writeHead(204, cors); res.end(); return; }
    if (path === '/ndjson' || path === '/sse') {
      const sse = path === '/sse';
      res.writeHead(200, { ...cors, 'Content-Type': sse ? 'text/event-stream' : 'application/x-ndjson' });
      res.flushHeaders();
      const sink: Sink = {
        send: (s, json) => res.write(sse ? `id: ${s}\ndata: ${json}\n\n` : json + '\n'),
        close: () => res.destroy(),
      };
      replay(since(req), sink);
      sinks.add(sink);
      req.on('close', () => sinks.delete(sink));
      return;
    }
    if (path === '/control' && opts.control && req.method === 'POST') {
      const action = new URL(req.url ?? '/', 'http://x').searchParams.get('action');
      if (action === 'pause') paused = true;
      else if (action === 'resume') paused = false;
      else if (action === 'drop') setTimeout(() => api.drop(), 0);
      // As if the server restarted: a new stream, seq from 1, nothing logged before; clients are cut off.
      else if (action === 'restart') { stream = `${Date.now().toString(36)}-r`; seq = 0; log.length = 0; setTimeout(() => api.drop(), 0); }
      // The next n events are logged but not sent (a gap a replay can fill); skip: n seqs never sent nor logged.
      else if (action === 'gap') hide = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 100);
      else if (action === 'skip') seq += Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 100);
      // Faults a client must survive: a message that is no JSON, a seq of 10^15, an event with values out of range.
      else if (action === 'garbage') for (const s of sinks) s.send(seq, 'not an event {');
      else if (action === 'jump') for (const s of sinks) s.send(1e15, JSON.stringify({ seq: 1e15, stream, type: 'heartbeat', time: new Date(streamTime).toISOString() }));
      else if (action === 'invalid') emit({ type: 'contact', time: new Date(streamTime).toISOString(), id: `bad-${seq}`, queue: 'Sales', arrived: new Date(streamTime).toISOString(), csat: 42, talk: -5000 });
      else { res.writeHead(400, cors); res.end('action: pause, resume, drop, restart, gap, skip, garbage, jump or invalid\n'); return; }
      res.writeHead(204, cors);
      res.end();
      return;
    }
    if (path === '/status') {
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ lastSeq: seq, sent: next, total: tl.events.length, paused }));
      return;
    }
    res.writeHead(404, cors);
    res.end('feed: /ws, /sse, /ndjson (?since=seq), /status\n');
  });

  // A minimal WebSocket server (RFC 6455): the handshake, text frames out, close and ping handled.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws' || typeof key !== 'string') { socket.destroy(); return; }
    const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    const frame = (opcode: number, payload: Buffer) => {
      const n = payload.length;
      const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 255]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
      socket.write(Buffer.concat([head, payload]));
    };
    const sink: Sink = { send: (_s, json) => frame(1, Buffer.from(json)), close: () => socket.destroy() };
    socket.on('data', (buf: Buffer) => {
      const opcode = buf[0] & 0x0f;
      if (opcode === 8) { frame(8, Buffer.alloc(0)); socket.end(); }
      else if (opcode === 9) frame(10, Buffer.alloc(0));
    });
    const bye = () => { sinks.delete(sink); sockets.delete(socket); };
    socket.on('close', bye);
    socket.on('error', bye);
    replay(since(req), sink);
    sinks.add(sink);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const api: FeedServer = {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    lastSeq: () => seq,
    pause: () => { paused = true; },
    resume: () => { paused = false; },
    drop: () => { for (const s of [...sinks]) s.close(); sinks.clear(); for (const s of sockets) s.destroy(); sockets.clear(); },
    close: () => new Promise<void>((resolve) => {
      clearInterval(ticker);
      clearInterval(heartbeat);
      for (const s of [...sinks]) s.close();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
  return api;
}
