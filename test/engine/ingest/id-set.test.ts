import { assert } from '../../helpers/assert.js';
import { IdSet } from '../../../src/engine/ingest/id-set.js';
import { analyzeText } from '../../../src/engine/analyze.js';

const enc = new TextEncoder();
const add = (s: IdSet, id: string) => {
  const b = enc.encode(id);
  return s.add(b, 0, b.length);
};

describe('duplicate ids on their bytes', () => {
  it('finds every repeat among 200,000 ids across table growth, and nothing else', () => {
    const s = new IdSet();
    for (let i = 0; i < 200_000; i++) assert.equal(add(s, `C${i}`), true, `C${i} first time`);
    for (let i = 0; i < 200_000; i += 997) assert.equal(add(s, `C${i}`), false, `C${i} again`);
    // prefixes, suffixes and the empty id are different ids
    assert.equal(add(s, 'C1234'), false);
    assert.equal(add(s, 'C12340'), false);
    assert.equal(add(s, 'C123400'), false);
    assert.equal(add(s, 'C1234000'), true);
    assert.equal(add(s, ''), true);
    assert.equal(add(s, ''), false);
    assert.equal(s.size, 200_002);
  });
  it('ids in descending order, then out of order: repeats are found on both paths', () => {
    const s = new IdSet();
    for (let i = 5000; i > 0; i--) assert.equal(add(s, `x${i}`), true);
    assert.equal(add(s, 'x6000'), true, 'above the largest: still new');
    assert.equal(add(s, 'x2500'), false, 'in the middle: the table is built and finds it');
    for (let i = 1; i <= 6000; i += 7) assert.equal(add(s, `x${i}`), i > 5000 && i !== 6000, `x${i}`);
  });
  it('a shuffled stream of ids with repeats: exactly the repeats are refused', () => {
    const s = new IdSet();
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      const id = `id-${Math.floor(rnd() * 30_000)}`;
      assert.equal(add(s, id), !seen.has(id), id);
      seen.add(id);
    }
  });
  it('quoted ids with escaped quotes and ids with spaces around them are compared by their value', () => {
    const a = analyzeText(['id,queue,arrived,answered,outcome', '"a""1",Q,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z,answered', '"a""1",Q,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z,answered', ' b ,Q,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z,answered', 'b,Q,2026-01-01T00:00:00Z,2026-01-01T00:00:01Z,answered'].join('\n'));
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.value, r.reason]), [[3, 'a"1', 'duplicate id'], [5, 'b', 'duplicate id']]);
  });
});
