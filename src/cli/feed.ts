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
  from: { type: 'string' },
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
  if (f.from !== undefined) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(f.from);
    if (!m || +m[1] > 23 || +m[2] > 59) throw new UsageError(`--from ${f.from}: expected a time of day such as 08:00`);
    const zone = zoneNamed(file ? (f['input-tz'] ? zoneFlag(f['input-tz'], '--input-tz') : machineZone()) : 'America/New_York');
    const first = replay.reduce((t, c) => Math.min(t, c.arrived), Infinity);
    const day = Math.floor(zone.toLocal(first) / 86_400_000);
    const wanted = day * 86_400_000 + (+m[1] * 60 + +m[2]) * 60_000;
    replay = replay.filter((c) => zone.toLocal(c.arrived) >= wanted);
  }
  if (replay.length === 0) throw new UsageError('nothing to replay: no contact is left after --channels / --from');
  const server = await startFeedServer({ contacts: replay, speed, rate, port, host: f.host, control: f.control });
  out(`feed: ${replay.length} contacts at ${rate ? `${rate} events/s` : `${speed}×`} — ws://${server.url.slice(7)}/ws · ${server.url}/sse · ${server.url}/ndjson (?since=seq)${f.control ? ` · POST ${server.url}/control?action=pause|resume|drop` : ''} · Ctrl-C stops`);
  await new Promise<void>((resolve) => process.once('SIGINT', resolve));
  await server.close();
  return 0;
}
