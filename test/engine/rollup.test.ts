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
