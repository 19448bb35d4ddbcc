// Parts as a published table (docs/parts.md): on a seeded 200,000-contact set over the EU's spring DST weekend
// (short abandons, flow-outs, callbacks, repeats, surveys), the parts the kit's engine writes and the parts
// DuckDB computes with the printed SQL recipe — over a view this test writes itself from the raw CSV — are the
// same rows with the same numbers; and `report --parts` gives every figure `report` gives from the contacts,
// by day in two zones and by queue, under other definitions too. Bad parts rows are rejected with their line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/cli/main.js`;
const dir = mkdtempSync(join(tmpdir(), 'sla-parts-'));
const cli = (args, ok = true) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: ROOT });
  if (ok) assert.equal(r.status, 0, `sla-widgets ${args.join(' ')}: ${r.stderr}`);
  return r;
};

const contacts = join(dir, 'contacts.csv');
writeFileSync(contacts, cli(['generate', '--contacts', '200000', '--seed', 'parts-dst', '--start', '2026-03-27', '--days', '4', '--tz', 'Europe/Berlin']).stdout);

/** A parts table as the test reads it (a small CSV reader: the generated names hold no quotes or commas). */
function table(text) {
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

function sameTables(a, b, what) {
  assert.deepEqual(a.head, b.head, `${what}: the same columns`);
  assert.equal(a.rows.size, b.rows.size, `${what}: the same number of rows`);
  for (const [k, row] of a.rows) assert.deepEqual(b.rows.get(k), row, `${what}: row ${k}`);
}

let kitParts, kitAgentHead;
test('the kit\'s engine writes parts of every contact (read = accepted, no rejection)', () => {
  const out = join(dir, 'kit.csv');
  const r = cli(['parts', contacts, '--out', out]);
  assert.match(r.stdout, /of 200,000 contacts · 200,000 rows read = 200,000 accepted \+ 0 rejected/);
  kitParts = table(readFileSync(out, 'utf8'));
  const sum = (c) => [...kitParts.rows.values()].reduce((t, r) => t + (r[c] ?? 0), 0);
  const raw = readFileSync(contacts, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
  // Counted straight from the raw file: outcomes, and repeat contacts of one customer.
  for (const o of ['answered', 'abandoned', 'flowout', 'callback', 'voicemail']) assert.equal(sum(o), raw.filter((f) => f[9] === o).length, o);
  assert.equal(sum('answered_waits'), sum('answered'), 'every answered wait is in the histogram');
  assert.ok(sum('flowout') > 0 && sum('callback') > 0 && sum('csat_n') > 0 && sum('nps_n') > 0 && sum('qa_n') > 0, 'the set has flow-outs, callbacks and surveys');
  assert.ok(sum('fcr_repeat_known') - sum('fcr_repeat_resolved') > 100, 'the set has repeat contacts');
});

test('DuckDB, running the recipe `sla-widgets sql` prints over a view of the raw CSV, gives the same parts', async () => {
  const recipe = cli(['sql', '--dialect', 'duckdb']).stdout;
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  // The user's side of the contract: their table mapped to the kit's normalized columns with a view.
  await c.run(`CREATE VIEW contacts AS SELECT id, queue, channel, tier, agent, customer, arrived, outcome,
      CASE WHEN outcome = 'answered' THEN epoch(answered) - epoch(arrived) ELSE epoch(ended) - epoch(arrived) END AS wait_sec,
      talk AS talk_sec, hold AS hold_sec, wrap AS wrap_sec,
      CASE resolved WHEN 'Y' THEN TRUE WHEN 'N' THEN FALSE END AS resolved, csat, nps, qa,
      CASE transferred WHEN 'Y' THEN TRUE WHEN 'N' THEN FALSE END AS transferred
    FROM read_csv('${contacts}', header = true, timestampformat = '%Y-%m-%dT%H:%M:%SZ',
      types = {'arrived': 'TIMESTAMP', 'answered': 'TIMESTAMP', 'ended': 'TIMESTAMP', 'talk': 'DOUBLE', 'hold': 'DOUBLE', 'wrap': 'DOUBLE', 'csat': 'DOUBLE', 'nps': 'DOUBLE', 'qa': 'DOUBLE', 'resolved': 'VARCHAR', 'transferred': 'VARCHAR', 'customer': 'VARCHAR', 'agent': 'VARCHAR'})`);
  const out = join(dir, 'duck-recipe.csv');
  await c.run(`COPY (${recipe}) TO '${out}' (FORMAT csv, HEADER true)`);
  c.closeSync();
  sameTables(kitParts, table(readFileSync(out, 'utf8')), 'engine vs the printed recipe in DuckDB');
});

const figures = (j) => ({ totals: j.totals, groups: j.groups, meanPatience: j.meanPatience, definitions: j.definitions });
/** `report` on the contacts, once per set of flags. */
const fromRows = new Map();
const rowsReport = (args) => fromRows.get(args.join(' ')) ?? fromRows.set(args.join(' '), JSON.parse(cli(['report', contacts, ...args, '--json']).stdout)).get(args.join(' '));

test('parts --engine duckdb (its own view of the kit\'s CSV, bounded memory) gives the same parts, by agent too', () => {
  const kit = join(dir, 'kit-agent.csv'), duck = join(dir, 'duck-agent.csv');
  cli(['parts', contacts, '--by', 'channel,tier,agent', '--out', kit]);
  cli(['parts', contacts, '--by', 'channel,tier,agent', '--engine', 'duckdb', '--memory-limit', '256MB', '--out', duck]);
  kitAgentHead = table(readFileSync(kit, 'utf8')).head;
  sameTables(table(readFileSync(kit, 'utf8')), table(readFileSync(duck, 'utf8')), 'engine vs parts --engine duckdb');
  const args = ['--tz', 'Europe/Berlin', '--by', 'agent', '--fcr', 'repeat'];
  assert.deepEqual(figures(JSON.parse(cli(['report', '--parts', duck, ...args, '--json']).stdout)), figures(rowsReport(args)), 'by agent from DuckDB\'s parts');
});

for (const format of ['parquet', 'csv', 'ndjson']) {
  test(`report --parts (${format}) gives every figure report gives from the contacts: by day in two zones, by queue`, () => {
    const parts = join(dir, `parts.${format}`);
    cli(['parts', contacts, '--out', parts, ...(format === 'parquet' ? ['--engine', 'duckdb'] : [])]);
    const runs = [
      ['--tz', 'Europe/Berlin', '--by', 'day,queue'],
      ['--tz', 'America/New_York', '--by', 'day,queue', '--fcr', 'repeat'],
      ['--tz', 'Asia/Kolkata', '--by', 'queue,channel,tier', '--sl', '90/30', '--short-abandon', '10', '--include-flowouts', '--include-callbacks', '--abandon-rate', 'offered'],
      ['--tz', 'Europe/Berlin', '--by', 'interval', '--interval', '30m', '--fcr', 'flag'],
    ];
    for (const args of format === 'parquet' ? runs : runs.slice(0, 2)) {
      const rows = rowsReport(args);
      const fromParts = JSON.parse(cli(['report', '--parts', parts, ...args, '--json']).stdout);
      assert.ok(rows.groups.length > 4, args.join(' '));
      assert.deepEqual(figures(fromParts), figures(rows), args.join(' '));
      assert.equal(fromParts.validation.contacts, 200_000);
    }
  });
}

test('the spring-forward day has 23 hours in Berlin: its groups match between rows and parts', () => {
  const parts = join(dir, 'parts.parquet');
  const args = ['--tz', 'Europe/Berlin', '--by', 'hour'];
  const rows = rowsReport(args);
  const fromParts = JSON.parse(cli(['report', '--parts', parts, ...args, '--json']).stdout);
  const sunday = rows.groups.filter((g) => g.key.startsWith('2026-03-29'));
  assert.ok(sunday.every((g) => !/T02:/.test(g.key) && !/ 02:/.test(g.key)), 'no 02:00 hour on 29 March in Berlin');
  assert.deepEqual(fromParts.groups, rows.groups);
});

test('parts add: two halves of the contacts give the figures of the whole', () => {
  const lines = readFileSync(contacts, 'utf8').trimEnd().split('\n');
  const half = Math.floor(lines.length / 2);
  const a = join(dir, 'a.csv'), b = join(dir, 'b.csv');
  writeFileSync(a, lines.slice(0, half).join('\n') + '\n');
  writeFileSync(b, [lines[0], ...lines.slice(half)].join('\n') + '\n');
  cli(['parts', a, '--out', join(dir, 'a.parts.csv')]);
  cli(['parts', b, '--engine', 'duckdb', '--out', join(dir, 'b.parts.parquet')]);
  const args = ['--tz', 'Europe/Berlin', '--by', 'day,queue'];
  const whole = rowsReport(args);
  const added = JSON.parse(cli(['report', '--parts', join(dir, 'a.parts.csv'), join(dir, 'b.parts.parquet'), ...args, '--json']).stdout);
  assert.deepEqual(figures(added), figures(whole));
});

test('FCR by repeat is answered for the window the parts were made with, and refused for another, in words', () => {
  const parts = join(dir, 'parts.csv');
  const r = cli(['report', '--parts', parts, '--fcr', 'repeat', '--fcr-window', '3d', '--tz', 'UTC'], false);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /these parts count FCR by repeat with a 7-day window, not 3 days/);
});

test('bad parts rows are rejected with their line and reason; the rest is kept (accepted + rejected = read)', () => {
  const all = readFileSync(join(dir, 'parts.csv'), 'utf8').trimEnd().split('\n');
  const head = all[0].split(',');
  const counts = all.filter((l) => l.startsWith('1,counts,')).slice(0, 8);
  const waits = all.filter((l) => l.startsWith('1,waits,')).slice(0, 3);
  const set = (line, col, v) => { const f = line.split(','); f[head.indexOf(col)] = v; return f.join(','); };
  const bad = [
    set(counts[0], 'slot_start', '2026-03-27T23:07:00Z'),
    set(counts[1], 'answered', '-3'),
    set(counts[2], 'part', 'totals'),
    set(counts[3], 'parts_version', '2'),
    set(counts[4], 'abandoned', '1.5'),
    counts[5].split(',').slice(0, 5).join(','),
    set(waits[0], 'wait_upto_sec', '605'),
    set(waits[1], 'answered', '2'),
  ];
  const kept = all.slice(1).filter((l) => !counts.slice(0, 6).includes(l) && !waits.slice(0, 2).includes(l)).slice(0, 392);
  const file = join(dir, 'bad.csv');
  writeFileSync(file, [all[0], ...bad, ...kept].join('\n') + '\n');
  const j = JSON.parse(cli(['report', '--parts', file, '--tz', 'UTC', '--json']).stdout);
  const v = j.validation;
  assert.equal(v.rowsRead, 400);
  assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead);
  const why = Object.fromEntries(v.rejections.map((r) => [r.line, r.reason]));
  assert.deepEqual(why, {
    2: 'slot start is not on a 15-minute boundary (UTC)',
    3: 'negative answered',
    4: 'part must be "counts" or "waits"',
    5: 'parts version 2: this kit reads version 1',
    6: 'abandoned is not a whole number',
    7: `has 5 fields, the header has ${head.length}`,
    8: 'not a wait bucket edge (whole seconds to 600, tens of seconds to 3600, minutes to 86400)',
    9: 'answered on a waits row: counts and sums go on counts rows, waits on waits rows',
  });
  assert.equal(v.rowsRejected, 8);
});

test('a file that is not a parts table is refused in one sentence naming what is missing', () => {
  const r = cli(['report', '--parts', contacts, '--tz', 'UTC'], false);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /not a parts table \(docs\/parts\.md\): missing the columns "parts_version", "part", "slot_start", "slot_minutes" \(header: id, queue,/);
});

test('the JSON Schema of a parts row names exactly the columns the kit writes', () => {
  const schema = JSON.parse(readFileSync(`${ROOT}schema/parts.schema.json`, 'utf8'));
  assert.deepEqual(Object.keys(schema.properties), kitAgentHead);
  assert.deepEqual(schema.required, ['parts_version', 'part', 'slot_start', 'slot_minutes', 'queue']);
});

test('evaluate --parts gives the scorecard evaluate gives from the contacts: targets, exclusions, credits, baselines', () => {
  const parts = join(dir, 'sample.parts.parquet');
  cli(['parts', 'examples/data/sample.csv', '--engine', 'duckdb', '--out', parts]);
  const rows = JSON.parse(cli(['evaluate', 'examples/data/sample.csv', '--sla', 'examples/sla.example.json', '--json']).stdout).scorecard;
  const fromParts = JSON.parse(cli(['evaluate', '--parts', parts, '--sla', 'examples/sla.example.json', '--json']).stdout).scorecard;
  assert.ok(rows.metrics.length >= 4 && rows.credits, 'the sample scorecard has metrics and credits');
  assert.deepEqual(fromParts, rows);
});
