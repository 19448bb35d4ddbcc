// Vendor aggregates read as parts (docs/parts.md, "Vendor aggregates"): the test counts seeded contacts the way
// Amazon Connect's GetMetricDataV2 and Genesys Cloud's aggregate query report them (per 15-minute interval ×
// queue × channel, with its own small reader of the contact CSV), saves those responses as JSON, and checks
// that `report --parts` on them gives the figures `report` gives on the same contacts, exactly where the
// vendor counted the threshold, and a refusal in words where it did not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { truth, ZONE } from '../fixtures/vendors/truth.mjs';
import { SLOT, connectResult, genesysResponse, quarterHourCells, within } from '../helpers/vendor-json.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/cli/main.js`;
const dir = mkdtempSync(join(tmpdir(), 'sla-vendor-'));
const run = (args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: ROOT });
const cli = (args) => {
  const r = run(args);
  assert.equal(r.status, 0, `sla-widgets ${args.join(' ')}: ${r.stderr}`);
  return r;
};
const json = (args) => JSON.parse(cli([...args, '--json']).stdout);

// 30,000 seeded contacts over three days; the vendors count answered and abandoned ones (no flow-outs or callbacks).
const all = cli(['generate', '--contacts', '30000', '--seed', 'vendor-aggregates', '--start', '2026-03-27', '--days', '3', '--tz', 'Europe/Berlin']).stdout.trimEnd().split('\n');
const outcome = all[0].split(',').indexOf('outcome');
const kept = all.slice(1).filter((l) => /^(answered|abandoned)$/.test(l.split(',')[outcome]));
const contacts = join(dir, 'contacts.csv');
writeFileSync(contacts, [all[0], ...kept].join('\n') + '\n');
const list = quarterHourCells(all);
assert.ok(list.length > 1000 && kept.length > 20_000, 'enough intervals and contacts');

// Amazon Connect: two pages saved as an array, the first as the CLI prints times (ISO, the machine's offset), the second as the API sends them (epoch seconds).
const half = Math.floor(list.length / 2);
const connect = join(dir, 'connect.json');
writeFileSync(connect, JSON.stringify([
  { MetricResults: list.slice(0, half).map((c) => connectResult(c, 60)), NextToken: 'page-2' },
  { MetricResults: list.slice(half).map((c) => connectResult(c)) },
], null, 2));
const genesys = join(dir, 'genesys.json');
writeFileSync(genesys, JSON.stringify(genesysResponse(list)));

const FLAGS = ['--tz', 'Europe/Berlin', '--sl', '80/20', '--short-abandon', '5'];
const EXACT = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'serviceLevelMet', 'serviceLevelBase', 'serviceLevel', 'abandonRate'];
function sameFigures(got, want, what) {
  for (const k of EXACT) assert.equal(got[k], want[k], `${what}: ${k}`);
  for (const k of ['asa', 'aht']) assert.ok(Math.abs(got[k] - want[k]) <= 1e-9 * Math.max(1, want[k]), `${what}: ${k} ${got[k]} vs ${want[k]}`);
  for (const k of ['waitP50', 'waitP90', 'waitP95']) assert.equal(got[k], null, `${what}: ${k} is not given`);
}
function sameReports(got, want, what) {
  sameFigures(got.totals, want.totals, `${what} totals`);
  assert.deepEqual(got.groups.map((g) => g.key), want.groups.map((g) => g.key), `${what}: the same groups`);
  got.groups.forEach((g, i) => sameFigures(g, want.groups[i], `${what} ${g.key}`));
}

test('Amazon Connect: report --parts on the saved pages gives the figures of the contacts, by queue and day in Berlin and by channel and hour in New York', () => {
  for (const [flags, what] of [[['--by', 'queue,day'], 'Berlin'], [['--by', 'channel,hour', '--tz', 'America/New_York'], 'New York']]) {
    const want = json(['report', contacts, ...FLAGS, ...flags]);
    const got = json(['report', '--parts', connect, ...FLAGS, ...flags]);
    assert.equal(got.validation.rowsRead, list.length);
    assert.equal(got.validation.rowsAccepted, list.length);
    assert.equal(got.validation.contacts, kept.length, 'every contact counted');
    assert.deepEqual(got.parts.waitsGiven, { source: 'Amazon Connect', answeredWithinSec: [20, 30], abandonedWithinSec: [5, 20], answerWaitSums: true });
    assert.deepEqual(got.notGiven, ['waitP50', 'waitP90', 'waitP95']);
    sameReports(got, want, `Connect, ${what}`);
  }
  // At the other threshold counted, and with the preset that needs the abandons within it.
  const at = ['--tz', 'UTC', '--sl', '80/20', '--short-abandon', '5', '--sl-preset', 'abandons-after-threshold', '--by', 'queue'];
  sameReports(json(['report', '--parts', connect, ...at]), json(['report', contacts, ...at]), 'Connect, abandons after 20 s');
  const at30 = ['--tz', 'UTC', '--sl', '90/30', '--short-abandon', '20', '--by', 'queue'];
  sameReports(json(['report', '--parts', connect, ...at30]), json(['report', contacts, ...at30]), 'Connect, 90/30, short abandon 20 s');
});

test('Amazon Connect: a threshold, preset or short abandon it did not count is refused in words naming what it counted', () => {
  const cases = [
    [['--sl', '80/25'], /answered within 20 s, 30 s only: a service level at 25 s cannot be computed/],
    [['--sl', '80/30', '--sl-preset', 'abandons-after-threshold'], /abandons within 5 s, 20 s only: the service level "abandons-after-threshold" needs the abandons within 30 s/],
    [['--short-abandon', '10'], /abandons within 5 s, 20 s only: short abandons of 10 s cannot be told apart/],
  ];
  for (const [flags, words] of cases) {
    const r = run(['report', '--parts', connect, '--tz', 'UTC', ...flags]);
    assert.notEqual(r.status, 0, flags.join(' '));
    assert.match(r.stderr, words);
  }
});

test('Genesys Cloud: with the queues\' service-level and short-abandon times given, the same figures; without them, a refusal that says how to give them', () => {
  const flags = ['--source-threshold', '20', '--source-short-abandon', '5'];
  const want = json(['report', contacts, ...FLAGS, '--by', 'queue,day']);
  const got = json(['report', '--parts', genesys, ...flags, ...FLAGS, '--by', 'queue,day']);
  assert.equal(got.validation.rowsRead, list.length);
  assert.equal(got.validation.rowsRejected, 0);
  assert.deepEqual(got.parts.waitsGiven, { source: 'Genesys Cloud', answeredWithinSec: [20], abandonedWithinSec: [5], answerWaitSums: true });
  sameReports(got, want, 'Genesys');
  const r = run(['report', '--parts', genesys, ...FLAGS]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /each queue's own service-level time, which its figures do not say: give that time \(sla-widgets: --source-threshold/);
  // Without the short-abandon time, 0 counts every abandon.
  const every = json(['report', '--parts', genesys, '--source-threshold', '20', '--tz', 'UTC', '--short-abandon', '0']).totals;
  assert.equal(every.abandoned, list.reduce((s, c) => s + c.abandoned, 0));
  assert.equal(every.shortAbandoned, 0);
});

test('a vendor\'s aggregates given as contacts are refused in words that say to read them as parts', () => {
  for (const args of [['report', connect], ['evaluate', connect, '--sla', 'examples/sla.example.json'], ['parts', genesys, '--out', join(dir, 'x.csv')]]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /(Amazon Connect|Genesys Cloud)'s saved aggregates, not contacts: read it with report --parts or evaluate --parts/);
  }
});

test('evaluate --parts on Connect\'s figures judges service level, ASA and abandonment as from the contacts, and refuses a target on a percentile', () => {
  const rows = json(['evaluate', contacts, '--sla', 'examples/sla.example.json', '--period', '2026-03']).scorecard;
  const fromConnect = json(['evaluate', '--parts', connect, '--sla', 'examples/sla.example.json', '--period', '2026-03']).scorecard;
  for (const name of ['serviceLevel', 'asa', 'abandonRate']) {
    const a = fromConnect.metrics.find((m) => m.metric === name), b = rows.metrics.find((m) => m.metric === name);
    assert.ok(Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, b.value), `${name}: ${a.value} vs ${b.value}`);
    assert.equal(a.status, b.status, `${name}: status`);
  }
  const sla = JSON.parse(spawnSync('cat', [`${ROOT}examples/sla.example.json`], { encoding: 'utf8' }).stdout);
  sla.metrics = [{ metric: 'waitP90', label: 'Wait p90', target: 60, margin: 5, period: 'month', severity: 'high' }];
  const p90 = join(dir, 'p90.sla.json');
  writeFileSync(p90, JSON.stringify(sla));
  const r = run(['evaluate', '--parts', connect, '--sla', p90, '--period', '2026-03']);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /Amazon Connect does not give Wait p90/);
});

test('a hostile Connect file: every entry is read or rejected with its line and reason, accepted + rejected = read', () => {
  const good = list.slice(0, 40).map((c) => connectResult(c));
  const bad = [
    { ...connectResult(list[0]) }, // the same interval and key again
    { ...connectResult(list[41]), MetricInterval: { Interval: 'THIRTY_MIN', StartTime: list[41].slot / 1000, EndTime: (list[41].slot + 2 * SLOT) / 1000 } },
    { ...connectResult(list[42]), Collections: connectResult(list[42]).Collections.map((m) => (m.Metric.Name === 'CONTACTS_HANDLED' ? { ...m, Value: -3 } : m)) },
    { ...connectResult(list[43]), Collections: [...connectResult(list[43]).Collections.filter((m) => m.Metric.Name !== 'SUM_CONTACTS_ANSWERED_IN_X'), within('SUM_CONTACTS_ANSWERED_IN_X', 20, 7), within('SUM_CONTACTS_ANSWERED_IN_X', 30, 3)] },
    { ...connectResult(list[44]), MetricInterval: { StartTime: '2026-03-27T10:00:00', EndTime: '2026-03-27T10:15:00' } },
    { ...connectResult(list[45]), Collections: connectResult(list[45]).Collections.filter((m) => m.Metric.Name !== 'CONTACTS_ABANDONED') },
  ];
  const text = JSON.stringify({ MetricResults: [...good, ...bad] }, null, 2);
  // A broken entry (a stray comma, quotes and brackets inside strings), then one the file ends inside.
  const broken = '{ "Dimensions": { "QUEUE": "x \\"]}\\" y" },, "MetricInterval": {} }';
  const cut = text.replace(/\n\s*\]\n\}$/, `,\n    ${broken},\n    { "Dimensions": { "QUEUE": "cut`);
  const file = join(dir, 'hostile.json');
  writeFileSync(file, cut);
  const r = run(['report', '--parts', file, '--tz', 'UTC', '--short-abandon', '0', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const v = JSON.parse(r.stdout).validation;
  assert.equal(v.rowsRead, good.length + bad.length + 2);
  assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead);
  // The test's own line numbers: where each entry's "{" stands.
  const lines = cut.split('\n');
  const starts = lines.map((l, i) => [l, i + 1]).filter(([l]) => /^    \{/.test(l)).map(([, i]) => i);
  const reasons = Object.fromEntries(v.rejections.map((x) => [x.line, x.reason]));
  const at = (k) => starts[good.length + k];
  assert.match(reasons[at(0)], /same interval and key as line \d+/);
  assert.match(reasons[at(1)], /an interval of 30 minutes/);
  assert.match(reasons[at(2)], /negative CONTACTS_HANDLED/);
  assert.match(reasons[at(3)], /SUM_CONTACTS_ANSWERED_IN_X: 7 within 20 s is more than 3 within 30 s/);
  assert.match(reasons[at(4)], /a time without its offset/);
  assert.match(reasons[at(5)], /no CONTACTS_ABANDONED/);
  assert.equal(reasons[at(6)], 'not JSON');
  assert.equal(reasons[at(7)], 'the file ends inside this entry');
  assert.equal(v.rowsRejected, 8);
});

test('the vendor fixtures rendered from the truth set (test/fixtures/vendors): totals and days as the truth, by the contract\'s own definitions', () => {
  const queue = truth().filter((c) => c.kind === 'queue');
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  // docs/metrics.md: SL (answered-and-abandoned) = answered within 20 s / (answered + abandoned after 5 s).
  const reference = (rs) => {
    const answered = rs.filter((c) => c.outcome === 'answered'), abandoned = rs.filter((c) => c.outcome === 'abandoned');
    const short = abandoned.filter((c) => c.wait <= 5).length;
    return {
      answered: answered.length, abandoned: abandoned.length - short, shortAbandoned: short, offered: answered.length + abandoned.length,
      serviceLevelMet: answered.filter((c) => c.wait <= 20).length, serviceLevelBase: answered.length + abandoned.length - short,
      asa: sum(answered.map((c) => c.wait)) / answered.length, aht: sum(answered.map((c) => c.talk + c.hold + c.wrap)) / answered.length,
    };
  };
  const fixture = (f) => `test/fixtures/vendors/${f}`;
  for (const [file, extra] of [['aggregates-amazon-connect-get-metric-data-v2.json', []], ['aggregates-genesys-cloud-conversations.json', ['--source-threshold', '20', '--source-short-abandon', '5']]]) {
    const j = json(['report', '--parts', fixture(file), ...extra, '--tz', ZONE, '--by', 'day']);
    assert.equal(j.validation.rowsRejected, 0, `${file}: ${JSON.stringify(j.validation.rejections.slice(0, 2))}`);
    assert.deepEqual(j.groups.map((g) => g.key), ['2026-03-07', '2026-03-08', '2026-03-09']);
    for (const [got, want, where] of [[j.totals, reference(queue), 'total'], ...j.groups.map((g) => [g, reference(queue.filter((c) => dayOf.format(c.arrived) === g.key)), g.key])]) {
      for (const k of ['answered', 'abandoned', 'shortAbandoned', 'offered', 'serviceLevelMet', 'serviceLevelBase']) assert.equal(got[k], want[k], `${file} ${where}: ${k}`);
      for (const k of ['asa', 'aht']) assert.ok(Math.abs(got[k] - want[k]) <= 1e-9, `${file} ${where}: ${k} ${got[k]} vs ${want[k]}`);
    }
    if (file.includes('genesys')) assert.equal(j.totals.flowout, queue.filter((c) => c.outcome === 'flowout').length, 'Genesys counts flow-outs');
  }
});

test('pages and cut files: an empty page among several adds nothing; a Genesys file cut inside a group keeps its whole intervals', () => {
  const empty = join(dir, 'empty-page.json');
  writeFileSync(empty, JSON.stringify({ MetricResults: [] }));
  const both = json(['report', '--parts', connect, empty, ...FLAGS]);
  assert.equal(both.totals.answered, json(['report', '--parts', connect, ...FLAGS]).totals.answered);
  const alone = run(['report', '--parts', empty]);
  assert.equal(alone.status, 2);
  assert.match(alone.stderr, /Amazon Connect: the saved response holds no results/);
  // One group of Genesys' response, cut in its last interval: the intervals before it are read.
  const one = { results: [genesysResponse(list).results[0]] };
  const text = JSON.stringify(one, null, 2);
  const cutAt = text.lastIndexOf('"interval"');
  const cut = join(dir, 'genesys-cut.json');
  writeFileSync(cut, text.slice(0, cutAt + 20));
  const intervals = one.results[0].data.length;
  const v = json(['report', '--parts', cut, '--source-threshold', '20', '--short-abandon', '0', '--tz', 'UTC']).validation;
  assert.equal(v.rowsRead, intervals);
  assert.equal(v.rowsAccepted, intervals - 1);
  assert.deepEqual(v.rejections.map((r) => r.reason), ['the file ends inside this entry']);
});

test('words that say what to give: Genesys\' short abandons without their time; Genesys\' flags refused for Connect', () => {
  const r = run(['report', '--parts', genesys, '--source-threshold', '20', '--tz', 'UTC']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /counted short abandons at each queue's own short-abandon time, which its figures do not say: give that time \(sla-widgets: --source-short-abandon/);
  const c = run(['report', '--parts', connect, '--source-threshold', '20']);
  assert.equal(c.status, 2);
  assert.match(c.stderr, /are for Genesys Cloud's aggregates: Amazon Connect's file says its thresholds itself/);
});
