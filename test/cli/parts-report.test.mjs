// The figures from parts tables (docs/parts.md): `report --parts` — Parquet, CSV and NDJSON — gives every figure
// `report` gives from the same seeded 200,000 contacts over the EU's spring DST weekend, by day in several zones,
// by queue, channel and tier, under other definitions too; parts add across files; FCR by repeat is answered
// for the window the parts were made with; `evaluate --parts` gives the same scorecard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, contacts, dir, figures, rowsReport } from '../helpers/parts-set.mjs';

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
    for (const args of format === 'parquet' ? runs : runs.slice(0, 1)) {
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

test('evaluate --parts gives the scorecard evaluate gives from the contacts: targets, exclusions, credits, baselines', () => {
  const parts = join(dir, 'sample.parts.parquet');
  cli(['parts', 'examples/data/sample.csv', '--engine', 'duckdb', '--out', parts]);
  const rows = JSON.parse(cli(['evaluate', 'examples/data/sample.csv', '--sla', 'examples/sla.example.json', '--json']).stdout).scorecard;
  const fromParts = JSON.parse(cli(['evaluate', '--parts', parts, '--sla', 'examples/sla.example.json', '--json']).stdout).scorecard;
  assert.ok(rows.metrics.length >= 4 && rows.credits, 'the sample scorecard has metrics and credits');
  assert.deepEqual(fromParts, rows);
});
