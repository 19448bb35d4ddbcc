import { assert } from '../helpers/assert.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions, type Definitions } from '../../src/engine/definitions.js';

/**
 * One queue, one interval, T = 20 s, short abandon ≤ 5 s.
 * answered waits 0, 10, 20 (= T), 21, 30 → 3 within T
 * abandoned waits 3, 5 (= short threshold) → short; 6, 20 (= T) → within T; 25 and one of unknown wait → after T
 * one flow-out (50 s), callbacks at 10 s and 40 s.
 */
const at = (s: number) => new Date(Date.UTC(2026, 1, 2, 14, 0, 0) + s * 1000).toISOString().replace('.000', '');
function row(id: string, outcome: string, wait: number | null, extra = ''): string {
  const arrived = at(0);
  const answered = outcome === 'answered' ? at(wait!) : '';
  const ended = outcome !== 'answered' && wait !== null ? at(wait) : '';
  return `${id},Q,${arrived},${answered},${ended},${outcome}${extra}`;
}
const SL_DATA = [
  'id,queue,arrived,answered,ended,outcome',
  row('a1', 'answered', 0), row('a2', 'answered', 10), row('a3', 'answered', 20), row('a4', 'answered', 21), row('a5', 'answered', 30),
  row('b1', 'abandoned', 3), row('b2', 'abandoned', 5), row('b3', 'abandoned', 6), row('b4', 'abandoned', 20), row('b5', 'abandoned', 25),
  row('b6', 'abandoned', null),
  row('f1', 'flowout', 50), row('c1', 'callback', 10), row('c2', 'callback', 40),
].join('\n');

function run(data: string, mutate: (d: Definitions) => void = () => {}, by: any[] = []) {
  const a = analyzeText(data, { inputTimeZone: 'UTC' });
  const defs = defaultDefinitions('UTC');
  mutate(defs);
  return { a, r: query(a.parts, defs, { by }) };
}

describe('service level presets (METRICS.md §2), hand-computed', () => {
  it('reads every row of the set', () => {
    const { a } = run(SL_DATA);
    assert.equal(a.validation.rowsRead, 14);
    assert.equal(a.validation.rowsAccepted, 14);
  });
  it('counts: short abandons at and below 5 s are apart from offered rates', () => {
    const t = run(SL_DATA).r.totals;
    assert.equal(t.answered, 5);
    assert.equal(t.abandoned, 4);
    assert.equal(t.shortAbandoned, 2);
    assert.equal(t.offered, 11);
    assert.equal(t.flowout, 1);
    assert.equal(t.callback, 2);
  });
  it('answered: 3 within T of 5 answered', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.preset = 'answered')).r.totals.serviceLevel, 3 / 5);
  });
  it('answered-and-abandoned (default): 3 / (5 + 4); the abandon of unknown wait is in the denominator', () => {
    assert.close(run(SL_DATA).r.totals.serviceLevel, 3 / 9);
  });
  it('abandons-after-threshold: 3 / (5 + 2 abandoned after T, the unknown one among them)', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.preset = 'abandons-after-threshold')).r.totals.serviceLevel, 3 / 7);
  });
  it('abandons-within-threshold-met: (3 + 2 abandoned within T, 20 s included) / 9', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.preset = 'abandons-within-threshold-met')).r.totals.serviceLevel, 5 / 9);
  });
  it('includeFlowouts adds the flow-out to the denominator only', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.includeFlowouts = true)).r.totals.serviceLevel, 3 / 10);
  });
  it('includeCallbacks: the 10 s request counts as met, the 40 s one as missed', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.includeCallbacks = true)).r.totals.serviceLevel, 4 / 11);
  });
  it('a different threshold is answered from the same parts: 21 s takes a4 and nothing else', () => {
    assert.close(run(SL_DATA, (d) => (d.serviceLevel.thresholdSec = 21)).r.totals.serviceLevel, 4 / 9);
  });
  it('short-abandon 0 moves the 3 s and 5 s abandons into the rates', () => {
    const t = run(SL_DATA, (d) => (d.serviceLevel.shortAbandonSec = 0)).r.totals;
    assert.equal(t.shortAbandoned, 0);
    assert.equal(t.abandoned, 6);
    assert.close(t.serviceLevel, 3 / 11);
    assert.close(t.abandonRate, 6 / 11);
  });
  it('ASA, abandonment with both denominators', () => {
    const t = run(SL_DATA).r.totals;
    assert.close(t.asa, (0 + 10 + 20 + 21 + 30) / 5);
    assert.close(t.abandonRate, 4 / 9);
    assert.close(run(SL_DATA, (d) => (d.abandonRate.denominator = 'offered')).r.totals.abandonRate, 6 / 11);
  });
  it('wait percentiles by nearest rank over answered and not-short abandoned waits', () => {
    // known waits: 0 6 10 20 20 21 25 30 (n = 8): p50 rank 4 → 20, p90 rank 8 → 30, p95 rank 8 → 30
    const t = run(SL_DATA).r.totals;
    assert.equal(t.waitP50, 20);
    assert.equal(t.waitP90, 30);
    assert.equal(t.waitP95, 30);
  });
  it('"within T" is compared at the data\'s precision: 20.001 s is not within 20 s', () => {
    const data = ['id,queue,arrived,answered,outcome', 'x,Q,2026-02-02T14:00:00.000Z,2026-02-02T14:00:20.000Z,answered', 'y,Q,2026-02-02T14:00:00.000Z,2026-02-02T14:00:20.001Z,answered'].join('\n');
    assert.close(run(data).r.totals.serviceLevel, 1 / 2);
  });
  it('rejects a threshold that the histogram cannot count exactly', () => {
    assert.throws(() => run(SL_DATA, (d) => (d.serviceLevel.thresholdSec = 20.5)), /cannot be counted exactly/);
  });
});

describe('quality metrics', () => {
  const data = [
    'id,queue,customer,arrived,answered,outcome,talk,hold,wrap,resolved,csat,nps,qa',
    '1,Q,c1,2026-02-02T10:00:00Z,2026-02-02T10:00:05Z,answered,100,20,30,Y,5,10,90',
    '2,Q,c1,2026-02-04T10:00:00Z,2026-02-04T10:00:05Z,answered,200,0,40,N,3,6,70',
    '3,Q,c2,2026-02-05T10:00:00Z,2026-02-05T10:00:05Z,answered,300,10,50,,4,8,',
    '4,Q,,2026-02-20T10:00:00Z,2026-02-20T10:00:05Z,answered,400,0,60,Y,,,',
  ].join('\n');
  it('AHT, FCR by flag, CSAT (top two boxes), csatMean, NPS and QA; missing ratings left out, never 0', () => {
    const t = run(data).r.totals;
    assert.close(t.aht, (150 + 240 + 360 + 460) / 4);
    assert.close(t.fcr, 2 / 3);
    assert.close(t.csat, 2 / 3);
    assert.close(t.csatMean, 4);
    assert.close(t.nps, ((1 - 1) / 3) * 100);
    assert.close(t.qa, 80);
  });
  it('FCR by repeat: c1 called again within 7 days, c2 did not; no customer → no known result', () => {
    const a = analyzeText(data, { keepRepeats: true });
    const defs = defaultDefinitions('UTC');
    defs.fcr.method = 'repeat';
    const r = query(a.parts, defs);
    // known: contacts 1, 2 (c1) and 3 (c2). Resolved: 2 (no later c1 contact) and 3; 1 is followed by 2 within 7 days.
    assert.close(r.totals.fcr, 2 / 3);
    // contact 2 and 3 have windows reaching beyond the last arrival loaded (02-20 is 16 days after): not provisional
    assert.equal(r.fcrProvisional, false);
    defs.fcr.windowDays = 30;
    const r30 = query(a.parts, defs);
    assert.close(r30.totals.fcr, 2 / 3);
    assert.equal(r30.fcrProvisional, true);
  });
});

describe('no data', () => {
  it('every ratio is null, counts are 0', () => {
    const t = run('id,queue,arrived,answered,outcome\n').r.totals;
    for (const k of ['serviceLevel', 'asa', 'abandonRate', 'aht', 'waitP50', 'waitP90', 'waitP95', 'fcr', 'csat', 'csatMean', 'nps', 'qa'] as const) {
      assert.equal(t[k], null, k);
    }
    assert.equal(t.offered, 0);
  });
  it('a queue with only abandons has null ASA and AHT, not 0', () => {
    const t = run('id,queue,arrived,ended,outcome\n1,Q,2026-02-02T10:00:00Z,2026-02-02T10:01:00Z,abandoned').r.totals;
    assert.equal(t.asa, null);
    assert.equal(t.aht, null);
    assert.equal(t.serviceLevel, 0);
  });
});

describe('roll-ups weight by volume (METRICS.md §5)', () => {
  // Interval 10:00: 10 answered within T (100 %). Interval 10:15: 45 within, 45 after (50 %).
  const rows = ['id,queue,arrived,answered,outcome'];
  for (let i = 0; i < 10; i++) rows.push(`a${i},Q,2026-02-02T10:00:00Z,2026-02-02T10:00:05Z,answered`);
  for (let i = 0; i < 90; i++) rows.push(`b${i},Q,2026-02-02T10:15:00Z,2026-02-02T10:15:${i < 45 ? '05' : '45'}Z,answered`);
  const data = rows.join('\n');
  it('the day is 55 % (sum of parts, one division), not 75 % (the mean of interval percentages)', () => {
    const { r } = run(data, () => {}, ['interval']);
    assert.deepEqual(r.groups.map((g) => g.serviceLevel), [1, 0.5]);
    const day = run(data, () => {}, ['day']).r.groups;
    assert.equal(day.length, 1);
    assert.close(day[0].serviceLevel, 0.55);
    assert.ok(Math.abs(day[0].serviceLevel! - 0.75) > 0.1, 'the mean of interval figures must not be the day');
  });
  it('30- and 60-minute intervals sum the 15-minute parts', () => {
    const { r } = run(data, (d) => (d.intervalMinutes = 30), ['interval']);
    assert.equal(r.groups.length, 1);
    assert.equal(r.groups[0].key, '2026-02-02T10:00+00:00');
    assert.close(r.groups[0].serviceLevel, 0.55);
  });
});
