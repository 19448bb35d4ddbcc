// The seeded 200,000-contact set over the EU's spring DST weekend that the parts tests share, and how they
// read parts tables and reports (test/cli/parts.test.mjs, test/cli/parts-report.test.mjs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/cli/main.js`;
export const dir = mkdtempSync(join(tmpdir(), 'sla-parts-'));
export const cli = (args, ok = true) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: ROOT });
  if (ok) assert.equal(r.status, 0, `sla-widgets ${args.join(' ')}: ${r.stderr}`);
  return r;
};

export const contacts = join(dir, 'contacts.csv');
writeFileSync(contacts, cli(['generate', '--contacts', '200000', '--seed', 'parts-dst', '--start', '2026-03-27', '--days', '4', '--tz', 'Europe/Berlin']).stdout);

/** A parts table as the test reads it (a small CSV reader: the generated names hold no quotes or commas). */
export function table(text) {
  const lines = text.trimEnd().split('\n');
  const head = lines[0].split(',');
  const at = (c) => head.indexOf(c);
  const keyCols = ['part', 'slot_start', 'slot_minutes', 'queue', 'channel', 'tier', 'agent', 'wait_upto_sec'].map(at);
  const rows = new Map();
  for (const line of lines.slice(1)) {
    // DuckDB quotes an empty string ("") to tell it from NULL; both are an absent value here.
    const f = line.split(',').map((x) => (x === '""' ? '' : x));
    // Slot starts as instants (DuckDB and the kit may print them differently); numbers as numbers.
    const key = keyCols.map((i) => (head[i] === 'slot_start' ? Date.parse(f[i].replace(' ', 'T').replace(/(Z|\+00(:00)?)?$/, 'Z')) : f[i])).join('|');
    assert.ok(!rows.has(key), `one row per key: ${key}`);
    rows.set(key, Object.fromEntries(head.map((c, i) => [c, keyCols.includes(i) ? null : f[i] === '' ? null : Number(f[i])]).filter(([, v]) => v !== null)));
  }
  return { head, rows };
}

export function sameTables(a, b, what) {
  assert.deepEqual(a.head, b.head, `${what}: the same columns`);
  assert.equal(a.rows.size, b.rows.size, `${what}: the same number of rows`);
  for (const [k, row] of a.rows) assert.deepEqual(b.rows.get(k), row, `${what}: row ${k}`);
}

export const figures = (j) => ({ totals: j.totals, groups: j.groups, meanPatience: j.meanPatience, definitions: j.definitions });
/** `report` on the contacts, once per set of flags. */
const fromRows = new Map();
export const rowsReport = (args) => fromRows.get(args.join(' ')) ?? fromRows.set(args.join(' '), JSON.parse(cli(['report', contacts, ...args, '--json']).stdout)).get(args.join(' '));
