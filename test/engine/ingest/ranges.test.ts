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

  it('a file in time order: ranges that meet only at their edges give the one reading\'s parts, merged in any order of size', async () => {
    // Sorted by arrival: each range holds its own slots, neighbours share the cells of the slot they are cut in.
    const rows = ['id,queue,channel,agent,arrived,answered,ended,outcome'];
    const t0 = Date.UTC(2026, 2, 2, 8, 0, 0);
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    for (let i = 0; i < 4000; i++) {
      const at = t0 + i * 37_000;
      const wait = (i * 13) % 70;
      rows.push(`t${i},${['Sales', 'Billing', 'Tech'][i % 3]},${i % 5 ? 'voice' : 'chat'},a${i % 7},${iso(at)},${iso(at + wait * 1000)},${iso(at + (wait + 200) * 1000)},answered`);
    }
    const sorted = rows.join('\n') + '\n';
    const sb = new TextEncoder().encode(sorted);
    const oneSorted = analyzeText(sorted, { ...PARTS, maxRejections: 1e6 });
    const l = firstLook(sb.subarray(0, 65_536), { parts: { ...PARTS }, maxRejections: 1e6 })!;
    const read: ReadAt = (o, n) => sb.subarray(o, o + n);
    for (const n of [2, 3, 5]) {
      // The first range small (as the page's 256 KiB), the rest in equal shares: merged largest first.
      const first = cutPoints(read, Math.floor(sb.length / 10), 2)[1];
      const cuts = [0, ...cutPoints((o, k) => read(first + o, k), sb.length - first, n).map((c) => c + first)];
      const r = await asRanges(sb, cuts, l.plan, l.mapping);
      assert.equal(r.parts.contacts, 4000);
      assertSameParts(r.parts, oneSorted.parts, `${n + 1} ranges in time order`);
      // A contact added after the merge finds its cell (the index of every cell is made again).
      const before = r.parts.cellCount;
      r.parts.add({ id: 'late', queue: 'Sales', channel: 'voice', agent: 'a0', arrived: t0 + 5 * 37_000, answered: t0 + 5 * 37_000 + 4000, ended: t0 + 5 * 37_000 + 100_000, outcome: 'answered', wait: 4, talk: 96 } as never);
      assert.equal(r.parts.cellCount, before, 'the contact went to its cell, not a new one');
    }
    // The first range read on the merging thread (its parts as they are, their index made as they were read)
    // and the largest: the others are added to it; a contact after that finds its cell.
    const cuts = cutPoints(read, sb.length, 3);
    cuts[1] = cutPoints((o, k) => read(cuts[1] + o, k), sb.length - cuts[1], 4)[1] + cuts[1];
    const stops = [...cuts.slice(1), sb.length];
    const results = cuts.map((c, k) => readRange(read, sb.length, c, stops[k], l.plan, undefined, k === 0));
    assert.ok(results[0].parts.cellCount > results[1].parts.cellCount, 'the first range is the largest');
    const m = await mergeRanges(results, l.plan, l.mapping, async () => { throw new Error('not read again'); });
    assertSameParts(m.parts, oneSorted.parts, 'the first range read here and largest');
    const before = m.parts.cellCount;
    m.parts.add({ id: 'late', queue: 'Tech', channel: 'voice', agent: 'a2', arrived: t0 + 3995 * 37_000, answered: t0 + 3995 * 37_000 + 4000, ended: t0 + 3995 * 37_000 + 100_000, outcome: 'answered', wait: 4, talk: 96 } as never);
    assert.equal(m.parts.cellCount, before, 'a late contact of the last range\'s slots went to its cell');
  });
});
