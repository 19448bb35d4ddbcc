// The CLI's tests run in Node against the built CLI (npm run build first; npm test does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Rejections as the English words a person reads (JSON also carries each reason's code and values). */
const inWords = (rs) => rs.map(({ line, column, value, reason }) => ({ line, column, value, reason }));

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
const dir = mkdtempSync(join(tmpdir(), 'sla-cli-'));

test('generate: the same arguments give the same bytes; another seed other bytes', () => {
  const a = run('generate', '--contacts', '500', '--seed', '7');
  const b = run('generate', '--contacts', '500', '--seed', '7');
  const c = run('generate', '--contacts', '500', '--seed', '8');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
  assert.equal(a.stdout.trim().split('\n').length, 501);
});

test('report --json: validation adds up, definitions echo the zone, groups are keyed', () => {
  const file = join(dir, 'g.csv');
  writeFileSync(file, run('generate', '--contacts', '3000', '--seed', 'cli').stdout);
  const r = run('report', file, '--tz', 'America/New_York', '--by', 'queue,day', '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.validation.rowsRead, 3000);
  assert.equal(j.validation.rowsAccepted + j.validation.rowsRejected, j.validation.rowsRead);
  assert.equal(j.definitions.timeZone, 'America/New_York');
  assert.equal(j.definitions.serviceLevel.preset, 'answered-and-abandoned');
  assert.equal(j.definitions.serviceLevel.thresholdSec, 20);
  assert.equal(j.mapping.preset, 'sla-widgets');
  assert.match(j.groups[0].key, /^[A-Za-z]+ · \d{4}-\d{2}-\d{2}$/);
  const offered = j.groups.reduce((s, g) => s + g.offered, 0);
  assert.equal(offered, j.totals.offered);
  assert.ok(j.totals.serviceLevel > 0 && j.totals.serviceLevel < 1);
});

test('report: the machine zone is only a default, and it is echoed', () => {
  const file = join(dir, 'one.csv');
  writeFileSync(file, 'id,queue,arrived,answered,outcome\n1,Q,2026-01-05T23:30:00Z,2026-01-05T23:30:10Z,answered\n');
  const j = JSON.parse(run('report', file, '--by', 'day', '--json').stdout);
  assert.equal(j.definitions.timeZone, 'Asia/Tokyo');
  assert.equal(j.groups[0].key, '2026-01-06');
  const u = JSON.parse(run('report', file, '--by', 'day', '--tz', 'UTC', '--json').stdout);
  assert.equal(u.groups[0].key, '2026-01-05');
});

test('exit 2 with one line, never a stack trace: missing file, bad flag, header nothing maps', () => {
  const cases = [
    ['report', join(dir, 'nope.csv')],
    ['report', join(dir, 'one.csv'), '--sl', 'eighty'],
    ['report', join(dir, 'one.csv'), '--tz', 'Mars/Base'],
    ['report', join(dir, 'one.csv'), '--bogus'],
  ];
  writeFileSync(join(dir, 'junk.csv'), 'foo,bar\n1,2\n');
  cases.push(['report', join(dir, 'junk.csv')]);
  for (const args of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^sla-widgets: /);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('rejected rows are reported, not fatal (exit 0)', () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, 'id,queue,arrived,answered,outcome\n1,Q,2026-01-05T10:00:00Z,2026-01-05T09:00:00Z,answered\n2,Q,yesterday,,abandoned\n3,Q,2026-01-05T10:00:00Z,2026-01-05T10:00:09Z,answered\n');
  const r = run('report', file, '--tz', 'UTC', '--json');
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout).validation;
  assert.deepEqual(inWords(v.rejections), [
    { line: 2, column: 'answered', value: '2026-01-05T09:00:00Z', reason: 'answered before arrived' },
    { line: 3, column: 'arrived', value: 'yesterday', reason: 'unparseable time' },
  ]);
  assert.equal(v.rowsAccepted, 1);
});

test('staffing: the worked case of METRICS.md §8, as JSON and with neighbours', () => {
  const r = run('staffing', '--contacts', '100', '--interval', '30m', '--aht', '180', '--sl', '80/20', '--shrinkage', '0.3', '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['trafficErlangs', 'agents', 'scheduledAgents', 'serviceLevel', 'asa', 'occupancy', 'probabilityOfWaiting']);
  assert.equal(j.trafficErlangs, 10);
  assert.equal(j.agents, 14);
  assert.equal(j.scheduledAgents, 20);
  assert.equal(j.serviceLevel.toFixed(5), '0.88835');
  assert.equal(j.asa.toFixed(3), '7.836');
  assert.equal(j.occupancy.toFixed(3), '0.714');
  const t = JSON.parse(run('staffing', '--contacts', '20', '--interval', '30m', '--aht', '180', '--sl', '80/20', '--shrinkage', '0', '--table', '--json').stdout);
  // A = 2 Erlangs: the table starts at 1 agent (N ≤ A: unbounded)
  assert.deepEqual(t.table[0], { agents: 1, scheduledAgents: 1, serviceLevel: 0, asa: null, occupancy: 1, probabilityOfWaiting: 1, unbounded: true });
  assert.equal(run('staffing', '--contacts', '100', '--aht', '0', '--sl', '80/20').status, 2);
  assert.equal(run('staffing', '--contacts', '100', '--aht', '180').status, 2);
});

test('evaluate: the example SLA over a generated month, as JSON; a bad SLA document names its field', () => {
  const file = join(dir, 'jan.csv');
  writeFileSync(file, run('generate', '--contacts', '8000', '--seed', 'eval', '--start', '2026-01-01', '--days', '31').stdout);
  const outages = join(dir, 'outages.csv');
  writeFileSync(outages, 'system,start,end,planned\nACD,2026-01-10T10:00:00Z,2026-01-10T11:00:00Z,N\n');
  const r = run('evaluate', file, '--sla', 'examples/sla.example.json', '--period', '2026-01', '--outages', outages, '--json');
  assert.equal(r.status, 0, r.stderr);
  const { scorecard: sc, files } = JSON.parse(r.stdout);
  assert.equal(files[0].validation.rowsRead, 8000);
  assert.equal(sc.period.key, '2026-01');
  assert.equal(sc.timeZone, 'America/New_York');
  assert.equal(sc.period.start, '2026-01-01T05:00:00Z');
  assert.deepEqual(sc.metrics.map((m) => m.metric), ['serviceLevel', 'asa', 'abandonRate', 'fcr', 'csat', 'uptime']);
  const uptime = sc.metrics.find((m) => m.metric === 'uptime');
  assert.equal(uptime.value, 1 - 3600 / (31 * 86400), '60 min down of a 31-day month: 99.866 %, below 99.9 % (which allows 44.6 min)');
  assert.equal(uptime.status, 'breach');
  assert.ok(sc.credits.owed <= 0.15);
  assert.equal(sc.exclusions[0].reason, "agreed maintenance of the client's CRM");
  writeFileSync(join(dir, 'bad-sla.json'), JSON.stringify({ name: 'x', metrics: [{ metric: 'serviceLevel', target: 80, margin: 0.03, period: 'month' }] }));
  const bad = run('evaluate', file, '--sla', join(dir, 'bad-sla.json'));
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /metrics\[0\]\.target must be a fraction 0–1/);
});

test('evaluate: the example agreement over the bank data says its channel scope could not be applied, and computes the figures without it', () => {
  const bank = 'test/fixtures/anonymous-bank-1999-02/calls.tsv';
  const args = ['evaluate', bank, '--map', 'examples/anonymous-bank.mapping.json', '--sla', 'examples/sla.example.json'];
  const j = run(...args, '--json');
  assert.equal(j.status, 0, j.stderr);
  const { scorecard: sc } = JSON.parse(j.stdout);
  assert.equal(sc.period.key, '1999-02', 'the period of the last arrival');
  // The bank's published month (test/engine/ingest/bank.test.ts): 31,104 offered, SL 80/20 52.5 %, ASA 40.8 s.
  assert.deepEqual(sc.scope, {
    applied: [{ dimension: 'queue', include: null, exclude: ['Internal'] }],
    notApplied: [{ dimension: 'channel', include: ['voice', 'chat'], exclude: [], reason: 'no-values', contacts: 31104 }],
    leftOut: [],
    contacts: { inPeriod: 31104, inScope: 31104 },
  });
  const sl = sc.metrics.find((m) => m.metric === 'serviceLevel');
  assert.ok(Math.abs(sl.value - 0.525) < 0.001, `SL ${sl.value}`);
  assert.equal(sl.status, 'breach');
  assert.equal(sl.statusKind, 'closed');
  const text = run(...args).stdout;
  assert.match(text, /^scope: queue all but Internal \(no contact left out\); channel voice, chat not applied: no contact in the data has a channel \(31104 contacts counted without it\) — 31104 of 31104 contacts in scope$/m);
  assert.match(text, /^status: each metric judged on this period's own value/m);
});

test('the same export given twice is not counted twice: the second copy is rejected as duplicates', () => {
  const file = join(dir, 'twice.csv');
  writeFileSync(file, 'id,queue,arrived,answered,outcome\n1,Q,2026-01-05T10:00:00Z,2026-01-05T10:00:09Z,answered\n2,Q,2026-01-05T10:01:00Z,2026-01-05T10:01:09Z,answered\n');
  const j = JSON.parse(run('report', file, file, '--tz', 'UTC', '--json').stdout);
  assert.equal(j.totals.offered, 2);
  assert.equal(j.validation.rowsRead, 4);
  assert.deepEqual(j.validation.byReason, { 'duplicate id': 2 });
  assert.equal(j.validation.rejections[0].file, file);
});

test('stdin, gzip, a legacy fixed-offset zone, and generate into a closed pipe', () => {
  const csv = 'id,queue,arrived,answered,outcome\n1,Q,2026-01-05T10:00:00Z,2026-01-05T10:00:09Z,answered\n';
  const r = spawnSync(process.execPath, [CLI, 'report', '-', '--tz', 'UTC', '--json'], { input: csv, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).totals.answered, 1);
  const tz = run('report', join(dir, 'one.csv'), '--tz', 'EST');
  assert.equal(tz.status, 2);
  assert.match(tz.stderr, /fixed offset without daylight saving; use an IANA region such as America\/New_York/);
  const pipe = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" generate --contacts 200000 --seed p | head -1`], { encoding: 'utf8' });
  assert.equal(pipe.status, 0);
  assert.doesNotMatch(pipe.stderr, /internal error|EPIPE/);
});

test('report on agent states and schedules: efficiency by team, unknown state names rejected, categories file', () => {
  const states = join(dir, 'states.csv');
  writeFileSync(states, 'agent,team,state,start\nann,A,Available,2026-03-02T09:00:00Z\nann,A,Talk,2026-03-02T09:10:00Z\nann,A,Fishing,2026-03-02T09:20:00Z\nann,A,Logged Out,2026-03-02T09:30:00Z\n');
  const schedule = join(dir, 'schedule.csv');
  writeFileSync(schedule, 'agent,activity,start,end\nann,Phones,2026-03-02T09:00:00Z,2026-03-02T09:30:00Z\n');
  const r = run('report', states, schedule, '--tz', 'UTC', '--by', 'team', '--json');
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout).efficiency;
  assert.equal(e.files[0].validation.rejections[0].value, 'Fishing');
  // Fishing rejected: Talk lasts until Logged Out at 09:30 (the next accepted state)
  assert.equal(e.groups[0].key, 'A');
  assert.equal(e.totals.occupancy, 1200 / 1800);
  const cats = join(dir, 'cats.json');
  writeFileSync(cats, JSON.stringify({ Fishing: 'unproductive' }));
  const c = JSON.parse(run('report', states, schedule, '--tz', 'UTC', '--categories', cats, '--json').stdout).efficiency;
  assert.equal(c.totals.occupancy, 600 / 1200);
  assert.equal(c.totals.adherence, 1200 / 1800);
  writeFileSync(join(dir, 'fc.csv'), 'queue,interval start,volume\nQ,2026-03-02T09:00:00Z,10\n');
  const f = run('report', join(dir, 'fc.csv'));
  assert.equal(f.status, 2);
  assert.match(f.stderr, /holds a forecast: give it to evaluate with --forecast/);
});

test('evaluate --exclusions: windows from a CSV join the document\'s, bad rows rejected with their line', () => {
  const file = join(dir, 'ex-contacts.csv');
  writeFileSync(file, run('generate', '--contacts', '4000', '--seed', 'ex', '--start', '2026-01-01', '--days', '31').stdout);
  const ex = join(dir, 'exclusions.csv');
  writeFileSync(ex, 'start,end,queue,reason\n2026-01-20T15:00:00Z,2026-01-20T16:00:00Z,,CRM outage at the client\n2026-01-21T15:00:00Z,2026-01-21T14:00:00Z,,backwards\n');
  const r = run('evaluate', file, '--sla', 'examples/sla.example.json', '--period', '2026-01', '--exclusions', ex, '--json');
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(inWords(j.files[1].validation.rejections), [{ line: 3, column: 'end', value: '2026-01-21T14:00:00Z', reason: 'ends before it starts' }]);
  assert.deepEqual(j.scorecard.exclusions.map((e) => e.reason), ["agreed maintenance of the client's CRM", 'CRM outage at the client']);
});

test('generate --out: five files of one center that report and evaluate read; --out on a file is a usage error', async () => {
  const { readFileSync } = await import('node:fs');
  const out = join(dir, 'center', 'week');
  const g = run('generate', '--contacts', '3000', '--seed', 't', '--out', out);
  assert.equal(g.status, 0, g.stderr);
  assert.deepEqual(g.stdout.trim().split('\n').map((l) => l.replace(/^.*[\\/]/, '').replace(/\d+ rows$/, 'N rows')),
    ['contacts.csv: N rows', 'agent-states.csv: N rows', 'schedules.csv: N rows', 'forecast.csv: N rows', 'outages.csv: N rows']);
  assert.match(g.stdout, /contacts\.csv: 3000 rows/);
  assert.equal(readFileSync(join(out, 'contacts.csv'), 'utf8'), run('generate', '--contacts', '3000', '--seed', 't').stdout, 'the same contacts as on stdout');
  const r = run('report', join(out, 'agent-states.csv'), join(out, 'schedules.csv'), '--tz', 'America/New_York', '--json');
  assert.equal(r.status, 0, r.stderr);
  const e = JSON.parse(r.stdout).efficiency;
  assert.ok(e.files.every((f) => f.validation.rowsRejected === 0 && f.validation.rowsRead > 0), JSON.stringify(e.files.map((f) => f.validation.byReason)));
  assert.ok(e.totals.occupancy > 0.5 && e.totals.occupancy < 0.98, `occupancy ${e.totals.occupancy}`);
  assert.ok(e.totals.adherence > 0.7 && e.totals.adherence < 1, `adherence ${e.totals.adherence}`);
  const v = run('evaluate', join(out, 'contacts.csv'), '--sla', 'examples/sla.example.json', '--forecast', join(out, 'forecast.csv'), '--outages', join(out, 'outages.csv'), '--json');
  assert.equal(v.status, 0, v.stderr);
  const { files, scorecard } = JSON.parse(v.stdout);
  assert.ok(files.every((f) => f.validation.rowsRejected === 0), 'no rejected rows');
  assert.ok(scorecard.metrics.find((m) => m.metric === 'uptime').value !== null, 'uptime from the outages');
  const file = join(dir, 'not-a-directory');
  writeFileSync(file, 'x\n');
  const bad = run('generate', '--contacts', '10', '--seed', 'x', '--out', file);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^sla-widgets: --out .*not-a-directory: is a file, not a directory\n$/);
});

test('report --rejections FILE writes every rejected row (the report lists the first 100), cells a spreadsheet will not run', async () => {
  const { readFileSync } = await import('node:fs');
  const file = join(dir, 'many-bad.csv');
  const rows = ['id,queue,arrived,wait,outcome'];
  for (let i = 0; i < 250; i++) rows.push(i % 2 ? `ok${i},Q,2026-03-02T09:00:00Z,5,answered` : `bad${i},Q,=cmd(),5,answered`);
  writeFileSync(file, rows.join('\n') + '\n');
  const out = join(dir, 'rejected.csv');
  const r = run('report', file, '--tz', 'UTC', '--rejections', out, '--json');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).validation.rowsRejected, 125);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'file,line,column,value,reason,code');
  assert.equal(lines.length, 1 + 125, 'all 125, not the first 100');
  assert.equal(lines[1], `${file},2,arrived,'=cmd(),unparseable time,unparseableTime`);
});

test('the command line as people type it: --version, durations with units, the staffing widget\'s 30 % shrinkage by default', () => {
  const v = run('--version');
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /^sla-widgets \d+\.\d+\.\d+\n$/);
  // The worked case of docs/metrics.md §8: 14 agents, 20 to schedule with 30 % shrinkage, AHT written three ways.
  for (const aht of ['180', '180s', '3m', '0:03:00']) {
    const r = run('staffing', '--contacts', '100', '--interval', '30m', '--aht', aht, '--sl', '80/20', '--json');
    assert.equal(r.status, 0, `${aht}: ${r.stderr}`);
    assert.deepEqual([JSON.parse(r.stdout).agents, JSON.parse(r.stdout).scheduledAgents], [14, 20], aht);
  }
  const bad = run('staffing', '--contacts', '100', '--aht', '3 fortnights', '--sl', '80/20');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--aht 3 fortnights: expected a duration > 0 \(240, 240s, 4m, 0:04:00\)/);
});

test('evaluate sums up its excluded intervals in the agreement\'s zone (--verbose lists them all), with rounded figures and plurals', () => {
  const out = join(dir, 'center-exclusions');
  assert.equal(run('generate', '--contacts', '30000', '--seed', 'ex', '--out', out).status, 0);
  const args = [join(out, 'contacts.csv'), '--sla', 'examples/sla.example.json', '--forecast', join(out, 'forecast.csv'), '--outages', join(out, 'outages.csv')];
  const { scorecard } = JSON.parse(run('evaluate', ...args, '--json').stdout);
  const ex = scorecard.exclusions;
  assert.ok(ex.length > 10, `${ex.length} excluded intervals: enough to sum up`);
  const contacts = ex.reduce((n, e) => n + e.contacts, 0);
  const r = run('evaluate', ...args);
  assert.equal(r.status, 0, r.stderr);
  const head = r.stdout.split('\n').find((l) => l.startsWith('excluded intervals'));
  const share = (Math.round((contacts / scorecard.scope.contacts.inScope) * 1000) / 10).toLocaleString('en-US');
  assert.equal(head, `excluded intervals (America/New_York): ${ex.length} intervals, ${contacts.toLocaleString('en-US')} contacts (${share} % of the period's ${scorecard.scope.contacts.inScope.toLocaleString('en-US')} contacts in scope); the largest 5:`);
  const listed = r.stdout.split('\n').filter((l) => /^ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}–\d{2}:\d{2} · /.test(l));
  assert.equal(listed.length, 5, 'the largest five');
  const sizes = listed.map((l) => Number(/\((\d+) contacts?\)$/.exec(l)[1]));
  assert.deepEqual(sizes, [...ex.map((e) => e.contacts)].sort((a, b) => b - a).slice(0, 5));
  assert.match(r.stdout, new RegExp(`^  … and ${ex.length - 5} more intervals \\(--verbose lists every one\\)$`, 'm'));
  // Local times of the agreement's zone: the first interval in UTC, moved to New York, is how it is written.
  const first = [...ex].sort((a, b) => b.contacts - a.contacts || a.start.localeCompare(b.start))[0];
  const ny = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(first.start));
  assert.ok(listed[0].startsWith(`  ${ny}–`), `${listed[0]} starts at ${ny} New York time`);
  assert.doesNotMatch(r.stdout, /\d\.\d{5,}/, 'no float noise');
  const all = run('evaluate', ...args, '--verbose');
  assert.equal(all.stdout.split('\n').filter((l) => /^ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}–/.test(l)).length, ex.length, '--verbose: every one');
  assert.match(all.stdout, /\((1 contact|\d+ contacts)\)$/m);
  assert.doesNotMatch(all.stdout, /\(1 contacts\)/);
});

test('report: a table of more groups than a function call takes arguments is written (150,000 at Node\'s own stack)', () => {
  // One queue per contact: a report by queue has as many rows as contacts. The CLI runs here on a small stack
  // (--stack-size=200), where 40,000 arguments overflow it as 150,000 overflow Node's own: the same failure, at a
  // fifth of the time.
  const n = 40_000;
  const lines = ['id,queue,arrived,answered,ended,outcome'];
  for (let i = 0; i < n; i++) {
    const at = Date.UTC(2026, 0, 5, 9) + i * 1000;
    lines.push(`C${i},Q${String(i).padStart(6, '0')},${new Date(at).toISOString()},${new Date(at + 12_000).toISOString()},${new Date(at + 200_000).toISOString()},answered`);
  }
  const file = join(dir, 'many-groups.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const big = (...args) => spawnSync(process.execPath, ['--stack-size=200', CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const text = big('report', file, '--tz', 'UTC', '--by', 'queue');
  assert.equal(text.status, 0, text.stderr);
  const rows = text.stdout.split('\n').filter((l) => /^Q\d{6}\b/.test(l));
  assert.equal(rows.length, n);
  // Every row is as wide as the header's line: the columns line up.
  const widths = new Set(rows.map((l) => l.length));
  assert.equal(widths.size, 1);
});
