/** `sla-widgets feed`: a local live feed replaying a CSV (or generated contacts) over WebSocket, SSE and NDJSON. */
import { helpText } from './help.js';
import { createReadStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateContactsCsv } from '../sample/generate.js';
import { ContactIngest, IngestError } from '../engine/ingest/index.js';
import type { Contact } from '../engine/types.js';
import { startFeedServer } from '../feed/server.js';
import { UsageError, flagError } from './errors.js';
import { loadMapping, machineZone, zoneFlag } from './options.js';
import { zoneNamed } from '../engine/time/zone.js';
import { ACD_SOURCES, startAcdFeed, type AcdFeedOptions, type AcdSource } from '../feed/acd.js';
import { readFileSync } from 'node:fs';


export const FLAGS = {
  speed: { type: 'string' },
  rate: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  map: { type: 'string' },
  'input-tz': { type: 'string' },
  contacts: { type: 'string' },
  seed: { type: 'string' },
  days: { type: 'string' },
  channels: { type: 'string' },
  'start-at': { type: 'string' },
  from: { type: 'string' },
  ami: { type: 'string' },
  'queue-log': { type: 'string' },
  'tail-from': { type: 'string' },
  credentials: { type: 'string' },
  events: { type: 'string', multiple: true },
  'queue-names': { type: 'string' },
  'agent-names': { type: 'string' },
  'public-url': { type: 'string' },
  region: { type: 'string' },
  workspace: { type: 'string' },
  queues: { type: 'string' },
  control: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads contacts (copies) from a CSV, or generates them. */
export async function feedContacts(file: string | undefined, o: { map?: string; inputTz?: string; contacts?: number; seed?: string; days?: number }): Promise<Contact[]> {
  const out: Contact[] = [];
  const source = file
    ? createReadStream(file, { highWaterMark: 1 << 20 })
    : generateContactsCsv({ contacts: o.contacts ?? 20000, seed: o.seed ?? 'feed', days: o.days ?? 1, start: new Date().toISOString().slice(0, 10) });
  const ingest = new ContactIngest({ mapping: o.map ? loadMapping(o.map) : undefined, inputTimeZone: o.inputTz ?? machineZone(), onContact: (c) => out.push({ ...c }) });
  try {
    for await (const chunk of source as AsyncIterable<Uint8Array | string>) ingest.push(chunk);
    ingest.end();
  } catch (e) {
    if (e instanceof IngestError) throw new UsageError(`${file ?? 'generated contacts'}: ${e.message}`);
    throw e;
  }
  return out;
}

export async function feed(argv: string[], out: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw flagError(e, 'feed');
  }
  const { values: f, positionals } = parsed;
  if (f.help) { out(helpText('feed')); return 0; }
  if (f.from !== undefined) {
    if (/^\d{1,2}:\d{2}$/.test(f.from)) throw new UsageError(`--from ${f.from}: --from names the ACD to listen to now (${ACD_SOURCES.join(', ')}); a time of day to start the replay at is --start-at ${f.from}`);
    return acdFeed(f, positionals, out);
  }
  const file = positionals[0];
  if (file) {
    try { if (!statSync(file).isFile()) throw new Error(); } catch { throw new UsageError(`${file}: cannot read the file`); }
  }
  const speed = f.speed === undefined ? 1 : Number(f.speed);
  if (!(speed >= 1 && speed <= 60)) throw new UsageError(`--speed ${f.speed}: expected 1 to 60`);
  const rate = f.rate === undefined ? undefined : Number(f.rate);
  if (rate !== undefined && !(rate > 0)) throw new UsageError(`--rate ${f.rate}: expected events per second > 0`);
  const port = f.port === undefined ? 8787 : Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${f.port}: expected a port number`);
  const days = f.days === undefined ? 1 : Number(f.days);
  if (!Number.isInteger(days) || days < 1 || days > 31) throw new UsageError(`--days ${f.days}: expected 1 to 31 days of generated contacts`);
  if (file && f.days !== undefined) throw new UsageError('--days is for generated contacts: a file replays what it holds');
  const contacts = await feedContacts(file, { map: f.map, inputTz: f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : undefined, contacts: f.contacts ? Number(f.contacts) : undefined, seed: f.seed, days });
  // What the replay starts with: only some channels (a voice wallboard), and from a time of the first day (not
  // the quiet night), in the data's zone (generated contacts: America/New_York; a file: --input-tz).
  const channels = f.channels ? f.channels.split(',').map((c) => c.trim()).filter(Boolean) : null;
  let replay = channels ? contacts.filter((c) => !c.channel || channels.includes(c.channel)) : contacts;
  const acdFlag = (Object.keys(FLAG_SOURCES) as (keyof typeof FLAG_SOURCES)[]).find((k) => f[k] !== undefined);
  if (acdFlag) throw new UsageError(`--${acdFlag} is for --from ${FLAG_SOURCES[acdFlag].join(' or ')}: a replay reads a file or generates contacts`);
  if (f['start-at'] !== undefined) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(f['start-at']);
    if (!m || +m[1] > 23 || +m[2] > 59) throw new UsageError(`--start-at ${f['start-at']}: expected a time of day such as 08:00`);
    const zone = zoneNamed(file ? (f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : machineZone()) : 'America/New_York');
    const first = replay.reduce((t, c) => Math.min(t, c.arrived), Infinity);
    const day = Math.floor(zone.toLocal(first) / 86_400_000);
    const wanted = day * 86_400_000 + (+m[1] * 60 + +m[2]) * 60_000;
    replay = replay.filter((c) => zone.toLocal(c.arrived) >= wanted);
  }
  if (replay.length === 0) throw new UsageError('nothing to replay: no contact is left after --channels / --start-at');
  const server = await startFeedServer({ contacts: replay, speed, rate, port, host: f.host, control: f.control }).catch((e) => { throw listenError(e, port, f.host); });
  out(`feed: ${replay.length} contacts at ${rate ? `${rate} events/s` : `${speed}×`} — ws://${server.url.slice(7)}/ws · ${server.url}/sse · ${server.url}/ndjson (?since=seq)${f.control ? ` · POST ${server.url}/control?action=pause|resume|drop` : ''} · Ctrl-C stops`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await server.close();
  return 0;
}

type Flags = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K] extends { multiple: true } ? string[] : (typeof FLAGS)[K]['type'] extends 'boolean' ? boolean : string };

/** The flags of an ACD, and the ACDs each is for. */
const FLAG_SOURCES = {
  ami: ['asterisk-ami'], credentials: ['asterisk-ami', 'genesys'], 'queue-log': ['asterisk-ami', 'asterisk-queue-log'], 'tail-from': ['asterisk-queue-log'],
  events: ['amazon-connect'], 'queue-names': ['amazon-connect'], 'agent-names': ['amazon-connect'],
  region: ['genesys'], queues: ['genesys'], 'public-url': ['twilio'], workspace: ['twilio'],
} as const satisfies Partial<Record<keyof typeof FLAGS, readonly AcdSource[]>>;

/**
 * An ACD's credentials (`who` names them, with its verb): a JSON file with the two fields, or two environment
 * variables; never a flag that others can read in the process list.
 */
function credentials<A extends string, B extends string>(file: string | undefined, [a, b]: [A, B], [envA, envB]: [string, string], who: string): Record<A | B, string> {
  let o: Record<string, unknown> | null;
  if (file) {
    try { o = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`--credentials ${file}: ${(e as Error).message}`); }
    if (typeof o?.[a] !== 'string' || typeof o?.[b] !== 'string') throw new UsageError(`--credentials ${file}: expected {"${a}": "…", "${b}": "…"}`);
  } else {
    o = { [a]: process.env[envA], [b]: process.env[envB] };
    if (!o[a] || !o[b]) throw new UsageError(`${who} from ${envA} and ${envB}, or --credentials file.json; never from a flag that others can read in the process list`);
  }
  return { [a]: o[a], [b]: o[b] } as Record<A | B, string>;
}

/** `feed --from <ACD>`: the ACD's own live events as the kit's stream (docs/stream.md "ACD adapters"). */
async function acdFeed(f: Flags, positionals: string[], out: (s: string) => void): Promise<number> {
  const from = f.from as AcdSource;
  if (!ACD_SOURCES.includes(from)) throw new UsageError(`--from ${f.from}: expected one of ${ACD_SOURCES.join(', ')}`);
  if (positionals.length) throw new UsageError(`--from ${from} listens to the ACD: no file to replay (${positionals[0]})`);
  for (const k of ['speed', 'rate', 'map', 'input-tz', 'contacts', 'seed', 'days', 'channels', 'start-at'] as const) if (f[k] !== undefined) throw new UsageError(`--${k} is for a replay; --from ${from} sends what the ACD does as it happens`);
  const port = f.port === undefined ? 8787 : Number(f.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${f.port}: expected a port number`);
  const opts: AcdFeedOptions = { from, port, host: f.host, control: f.control, token: process.env.SLA_FEED_TOKEN || undefined };
  const names = (flag: 'queue-names' | 'agent-names'): Record<string, string> | undefined => {
    const file = f[flag];
    if (file === undefined) return undefined;
    let j: unknown;
    try { j = JSON.parse(readFileSync(file, 'utf8')); } catch (e) { throw new UsageError(`--${flag} ${file}: ${(e as Error).message}`); }
    // What `aws connect list-queues` / `list-users` print works as it is.
    const list = (j as { QueueSummaryList?: unknown; UserSummaryList?: unknown } | null)?.[flag === 'queue-names' ? 'QueueSummaryList' : 'UserSummaryList'];
    if (Array.isArray(list)) {
      const out: Record<string, string> = {};
      for (const x of list as Record<string, unknown>[]) {
        const name = typeof x?.Name === 'string' ? x.Name : typeof x?.Username === 'string' ? x.Username : undefined;
        const key = typeof x?.Arn === 'string' ? x.Arn : typeof x?.Id === 'string' ? x.Id : undefined;
        if (name && key) out[key] = name;
      }
      return out;
    }
    if (!j || typeof j !== 'object' || Array.isArray(j) || Object.values(j).some((v) => typeof v !== 'string')) throw new UsageError(`--${flag} ${file}: expected {"<ARN or id>": "<name>", …}, or what \`aws connect ${flag === 'queue-names' ? 'list-queues' : 'list-users'}\` prints`);
    return j as Record<string, string>;
  };
  for (const [k, sources] of Object.entries(FLAG_SOURCES) as [keyof typeof FLAG_SOURCES, readonly AcdSource[]][]) {
    if (f[k] !== undefined && !sources.includes(from)) throw new UsageError(`--${k} is for --from ${sources.join(' or ')}`);
  }
  if (from === 'genesys') {
    const region = f.region ?? 'mypurecloud.com';
    if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(region)) throw new UsageError(`--region ${region}: expected your org's domain, such as mypurecloud.com, mypurecloud.ie or usw2.pure.cloud`);
    const queues = f.queues === undefined ? undefined : f.queues.split(',').map((q) => q.trim()).filter(Boolean);
    opts.genesys = { region, ...credentials(f.credentials, ['clientId', 'clientSecret'], ['GENESYS_CLIENT_ID', 'GENESYS_CLIENT_SECRET'], 'genesys: the OAuth client (client credentials grant) comes'), ...(queues?.length ? { queues } : {}) };
  } else if (from === 'twilio') {
    if (f['public-url'] !== undefined && !/^https?:\/\/[^/]+/.test(f['public-url'])) throw new UsageError(`--public-url ${f['public-url']}: expected the Workspace's EventCallbackUrl as Twilio calls it (https://…)`);
    const authToken = process.env.TWILIO_AUTH_TOKEN || undefined;
    let rest;
    if (f.workspace !== undefined) {
      if (!/^WS[0-9a-f]{32}$/i.test(f.workspace)) throw new UsageError(`--workspace ${f.workspace}: expected the Workspace's SID (WS and 32 hex digits)`);
      const accountSid = process.env.TWILIO_ACCOUNT_SID;
      if (!accountSid || !authToken) throw new UsageError('--workspace reads the Workspace\'s Events resource: it needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
      rest = { accountSid, workspaceSid: f.workspace };
    }
    opts.twilio = { authToken, publicUrl: f['public-url'], ...(rest ? { rest } : {}) };
  } else if (from === 'amazon-connect') {
    const files = f.events ?? [];
    for (const file of files) if (file !== '-') { try { statSync(file); } catch (e) { throw new UsageError(`--events ${file}: ${(e as Error).message}`); } }
    opts.connect = { files, queueNames: names('queue-names'), agentNames: names('agent-names') };
  } else if (from === 'asterisk-ami') {
    const m = /^(.+?)(?::(\d+))?$/.exec(f.ami ?? '');
    if (!f.ami || !m) throw new UsageError('--from asterisk-ami needs --ami host[:port] (the manager interface; port 5038 unless told)');
    const amiPort = m[2] === undefined ? 5038 : Number(m[2]);
    if (!(amiPort > 0 && amiPort < 65536)) throw new UsageError(`--ami ${f.ami}: expected host:port`);
    if (f['queue-log'] !== undefined) { try { statSync(f['queue-log']); } catch (e) { throw new UsageError(`--queue-log ${f['queue-log']}: ${(e as Error).message}`); } }
    opts.ami = { host: m[1], port: amiPort, ...credentials(f.credentials, ['username', 'secret'], ['SLA_AMI_USERNAME', 'SLA_AMI_SECRET'], 'asterisk-ami: the AMI user and secret (manager.conf) come'), queueLog: f['queue-log'] };
  } else {
    if (!f['queue-log']) throw new UsageError('--from asterisk-queue-log needs --queue-log /var/log/asterisk/queue_log');
    const tail = f['tail-from'] ?? 'start';
    if (tail !== 'start' && tail !== 'end') throw new UsageError(`--tail-from ${tail}: expected start (the whole file, then what is written) or end (only what is written from now)`);
    try { if (!statSync(f['queue-log']).isFile()) throw new Error('not a file'); } catch (e) { throw new UsageError(`--queue-log ${f['queue-log']}: ${(e as Error).message}`); }
    opts.queueLog = { path: f['queue-log'], from: tail };
  }
  const feed = await startAcdFeed(opts).catch((e) => { throw listenError(e, port, f.host); });
  const what = from === 'asterisk-ami' ? `Asterisk AMI at ${opts.ami!.host}:${opts.ami!.port}${opts.ami!.queueLog ? ` (breaks recovered from ${opts.ami!.queueLog})` : ''}`
    : from === 'asterisk-queue-log' ? `Asterisk queue_log ${opts.queueLog!.path}`
      : from === 'genesys' ? `Genesys Cloud (${opts.genesys!.region}) notifications${opts.genesys!.queues ? ` for ${opts.genesys!.queues.join(', ')}` : ', every queue'}`
      : from === 'twilio' ? `Twilio TaskRouter callbacks posted to ${feed.url}/twilio${opts.twilio!.authToken ? ' (signed with TWILIO_AUTH_TOKEN)' : ' (unsigned: set TWILIO_AUTH_TOKEN)'}${opts.twilio!.rest ? `, and the Events resource of ${opts.twilio!.rest.workspaceSid} every minute` : ''}`
      : `Amazon Connect events${opts.connect!.files!.length ? ` from ${opts.connect!.files!.map((x) => (x === '-' ? 'stdin' : x)).join(', ')} and` : ''} posted to ${feed.url}/connect${opts.token ? ' (with the token of SLA_FEED_TOKEN)' : ''}`;
  out(`feed: ${what} — ws://${feed.url.slice(7)}/ws · ${feed.url}/sse · ${feed.url}/ndjson (?since=seq) · ${feed.url}/status · Ctrl-C stops`);
  await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
  await feed.close();
  return 0;
}

/** A server that cannot listen, in words: the port taken, the address not this machine's. */
function listenError(e: unknown, port: number, host: string | undefined): unknown {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} is in use by another program: --port another (0: any free one)`);
  if (code === 'EACCES') return new UsageError(`port ${port} needs privileges this user lacks: --port 1024 or above`);
  if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL' || code === 'EAI_AGAIN') return new UsageError(`--host ${host}: not an address of this machine to listen on`);
  return e;
}
