import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';
import { EfficiencyParts } from '../../../src/engine/efficiency.js';
import { observedStaffing } from '../../../src/engine/erlang/observed.js';

describe('staffing against what happened', () => {
  it('per 30-minute interval: Erlang C on the observed volume and AHT beside the agents the states show', () => {
    // 09:00–09:30: 100 contacts, each 180 s of talk → A = 10 Erlangs → 14 agents at 80/20 (METRICS.md §8)
    const rows = ['id,queue,arrived,answered,outcome,talk'];
    for (let i = 0; i < 100; i++) {
      const at = Date.UTC(2026, 2, 2, 9, 0, 0) + i * 17_000;
      rows.push(`${i},Q,${new Date(at).toISOString()},${new Date(at + 3000).toISOString()},answered,180`);
    }
    const contacts = analyzeText(rows.join('\n')).parts;
    const eff = new EfficiencyParts();
    // 12 agents available the whole half hour
    eff.add(Array.from({ length: 12 }, (_, i) => ({ agent: `a${i}`, state: 'Available', category: 'available' as const, start: Date.UTC(2026, 2, 2, 9), end: Date.UTC(2026, 2, 2, 9, 30) })));
    const defs = defaultDefinitions('UTC');
    defs.intervalMinutes = 30;
    const s = observedStaffing(contacts, defs, eff);
    assert.equal(s.length, 1);
    assert.equal(s[0].interval, '2026-03-02T09:00+00:00');
    assert.equal(s[0].trafficErlangs, 10);
    assert.equal(s[0].requiredAgents, 14);
    assert.equal(s[0].presentAgents, 12);
    assert.equal(s[0].gap, -2);
    assert.equal(observedStaffing(contacts, defs)[0].presentAgents, null, 'without states: no data, not 0');
  });
});
