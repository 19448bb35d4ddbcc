// Every hostile file read through the CLI: exit 0 or 2, never 1 (no "internal error", no stack); a file read
// accounts for every record (accepted + rejected = read, and as many records as the case has); valid text never
// comes out as U+FFFD; and nothing hangs (a run past 60 s is a failure, not a measurement).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './corpus.mjs';

const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'sla-hostile-'));

for (const c of writeCorpus(dir)) {
  test(`hostile: ${c.name}`, () => {
    const args = [CLI, 'report', c.file, '--tz', 'UTC', '--json', ...(c.map ? ['--map', c.map] : [])];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 28 });
    assert.equal(r.error?.code, undefined, `${c.name}: did not finish in 60 s`);
    assert.equal(r.status, c.exit, `${c.name}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no internal error, no stack');
    if (c.exit === 2) {
      assert.match(r.stderr, /^sla-widgets: .+/, 'one sentence');
      return;
    }
    const v = JSON.parse(r.stdout).validation;
    assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead, 'accepted + rejected = read');
    assert.equal(v.rowsRead, c.read, 'every record of the file is read');
    assert.ok(v.rowsRejected <= c.maxRejected, `${v.rowsRejected} rejected, at most ${c.maxRejected}: ${JSON.stringify(v.rejections.slice(0, 3))}`);
    if (c.utf8) assert.ok(!r.stdout.includes('\ufffd') && !r.stdout.includes('\\ufffd'), 'no U+FFFD where the source had text');
  });
}
