import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { baseline, breachHistory, suggestTarget } from '../../../src/engine/agreement/baseline.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

// Feb 1–10 (UTC), queue Q, 10 answered each day at 10:00: on day d, d of them in 5 s, the rest in 60 s.
const rows = ['id,queue,arrived,answered,outcome'];
for (let d = 1; d <= 10; d++) {
  for (let i = 0; i < 10; i++) {
    const at = Date.UTC(2026, 1, d, 10, 0, i);
    rows.push(`${d}-${i},Q,${new Date(at).toISOString()},${new Date(at + (i < d ? 5 : 60) * 1000).toISOString()},answered`);
  }
}
const parts = analyzeText(rows.join('\n')).parts;
const defs = defaultDefinitions('UTC');
const periodStart = Date.UTC(2026, 1, 11);

describe('baselines and suggested targets (METRICS.md §6)', () => {
  it('30 days ending the day before the period: the summed figure, the spread of the daily values, and a target 2 points easier', () => {
    const b = baseline(parts, defs, 'serviceLevel', periodStart);
    assert.equal(b.from, '2026-01-12');
    assert.equal(b.to, '2026-02-10');
    assert.equal(b.daysWithData, 10);
    assert.close(b.value, 0.55);
    assert.close(b.p10, 0.1);
    assert.close(b.p90, 0.9);
    assert.close(b.suggestedTarget, 0.53);
    assert.close(b.gap, -0.02);
  });
  it('times get 20 % more: baseline ASA 29.75 s → 35.7 s', () => {
    const b = baseline(parts, defs, 'asa', periodStart);
    assert.close(b.value, (5 * 55 + 60 * 45) / 100);
    assert.close(b.suggestedTarget, 35.7);
    assert.equal(b.buffer, '20 %');
    assert.close(suggestTarget('asa', 25).target, 30, 1e-12, 'the example of the contract: 25 s → 30 s');
  });
  it('a shorter history: the last 5 days', () => {
    assert.close(baseline(parts, defs, 'serviceLevel', periodStart, 5).value, 0.8);
    assert.throws(() => baseline(parts, defs, 'serviceLevel', periodStart, 120), /1 to 90 days/);
  });
  it('breach history: the share of intervals in breach per queue and metric', () => {
    const h = breachHistory(parts, defs, [{ metric: 'serviceLevel', target: 0.8 }, { metric: 'asa', target: 30 }]);
    assert.deepEqual(h.map((r) => [r.key, r.metric, r.breached, r.intervals]), [['Q', 'asa', 5, 10], ['Q', 'serviceLevel', 7, 10]]);
    assert.close(h[1].share, 0.7);
  });
});
