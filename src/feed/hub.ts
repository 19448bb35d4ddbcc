/**
 * The feed server's stream (docs/stream.md): it gives every event its seq and the stream's id, keeps the last
 * ones for clients that resume, and serves them over WebSocket, Server-Sent Events and NDJSON — one event
 * schema for all three. What produces the events is not its business: the replay of a file (server.ts) and the
 * ACD adapters (adapters/) both hand it events. Heartbeats carry the producer's stream time, and only while the
 * producer says its source is alive: a wallboard whose ACD went quiet goes stale, not "live with no calls".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';

export interface HubOptions {
  /** The stream's id (default: new at every start). */
  streamId?: string;
  port?: number;
  host?: string;
  heartbeatMs?: number;
  /** Events kept for clients that resume (default 200,000). */
  keep?: number;
  /** The stream time a heartbeat carries (ms), or null to send none (the source is down or silent). */
  heartbeat(): number | null;
  /** What /status adds to `lastSeq`. */
  status?(): Record<string, unknown>;
  /** POST /control?action=…: true when handled; the error text to answer 400 with, when not. */
  control?(action: string, params: URLSearchParams): true | string;
  /** Other HTTP routes (e.g. an adapter's webhook): true when the request was answered. */
  route?(req: IncomingMessage, res: ServerResponse, path: string): boolean;
}

export interface Hub {
  port: number;
  url: string;
  /** Sends an event (seq and stream added); returns its seq. */
  emit(event: Record<string, unknown>): number;
  /** Seq of the last event given out. */
  lastSeq(): number;
  /** Cuts every open connection (clients reconnect and resume). */
  drop(): void;
  /** As if the server restarted: a new stream id, seq from 1, nothing kept; clients are cut off. */
  restart(): void;
  /** Faults for tests: the next n events are kept but not sent (a gap); n seqs skipped; raw text to every client. */
  hide(n: number): void;
  skip(n: number): void;
  raw(seq: number, text: string): void;
  streamId(): string;
  close(): Promise<void>;
}

type Sink = { send(seq: number, json: string): void; close(): void };

export const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Last-Event-ID', 'Access-Control-Allow-Methods': 'GET, POST', 'Cache-Control': 'no-store' };

export async function startHub(opts: HubOptions): Promise<Hub> {
  const keep = opts.keep ?? 200_000;
  const log: { seq: number; json: string }[] = [];
  const sinks = new Set<Sink>();
  const sockets = new Set<Duplex>();
  let seq = 0;
  // The stream's id: new at every start, so a client that saw seq 500 of the last run takes seq 1 of this one.
  let stream = opts.streamId ?? `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  let hidden = 0;

  const emit = (event: Record<string, unknown>): number => {
    const json = JSON.stringify({ seq: ++seq, stream, ...event });
    log.push({ seq, json });
    if (log.length > keep) log.splice(0, log.length - keep);
    if (hidden > 0) { hidden--; return seq; }
    for (const s of sinks) s.send(seq, json);
    return seq;
  };

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
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (req.method === 'OPTIONS') { res.writeHead(204, CORS); res.end(); return; }
    if (path === '/ndjson' || path === '/sse') {
      const sse = path === '/sse';
      res.writeHead(200, { ...CORS, 'Content-Type': sse ? 'text/event-stream' : 'application/x-ndjson' });
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
      const r = opts.control(url.searchParams.get('action') ?? '', url.searchParams);
      if (r !== true) { res.writeHead(400, CORS); res.end(r + '\n'); return; }
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    if (path === '/status') {
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ lastSeq: seq, stream, ...opts.status?.() }));
      return;
    }
    if (opts.route?.(req, res, path)) return;
    res.writeHead(404, CORS);
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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  // Only once listening: a port in use leaves nothing running.
  const heartbeat = setInterval(() => {
    const t = opts.heartbeat();
    if (t !== null && Number.isFinite(t)) emit({ type: 'heartbeat', time: new Date(t).toISOString() });
  }, opts.heartbeatMs ?? 5000);
  const port = (server.address() as { port: number }).port;
  const drop = () => { for (const s of [...sinks]) s.close(); sinks.clear(); for (const s of sockets) s.destroy(); sockets.clear(); };
  return {
    port,
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    emit,
    lastSeq: () => seq,
    drop,
    restart: () => { stream = `${Date.now().toString(36)}-r`; seq = 0; log.length = 0; setTimeout(drop, 0); },
    hide: (n) => { hidden = n; },
    skip: (n) => { seq += n; },
    raw: (s, text) => { for (const k of sinks) k.send(s, text); },
    streamId: () => stream,
    close: () => new Promise<void>((resolve) => {
      clearInterval(heartbeat);
      for (const s of [...sinks]) s.close();
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}
