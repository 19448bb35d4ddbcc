import { assert } from '../helpers/assert.js';
import { errorText } from '../../src/engine/ingest/errors.js';
import { DatasetCache } from '../../src/cache/dataset-cache.js';
import { ContactParts } from '../../src/engine/parts.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { generateContactsCsv } from '../../src/sample/generate.js';

describe('the dataset cache under a real, small storage quota', () => {
  it('a quota error keeps the dataset in memory, says so, and loses nothing', async () => {
    // A real quota of 2 MB: a storage bucket's own IndexedDB (Storage Buckets API; no mock of IndexedDB).
    const buckets = (navigator as unknown as { storageBuckets: { open(name: string, o: { quota: number }): Promise<{ indexedDB: IDBFactory }> } }).storageBuckets;
    const bucket = await buckets.open(`quota-${Date.now()}`, { quota: 2 * 1024 * 1024 });
    const cache = await DatasetCache.open({ indexedDB: bucket.indexedDB, dbName: 'quota' });
    assert.equal(cache.persistent, true);
    const csv = [...generateContactsCsv({ contacts: 20000, seed: 'quota', days: 5 })].join('');
    const parts = analyzeText(csv).parts;
    const meta = { id: 'big', name: 'big.csv', key: 'k', options: { timeZone: 'UTC' }, validation: null, mapping: null, contacts: parts.contacts, createdAt: 1, lastUsed: 1 };
    // The files (~2.7 MB each) cannot fit in 2 MB.
    for (let i = 0; i < 4 && cache.persistent; i++) await cache.put({ ...meta, id: i ? `big${i}` : 'big' }, parts.toSnapshot(), new Blob([csv, String(i)]));
    assert.ok(cache.warning && /quota is full/.test(errorText(cache.warning)), JSON.stringify(cache.warning));
    assert.equal(cache.persistent, false);
    const back = await cache.get('big');
    assert.ok(back, 'kept in memory');
    assert.equal(ContactParts.fromSnapshot(back!.parts).contacts, 20000);
  });

  it('a factory handed in as absent: memory only, with a warning', async () => {
    const cache = await DatasetCache.open({ indexedDB: null });
    assert.equal(cache.persistent, false);
    assert.ok(/No IndexedDB/.test(errorText(cache.warning!)));
    await cache.put({ id: 'm', name: 'm', key: 'k', options: { timeZone: 'UTC' }, validation: null, mapping: null, contacts: 0, createdAt: 1, lastUsed: 1 }, new ContactParts().toSnapshot(), null);
    assert.deepEqual((await cache.list()).map((d) => d.id), ['m']);
  });

  it('an upgrade blocked by another tab (a connection that does not close): memory, with a warning', async () => {
    const name = `blocked-${Math.random()}`;
    const other = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      // The other "tab" ignores versionchange, so opening version 2 is blocked.
      const cache = await DatasetCache.open({ dbName: name, dbVersion: 2 });
      assert.equal(cache.persistent, false);
      assert.match(errorText(cache.warning!), /held open by another tab/);
    } finally {
      other.close();
    }
  });

  it('lists, renames and deletes datasets', async () => {
    const cache = await DatasetCache.open({ dbName: `crud-${Math.random()}` });
    const put = (id: string) => cache.put({ id, name: `${id}.csv`, key: id, options: { timeZone: 'UTC' }, validation: null, mapping: null, contacts: 0, createdAt: 1, lastUsed: 1 }, new ContactParts().toSnapshot(), null);
    await put('x');
    await put('y');
    await cache.rename('x', 'January');
    await cache.delete('y');
    assert.deepEqual((await cache.list()).map((d) => [d.id, d.name]), [['x', 'January']]);
    assert.equal(await cache.get('y'), null);
  });

  it('least recently used datasets are evicted under the size limit', async () => {
    const cache = await DatasetCache.open({ dbName: `lru-${Math.random()}`, maxBytes: 3000 });
    const one = () => new ContactParts().toSnapshot();
    const put = (id: string, t: number) => cache.put({ id, name: id, key: id, options: { timeZone: 'UTC' }, validation: null, mapping: null, contacts: 0, createdAt: t, lastUsed: t }, one(), new Blob([new Uint8Array(1000)]));
    await put('a', 1);
    await put('b', 2);
    await cache.get('a'); // a is used again: b is now the least recently used
    await put('c', 3);
    assert.deepEqual((await cache.list()).map((d) => d.id).sort(), ['a', 'c']);
  });
});
