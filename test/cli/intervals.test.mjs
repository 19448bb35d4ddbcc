// Interval reports (one row per interval × queue) read by `report` with no mapping, held against the truth set
// they were rendered from (test/fixtures/vendors): counts and the service level exactly, averages within the
// rounding each export writes them with. The expected figures come from the truth rows, not from the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { truth, ZONE } from '../fixtures/vendors/truth.mjs';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const fixture = (f) => new URL(`../fixtures/vendors/${f}`, import.meta.url).pathname;
const run = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });

const rows = truth().filter((c) => c.kind === 'queue' && (c.outcome === 'answered' || c.outcome === 'abandoned'));
const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Summary figures as docs/mapping.md defines them for interval reports: SL = answered within 20 s / offered. */
function reference(rs) {
  const answered = rs.filter((c) => c.outcome === 'answered');
  const within = answered.filter((c) => c.wait <= 20).length;
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    offered: rs.length,
    answered: answered.length,
    abandoned: rs.length - answered.length,
    serviceLevel: within / rs.length,
    asa: sum(answered.map((c) => c.wait)) / answered.length,
    aht: sum(answered.map((c) => c.talk + c.hold + c.wrap)) / answered.length,
  };
}

const REPORTS = [
  // Averages written as h:mm:ss per row: each row's average is off by up to half a second.
  // Avaya's "% Within Service Level" names no threshold (it is the split's own setting): none is claimed.
  { file: 'interval-amazon-connect-historical.csv', days: true, eps: 0.5, threshold: [20] },
  { file: 'interval-avaya-cms-split-skill.csv', days: true, eps: 0.001, threshold: [] },
  { file: 'interval-plain-sheet.csv', days: false, eps: 0.5, threshold: [20] },
];

for (const { file, days, eps, threshold } of REPORTS) {
  test(`${file}: recognised as an interval report with no mapping; totals, days and queues as the truth`, () => {
    const r = run('report', fixture(file), '--tz', ZONE, '--input-tz', ZONE, '--by', days ? 'day' : 'queue', '--json');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout).summaries;
    const v = s.files[0].validation;
    assert.equal(v.rowsRejected, 0, JSON.stringify(v.rejections.slice(0, 3)));
    assert.equal(v.rowsAccepted, v.rowsRead);
    const check = (got, want, where) => {
      for (const k of ['offered', 'answered', 'abandoned']) assert.equal(got[k], want[k], `${where}: ${k}`);
      assert.ok(Math.abs(got.serviceLevel - want.serviceLevel) < 1e-12, `${where}: SL ${got.serviceLevel} vs ${want.serviceLevel}`);
      for (const k of ['asa', 'aht']) assert.ok(Math.abs(got[k] - want[k]) <= eps, `${where}: ${k} ${got[k]} vs ${want[k]}`);
    };
    check(s.totals, reference(rows), 'total');
    assert.deepEqual(s.totals.thresholdSec, threshold, 'the threshold read from the column name, where it names one');
    if (days) {
      assert.deepEqual(s.groups.map((g) => g.key), ['2026-03-07', '2026-03-08', '2026-03-09']);
      for (const g of s.groups) check(g, reference(rows.filter((c) => dayOf.format(c.arrived) === g.key)), g.key);
    } else {
      for (const q of ['Sales', 'Support', 'Billing']) check(s.groups.find((g) => g.key === q), reference(rows.filter((c) => c.queue === q)), q);
    }
  });
}

test('a summary says what it cannot give', () => {
  const r = run('report', fixture('interval-plain-sheet.csv'), '--tz', ZONE);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /cannot give wait percentiles, short abandons, FCR/);
});
