import { assert } from '../../helpers/assert.js';
import { AlertMonitor, projectedServiceLevel } from '../../../src/engine/agreement/live.js';

describe('live figures (METRICS.md §6)', () => {
  it('projected interval SL counts contacts waiting longer than T as missed, and leaves the others out', () => {
    // 8 met of 10 so far; 3 waiting: 25 s and 40 s (missed already), 5 s (may still make it)
    assert.close(projectedServiceLevel(8, 10, [25, 40, 5], 20), 8 / 12);
    assert.close(projectedServiceLevel(8, 10, [20], 20), 8 / 10, 1e-12, 'exactly T is not over T');
    assert.equal(projectedServiceLevel(0, 0, [], 20), null);
    assert.equal(projectedServiceLevel(0, 0, [30], 20), 0);
  });
  it('a threshold on waiting raises once per crossing and clears once (hysteresis: back below 20 − 1 = 19)', () => {
    const m = new AlertMonitor([{ metric: 'waiting', threshold: 20, margin: 2 }]);
    const seq = [5, 19, 21, 25, 20, 19.5, 19, 21, 30, 5];
    const kinds = seq.map((v, i) => m.update('Sales', 'waiting', v, i * 1000).map((e) => e.kind).join(','));
    // 5 ok (silent) · 19 near · 21 breach · 25 – · 20 still breach · 19.5 still breach · 19 clear (to warn) · 21 breach · 30 – · 5 clear (ok)
    assert.deepEqual(kinds, ['', 'near', 'breach', '', '', '', 'clear', 'breach', '', 'clear']);
    // out of a breach into the margin, then below it: cleared once, not twice
    assert.deepEqual([21, 19, 16.9].map((v, i) => m.update('Support', 'waiting', v, i).map((e) => e.kind).join(',')), ['breach', 'clear', '']);
  });
  it('projected SL below 0.8 (margin defaults to 10 % of the threshold), per queue, only for watched queues', () => {
    const m = new AlertMonitor([{ metric: 'projectedServiceLevel', threshold: 0.8, queues: ['Sales'] }]);
    assert.deepEqual(m.update('Support', 'projectedServiceLevel', 0.5, 0), []);
    const e = m.update('Sales', 'projectedServiceLevel', 0.7, 1000);
    assert.equal(e.length, 1);
    assert.equal(e[0].kind, 'breach');
    assert.close(e[0].margin, 0.08);
    assert.deepEqual(m.update('Sales', 'projectedServiceLevel', 0.83, 2000), [], 'below 0.8 + 0.04: still in breach');
    assert.equal(m.update('Sales', 'projectedServiceLevel', 0.84, 3000)[0].kind, 'clear');
    assert.deepEqual(m.standing(), [], 'the breach was cleared: nothing stands');
  });
});
