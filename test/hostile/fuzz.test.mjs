// Fuzz (seeded): valid files mutated with quotes, delimiters, line ends, NULs and high bytes at random places,
// each read whole and in random chunks. For every case: no exception but the reader's own refusal, accepted +
// rejected = read, and the same records whatever the chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ContactIngest, IngestError } from '../../dist/engine/index.js';
import { mulberry32 as rng } from '../helpers/seeded.mjs';

const BASE = 'id,queue,arrived,answered,wait,outcome\n' + Array.from({ length: 60 }, (_, i) =>
  `c${i},${['Sales', '"Help, desk"', 'Billing'][i % 3]},2026-03-02T09:${String(i % 60).padStart(2, '0')}:00Z,${i % 4 ? `2026-03-02T09:${String(i % 60).padStart(2, '0')}:12Z` : ''},${i % 40},${i % 4 ? 'answered' : 'abandoned'}`).join('\n') + '\n';
const NOISE = [0x22, 0x2c, 0x3b, 0x09, 0x7c, 0x0a, 0x0d, 0x00, 0xe9, 0xc3, 0xff, 0x20];

function read(bytes, chunks) {
  const ing = new ContactIngest({ onContact: () => undefined, inputTimeZone: 'UTC', maxRejections: 1000 });
  try {
    for (const c of chunks(bytes)) ing.push(c);
    const r = ing.end();
    return { v: r.validation };
  } catch (e) {
    if (e instanceof IngestError) return { refused: e.said.code };
    throw e;
  }
}

test('fuzz: 3,000 mutated files, whole and in random chunks: accounting holds, nothing escapes, chunks change nothing', () => {
  const base = new TextEncoder().encode(BASE);
  let refused = 0;
  for (let k = 0; k < 3000; k++) {
    const r = rng(k + 1);
    const bytes = Array.from(base);
    const edits = 1 + Math.floor(r() * 8);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * bytes.length);
      const what = r();
      if (what < 0.5) bytes.splice(at, 0, NOISE[Math.floor(r() * NOISE.length)]);
      else if (what < 0.8) bytes[at] = NOISE[Math.floor(r() * NOISE.length)];
      else bytes.splice(at, 1 + Math.floor(r() * 20));
    }
    const data = Uint8Array.from(bytes);
    const whole = read(data, (b) => [b]);
    const cuts = [];
    for (let p = 0; p < data.length; ) { const n = 1 + Math.floor(r() * 97); cuts.push(data.subarray(p, p + n)); p += n; }
    const chunked = read(data, () => cuts);
    if (whole.refused) { refused++; assert.equal(chunked.refused, whole.refused, `case ${k}: refused alike`); continue; }
    const v = whole.v;
    assert.equal(v.rowsAccepted + v.rowsRejected, v.rowsRead, `case ${k}: accepted + rejected = read`);
    assert.deepEqual(
      { read: chunked.v.rowsRead, accepted: chunked.v.rowsAccepted, lines: chunked.v.rejections.map((x) => [x.line, x.code]) },
      { read: v.rowsRead, accepted: v.rowsAccepted, lines: v.rejections.map((x) => [x.line, x.code]) },
      `case ${k}: the same records in chunks`,
    );
  }
  assert.ok(refused < 3000, 'most mutated files are read, not refused');
});
