import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { cutPoints, firstLook, mergeRanges, readRange, type RangePlan, type RangeResult, type ReadAt } from '../../../src/engine/ingest/ranges.js';
import { ContactParts } from '../../../src/engine/parts.js';
import type { Mapping } from '../../../src/engine/ingest/mapping.js';
import { messyCsv } from '../../helpers/messy.mjs';

// One file read as ranges gives what one reading gives (docs/mapping.md "Ranges"): the same rows, rejections
// with the same lines and reasons, and the same parts, wherever the cuts fall — inside quoted fields over
// lines, on a runaway quote, between a CR and its LF, on blank lines, across duplicate ids.

const PARTS = { slotMinutes: 15 as const, dimensions: ['channel', 'agent'] as const, keepRepeats: true };

/** Every cell's values and histogram, keyed by slot and names (the cells' order differs between readings). */
function canonical(p: ContactParts): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const h = p.histograms();
  for (let c = 0; c < p.cellCount; c++) {
    const s = p.cellSeries[c];
    const key = [p.cellSlot[c], p.queues.values[p.seriesQueue[s]], p.channels.values[p.seriesChannel[s]], p.tiers.values[p.seriesTier[s]], p.agents.values[p.seriesAgent[s]]].join('|');
    const runs: number[] = [];
    for (let r = h.offsets[c]; r < h.offsets[c + 1]; r++) runs.push(h.keys[r], h.counts[r]);
    out.set(key, [...p.values.subarray(c * 26, c * 26 + 26), -1, ...runs]);
  }
  const reps: string[] = [];
  for (let i = 0; i < p.repLen; i++) reps.push([p.customers.values[p.repCustomer[i]], p.queues.values[p.repQueue[i]], p.repArrived[i], p.repAnswered[i], p.repResolvedFlag[i]].join('|'));
  out.set(`repeats ${reps.sort().join(' ')}`, []);
  return out;
}

function assertSameParts(a: ContactParts, b: ContactParts, what: string): void {
  const ca = canonical(a), cb = canonical(b);
  assert.deepEqual([...ca.keys()].sort(), [...cb.keys()].sort(), `${what}: the same cells`);
  for (const [k, va] of ca) {
    const vb = cb.get(k)!;
    assert.equal(va.length, vb.length, `${what}: ${k}`);
    // Sums of seconds may add in another order: equal to the last bits that order can change.
    for (let i = 0; i < va.length; i++) if (!(Math.abs(va[i] - vb[i]) <= 1e-9 * Math.max(1, Math.abs(va[i])))) assert.ok(false, `${what}: cell ${k} field ${i}: ${va[i]} ≠ ${vb[i]}`);
  }
  assert.equal(a.contacts, b.contacts);
  assert.equal(a.firstArrival, b.firstArrival);
  assert.equal(a.lastArrival, b.lastArrival);
}

/** Reads `bytes` as ranges cut at `cuts` (each range read again as mergeRanges asks), one after another. */
async function asRanges(bytes: Uint8Array, cuts: number[], plan: RangePlan, shown: Mapping) {
  const read: ReadAt = (o, l) => bytes.subarray(o, o + l);
  const stops = [...cuts.slice(1), bytes.length];
  const results: RangeResult[] = cuts.map((c, k) => readRange(read, bytes.length, c, stops[k], plan));
  let again = 0;
  const merged = await mergeRanges(results, plan, shown, async (k, start, ids) => { again++; return readRange(read, bytes.length, start, stops[k], plan, ids); });
  return { ...merged, again };
}

describe('a file read as ranges beside each other', () => {
  const text = messyCsv(3000, 7);
  const bytes = new TextEncoder().encode(text);
  const one = analyzeText(text, { ...PARTS, maxRejections: 1e6 });
  const look = firstLook(bytes.subarray(0, 65_536), { parts: { ...PARTS }, maxRejections: 1e6 })!;

  it('the first look resolves the reading: mapping, delimiter, header, encoding', () => {
    assert.ok(look, 'decided from the head');
    assert.equal(look.plan.mapping.delimiter, ',');
    assert.equal(look.plan.header.length, 10);
    assert.equal(look.plan.encoding, 'utf-8');
    // The test file has what it means to test: rejections of several kinds, duplicates, a runaway quote.
    const codes = new Set(one.validation.rejections.map((r) => r.code));
    for (const c of ['duplicateId', 'quoteRunaway']) assert.ok(codes.has(c as never), `the file has a ${c}: ${[...codes]}`);
  });

  for (const n of [2, 3, 8, 31, 97]) {
    it(`cut in ${n} near equal shares: the same reading`, async () => {
      const read: ReadAt = (o, l) => bytes.subarray(o, o + l);
      const cuts = cutPoints(read, bytes.length, n);
      assert.equal(cuts.length, n, 'as many ranges as asked');
      const r = await asRanges(bytes, cuts, look.plan, look.mapping);
      assert.deepEqual(r.validation, one.validation);
      assert.deepEqual(r.mapping, one.mapping, 'the mapping said, notes and all');
      assertSameParts(r.parts, one.parts, `${n} ranges`);
    });
  }

  it('cut after every line feed in turn (inside quoted fields, between CR and LF, on blank lines, on the runaway quote): the same reading', async function () {
    this.timeout(120_000);
    // Two ranges, the cut after each line feed of the file in turn (every 7th, to keep the run short).
    let tried = 0, reread = 0;
    for (let at = bytes.indexOf(10) + 1, i = 0; at > 0 && at < bytes.length; at = bytes.indexOf(10, at) + 1, i++) {
      if (i % 7) continue;
      const r = await asRanges(bytes, [0, at], look.plan, look.mapping);
      tried++;
      reread += r.again;
      assert.deepEqual(r.validation, one.validation, `cut at byte ${at}`);
      assert.equal(r.parts.contacts, one.parts.contacts, `cut at byte ${at}`);
    }
    assert.ok(tried > 500, `${tried} cuts`);
    assert.ok(reread > 0, 'some cuts fell inside a record and were read again from where the range before stopped');
  });

  it('ids taken by two ranges: the later one is rejected as in one reading, line for line', async () => {
    const rows = ['id,queue,arrived,wait,outcome'];
    for (let i = 0; i < 400; i++) rows.push(`${i % 150 === 149 ? 'k3' : `k${1000 + (i * 7919) % 400}`},Q,2026-03-02T09:${String(i % 60).padStart(2, '0')}:00Z,5,answered`);
    const t = rows.join('\n') + '\n';
    const b = new TextEncoder().encode(t);
    const seq = analyzeText(t, { maxRejections: 1e6 });
    const l = firstLook(b, { parts: { slotMinutes: 15, dimensions: [], keepRepeats: false }, maxRejections: 1e6 })!;
    const r = await asRanges(b, cutPoints((o, n) => b.subarray(o, o + n), b.length, 4), l.plan, l.mapping);
    assert.deepEqual(r.validation, seq.validation);
    assert.ok(seq.validation.rejections.some((x) => x.code === 'duplicateId'));
    assert.ok(r.again > 0, 'a range was read again knowing the ids before it');
  });
});
