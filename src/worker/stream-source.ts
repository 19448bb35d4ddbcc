/**
 * A live source in the worker: WebSocket, Server-Sent Events or an NDJSON fetch stream, all with the same
 * event schema. It reconnects with backoff and resumes after the last seq it saw (`?since=`), and reports
 * its status: connecting, live, stale (no event or heartbeat for `staleAfterMs`, 15 s by default), error.
 */
import type { StreamEvent } from '../engine/live/live-contacts.js';
import type { StreamKind, StreamStatus } from '../protocol/index.js';

export type { StreamKind, StreamStatus };


export interface StreamSourceOptions {
  kind?: StreamKind;
  onEvent: (e: StreamEvent) => void;
  onStatus: (s: StreamStatus) => void;
  /** The seq to resume after (the last one applied, or before the first missing one). */
  since: () => number;
  /** The stream id the seqs belong to (a restarted server replays its new stream whole). */
  stream?: () => string | undefined;
  /** A message that is not an event (not JSON): counted. */
  onMalformed?: () => void;
  staleAfterMs?: number;
  /** First and longest wait between reconnects (ms). */
  backoffMs?: [number, number];
}

export function streamKind(url: string): StreamKind {
  if (/^wss?:/i.test(url)) return 'ws';
  return /\/sse(\?|$)/.test(url) || /[?&]format=sse/.test(url) ? 'sse' : 'ndjson';
}

const withSince = (url: string, since: number, stream?: string) =>
  `${url}${url.includes('?') ? '&' : '?'}since=${Math.max(0, Number.isFinite(since) ? since : 0)}${stream ? `&stream=${encodeURIComponent(stream)}` : ''}`;

export class StreamSource {
  readonly status: StreamStatus;
  private closer: (() => void) | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private delay: number;
  private stopped = false;

  constructor(readonly url: string, private readonly opts: StreamSourceOptions) {
    this.status = { state: 'connecting', kind: opts.kind ?? streamKind(url), url, lastEventAt: null, staleSince: null, reconnects: 0, error: null };
    this.delay = (opts.backoffMs ?? [500, 30_000])[0];
  }

  start(): void {
    this.connect();
    const staleAfter = this.opts.staleAfterMs ?? 15_000;
    this.watchdog = setInterval(() => {
      const last = this.status.lastEventAt;
      // Live, or trying to reconnect after a loss: either way the figures are as old as the last event.
      if ((this.status.state === 'live' || this.status.state === 'connecting') && last !== null && Date.now() - last > staleAfter) {
        this.set({ state: 'stale', staleSince: last });
      }
    }, Math.min(1000, staleAfter / 2));
  }

  /** Reconnects now, asking the server to replay from `since()` (a gap was found in the seqs). */
  resync(): void {
    if (this.stopped || this.status.state !== 'live') return;
    this.closer?.();
    this.closer = null;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.watchdog) clearInterval(this.watchdog);
    this.closer?.();
    this.set({ state: 'closed' });
  }

  private set(patch: Partial<StreamStatus>): void {
    Object.assign(this.status, patch);
    this.opts.onStatus({ ...this.status });
  }

  private received(text: string): void {
    let e: StreamEvent;
    try {
      e = JSON.parse(text);
    } catch {
      this.opts.onMalformed?.(); // not an event: counted, never applied
      return;
    }
    this.status.lastEventAt = Date.now();
    this.delay = (this.opts.backoffMs ?? [500, 30_000])[0];
    if (this.status.state !== 'live') this.set({ state: 'live', staleSince: null, error: null });
    this.opts.onEvent(e);
  }

  private lost(why: string): void {
    if (this.stopped) return;
    this.closer?.();
    this.closer = null;
    this.set({ state: this.status.state === 'stale' ? 'stale' : 'connecting', error: why });
    const max = (this.opts.backoffMs ?? [500, 30_000])[1];
    this.retry = setTimeout(() => {
      this.status.reconnects++;
      this.connect();
    }, this.delay);
    this.delay = Math.min(max, this.delay * 2);
  }

  private connect(): void {
    if (this.stopped) return;
    const url = withSince(this.url, this.opts.since(), this.opts.stream?.());
    try {
      if (this.status.kind === 'ws') this.connectWs(url);
      else if (this.status.kind === 'sse') this.connectSse(url);
      else this.connectNdjson(url);
    } catch (e) {
      this.lost(String((e as Error)?.message ?? e));
    }
  }

  private connectWs(url: string): void {
    const ws = new WebSocket(url);
    let open = true;
    ws.onmessage = (m) => this.received(typeof m.data === 'string' ? m.data : '');
    ws.onclose = () => { if (open) { open = false; this.lost('the connection closed'); } };
    ws.onerror = () => { if (open) { open = false; this.lost('the connection failed'); } };
    this.closer = () => { open = false; ws.close(); };
  }

  private connectSse(url: string): void {
    const es = new EventSource(url);
    let open = true;
    es.onmessage = (m) => this.received(m.data);
    // EventSource would reconnect by itself; we close it and resume ourselves, with backoff and ?since.
    es.onerror = () => { if (open) { open = false; es.close(); this.lost('the event stream broke'); } };
    this.closer = () => { open = false; es.close(); };
  }

  private connectNdjson(url: string): void {
    const abort = new AbortController();
    let open = true;
    this.closer = () => { open = false; abort.abort(); };
    (async () => {
      const res = await fetch(url, { signal: abort.signal, headers: { Accept: 'application/x-ndjson' } });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) this.received(line);
        }
      }
      throw new Error('the stream ended');
    })().catch((e) => { if (open) { open = false; this.lost(String((e as Error)?.message ?? e)); } });
  }
}
