// Parts as a published table (docs/parts.md): on a seeded 200,000-contact set over the EU's spring DST weekend
// (short abandons, flow-outs, callbacks, repeats, surveys), the parts the kit's engine writes and the parts
// DuckDB computes with the printed SQL recipe — over a view this test writes itself from the raw CSV — are the
// same rows with the same numbers, by agent too. Bad parts rows are rejected with their line and reason.
// (The figures from parts: test/cli/parts-report.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT, cli, contacts, dir, figures, rowsReport, sameTables, table } from '../helpers/parts-set.mjs';

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

test('parts --engine duckdb (its own view of the kit\'s CSV, bounded memory) gives the same parts, by agent too', () => {
  const kit = join(dir, 'kit-agent.csv'), duck = join(dir, 'duck-agent.csv');
  cli(['parts', contacts, '--by', 'channel,tier,agent', '--out', kit]);
  cli(['parts', contacts, '--by', 'channel,tier,agent', '--engine', 'duckdb', '--memory-limit', '256MB', '--out', duck]);
  kitAgentHead = table(readFileSync(kit, 'utf8')).head;
  sameTables(table(readFileSync(kit, 'utf8')), table(readFileSync(duck, 'utf8')), 'engine vs parts --engine duckdb');
  const args = ['--tz', 'Europe/Berlin', '--by', 'agent', '--fcr', 'repeat'];
  assert.deepEqual(figures(JSON.parse(cli(['report', '--parts', duck, ...args, '--json']).stdout)), figures(rowsReport(args)), 'by agent from DuckDB\'s parts');
});

test('bad parts rows are rejected with their line and reason; the rest is kept (accepted + rejected = read)', () => {
  const all = readFileSync(join(dir, 'kit.csv'), 'utf8').trimEnd().split('\n');
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
  // The waits rows of a rejected counts row go too (kept alone they would count waits of contacts not offered).
  const waitsAlone = v.rejections.filter((r) => r.code === 'waitsWithoutCounts');
  const why = Object.fromEntries(v.rejections.filter((r) => r.code !== 'waitsWithoutCounts').map((r) => [r.line, r.reason]));
  assert.ok(waitsAlone.length > 0, 'some rejected counts rows had waits rows');
  assert.ok(j.totals.serviceLevelMet <= j.totals.serviceLevelBase && j.totals.serviceLevel <= 1);
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
  assert.equal(v.rowsRejected, 8 + waitsAlone.length);
});

test('engines\' own ways: ClickHouse\'s \\N for NULL, a folder of part files beside _SUCCESS and an empty part, tables of two FCR windows refused in words', () => {
  const kit = readFileSync(join(dir, 'kit.csv'), 'utf8');
  const folder = join(dir, 'spark-out');
  mkdirSync(folder, { recursive: true });
  const lines = kit.trimEnd().split('\n');
  const half = Math.floor(lines.length / 2);
  // Cut between keys (a counts row starts each key), the second half written with \N for every empty value.
  let cut = half;
  while (!lines[cut].startsWith('1,counts,')) cut++;
  writeFileSync(join(folder, 'part-00000.csv'), lines.slice(0, cut).join('\n') + '\n');
  writeFileSync(join(folder, 'part-00001.csv'), [lines[0], ...lines.slice(cut).map((l) => l.split(',').map((x) => (x === '' ? '\\N' : x)).join(','))].join('\n') + '\n');
  writeFileSync(join(folder, 'part-00002.csv'), '');
  writeFileSync(join(folder, '_SUCCESS'), '');
  const args = ['--tz', 'Europe/Berlin', '--by', 'day,queue', '--json'];
  const whole = JSON.parse(cli(['report', '--parts', join(dir, 'kit.csv'), ...args]).stdout);
  const parts = JSON.parse(cli(['report', '--parts', folder, ...args]).stdout);
  assert.equal(parts.validation.rowsRejected, 0);
  assert.deepEqual(figures(parts), figures(whole));
  const three = join(dir, 'kit-3d.csv');
  cli(['parts', contacts, '--fcr-window', '3d', '--out', three]);
  const r = cli(['report', '--parts', join(dir, 'kit.csv'), three, '--tz', 'UTC'], false);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /parts counted with FCR-by-repeat windows of 7 and 3 days cannot be added: make them with one window \(--fcr-window\)/);
});

test('parts --engine duckdb checks the contacts as the kit\'s reader does: read = accepted + rejected, by reason, the same parts', () => {
  const lines = readFileSync(contacts, 'utf8').trimEnd().split('\n').slice(0, 3001);
  const field = (i, col, v) => { const f = lines[i].split(','); f[col] = v; lines[i] = f.join(','); };
  lines[11] = lines[10];            // a repeated id
  field(12, 1, '');                 // no queue
  field(13, 6, 'garbage');          // no time
  field(14, 9, 'weird');            // no outcome the kit knows
  const dirty = join(dir, 'dirty.csv');
  writeFileSync(dirty, lines.join('\n') + '\n');
  const kit = cli(['parts', dirty, '--out', join(dir, 'dirty-kit.csv')]).stdout;
  const duck = cli(['parts', dirty, '--engine', 'duckdb', '--out', join(dir, 'dirty-duck.csv')]).stdout;
  assert.match(kit, /3,000 rows read = 2,996 accepted \+ 4 rejected/);
  assert.match(duck, /3,000 rows read = 2,996 accepted \+ 4 rejected/);
  assert.match(duck, /duplicate id: 1, missing queue: 1, unknown outcome value: 1, not readable as a CSV row of these columns: 1/);
  assert.match(duck, /dirty\.csv line 14: .*arrived/);
  sameTables(table(readFileSync(join(dir, 'dirty-kit.csv'), 'utf8')), table(readFileSync(join(dir, 'dirty-duck.csv'), 'utf8')), 'dirty contacts: kit vs DuckDB');
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

test('an NDJSON parts table with a line of 3 MB (no line end for a long way) rejects that line alone, never holding it whole', () => {
  const file = join(dir, 'long-line.ndjson');
  const good = readFileSync(join(ROOT, 'test/fixtures/parts/sample.parts.ndjson'), 'utf8').trimEnd().split('\n');
  writeFileSync(file, [good[0], '{"parts_version":1,"part":"counts","queue":"' + 'x'.repeat(3 << 20) + '"}', ...good.slice(1)].join('\n') + '\n');
  const j = JSON.parse(cli(['report', '--parts', file, '--tz', 'UTC', '--json']).stdout);
  assert.equal(j.validation.rowsRead, good.length + 1);
  assert.equal(j.validation.rowsRejected, 1);
  assert.equal(j.validation.rejections[0].line, 2);
  assert.match(j.validation.rejections[0].reason, /record longer than 1048576 bytes/);
  const whole = JSON.parse(cli(['report', '--parts', join(ROOT, 'test/fixtures/parts/sample.parts.ndjson'), '--tz', 'UTC', '--json']).stdout);
  assert.deepEqual(j.totals, whole.totals);
});
