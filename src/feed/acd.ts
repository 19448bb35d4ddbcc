/**
 * The feed server on an ACD's own live events (docs/stream.md "ACD adapters"): an adapter reads the ACD,
 * the call tracker turns what it reads into the kit's events, and the hub serves them with seq, stream id and
 * resume. Heartbeats go out only while the adapter hears its ACD: a wallboard whose ACD stopped goes stale.
 * Credentials stay in this process; the page only ever sees the kit's events.
 */
import { startHub, type Hub } from './hub.js';
import { CallTracker, HeardClock } from './adapters/calls.js';
import { startAmi, type AmiOptions } from './adapters/asterisk-ami.js';
import { tailQueueLog } from './adapters/asterisk-queue-log.js';
import { ConnectEvents, type ConnectOptions } from './adapters/amazon-connect.js';
import { followLines, streamLines } from './adapters/lines.js';
import { TwilioEvents, paramsOfRestEvent, signatureMatches } from './adapters/twilio.js';
import { startGenesys, type GenesysOptions } from './adapters/genesys.js';
import { CORS } from './hub.js';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ACD_SOURCES = ['asterisk-ami', 'asterisk-queue-log', 'amazon-connect', 'genesys', 'twilio'] as const;
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
  /** amazon-connect: files of events (one JSON per line) followed as written, '-' for stdin; POST /connect always. */
  connect?: ConnectOptions & { files?: string[]; quietMs?: number };
  /** genesys: the OAuth client, the org's region, the queues to follow. */
  genesys?: Omit<GenesysOptions, 'log'>;
  /** twilio: the auth token that signs TaskRouter's callbacks, and the URL Twilio calls (as configured: behind a proxy, the public one). */
  twilio?: {
    authToken?: string; publicUrl?: string; quietMs?: number;
    /** Read the Workspace's Events resource too: what a callback that never arrived told (needs the account and the token). */
    rest?: { accountSid: string; workspaceSid: string; baseUrl?: string; everyMs?: number; windowMs?: number; backfillMs?: number };
  };
  /** A token posts must carry (`Authorization: Bearer …` or `X-Api-Key`); none: posts are taken from anyone who can reach the port. */
  token?: string;
  /** Callers waiting this long with no end are sent as lost (default 4 h): an end the ACD never sent. */
  maxWaitMs?: number;
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
  let route: ((req: IncomingMessage, res: ServerResponse, path: string) => boolean) | null = null;
  let hub: Hub | null = null;
  const early: Record<string, unknown>[] = [];
  const tracker = new CallTracker((e) => (hub ? hub.emit(e) : early.push(e)), { channel: opts.channel ?? 'voice' });
  hub = await startHub({
    port: opts.port,
    host: opts.host,
    heartbeatMs: opts.heartbeatMs,
    keep: opts.keep,
    heartbeat: () => (adapter?.alive() ? adapter.streamTime() : null),
    status: () => ({ alive: adapter?.alive() ?? false, ...adapter?.status(), refusals: tracker.refusals.slice(0, 20) }),
    route: (req, res, path) => route?.(req, res, path) ?? false,
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
  } else if (opts.from === 'genesys') {
    if (!opts.genesys) throw new Error('genesys needs the OAuth client');
    adapter = startGenesys({ ...opts.genesys, log }, tracker);
  } else if (opts.from === 'asterisk-queue-log') {
    if (!opts.queueLog) throw new Error('asterisk-queue-log needs the queue_log file');
    adapter = tailQueueLog({ ...opts.queueLog, log }, tracker);
  }
  const h = hub;
  // Whatever the ACD: a caller whose end never came (an event lost, a PBX restarted mid-call, a day-old line in
  // a log) does not wait on the board for ever; answered calls never ended are forgotten after a day.
  const maxWaitMs = opts.maxWaitMs ?? 4 * 3600_000;
  let swept = 0;
  const sweeper = setInterval(() => {
    const now = adapter?.streamTime();
    if (now !== null && now !== undefined && Number.isFinite(now)) swept += tracker.sweep(now - maxWaitMs);
  }, 10_000);
  if (opts.from === 'amazon-connect') route = connectAdapter(opts, tracker, log, (a) => (adapter = a));
  if (opts.from === 'twilio') route = twilioAdapter(opts, tracker, log, h.url, (a) => (adapter = a));
  return {
    port: h.port,
    url: h.url,
    lastSeq: h.lastSeq,
    status: () => ({ lastSeq: h.lastSeq(), alive: adapter!.alive(), ...adapter!.status(), sweptAsLost: swept, refusals: tracker.refusals.slice(0, 20) }),
    drop: h.drop,
    close: async () => { clearInterval(sweeper); adapter?.close(); tracker.dispose(); await h.close(); },
  };
}

/** Whether the feed listens where other machines can reach it (not this machine's loopback). */
const reachableByOthers = (host: string | undefined) => !/^(127\.|localhost|::1)/.test(host ?? '127.0.0.1');

/** Reads a posted body whole (at most 16 MB), then answers with what was taken. */
export function readBody(req: IncomingMessage, res: ServerResponse, token: string | undefined, take: (body: string, type: string) => Record<string, unknown>): void {
  if (token !== undefined) {
    const auth = req.headers.authorization ?? '';
    const key = req.headers['x-api-key'];
    if (auth !== `Bearer ${token}` && key !== token) { res.writeHead(401, CORS); res.end('feed: this feed takes posts with its token only (Authorization: Bearer … or X-Api-Key)\n'); return; }
  }
  bodyOf(req, res, 16 << 20, (body) => {
    // Nothing a post holds may stop the feed: what cannot be read is answered 400 and said.
    let out: Record<string, unknown>;
    try { out = take(body, String(req.headers['content-type'] ?? '')); } catch (e) { res.writeHead(400, CORS); res.end(`feed: ${(e as Error).message}\n`); return; }
    res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(out));
  });
}

/** A posted body as text once it is whole; one over `limit` bytes is answered 413 and not read on. */
function bodyOf(req: IncomingMessage, res: ServerResponse, limit: number, done: (body: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > limit) { if (!res.headersSent) { res.writeHead(413, CORS); res.end(`feed: a post of at most ${limit >> 20} MiB\n`); } req.destroy(); return; }
    chunks.push(c);
  });
  req.on('end', () => { if (!res.headersSent) done(Buffer.concat(chunks).toString('utf8')); });
}

function connectAdapter(opts: AcdFeedOptions, tracker: CallTracker, log: (s: string) => void, set: (a: Adapter) => void) {
  const c = opts.connect ?? {};
  if (opts.token === undefined && reachableByOthers(opts.host)) log('amazon-connect: no SLA_FEED_TOKEN: posts to /connect are taken from anyone who can reach this port');
  const events = new ConnectEvents(tracker, c);
  const quietMs = c.quietMs ?? 150_000;
  const clock = new HeardClock(tracker);
  let posts = 0;
  const followed = (c.files ?? []).filter((f) => f !== '-').map((path) => followLines({ path, log, tooLong: (n) => events.reject(`${path}:${n}`, 'a line over 1 MiB (skipped to its end)'), failed: (n, e) => events.reject(`${path}:${n}`, e.message) }, (text, n) => { events.text(text, `${path}:${n}`); clock.heard(); }, tracker));
  const stdin = (c.files ?? []).includes('-') ? streamLines(process.stdin, (text, n) => { events.text(text, `stdin:${n}`); clock.heard(); }) : null;
  set({
    // Heard while events come: a post, a line of a followed file or of stdin (Connect's agent records beat every
    // 2 minutes while anyone is logged in); quiet for 150 s, the wallboard goes stale, whatever still stands open.
    alive: () => clock.heardWithin(quietMs) || (clock.never() && (followed.some((f) => f.alive()) || (stdin !== null && !stdin.ended()))),
    streamTime: () => clock.time(),
    status: () => ({ source: 'amazon-connect', posts, events: events.counts, rejections: events.rejections.slice(0, 20), files: followed.map((f) => f.status()), calls: tracker.counts }),
    close: () => { for (const f of followed) f.close(); stdin?.close(); },
  });
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (path !== '/connect' || req.method !== 'POST') return false;
    readBody(req, res, opts.token, (body) => {
      posts++;
      const before = { ...events.counts };
      // One event or an array (EventBridge API destinations, a Lambda), or one event per line.
      const t = body.trim();
      let whole: unknown;
      try { whole = JSON.parse(t); } catch { whole = undefined; }
      if (whole !== undefined) events.value(whole, `post ${posts}`);
      else t.split('\n').forEach((l, i) => events.text(l, `post ${posts}:${i + 1}`));
      clock.heard();
      return { events: events.counts.events - before.events, duplicates: events.counts.duplicates - before.duplicates, rejected: events.counts.rejected - before.rejected };
    });
    return true;
  };
}

function twilioAdapter(opts: AcdFeedOptions, tracker: CallTracker, log: (s: string) => void, url: string, set: (a: Adapter) => void) {
  const t = opts.twilio ?? {};
  const events = new TwilioEvents(tracker);
  const quietMs = t.quietMs ?? 300_000;
  const clock = new HeardClock(tracker);
  let posts = 0;
  let refused = 0;
  if (!t.authToken) log('twilio: no TWILIO_AUTH_TOKEN: callbacks are taken unsigned, from anyone who can reach this port');
  else if (!t.publicUrl && reachableByOthers(opts.host)) log(`twilio: the signature covers the URL Twilio calls; behind a proxy or a public address give it with --public-url, or every callback is refused (403)`);
  // The Events resource (30 days kept): every minute the last 10 minutes, and at start the last 12 hours, read
  // like callbacks — what a callback Twilio gave up on told is told after all; a callback seen sends nothing.
  const rest = t.rest;
  const reconciled = { polls: 0, events: 0, error: null as string | null };
  let polledUntil = 0;
  let polling = false;
  const poll = async () => {
    if (!rest || !t.authToken || polling) return;
    polling = true;
    try {
      const base = rest.baseUrl ?? 'https://taskrouter.twilio.com';
      const now = Date.now();
      const from = polledUntil ? polledUntil - (rest.windowMs ?? 600_000) : now - (rest.backfillMs ?? 12 * 3600_000);
      let url: string | null = `${base}/v1/Workspaces/${encodeURIComponent(rest.workspaceSid)}/Events?StartDate=${encodeURIComponent(new Date(from).toISOString().replace(/\.\d{3}Z$/, 'Z'))}&EndDate=${encodeURIComponent(new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'))}&PageSize=1000`;
      const got: Record<string, unknown>[] = [];
      for (let pages = 0; url && pages < 200; pages++) {
        const res: Response = await fetch(url, { headers: { Authorization: `Basic ${Buffer.from(`${rest.accountSid}:${t.authToken}`).toString('base64')}` } });
        if (!res.ok) throw new Error(`the Events resource answered HTTP ${res.status}`);
        const body = (await res.json()) as { events?: Record<string, unknown>[]; meta?: { next_page_url?: string | null } };
        for (const ev of body.events ?? []) got.push(ev);
        const next = body.meta?.next_page_url;
        // Followed on the base given (a proxy or the tests' simulator), not only on twilio.com.
        url = next ? base + new URL(next, base).pathname + new URL(next, base).search : null;
      }
      got.sort((a, b) => Number(a.event_date_ms) - Number(b.event_date_ms) || String(a.sid).localeCompare(String(b.sid)));
      const before = events.counts.events;
      for (const e of got) events.event(paramsOfRestEvent(e), `Events ${String(e.sid ?? '?')}`);
      reconciled.events += events.counts.events - before;
      reconciled.polls++;
      reconciled.error = null;
      polledUntil = now;
      clock.heard();
    } catch (e) {
      reconciled.error = (e as Error).message;
      log(`twilio: ${reconciled.error}`);
    } finally {
      polling = false;
    }
  };
  const poller = rest && t.authToken ? setInterval(() => void poll(), rest.everyMs ?? 60_000) : null;
  if (poller) void poll();
  else if (rest) log('twilio: reading the Events resource needs TWILIO_AUTH_TOKEN too');
  set({
    // TaskRouter sends no heartbeat: heard while callbacks come, or the Events resource answers (a quiet center
    // with no Events reading goes stale after 5 minutes).
    alive: () => clock.heardWithin(quietMs),
    streamTime: () => clock.time(),
    status: () => ({ source: 'twilio', posts, refused, signed: !!t.authToken, ...(rest ? { reconciled } : {}), events: events.counts, rejections: events.rejections.slice(0, 20), calls: tracker.counts }),
    close: () => { if (poller) clearInterval(poller); },
  });
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (path !== '/twilio' || req.method !== 'POST') return false;
    bodyOf(req, res, 1 << 20, (body) => {
      const params: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
      if (t.authToken) {
        // The URL Twilio signed: the Workspace's EventCallbackUrl as configured (a proxy's public address).
        const called = t.publicUrl ?? url + (req.url ?? '/twilio');
        const sig = req.headers['x-twilio-signature'];
        if (!signatureMatches(t.authToken, called, params, Array.isArray(sig) ? sig[0] : sig)) {
          refused++;
          res.writeHead(403, CORS);
          res.end('feed: X-Twilio-Signature does not match (the auth token, or the public URL Twilio calls: --public-url)\n');
          return;
        }
      }
      posts++;
      const rejected = events.counts.rejected;
      try { events.event(params, `post ${posts} (${params.EventType ?? '?'} ${params.Sid ?? ''})`); } catch (e) { res.writeHead(400, CORS); res.end(`feed: ${(e as Error).message}\n`); return; }
      if (events.counts.rejected > rejected) { res.writeHead(400, CORS); res.end(`feed: ${events.rejections[events.rejections.length - 1]?.reason ?? 'not a TaskRouter event'}\n`); clock.heard(); return; }
      clock.heard();
      // Twilio asks for 204 with a JSON content type, within 15 s.
      res.writeHead(204, { ...CORS, 'Content-Type': 'application/json' });
      res.end();
    });
    return true;
  };
}
