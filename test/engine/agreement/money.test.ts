/**
 * The money paths of a scorecard (docs/agreement.md): a closed period judged on its own value, uptime with
 * maintenance, scope as data, credits summed then capped then rounded once, the bonus. Expected values are worked
 * by hand in the comments beside them; the property test checks its invariants against a small status rule of
 * its own, not the engine's.
 */
import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { evaluate, minorUnitDigits, periodFor, roundMoney } from '../../../src/engine/agreement/evaluate.js';
import { validateSla, type SlaDocument, type SlaMetric } from '../../../src/engine/agreement/sla.js';
import { zoneNamed } from '../../../src/engine/time/zone.js';
import type { Outage } from '../../../src/engine/types.js';
import { mulberry32 as rng } from '../../helpers/seeded.mjs';

const iso = (ms: number) => new Date(ms).toISOString();

/** Contacts in the kit's format: `n` answered after `wait` s from `at`, one a second, queue and channel given. */
function rows(spec: { at: string; n: number; wait: number; queue?: string; channel?: string; abandon?: boolean }[], withChannel: boolean): string {
  const out = [withChannel ? 'id,queue,channel,arrived,answered,ended,outcome' : 'id,queue,arrived,answered,ended,outcome'];
  let id = 0;
  for (const s of spec) {
    for (let i = 0; i < s.n; i++) {
      const t = Date.parse(s.at) + i * 1000;
      const done = iso(t + s.wait * 1000);
      const cells = [`c${++id}`, s.queue ?? 'Q', ...(withChannel ? [s.channel ?? ''] : []), iso(t), s.abandon ? '' : done, s.abandon ? done : '', s.abandon ? 'abandoned' : 'answered'];
      out.push(cells.join(','));
    }
  }
  return out.join('\n');
}

const SL: SlaMetric = { metric: 'serviceLevel', label: 'SL 80/20', target: 0.8, margin: 0.03, period: 'month', thresholdSec: 20, credit: 0.05, bonusMargin: 0.05, severity: 'critical' };

describe('a closed period is judged on its own value (docs/agreement.md)', () => {
  // December: 75 of 100 answered within 20 s → 0.75, a breach. January: 81 of 100 → 0.81.
  const text = rows([
    { at: '2026-12-10T15:00:00Z', n: 75, wait: 10 }, { at: '2026-12-10T16:00:00Z', n: 25, wait: 60 },
    { at: '2027-01-12T15:00:00Z', n: 81, wait: 10 }, { at: '2027-01-12T16:00:00Z', n: 19, wait: 60 },
  ], false);
  const parts = analyzeText(text).parts;
  const doc: SlaDocument = { name: 'Dec→Jan', timeZone: 'UTC', monthlyFee: 10000, currency: 'USD', metrics: [SL], credits: { cap: 0.15 }, bonus: { amount: 0.03 }, escalation: [{ severity: 'critical', owner: 'Ops', responseMinutes: 15 }] };

  it('December at 75 % is a breach that owes 5 % and is escalated', () => {
    const dec = evaluate(parts, validateSla(doc), { period: '2026-12' });
    assert.close(dec.metrics[0].value, 0.75);
    assert.equal(dec.metrics[0].status, 'breach');
    assert.equal(dec.credits.owed, 0.05);
    assert.equal(dec.credits.amount, 500, '5 % of 10,000');
    assert.deepEqual(dec.escalations.map((e) => e.metric), ['serviceLevel']);
  });
  it('January at 81 % after the breached December: warn (0.80 ≤ 0.81 ≤ 0.83), no credit, no escalation', () => {
    const jan = evaluate(parts, doc, { period: '2027-01' });
    const m = jan.metrics[0];
    assert.close(m.value, 0.81);
    assert.close(m.previousValue, 0.75);
    assert.equal(m.status, 'warn');
    assert.equal(m.statusKind, 'closed');
    assert.equal(m.credit, 0);
    assert.equal(jan.credits.owed, 0);
    assert.equal(jan.credits.amount, 0);
    assert.deepEqual(jan.escalations, []);
    // The bonus needs 0.85: missed, in data.
    assert.equal(jan.bonus!.earned, false);
    assert.close(jan.bonus!.missed[0].needed!, 0.85);
  });
  it('a previous period with no data: no previous value, no trend, and the status is unchanged by it', () => {
    const nov = evaluate(parts, doc, { period: '2026-12' });
    assert.equal(nov.previousPeriod, '2026-11');
    assert.equal(nov.metrics[0].previousValue, null);
    assert.equal(nov.metrics[0].trend, null);
    assert.equal(nov.metrics[0].status, 'breach');
  });
  it('the period of the last arrival, in the agreement\'s zone, when none is given', () => {
    // The last contact arrives 2027-01-12T16:00:18Z: January in UTC. One more at 2027-02-01T03:00Z is still
    // 31 January in New York (UTC−5), so the month there is 2027-01 while in UTC it is 2027-02.
    const late = analyzeText(`${text}\nlate,Q,2027-02-01T03:00:00Z,2027-02-01T03:00:05Z,,answered`).parts;
    assert.equal(periodFor(undefined, doc, late, zoneNamed('America/New_York'))!.key, '2027-01');
    assert.equal(periodFor(undefined, doc, late, zoneNamed('UTC'))!.key, '2027-02');
    assert.equal(periodFor('week', doc, late, zoneNamed('UTC'))!.key, '2027-W05');
    assert.equal(periodFor('2026-12', doc, late, zoneNamed('UTC'))!.key, '2026-12');
    assert.equal(periodFor(undefined, doc, analyzeText('id,queue,arrived\n').parts, zoneNamed('UTC')), null, 'no contacts: no period');
  });
});

describe('uptime: outages clipped to the period, maintenance out of the base and never downtime', () => {
  const at = (d: number, h: number, m = 0) => Date.UTC(2026, 1, d, h, m);
  const outages: Outage[] = [
    { system: 'ACD', start: at(1, 23), end: at(2, 1), planned: true }, //    planned, straddles the start: 00:00–01:00 inside (60 min)
    { system: 'ACD', start: at(2, 2), end: at(2, 4), planned: true }, //     planned 02:00–04:00 (120 min)
    { system: 'ACD', start: at(2, 0, 30), end: at(2, 1, 30), planned: false }, // 00:30–01:30: only 01:00–01:30 is downtime (30)
    { system: 'ACD', start: at(2, 3), end: at(2, 5), planned: false }, //    03:00–05:00: only 04:00–05:00 is downtime (60)
    { system: 'ACD', start: at(2, 4, 30), end: at(2, 4, 45), planned: false }, // inside the one above: counted once (0)
    { system: 'ACD', start: at(2, 23, 30), end: at(3, 0, 30), planned: false }, // straddles the end: 23:30–24:00 (30)
    { system: 'CRM', start: at(2, 10), end: at(2, 12), planned: false }, //  another system
  ];
  const parts = analyzeText(rows([{ at: '2026-02-02T10:00:00Z', n: 1, wait: 1 }], false)).parts;
  const doc: SlaDocument = { name: 'up', timeZone: 'UTC', monthlyFee: 1000, metrics: [{ metric: 'uptime', target: 0.99, margin: 0.005, period: 'day', credit: 0.05, system: 'ACD' }] };

  it('1 − 120 min / (1440 − 180 min) = 0.904762, with the minutes behind it', () => {
    const sc = evaluate(parts, doc, { period: '2026-02-02', outages });
    const m = sc.metrics[0];
    assert.close(m.value, 1 - 120 / 1260, 1e-12);
    assert.deepEqual(m.uptime, { period: 1440, planned: 180, unplanned: 120 });
    assert.equal(m.status, 'breach');
  });
  it('an outage wholly inside maintenance costs nothing: 99.9 % stays ok', () => {
    // One planned hour 02:00–03:00, one unplanned 02:15–02:45 inside it: downtime 0 → uptime 1.
    const sc = evaluate(parts, doc, { period: '2026-02-02', outages: [
      { system: 'ACD', start: at(2, 2), end: at(2, 3), planned: true },
      { system: 'ACD', start: at(2, 2, 15), end: at(2, 2, 45), planned: false },
    ] });
    assert.equal(sc.metrics[0].value, 1);
    assert.equal(sc.metrics[0].status, 'ok');
    assert.equal(sc.credits.owed, 0);
  });
  it('no outages given: no data, no credit; maintenance over the whole period: no data', () => {
    assert.equal(evaluate(parts, doc, { period: '2026-02-02' }).metrics[0].value, null);
    const all = evaluate(parts, doc, { period: '2026-02-02', outages: [{ system: 'ACD', start: at(1, 0), end: at(4, 0), planned: true }] });
    assert.equal(all.metrics[0].value, null);
    assert.equal(all.metrics[0].credit, 0);
  });
});

describe('scope as data on the scorecard', () => {
  const spec = [
    { at: '2026-02-02T10:00:00Z', n: 8, wait: 5, queue: 'Sales', channel: 'voice' },
    { at: '2026-02-02T10:30:00Z', n: 2, wait: 60, queue: 'Sales', channel: 'voice' },
    { at: '2026-02-02T11:00:00Z', n: 6, wait: 5, queue: 'Sales', channel: 'email' },
    { at: '2026-02-02T12:00:00Z', n: 24, wait: 5, queue: 'Internal', channel: 'voice' },
    { at: '2026-02-02T13:00:00Z', n: 3, wait: 60, queue: 'Sales', channel: '' },
  ];
  const doc = (scope: SlaDocument['scope']): SlaDocument => ({ name: 's', timeZone: 'UTC', scope, metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day', thresholdSec: 20 }] });

  it('a channel scope over a file with no channel column is not applied, and says how many contacts it concerned', () => {
    const parts = analyzeText(rows(spec, false), { dimensions: ['channel'] }).parts;
    const sc = evaluate(parts, doc({ channels: { include: ['voice', 'chat'] } }), { period: '2026-02-02' });
    // All 43 contacts count: 8 + 6 + 24 within 20 s of 43 → 38/43.
    assert.close(sc.metrics[0].value, 38 / 43);
    assert.deepEqual(sc.scope, {
      applied: [],
      notApplied: [{ dimension: 'channel', include: ['voice', 'chat'], exclude: [], reason: 'no-values', contacts: 43 }],
      leftOut: [],
      contacts: { inPeriod: 43, inScope: 43 },
    });
  });
  it('a queue scope and a channel scope that leave contacts out say how many, per dimension and value', () => {
    const parts = analyzeText(rows(spec, true), { dimensions: ['channel'] }).parts;
    const sc = evaluate(parts, doc({ queues: { exclude: ['Internal'] }, channels: { include: ['voice', 'chat'] } }), { period: '2026-02-02' });
    // Left in: Sales voice, 8 within + 2 after → 8/10. Internal (24) out by queue; email (6) and no channel (3) out by channel.
    assert.close(sc.metrics[0].value, 0.8);
    assert.deepEqual(sc.scope, {
      applied: [{ dimension: 'queue', include: null, exclude: ['Internal'] }, { dimension: 'channel', include: ['voice', 'chat'], exclude: [] }],
      notApplied: [],
      leftOut: [{ dimension: 'queue', value: 'Internal', contacts: 24 }, { dimension: 'channel', value: 'email', contacts: 6 }, { dimension: 'channel', value: '(none)', contacts: 3 }],
      contacts: { inPeriod: 43, inScope: 10 },
    });
  });
  it('no scope: every contact in scope, nothing applied', () => {
    const parts = analyzeText(rows(spec, true)).parts;
    const sc = evaluate(parts, doc(undefined), { period: '2026-02-02' });
    assert.deepEqual(sc.scope, { applied: [], notApplied: [], leftOut: [], contacts: { inPeriod: 43, inScope: 43 } });
  });
});

describe('credits: summed, then capped, then in money rounded once to the currency\'s minor unit', () => {
  // One day: 5 of 10 within 20 s (SL 0.5), ASA (5×5 + 5×60)/10 = 32.5 s, abandon rate 0.
  const parts = analyzeText(rows([{ at: '2026-02-02T10:00:00Z', n: 5, wait: 5 }, { at: '2026-02-02T10:30:00Z', n: 5, wait: 60 }], false)).parts;
  const metrics: SlaMetric[] = [
    { metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day', credit: 0.1 },
    { metric: 'asa', target: 30, margin: 5, period: 'day', credit: 0.08 },
  ];
  it('0.10 + 0.08 = 0.18, capped at 0.15: 15 % of 120,000 USD = 18,000.00', () => {
    const sc = evaluate(parts, { name: 'c', timeZone: 'UTC', monthlyFee: 120000, currency: 'USD', metrics, credits: { cap: 0.15 } }, { period: '2026-02-02' });
    assert.deepEqual(sc.credits, { byMetric: [{ metric: 'serviceLevel', credit: 0.1 }, { metric: 'asa', credit: 0.08 }], total: 0.18, cap: 0.15, owed: 0.15, capped: true, amount: 18000, currency: 'USD', decimals: 2 });
  });
  it('half a cent rounds up, once: 3 % of 33.50 is 1.005 → 1.01 (binary 1.00499… would give 1.00)', () => {
    const sc = evaluate(parts, { name: 'c', timeZone: 'UTC', monthlyFee: 33.5, currency: 'EUR', metrics: [{ ...metrics[0], credit: 0.03 }] }, { period: '2026-02-02' });
    assert.equal(sc.credits.amount, 1.01);
    assert.equal(roundMoney(0.07 * 1234.5, 2), 86.42, '86.415 → 86.42');
  });
  it('a currency without a minor unit rounds to whole units: 5 % of ¥100,001 = ¥5,000', () => {
    assert.equal(minorUnitDigits('JPY'), 0);
    assert.equal(minorUnitDigits('BHD'), 3);
    assert.equal(minorUnitDigits(null), 2);
    const sc = evaluate(parts, { name: 'c', timeZone: 'UTC', monthlyFee: 100001, currency: 'JPY', metrics: [{ ...metrics[0], credit: 0.05 }] }, { period: '2026-02-02' });
    assert.equal(sc.credits.amount, 5000);
    assert.equal(sc.credits.decimals, 0);
  });
  it('the bonus margin is met at exactly target + margin (not strictly beyond), in the metric\'s own unit', () => {
    // SL 0.85 exactly: 17 of 20 within 20 s. 0.85 − 0.80 is 0.04999… in binary, and still meets a 0.05 margin.
    const p = analyzeText(rows([{ at: '2026-02-02T10:00:00Z', n: 17, wait: 5 }, { at: '2026-02-02T10:30:00Z', n: 3, wait: 60 }], false)).parts;
    const sc = evaluate(p, { name: 'b', timeZone: 'UTC', monthlyFee: 1000, currency: 'USD', metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day', bonusMargin: 0.05 }, { metric: 'asa', target: 30, margin: 5, period: 'day', bonusMargin: 14 }], bonus: { amount: 0.03 } }, { period: '2026-02-02' });
    // ASA (17×5 + 3×60)/20 = 13.25 s ≤ 30 − 14 = 16 s: met.
    assert.deepEqual(sc.metrics.map((m) => m.bonusMet), [true, true]);
    assert.deepEqual(sc.bonus, { amount: 0.03, earned: true, missed: [], money: 30 });
  });
  it('no bonus while any metric on the scorecard breaches, even one assessed at another period', () => {
    const p = analyzeText(rows([{ at: '2026-02-02T10:00:00Z', n: 19, wait: 5 }, { at: '2026-02-02T10:30:00Z', n: 1, wait: 600 }], false)).parts;
    // SL 0.95 meets its bonus; the weekly ASA (19×5 + 600)/20 = 34.75 s breaches 30 s.
    const sc = evaluate(p, { name: 'b', timeZone: 'UTC', metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day', bonusMargin: 0.05 }, { metric: 'asa', target: 30, margin: 5, period: 'week' }], bonus: { amount: 0.03 } }, { period: '2026-02-02' });
    assert.equal(sc.metrics[1].status, 'breach');
    assert.equal(sc.metrics[1].credit, null, 'not assessed at a day');
    assert.equal(sc.bonus!.earned, false);
    assert.deepEqual(sc.bonus!.missed.map((x) => x.metric), ['asa']);
    assert.equal(sc.bonus!.missed[0].needed, 30, 'the bar it failed is its target (no bonus margin: not assessed at a day)');
  });
  it('a currency code in lower case is read as the code (usd → USD)', () => {
    const doc = validateSla({ name: 'c', currency: 'usd', metrics: [{ metric: 'asa', target: 30, margin: 5, period: 'day' }] });
    assert.equal(doc.currency, 'USD');
  });
});

describe('property: over seeded random agreements and data', () => {
  /** The contract's closed rule, written here on its own: breach when the value is worse than the target. */
  const breaches = (v: number | null, target: number, dir: 'higher' | 'lower') => v !== null && (dir === 'higher' ? v < target - 1e-9 : v > target + 1e-9);

  it('no credit for a metric that is not in breach; the total owed never exceeds the cap; no bonus while any metric breaches', () => {
    const r = rng(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    let checked = 0, credited = 0, bonuses = 0, capped = 0;
    for (let run = 0; run < 60; run++) {
      // Two months of contacts: a few at a time on random days, waits 0–120 s, some abandoned.
      // A run's quality q sets how short the waits are and how few callers abandon.
      const q = r();
      const spec: { at: string; n: number; wait: number; abandon?: boolean; queue?: string }[] = [];
      for (let d = 0; d < 20; d++) {
        const day = Date.UTC(2026, 0, 1 + Math.floor(r() * 59), 8 + Math.floor(r() * 10), Math.floor(r() * 4) * 15);
        spec.push({ at: iso(day), n: 1 + Math.floor(r() * 6), wait: Math.floor(r() ** (1 + q * 8) * 120), abandon: r() < 0.2 * (1 - q), queue: pick(['A', 'B']) });
      }
      const parts = analyzeText(rows(spec, false)).parts;
      const grain = pick(['day', 'week', 'month'] as const);
      const metrics: SlaMetric[] = [
        { metric: 'serviceLevel', target: +(0.5 + r() * 0.45).toFixed(2), margin: 0.03, period: pick([grain, 'month'] as const), credit: +(r() * 0.1).toFixed(3), bonusMargin: 0.02 },
        { metric: 'asa', target: Math.round(10 + r() * 60), margin: 5, period: grain, credit: +(r() * 0.1).toFixed(3), bonusMargin: 2 },
        { metric: 'abandonRate', target: +(r() * 0.3).toFixed(2), margin: 0.01, period: grain, credit: +(r() * 0.1).toFixed(3), bonusMargin: 0.01 },
      ];
      const cap = +(r() * 0.15).toFixed(2);
      const doc = validateSla({ name: `run ${run}`, timeZone: pick(['UTC', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']), monthlyFee: Math.round(r() * 100000), currency: 'USD', metrics, credits: { cap }, bonus: { amount: 0.03 } });
      const periods = [grain, '2026-01', '2026-02', '2026-W05', '2026-01-15'];
      for (const spec of periods) {
        const period = periodFor(spec, doc, parts, zoneNamed(doc.timeZone!))!;
        const sc = evaluate(parts, doc, { period, baselineDays: 0 });
        for (const m of sc.metrics) {
          const breach = breaches(m.value, m.target, m.direction);
          assert.equal(m.status === 'breach', breach, `run ${run} ${spec} ${m.metric}: status ${m.status} for ${m.value} against ${m.target}`);
          if (!breach) assert.ok(m.credit === null || m.credit === 0, `run ${run} ${spec} ${m.metric}: credit ${m.credit} without a breach`);
          if (m.credit) credited++;
          checked++;
        }
        assert.ok(sc.credits.owed <= cap + 1e-12, `run ${run}: owed ${sc.credits.owed} over the cap ${cap}`);
        assert.ok(sc.credits.owed <= sc.credits.total + 1e-12);
        if (sc.credits.capped) capped++;
        const expectedAmount = Math.round(sc.credits.owed * doc.monthlyFee! * 100) / 100;
        assert.ok(Math.abs(sc.credits.amount! - expectedAmount) <= 0.01 + 1e-9, `run ${run}: amount ${sc.credits.amount} for ${sc.credits.owed} of ${doc.monthlyFee}`);
        if (sc.bonus!.earned) {
          bonuses++;
          assert.ok(sc.metrics.every((m) => !breaches(m.value, m.target, m.direction)), `run ${run} ${spec}: a bonus while a metric breaches`);
        }
      }
    }
    // The generator reaches every branch it checks.
    assert.ok(checked > 500 && credited > 20 && capped > 5 && bonuses > 0, `checked ${checked}, credited ${credited}, capped ${capped}, bonuses ${bonuses}`);
  });
});
