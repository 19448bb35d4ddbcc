// How parts are stored (src/cache/dataset-cache.ts): as they are when small beside their file (reopening
// inflates nothing), deflated when large; the same figures back either way. Real IndexedDB, no mock.
import { assert } from '../helpers/assert.js';
import { DatasetCache } from '../../src/cache/dataset-cache.js';
import { ContactParts } from '../../src/engine/parts.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';
import { generateContactsCsv } from '../../src/sample/generate.js';

describe('the dataset cache keeps parts small beside their file, and quick to reopen', () => {
  it('parts up to 5 % of their file are kept as they are, larger ones deflated; both reopen with the same figures', async function () {
    this.timeout(30000);
    const cache = await DatasetCache.open({ dbName: `stored-${Date.now()}` });
    assert.equal(cache.persistent, true);
    const csv = [...generateContactsCsv({ contacts: 100_000, seed: 'stored', days: 30 })].join('');
    const parts = analyzeText(csv, { dimensions: [], keepRepeats: false }).parts;
    const snap = parts.toSnapshot();
    const raw = [...Object.values(snap.buffers), ...Object.values(snap.sealed!)].reduce((n, b) => n + b.byteLength, 0);
    const meta = { name: 'm.csv', key: 'k', options: { timeZone: 'UTC' }, validation: null, mapping: null, contacts: parts.contacts, createdAt: 1, lastUsed: 1 };
    await cache.put({ ...meta, id: 'small-beside' }, parts.toSnapshot(), null, raw * 40); // 2.5 % of a large file
    await cache.put({ ...meta, id: 'large-beside' }, parts.toSnapshot(), null, raw * 2); // half of a small one
    const bytes = Object.fromEntries((await cache.list()).map((d) => [d.id, d.bytes]));
    assert.ok(bytes['small-beside'] >= raw, `kept as they are: ${bytes['small-beside']} ≥ ${raw}`);
    assert.ok(bytes['large-beside'] < raw / 2, `deflated: ${bytes['large-beside']} < ${raw / 2}`);
    const defs = defaultDefinitions('UTC');
    const want = query(parts, defs, { by: ['queue', 'day'] });
    for (const id of ['small-beside', 'large-beside']) {
      const back = await cache.get(id);
      assert.deepEqual(query(ContactParts.fromSnapshot(back!.parts), defs, { by: ['queue', 'day'] }), want, id);
    }
  });
});
