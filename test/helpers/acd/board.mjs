// What the ACD adapter tests share: a seeded day of generated contacts, `report` on a file of contacts (the
// truth), a wallboard in Node (the feed's NDJSON applied to the engine's live contacts, resumed after its last
// seq when cut, as the worker does), and the figures a supervisor holds against the ACD's own report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateContactsCsv } from '../../../dist/sample/generate.js';
import { ContactIngest, ContactParts, LiveContacts, defaultDefinitions, query } from '../../../dist/engine/index.js';

/** A generated day (seeded, 3 queues, from 2026-03-02) as contacts. */
export function generatedDay(contacts, seed) {
  let csv = '';
  for (const c of generateContactsCsv({ contacts, seed, days: 1, start: '2026-03-02', queues: 3 })) csv += c;
  const out = [];
  const ingest = new ContactIngest({ inputTimeZone: 'UTC', onContact: (c) => out.push({ ...c }) });
  ingest.push(csv);
  ingest.end();
  return out;
}

/** `report --json` (UTC, by `by`) on a CSV written to `dir`: the figures the live ones are held against. */
export function reportOn(csv, dir, name, by = 'queue') {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csv);
  return JSON.parse(execFileSync(process.execPath, ['dist/cli/main.js', 'report', file, '--tz', 'UTC', '--by', by, '--json'], { maxBuffer: 1 << 26 }).toString());
}

/** A wallboard in Node: reads the feed's NDJSON, resumes after its last seq when cut, applies every event. */
export function nodeWallboard(url, dimensions = []) {
  const parts = new ContactParts({ slotMinutes: 15, dimensions, keepRepeats: false });
  const live = new LiveContacts(parts);
  let stopped = false;
  let connections = 0;
  void (async () => {
    while (!stopped) {
      try {
        const res = await fetch(`${url}/ndjson?since=${Number.isFinite(live.lastSeq) ? live.lastSeq : 0}${live.streamId ? `&stream=${live.streamId}` : ''}`);
        connections++;
        const reader = res.body.getReader();
        const dec = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done || stopped) break;
          buf += dec.decode(value, { stream: true });
          let i;
          while ((i = buf.indexOf('\n')) >= 0) { const l = buf.slice(0, i); buf = buf.slice(i + 1); if (l.trim()) live.apply(JSON.parse(l)); }
        }
      } catch { /* cut: connect again */ }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    live,
    connections: () => connections,
    figures: (by = ['queue']) => query(parts, defaultDefinitions('UTC'), { by }),
    waiting: () => live.state().queues.reduce((n, q) => n + q.waiting, 0),
    stop: () => { stopped = true; },
  };
}

export async function until(pred, ms = 30000) {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The figures a supervisor compares with the ACD's report, in total and per group: equal to the last digit. */
export function assertSameFigures(got, want) {
  const keys = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'flowout', 'serviceLevel', 'serviceLevelMet', 'serviceLevelBase', 'asa', 'abandonRate', 'aht', 'waitP50', 'waitP90', 'waitP95'];
  const pick = (t) => Object.fromEntries(keys.map((k) => [k, t[k]]));
  assert.ok(want.totals.offered > 0);
  assert.deepEqual(pick(got.totals), pick(want.totals));
  assert.deepEqual(got.groups.map((g) => [g.key, pick(g)]), want.groups.map((g) => [g.key, pick(g)]));
}
