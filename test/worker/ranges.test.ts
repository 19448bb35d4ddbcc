// A large file read on helpers in the page (src/worker/ranges.ts; docs/mapping.md "Ranges"): the same figures,
// validation, rejections with their lines and mapping as the reading in one piece, on a file with quoted line
// feeds, CRLF, blank lines, a runaway quote and repeated ids, cut into 2 and 3 ranges (helpers are real nested
// workers, the File streamed into a reused buffer); the expected result is the engine's own reading in one piece.
import { assert } from '../helpers/assert.js';
import { EngineClient } from '../../src/client/engine-client.js';
import { messyCsv } from '../helpers/messy.mjs';
import type { ViewResult } from '../../src/protocol/index.js';

const text = messyCsv(6000, 11);

async function readWith(threads: number): Promise<{ view: ViewResult; inRanges: number }> {
  // Any size is read in ranges here (people never set this: files under 16 MB are read in one piece).
  const c = new EngineClient({ noIndexedDB: true, heartbeatMs: 0, threads, parallelMinBytes: 1 });
  try {
    const ds = await c.open({ name: 'messy.csv', timeZone: 'America/New_York' });
    const status = await ds.feed(new File([text], 'messy.csv'));
    assert.equal(status.state, 'ready', JSON.stringify(status.error));
    const view = await ds.view({ by: ['queue', 'channel', 'hour'] });
    return { view, inRanges: (await c.api.stats()).readsInRanges };
  } finally {
    c.terminate();
  }
}

describe('a large file read on helpers in the page', () => {
  it('gives what the reading in one piece gives: figures, validation, rejections with their lines, mapping', async function () {
    this.timeout(60000);
    const one = await readWith(1);
    assert.equal(one.inRanges, 0, 'one thread: in one piece');
    const v = one.view.validation!;
    assert.ok(v.rowsRejected > 0 && v.byCode.some((r) => r.code === 'duplicateId') && v.byCode.some((r) => r.code === 'quoteRunaway'), 'the file has what the test is about');
    for (const threads of [2, 3]) {
      const many = await readWith(threads);
      assert.equal(many.inRanges, 1, `${threads} helpers: read in ranges`);
      const strip = (r: ViewResult) => ({ totals: r.totals, groups: r.groups, validation: r.validation, mapping: r.mapping });
      assert.deepEqual(strip(many.view), strip(one.view), `${threads} helpers`);
    }
  });
  it('once its figures are out its content is hashed: the same file dropped again opens from the cache, with no second parse', async function () {
    this.timeout(60000);
    const c = new EngineClient({ dbName: `ranges-hash-${Date.now()}`, heartbeatMs: 0, threads: 2, parallelMinBytes: 1 });
    try {
      const file = new File([text], 'messy.csv');
      const first = await c.open({ name: 'messy.csv', timeZone: 'America/New_York' });
      assert.equal((await first.feed(file)).fromCache, false);
      assert.equal((await c.api.stats()).readsInRanges, 1);
      // The hash is recorded after the figures (a pass of its own over the file).
      const deadline = Date.now() + 20000;
      while ((await c.api.stats()).contentHashes < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.equal((await c.api.stats()).contentHashes, 1);
      const parses = (await c.api.stats()).parses;
      const again = await c.open({ name: 'messy.csv', timeZone: 'America/New_York' });
      const status = await again.feed(new File([text], 'messy.csv'));
      assert.equal(status.fromCache, true);
      assert.equal((await c.api.stats()).parses, parses, 'no second parse');
      assert.deepEqual((await again.view({ by: ['queue'] })).totals, (await first.view({ by: ['queue'] })).totals);
    } finally {
      c.terminate();
    }
  });
});
