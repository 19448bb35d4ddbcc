import { assert } from '../../helpers/assert.js';
import { erlangB, erlangC, requiredAgents, staffingRow, staffingTable, trafficErlangs } from '../../../src/engine/erlang/erlang-c.js';

describe('Erlang C (METRICS.md §8)', () => {
  it('the worked case: 100 contacts in 30 min, AHT 180 s, 80/20 → 14 agents, SL 0.88835, ASA 7.836 s, occupancy 0.714, 20 scheduled at 30 % shrinkage', () => {
    const r = requiredAgents({ contacts: 100, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20, shrinkage: 0.3 });
    assert.equal(r.trafficErlangs, 10);
    assert.equal(r.agents, 14);
    assert.close(r.serviceLevel, 0.88835, 5e-6);
    assert.close(r.asa, 7.836, 5e-4);
    assert.close(r.occupancy, 0.714, 5e-4);
    assert.equal(r.scheduledAgents, 20);
    // 13 agents do not reach 80 %
    assert.ok(staffingRow(13, 10, 180, 20).serviceLevel < 0.8);
  });
  it('Erlang B by recursion matches the closed form on a small case, and survives A = 133 and several hundred Erlangs', () => {
    // B(2, 1) = (1²/2!) / (1 + 1 + 1/2) = 0.2
    assert.close(erlangB(2, 1), 0.2);
    const c = erlangC(150, 133);
    assert.ok(c > 0 && c < 1, `C(150, 133) = ${c}`);
    const big = requiredAgents({ contacts: 6000, intervalSec: 1800, ahtSec: 240, target: 0.8, thresholdSec: 20 });
    assert.equal(big.trafficErlangs, 800);
    assert.ok(big.agents > 800 && big.agents < 840, `agents ${big.agents}`);
    assert.ok(Number.isFinite(big.serviceLevel) && big.serviceLevel >= 0.8);
  });
  it('N ≤ A: the queue grows without bound — P(wait) 1, SL 0, ASA null, unbounded', () => {
    assert.deepEqual(staffingRow(10, 10, 180, 20), { agents: 10, scheduledAgents: 10, serviceLevel: 0, asa: null, occupancy: 1, probabilityOfWaiting: 1, unbounded: true });
  });
  it('an occupancy cap and an ASA target can each ask for more agents', () => {
    const base = { contacts: 100, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20 };
    assert.equal(requiredAgents({ ...base, maxOccupancy: 0.65 }).agents, 16);
    const asa = requiredAgents({ ...base, asaSec: 3 });
    assert.ok(asa.agents > 14 && asa.asa! <= 3);
  });
  it('the table shows the neighbours of the required level', () => {
    const t = staffingTable({ contacts: 100, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20 });
    assert.deepEqual(t.rows.map((r) => r.agents), [11, 12, 13, 14, 15, 16, 17]);
    for (let i = 1; i < t.rows.length; i++) assert.ok(t.rows[i].serviceLevel > t.rows[i - 1].serviceLevel, 'SL grows with N');
  });
  it('no contacts need one agent; bad input says what is wrong', () => {
    assert.equal(requiredAgents({ contacts: 0, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20 }).agents, 1);
    assert.equal(trafficErlangs(0, 180, 1800), 0);
    assert.throws(() => requiredAgents({ contacts: 10, intervalSec: 1800, ahtSec: 0, target: 0.8, thresholdSec: 20 }), /AHT must be more than 0/);
    assert.throws(() => requiredAgents({ contacts: 10, intervalSec: 1800, ahtSec: 100, target: 80, thresholdSec: 20 }), /fraction/);
    assert.throws(() => requiredAgents({ contacts: 10, intervalSec: 1800, ahtSec: 100, target: 0.8, thresholdSec: 20, shrinkage: 1 }), /shrinkage/);
  });
});
