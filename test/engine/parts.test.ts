import { assert } from '../helpers/assert.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { ContactParts } from '../../src/engine/parts.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';
import { generateContactsCsv } from '../../src/sample/generate.js';

const opts = { dimensions: ['channel', 'tier', 'agent'] as const, keepRepeats: true };

describe('parts merge associatively (files, streams and shards alike)', () => {
  const csv = [...generateContactsCsv({ contacts: 6000, seed: 'parts', days: 3 })].join('');
  const lines = csv.trimEnd().split('\n');
  const header = lines[0];
  const shard = (from: number, to: number) => [header, ...lines.slice(1 + from, 1 + to)].join('\n');
  const defs = defaultDefinitions('America/New_York');
  defs.fcr.method = 'repeat';
  const by = ['queue', 'day'] as const;

  it('(a + b) + c = a + (b + c) = the whole, for every metric and group', () => {
    const whole = query(analyzeText(csv, opts).parts, defs, { by });
    const a = analyzeText(shard(0, 1500), opts).parts;
    const b = analyzeText(shard(1500, 4200), opts).parts;
    const c = analyzeText(shard(4200, 6000), opts).parts;
    const left = new ContactParts(opts);
    left.merge(a); left.merge(b); left.merge(c);
    const bc = new ContactParts(opts);
    bc.merge(b); bc.merge(c);
    const right = new ContactParts(opts);
    right.merge(bc); right.merge(a);
    for (const merged of [left, right]) {
      const r = query(merged, defs, { by });
      assert.deepEqual(r.totals, whole.totals);
      assert.deepEqual(r.groups, whole.groups);
    }
    assert.ok(whole.totals.offered > 5000);
    assert.ok(whole.totals.fcr !== null);
  });

  it('a snapshot (header + ArrayBuffers, structured-cloned) restores the same figures, and takes further contacts', () => {
    const whole = analyzeText(csv, opts).parts;
    const copy = ContactParts.fromSnapshot(structuredClone(whole.toSnapshot()));
    assert.deepEqual(query(copy, defs, { by }), query(whole, defs, { by }));
    assert.deepEqual(query(copy, defs, { by: ['agent'] }).groups.length, query(whole, defs, { by: ['agent'] }).groups.length);
    // merging into the restored parts works like merging into the original
    const extra = analyzeText(shard(0, 100), opts).parts;
    copy.merge(extra);
    whole.merge(extra);
    assert.deepEqual(query(copy, defs, { by }), query(whole, defs, { by }));
  });

  it('shards whose cells all overlap, handed over as given (toSnapshot(true), transferred), merge to the whole, and take contacts after', () => {
    // Every third row to each shard: each shard holds every busy cell, so every histogram run meets another.
    const rows = lines.slice(1);
    const every = (k: number) => [header, ...rows.filter((_, i) => i % 3 === k)].join('\n');
    const whole = analyzeText(csv, opts).parts;
    const merged = new ContactParts(opts);
    for (let k = 0; k < 3; k++) {
      const snap = analyzeText(every(k), opts).parts.toSnapshot(true);
      const moved = structuredClone(snap, { transfer: [snap.buffers.values, snap.buffers.cellSlot, snap.buffers.cellSeries] });
      assert.equal(snap.buffers.values.byteLength, 0, 'the values moved, not copied');
      merged.mergeSnapshot(moved);
    }
    // (the totals and groups carry the wait percentiles, read from the merged runs)
    const percentiles = { by };
    assert.deepEqual(query(merged, defs, percentiles), query(whole, defs, percentiles));
    const h = merged.histograms(), w = whole.histograms();
    let runs = 0, waits = 0;
    for (let r = 0; r < w.keys.length; r++) { runs++; waits += w.counts[r]; }
    assert.equal(h.keys.length, runs, 'one run per cell, kind and bucket, as in one reading');
    assert.equal([...h.counts].reduce((a, b) => a + b, 0), waits);
    // Contacts added after the runs were merged count on top of them.
    const extra = shard(0, 300);
    merged.merge(analyzeText(extra, opts).parts);
    whole.merge(analyzeText(extra, opts).parts);
    assert.deepEqual(query(merged, defs, percentiles), query(whole, defs, percentiles));
  });

  it('grouping by agent needs parts that kept agents, and says so', () => {
    const parts = analyzeText(shard(0, 100), { dimensions: [] }).parts;
    assert.throws(() => query(parts, defaultDefinitions('UTC'), { by: ['agent'] }), /built without "agent"/);
  });

  it('filters by queue and time range sum only the matching cells', () => {
    const parts = analyzeText(csv, opts).parts;
    const all = query(parts, defs, { by: ['queue'] });
    const q = all.groups[0].by.queue!;
    const only = query(parts, defs, { filter: { queue: [q] } });
    assert.deepEqual(only.totals, (({ key, by, fcrProvisional, ...m }) => m)(all.groups[0]));
  });
});

describe('the wait histogram\'s last edges (docs/parts.md "Waits")', () => {
  it('a wait of exactly a day is in the bucket that ends at 86,400 s, within a 86,400 s threshold; one second more is not', async () => {
    const { bucketOf, bucketUpper, lastBucketWithin } = await import('../../src/engine/histogram.js');
    assert.equal(bucketUpper(bucketOf(86_400)), 86_400);
    assert.equal(bucketUpper(bucketOf(86_341)), 86_400);
    assert.equal(bucketUpper(bucketOf(86_340)), 86_340);
    assert.equal(bucketUpper(bucketOf(86_401)), Infinity);
    const data = ['id,queue,arrived,answered,outcome', 'a,Q,2026-02-02T00:00:00Z,2026-02-03T00:00:00Z,answered', 'b,Q,2026-02-02T00:00:00Z,2026-02-03T00:00:01Z,answered'].join('\n');
    const defs = defaultDefinitions('UTC');
    defs.serviceLevel.preset = 'answered';
    defs.serviceLevel.thresholdSec = 86_400;
    assert.equal(lastBucketWithin(86_400), bucketOf(86_400));
    assert.equal(query(analyzeText(data).parts, defs).totals.serviceLevelMet, 1);
  });
});

describe('a parts table written and read back (docs/parts.md)', () => {
  it('CSV and NDJSON, in uneven chunks, give every figure of the parts they were written from; FCR by repeat under auto uses the table\'s window', async () => {
    const { partsCsv, partsNdjson } = await import('../../src/engine/parts-table.js');
    const { PartsTextReader } = await import('../../src/engine/parts-read.js');
    // No resolved flag: FCR can only be by repeat (customers repeat in the generated set).
    const csv = [...generateContactsCsv({ contacts: 4000, seed: 'table', days: 10 })].join('').replace(/^(C[^,\n]*,([^,\n]*,){12})[^,\n]*/gm, '$1');
    const source = analyzeText(csv, { dimensions: ['channel', 'tier'], keepRepeats: true }).parts;
    const defs = defaultDefinitions('Europe/Berlin');
    defs.fcr.windowDays = 3;
    const expected = query(source, { ...defs, fcr: { method: 'auto', windowDays: 5 } }, { by: ['day', 'queue', 'channel'] });
    assert.equal(expected.fcrMethod, 'repeat');
    for (const write of [partsCsv, partsNdjson]) {
      const text = [...write(source, { fcrWindowDays: 5 })].join('');
      const bytes = new TextEncoder().encode(text);
      const reader = new PartsTextReader(write === partsCsv ? 'csv' : 'ndjson');
      for (let i = 0; i < bytes.length; i += 977) reader.push(bytes.subarray(i, i + 977));
      const read = reader.end();
      assert.equal(read.validation.rowsRejected, 0);
      assert.equal(read.validation.contacts, 4000);
      // Asked with another window under auto: the table's own (5 days) is used, and said.
      const got = query(read.parts!, defs, { by: ['day', 'queue', 'channel'] });
      assert.equal(got.fcrWindowDays, 5);
      assert.deepEqual(got.groups, expected.groups);
      assert.deepEqual(got.totals, expected.totals);
      // Asked for repeat with another window: refused in words.
      assert.throws(() => query(read.parts!, { ...defs, fcr: { method: 'repeat', windowDays: 3 } }), /FCR by repeat with a 5-day window, not 3 days/);
    }
  });
});
