import { assert } from '../../helpers/assert.js';
import { erlangA, patienceFrom, requiredAgentsA } from '../../../src/engine/erlang/erlang-a.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { requiredAgents, staffingRow } from '../../../src/engine/erlang/erlang-c.js';
import { mulberry32 } from '../../helpers/seeded.mjs';

/**
 * M/M/N+M simulated, FIFO: each caller takes the agent free first, at its arrival or when that agent frees,
 * unless its patience runs out before (then it takes no agent). Seeded: the same figures on every machine.
 */
function simulate(n: number, lambda: number, ahtSec: number, patienceSec: number, T: number, callers: number, seed: number, rows?: string[]) {
  const rnd = mulberry32(seed);
  const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
  const free = new Float64Array(n); // when each agent is free next
  let t = 0, abandoned = 0, answered = 0, within = 0, waitAnswered = 0, waitAll = 0, waited = 0;
  const warm = Math.floor(callers / 20); // the first 5 % only fill the system
  for (let k = 0; k < callers + warm; k++) {
    t += exp(1 / lambda);
    let a = 0;
    for (let i = 1; i < n; i++) if (free[i] < free[a]) a = i;
    const start = Math.max(t, free[a]);
    const wait = start - t;
    const patience = exp(patienceSec);
    const counted = k >= warm;
    if (wait > patience) {
      if (counted) { abandoned++; waitAll += patience; waited++; }
      rows?.push(`c${k},Q,${new Date(Date.UTC(2026, 2, 2) + t * 1000).toISOString()},${patience.toFixed(3)},abandoned`);
      continue;
    }
    rows?.push(`c${k},Q,${new Date(Date.UTC(2026, 2, 2) + t * 1000).toISOString()},${wait.toFixed(3)},answered`);
    free[a] = start + exp(ahtSec);
    if (counted) {
      answered++;
      waitAnswered += wait;
      waitAll += wait;
      if (wait > 0) waited++;
      if (wait <= T) within++;
    }
  }
  return { abandonment: abandoned / callers, serviceLevel: within / callers, asa: waitAnswered / answered, meanWait: waitAll / callers, probabilityOfWaiting: waited / callers };
}

describe('Erlang A (Palm\'s M/M/N+M, docs/metrics.md §8)', () => {
  it('with a patience without end it is Erlang C: the worked case of 100 contacts in 30 min, AHT 180 s, 14 agents', () => {
    const a = erlangA(14, 100 / 1800, 180, 1e9, 20);
    const c = staffingRow(14, 10, 180, 20);
    assert.close(a.serviceLevel, c.serviceLevel, 1e-6);
    assert.close(a.asa, c.asa!, 1e-4);
    assert.close(a.probabilityOfWaiting, c.probabilityOfWaiting, 1e-6);
    assert.close(a.occupancy, c.occupancy, 1e-6);
    assert.ok(a.abandonment < 1e-7);
  });

  it('the published comparison: 50 agents, 48 calls a minute, 1 min handle time, 2 min mean patience → 3.1 % abandon, 3.7 s mean wait, 93 % occupancy', () => {
    // Mandelbaum & Zeltyn, "The Palm/Erlang-A Queue, with Applications to Call Centers" (Technion, 2005), the
    // Erlang-A against Erlang-C comparison, figures as printed (one decimal, whole per cent).
    const a = erlangA(50, 48 / 60, 60, 120, 20);
    assert.close(a.abandonment, 0.031, 0.0005);
    assert.close(a.meanWait, 3.7, 0.05);
    assert.close(a.occupancy, 0.93, 0.005);
    // The same case where callers never hang up (Erlang C): about 20.8 s mean wait — abandonment changes the answer.
    assert.close(staffingRow(50, 48, 60, 20).asa!, 20.8, 0.05);
  });

  it('callers who hang up: fewer wait, fewer wait long; abandons = mean wait / mean patience (every second waited is a chance to hang up)', () => {
    const c = staffingRow(14, 10, 180, 20);
    let before = { serviceLevel: 1, abandonment: 1 };
    for (const patience of [30, 60, 120, 300, 900]) {
      const a = erlangA(14, 100 / 1800, 180, patience, 20);
      assert.close(a.abandonment, a.meanWait / patience, 1e-9, `P(abandon) = θ·E[W] at patience ${patience}`);
      assert.ok(a.serviceLevel > c.serviceLevel && a.asa < c.asa!, `less waiting than Erlang C says at patience ${patience}`);
      // The longer callers wait before hanging up, the closer to Erlang C.
      assert.ok(a.serviceLevel < before.serviceLevel && a.abandonment < before.abandonment);
      before = a;
    }
  });

  it('an overloaded queue (agents ≤ traffic) stays finite, where Erlang C is unbounded', () => {
    const a = erlangA(10, 100 / 1800, 180, 120, 20);
    assert.ok(staffingRow(10, 10, 180, 20).unbounded);
    assert.ok(a.abandonment > 0.05 && a.abandonment < 0.5, `${a.abandonment}`);
    assert.ok(a.serviceLevel > 0 && a.serviceLevel < 1 && a.occupancy < 1);
  });

  for (const [what, n, lambda, aht, patience, T] of [
    ['14 agents, 100 calls / 30 min, AHT 3 min, patience 1 min', 14, 100 / 1800, 180, 60, 20],
    ['9 agents, overloaded: 100 calls / 30 min, AHT 3 min, patience 2 min', 9, 100 / 1800, 180, 120, 20],
    ['50 agents, 2 calls / s … 0.9 calls/s at AHT 50 s, patience 30 s', 50, 0.9, 50, 30, 10],
  ] as const) {
    it(`agrees with a seeded simulation of M/M/N+M: ${what}`, () => {
      const f = erlangA(n, lambda, aht, patience, T);
      const s = simulate(n, lambda, aht, patience, T, 400_000, 42);
      // 400,000 callers: differences of a few tenths of a point are the simulation's own noise.
      assert.close(f.abandonment, s.abandonment, 0.006, `abandonment ${f.abandonment} vs simulated ${s.abandonment}`);
      assert.close(f.serviceLevel, s.serviceLevel, 0.01, `service level ${f.serviceLevel} vs simulated ${s.serviceLevel}`);
      assert.close(f.probabilityOfWaiting, s.probabilityOfWaiting, 0.01, `P(wait) ${f.probabilityOfWaiting} vs simulated ${s.probabilityOfWaiting}`);
      assert.close(f.asa, s.asa, Math.max(0.5, f.asa * 0.05), `ASA ${f.asa} vs simulated ${s.asa}`);
      assert.close(f.meanWait, s.meanWait, Math.max(0.5, f.meanWait * 0.05));
    });
  }

  it('required agents: the least that reaches the target, never more than Erlang C asks; scheduled after shrinkage', () => {
    const input = { contacts: 100, intervalSec: 1800, ahtSec: 180, target: 0.8, thresholdSec: 20, shrinkage: 0.3 };
    const c = requiredAgents(input);
    for (const patienceSec of [30, 120, 600]) {
      const a = requiredAgentsA({ ...input, patienceSec });
      assert.ok(a.agents <= c.agents, `${a.agents} ≤ ${c.agents}`);
      assert.ok(a.serviceLevel >= 0.8);
      if (a.agents > 1) assert.ok(erlangA(a.agents - 1, 100 / 1800, 180, patienceSec, 20).serviceLevel < 0.8, 'one fewer misses');
      assert.equal(a.scheduledAgents, Math.ceil(a.agents / 0.7 - 1e-9));
      assert.equal(a.model, 'erlang-a');
    }
    assert.throws(() => requiredAgentsA({ ...input, patienceSec: 0 }), /patience must be more than 0 s/);
  });

  it('the callers\' mean patience from the data: seconds waited by all / abandons, close to the patience they were simulated with', () => {
    for (const [n, patience] of [[9, 120], [14, 60]] as const) {
      const rows = ['id,queue,arrived,wait,outcome'];
      simulate(n, 100 / 1800, 180, patience, 20, 60_000, 7, rows);
      const p = patienceFrom(analyzeText(rows.join('\n'), { dimensions: [] }).parts);
      assert.ok(p.abandons > 500, `${p.abandons} abandons`);
      assert.close(p.meanSec!, patience, patience * 0.1, `estimated ${p.meanSec} s for ${patience} s`);
    }
    assert.equal(patienceFrom(analyzeText('id,queue,arrived,wait,outcome\na,Q,2026-03-02T09:00:00Z,5,answered').parts).meanSec, null, 'no abandon: no estimate');
  });
});
