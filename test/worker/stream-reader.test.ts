// A helper reads its range of the File as one stream into one reused buffer (src/worker/ranges.ts
// streamReader): every read gives the file's own bytes, whatever the order of the reads, and a range read
// through it, a few KiB at a time, gives what the same range read from the bytes in memory gives.
import { assert } from '../helpers/assert.js';
import { streamReader } from '../../src/worker/ranges.js';
import { cutPoints, firstLook, readRange, readRangeAsync, type RangeResult, type ReadAt } from '../../src/engine/ingest/ranges.js';
import type { PartsSnapshot } from '../../src/engine/parts.js';
import { messyCsv } from '../helpers/messy.mjs';
import { mulberry32 } from '../helpers/seeded.mjs';

describe('a File read as one stream into one buffer', () => {
  it('gives the bytes asked for: in order, again in part, backwards, past the buffer and at the end', async () => {
    const rnd = mulberry32(5);
    const bytes = new Uint8Array(1_300_000).map(() => Math.floor(rnd() * 256));
    const read = streamReader(new Blob([bytes]), 65_536)!;
    assert.ok(read, 'this browser streams a File into a buffer of its own');
    const check = async (offset: number, length: number, what: string) => {
      const got = await read(offset, length);
      const want = bytes.subarray(offset, Math.min(bytes.length, offset + Math.min(length, 65_536)));
      assert.equal(got.length, want.length, `${what}: length`);
      for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) assert.ok(false, `${what}: byte ${offset + i}`);
    };
    let p = 0;
    // In order, 64 KiB at a time, then reads that take up less than they were given (a line at a time).
    for (let i = 0; i < 5; i++, p += 65_536) await check(p, 65_536, `in order ${i}`);
    for (let i = 0; i < 40; i++) { await check(p, 65_536, `again in part ${i}`); p += 1 + Math.floor(rnd() * 20_000); }
    await check(100, 5000, 'backwards');
    await check(900_000, 65_536, 'forwards past the buffer');
    await check(bytes.length - 1000, 65_536, 'the end');
    await check(bytes.length, 65_536, 'past the end');
    await check(0, 10, 'the start again');
  });

  it('a range read through it, 4 KiB at a time, gives what the range read in memory gives', async () => {
    const text = messyCsv(3000, 9);
    const bytes = new TextEncoder().encode(text);
    const look = firstLook(bytes.subarray(0, 65_536), { parts: { slotMinutes: 15, dimensions: ['channel', 'agent'], keepRepeats: true }, maxRejections: 1e6 })!;
    const inMemory: ReadAt = (o, l) => bytes.subarray(o, o + l);
    const cuts = cutPoints(inMemory, bytes.length, 5);
    assert.equal(cuts.length, 5);
    const buffers = (r: RangeResult) => {
      const s = r.parts as PartsSnapshot;
      return [...Object.values(s.buffers), ...Object.values(s.sealed ?? {})].map((b) => [...new Uint8Array(b)].join(','));
    };
    for (let k = 1; k < cuts.length; k++) {
      const stop = k + 1 < cuts.length ? cuts[k + 1] : bytes.length;
      const want = readRange(inMemory, bytes.length, cuts[k], stop, look.plan);
      const got = await readRangeAsync(streamReader(new Blob([bytes]), 4096)!, bytes.length, cuts[k], stop, look.plan);
      assert.equal(got.end, want.end, `range ${k}: where it ends`);
      assert.equal(got.lines, want.lines, `range ${k}: lines`);
      assert.deepEqual(got.validation, want.validation, `range ${k}: validation`);
      assert.deepEqual((got.parts as PartsSnapshot).dicts, (want.parts as PartsSnapshot).dicts, `range ${k}: names`);
      assert.deepEqual(buffers(got), buffers(want), `range ${k}: parts`);
      assert.ok((want.parts as PartsSnapshot).cellCount > 0, `range ${k} has contacts`);
    }
  });
});
