import { assert } from '../helpers/assert.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

describe('groups carry the instants of their period (docs/protocol.md)', () => {
  const parts = analyzeText([
    'id,queue,arrived,answered,outcome',
    'a,Q,2026-03-08T06:50:00Z,2026-03-08T06:50:05Z,answered', // 01:50 EST, the night of the spring change
    'b,Q,2026-03-08T07:10:00Z,2026-03-08T07:10:05Z,answered', // 03:10 EDT
    'c,R,2026-03-09T15:00:00Z,2026-03-09T15:00:05Z,answered',
  ].join('\n')).parts;
  const defs = defaultDefinitions('America/New_York');

  it('by day: the start and end of each local day (the spring day has 23 hours), with the queue alongside', () => {
    const r = query(parts, defs, { by: ['queue', 'day'] });
    assert.deepEqual(r.groups.map((g) => [g.key, g.start, g.end]), [
      ['Q · 2026-03-08', Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4)],
      ['R · 2026-03-09', Date.UTC(2026, 2, 9, 4), Date.UTC(2026, 2, 10, 4)],
    ]);
  });
  it('by day and interval: the finest grain\'s instants; by queue alone: none', () => {
    const r = query(parts, defs, { by: ['day', 'interval'] });
    assert.deepEqual(r.groups.map((g) => [g.by.interval, g.start, g.end]), [
      ['2026-03-08T01:45-05:00', Date.UTC(2026, 2, 8, 6, 45), Date.UTC(2026, 2, 8, 7)],
      ['2026-03-08T03:00-04:00', Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 2, 8, 7, 15)],
      ['2026-03-09T11:00-04:00', Date.UTC(2026, 2, 9, 15), Date.UTC(2026, 2, 9, 15, 15)],
    ]);
    const q = query(parts, defs, { by: ['queue'] });
    assert.deepEqual(q.groups.map((g) => [g.start, g.end]), [[undefined, undefined], [undefined, undefined]]);
  });
});

describe('FCR by default follows the data (docs/metrics.md §3)', () => {
  const rows = (extra: string, cells: (i: number) => string) =>
    ['id,queue,arrived,answered,outcome' + extra, ...[0, 1, 2, 3].map((i) => `c${i},Q,2026-03-0${2 + i}T09:00:00Z,2026-03-0${2 + i}T09:00:05Z,answered${cells(i)}`)].join('\n');
  it('a resolved flag: by flag (3 of 4 resolved)', () => {
    const parts = analyzeText(rows(',resolved,customer', (i) => `,${i === 3 ? 'N' : 'Y'},cu1`), { keepRepeats: true }).parts;
    const r = query(parts, defaultDefinitions('UTC'));
    assert.equal(r.fcrMethod, 'flag');
    assert.close(r.totals.fcr, 0.75);
  });
  it('customer ids and no flag: by repeat (cu1 calls again within 7 days after its first two calls; cu2 never)', () => {
    // c0 cu1 (Mar 2) → repeated by c1 (Mar 3): not resolved; c1 cu1 → repeated by c3 (Mar 5): not resolved;
    // c2 cu2: resolved; c3 cu1: resolved (no repeat in the data, window still open → provisional). 2 of 4.
    const parts = analyzeText(rows(',customer', (i) => `,${i === 2 ? 'cu2' : 'cu1'}`), { keepRepeats: true }).parts;
    const r = query(parts, defaultDefinitions('UTC'));
    assert.equal(r.fcrMethod, 'repeat');
    assert.close(r.totals.fcr, 0.5);
  });
  it('neither: no FCR (null, never 0); a method asked for is the one used', () => {
    const parts = analyzeText(rows('', () => ''), { keepRepeats: true }).parts;
    const r = query(parts, defaultDefinitions('UTC'));
    assert.equal(r.fcrMethod, 'none');
    assert.equal(r.totals.fcr, null);
    const defs = defaultDefinitions('UTC');
    defs.fcr.method = 'flag';
    assert.equal(query(parts, defs).fcrMethod, 'flag');
  });
});
