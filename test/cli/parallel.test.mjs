// `report` on worker threads gives what it gives on one (docs/mapping.md "Ranges"): the whole JSON report —
// validation, rejections with their lines, notes, every figure — on a file with quoted line feeds, CRLF, blank
// lines, a runaway quote and repeated ids, cut into 2, 3 and 5 ranges; and across two files whose ids overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messyCsv } from '../helpers/messy.mjs';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sla-parallel-'));
// Any size is read in ranges here (people never set this: files under 16 MB are read in one piece).
const env = { ...process.env, SLA_PARALLEL_MIN_BYTES: '1' };
const report = (args, threads) => {
  const r = spawnSync(process.execPath, [CLI, 'report', ...args, '--tz', 'America/New_York', '--by', 'queue,channel,hour', '--json', '--threads', String(threads)], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

const file = join(dir, 'messy.csv');
writeFileSync(file, messyCsv(6000, 11));

test('one file: the same report on 2, 3 and 5 threads as on one', () => {
  const one = report([file], 1);
  assert.ok(one.validation.rowsRejected > 0 && one.validation.byCode.some((r) => r.code === 'duplicateId') && one.validation.byCode.some((r) => r.code === 'quoteRunaway'), 'the file has what the test is about');
  for (const threads of [2, 3, 5]) assert.deepEqual(report([file], threads), one, `${threads} threads`);
});

test('two files whose ids overlap: the second file\'s repeats are rejected on threads too', () => {
  const second = join(dir, 'again.csv');
  writeFileSync(second, messyCsv(3000, 11)); // the same first ids again
  const one = report([file, second], 1);
  assert.ok(one.validation.byCode.find((c) => c.code === 'duplicateId').count > 2500);
  assert.deepEqual(report([file, second], 3), one);
});

test('--threads is a whole number from 1 to 256', () => {
  const r = spawnSync(process.execPath, [CLI, 'report', file, '--threads', 'many'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--threads: expected a whole number from 1 to 256, got "many"/);
});
