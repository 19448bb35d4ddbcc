import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { evaluate } from '../../../src/engine/agreement/evaluate.js';
import { validateSla, type SlaDocument } from '../../../src/engine/agreement/sla.js';
import { readForecastText, readOutagesText } from '../../../src/engine/ingest/records.js';
import { zoneNamed } from '../../../src/engine/time/zone.js';

// 2026-02-02 (UTC), queue Q:
//   10:00  4 answered in 5 s
//   10:15  4 answered in 60 s        ← inside the exclusion window 10:20–10:25 (whole interval excluded)
//   11:00  2 in 5 s, 2 in 60 s       ← forecast 2, actual 4 > 2 × 1.3: a spike, excluded
//   12:00  3 in 5 s, 1 in 60 s       ← forecast 4, actual 4: kept
// 2026-02-01: 1 in 5 s, 1 in 60 s (the previous period)
const rows = ['id,queue,arrived,answered,outcome'];
let n = 0;
const add = (at: string, wait: number, k: number) => {
  for (let i = 0; i < k; i++) {
    const t = Date.parse(at) + i * 1000;
    rows.push(`${++n},Q,${new Date(t).toISOString()},${new Date(t + wait * 1000).toISOString()},answered`);
  }
};
add('2026-02-02T10:00:00Z', 5, 4);
add('2026-02-02T10:15:00Z', 60, 4);
add('2026-02-02T11:00:00Z', 5, 2);
add('2026-02-02T11:05:00Z', 60, 2);
add('2026-02-02T12:00:00Z', 5, 3);
add('2026-02-02T12:10:00Z', 60, 1);
add('2026-02-01T09:00:00Z', 5, 1);
add('2026-02-01T09:30:00Z', 60, 1);
const parts = analyzeText(rows.join('\n')).parts;
const forecast = readForecastText('queue,interval start,interval minutes,volume\nQ,2026-02-02T11:00:00Z,15,2\nQ,2026-02-02T12:00:00Z,15,4\n', null).records;
const outages = readOutagesText('system,start,end,planned\nACD,2026-02-02T03:00:00Z,2026-02-02T03:10:00Z,N\nACD,2026-02-02T05:00:00Z,2026-02-02T06:00:00Z,Y\nCRM,2026-02-02T07:00:00Z,2026-02-02T09:00:00Z,N\n', null).records;

const base: SlaDocument = {
  name: 'Test SLA',
  timeZone: 'UTC',
  monthlyFee: 10000,
  currency: 'USD',
  metrics: [
    { metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day', thresholdSec: 20, credit: 0.05, bonusMargin: 0.05 },
    { metric: 'asa', target: 20, margin: 5, period: 'day', credit: 0.02, bonusMargin: 5 },
    { metric: 'uptime', target: 0.99, margin: 0.002, period: 'day', credit: 0.1, bonusMargin: 0, system: 'ACD' },
  ],
  exclusions: { windows: [{ start: '2026-02-02T10:20:00Z', end: '2026-02-02T10:25:00Z', reason: 'client CRM down' }], forecastSpike: { share: 0.3 } },
  credits: { cap: 0.15 },
  bonus: { amount: 0.03 },
  escalation: [{ severity: 'critical', owner: 'Ops director', responseMinutes: 15 }, { severity: 'high', owner: 'Team lead', responseMinutes: 60 }],
  review: { cadence: ['real-time', 'daily', 'monthly', 'quarterly'] },
};

describe('SLA evaluation (METRICS.md §7)', () => {
  it('an exclusion window and a forecast spike change the day\'s service level by hand-computed amounts', () => {
    const sc = evaluate(parts, validateSla(base), { period: '2026-02-02', forecast, outages });
    const sl = sc.metrics[0];
    assert.close(sl.valueWithoutExclusions, 9 / 16);
    assert.close(sl.value, 7 / 8);
    assert.close(sl.exclusionEffect, 7 / 8 - 9 / 16);
    const noSpike = evaluate(parts, { ...base, exclusions: { ...base.exclusions, forecastSpike: false } }, { period: '2026-02-02', forecast });
    assert.close(noSpike.metrics[0].value, 9 / 12, 1e-12, 'the window alone');
    assert.deepEqual(sc.exclusions, [
      { start: '2026-02-02T10:15:00Z', end: '2026-02-02T10:30:00Z', queue: null, reason: 'client CRM down', contacts: 4, overForecast: null },
      { start: '2026-02-02T11:00:00Z', end: '2026-02-02T11:15:00Z', queue: 'Q', reason: 'volume 4 over forecast 2 (+100.0 %; more than 30 % over is excluded)', contacts: 4, overForecast: { forecast: 2, share: 0.3 } },
    ]);
    assert.close(sc.metrics[1].value, (4 * 5 + 3 * 5 + 60) / 8);
  });
  it('status, trend against the previous day, uptime from outages (planned maintenance out of the base)', () => {
    const sc = evaluate(parts, base, { period: '2026-02-02', forecast, outages });
    assert.equal(sc.previousPeriod, '2026-02-01');
    assert.equal(sc.metrics[0].status, 'ok');
    assert.close(sc.metrics[0].previousValue, 0.5);
    assert.close(sc.metrics[0].trend, 7 / 8 - 0.5);
    assert.close(sc.metrics[2].value, 1 - 600 / (86400 - 3600));
  });
  it('a bonus earned: every metric beats its target by its bonus margin', () => {
    const sc = evaluate(parts, base, { period: '2026-02-02', forecast, outages });
    assert.deepEqual(sc.bonus, { amount: 0.03, earned: true, missed: [], money: 300 });
    assert.equal(sc.credits.owed, 0);
    assert.deepEqual(sc.escalations, []);
  });
  it('credits hit the cap, the bonus is missed, and the breaches are escalated', () => {
    const strict: SlaDocument = {
      ...base,
      metrics: [
        { metric: 'serviceLevel', target: 0.9, margin: 0.02, period: 'day', thresholdSec: 20, credit: 0.1, bonusMargin: 0.05, severity: 'critical' },
        { metric: 'asa', target: 10, margin: 2, period: 'day', credit: 0.08, bonusMargin: 5 },
        { metric: 'uptime', target: 0.99, margin: 0.002, period: 'day', credit: 0.1, system: 'ACD' },
      ],
    };
    const sc = evaluate(parts, validateSla(strict), { period: '2026-02-02', forecast, outages });
    assert.deepEqual(sc.metrics.map((m) => m.status), ['breach', 'breach', 'ok']);
    assert.deepEqual(sc.credits.byMetric, [{ metric: 'serviceLevel', credit: 0.1 }, { metric: 'asa', credit: 0.08 }]);
    assert.close(sc.credits.total, 0.18);
    assert.equal(sc.credits.owed, 0.15);
    assert.equal(sc.credits.capped, true);
    assert.equal(sc.credits.amount, 1500);
    assert.equal(sc.bonus!.earned, false);
    assert.deepEqual(sc.bonus!.missed.map((m) => [m.metric, m.reason]), [['serviceLevel', 'needed ≥ 95 %, was 87.5 %'], ['asa', 'needed ≤ 5 s, was 11.9 s']]);
    // The same as data, for a page that words it in another language: the bar and the value.
    const [slMiss, asaMiss] = sc.bonus!.missed;
    assert.close(slMiss.needed!, 0.95, 1e-12);
    assert.close(slMiss.value!, 0.875, 1e-12);
    assert.close(asaMiss.needed!, 5, 1e-12);
    assert.equal(asaMiss.value, sc.metrics.find((m) => m.metric === 'asa')!.value);
    assert.deepEqual(sc.escalations, [
      { metric: 'serviceLevel', severity: 'critical', owner: 'Ops director', responseMinutes: 15 },
      { metric: 'asa', severity: 'high', owner: 'Team lead', responseMinutes: 60 },
    ]);
  });
  it('credits and the bonus are assessed only at the metric\'s own period', () => {
    const monthly: SlaDocument = { ...base, metrics: base.metrics.map((m) => ({ ...m, period: 'month' as const })) };
    const sc = evaluate(parts, monthly, { period: '2026-02-02', forecast, outages });
    assert.deepEqual(sc.metrics.map((m) => m.credit), [null, null, null]);
    const month = evaluate(parts, monthly, { period: '2026-02', forecast, outages });
    assert.equal(month.period.key, '2026-02');
    assert.deepEqual(month.metrics.map((m) => m.credit), [0, 0, 0]);
  });
  it('periods in a zone: a New York month starts at local midnight', () => {
    const sc = evaluate(parts, base, { period: '2026-03', timeZone: 'America/New_York' });
    assert.equal(sc.period.start, '2026-03-01T05:00:00Z');
    assert.equal(sc.period.end, '2026-04-01T04:00:00Z');
    assert.equal(zoneNamed('America/New_York').name, sc.timeZone);
  });
});

describe('review fixes', () => {
  it('a forecast without a length column is compared at its own spacing (15 minutes here), not 30', () => {
    const f = readForecastText('queue,interval start,volume\nQ,2026-02-02T10:00:00Z,4\nQ,2026-02-02T10:15:00Z,4\n', null).records;
    assert.deepEqual(f.map((x) => x.intervalMinutes), [15, 15]);
    // 10:00–10:15 holds 4 contacts against 4 forecast, 10:15–10:30 holds 4 against 4: no spike
    const sc = evaluate(parts, { ...base, exclusions: { forecastSpike: { share: 0.3 } } }, { period: '2026-02-02', forecast: f });
    assert.deepEqual(sc.exclusions, []);
  });
  it('the scorecard status is the period\'s own: a breached day before does not carry over', () => {
    const doc: SlaDocument = { name: 'h', timeZone: 'UTC', metrics: [{ metric: 'serviceLevel', target: 0.55, margin: 0.1, period: 'day', credit: 0.05 }] };
    // 2026-02-01: 0.5 (breach); 2026-02-02 without exclusions 9/16 = 0.5625: at least 0.55 and within the margin → warn
    const day = evaluate(parts, doc, { period: '2026-02-02' });
    assert.close(day.metrics[0].value, 9 / 16);
    assert.close(day.metrics[0].previousValue, 0.5);
    assert.equal(day.metrics[0].status, 'warn', '0.5625 ≥ 0.55: the breach of the day before does not hold a closed day');
    assert.equal(day.metrics[0].statusKind, 'closed');
    assert.equal(day.metrics[0].credit, 0);
    assert.deepEqual(day.escalations, []);
  });
  it('an excluded interval counts only contacts in the agreement\'s scope', () => {
    const scoped = evaluate(parts, { ...base, scope: { queues: { exclude: ['Q'] } } }, { period: '2026-02-02', forecast });
    assert.deepEqual(scoped.exclusions.map((e) => e.contacts), [0]);
  });
});

describe('SLA documents that are wrong say where', () => {
  const bad = (patch: Record<string, unknown>) => () => validateSla({ ...base, ...patch });
  it('types and units are checked: booleans, margins in the metric\'s unit, thresholds on a histogram edge, shares', () => {
    assert.throws(bad({ definitions: { serviceLevel: { includeFlowouts: 'false' } } }), /definitions\.serviceLevel\.includeFlowouts must be true or false, got "false"/);
    assert.throws(bad({ metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 3, period: 'month' }] }), /metrics\[0\]\.margin must be a margin in the metric's unit, 0 to 1/);
    assert.throws(bad({ metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, bonusMargin: 5, period: 'month' }] }), /metrics\[0\]\.bonusMargin/);
    assert.throws(bad({ metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, thresholdSec: 20.5, period: 'month' }] }), /metrics\[0\]\.thresholdSec must lie on a histogram edge/);
    assert.throws(bad({ metrics: [{ metric: 'asa', target: -5, margin: 1, period: 'month' }] }), /metrics\[0\]\.target must be seconds/);
    assert.throws(bad({ metrics: [{ metric: 'nps', target: 150, margin: 1, period: 'month' }] }), /metrics\[0\]\.target must be points −100 to 100/);
    assert.throws(bad({ exclusions: { forecastSpike: { share: 30 } } }), /exclusions\.forecastSpike\.share must be a share of the forecast, 0 to 5/);
  });
  it('names the bad field and what was expected', () => {
    assert.throws(bad({ metrics: [{ metric: 'serviceLevel', target: 80, margin: 0.03, period: 'month' }] }), /metrics\[0\]\.target must be a fraction 0–1 \(0\.8 for 80 %\), got 80/);
    assert.throws(bad({ metrics: [{ metric: 'speed', target: 1, margin: 0, period: 'month' }] }), /metrics\[0\]\.metric must be one of/);
    assert.throws(bad({ credits: { cap: 15 } }), /credits\.cap must be a fraction of the monthly fee/);
    assert.throws(bad({ exclusions: { windows: [{ start: '2026-02-02 10:00', end: '2026-02-02T11:00:00Z', reason: 'x' }] } }), /exclusions\.windows\[0\]\.start must be an ISO 8601 instant with a zone/);
    assert.throws(bad({ escalation: [{ severity: 'urgent', owner: 'x', responseMinutes: 5 }] }), /escalation\[0\]\.severity must be one of critical, high, medium, low/);
    assert.throws(bad({ metrcs: [] }), /metrcs is not part of an SLA document/);
    assert.throws(bad({ timeZone: 'Mars/Base' }), /timeZone "Mars\/Base" is not a known IANA zone/);
    assert.throws(bad({ currency: 'dollars' }), /currency must be an ISO 4217 code such as USD, got "dollars"/);
  });
});

describe('efficiency metrics in an SLA', () => {
  it('occupancy and adherence over the period, from agent states and schedules; no data without them', async () => {
    const { EfficiencyParts } = await import('../../../src/engine/efficiency.js');
    const eff = new EfficiencyParts();
    const at = (h: number, m = 0) => Date.UTC(2026, 1, 2, h, m);
    eff.add(
      [
        { agent: 'a', state: 'Available', category: 'available', start: at(9), end: at(9, 30) },
        { agent: 'a', state: 'Talk', category: 'handling', start: at(9, 30), end: at(10) },
        { agent: 'a', state: 'Talk', category: 'handling', start: Date.UTC(2026, 1, 3, 9), end: Date.UTC(2026, 1, 3, 10) },
      ],
      [{ agent: 'a', activity: 'Phones', category: 'on-phones', start: at(9), end: at(11) }],
    );
    const doc: SlaDocument = { name: 'Efficiency', metrics: [
      { metric: 'occupancy', target: 0.8, margin: 0.02, period: 'day' },
      { metric: 'adherence', target: 0.9, margin: 0.02, period: 'day' },
    ] };
    const sc = evaluate(parts, validateSla(doc), { period: '2026-02-02', efficiency: eff });
    assert.close(sc.metrics[0].value, 0.5);
    assert.equal(sc.metrics[0].status, 'breach');
    assert.close(sc.metrics[1].value, 0.5, 1e-12, 'in adherence 09:00–10:00 of 09:00–11:00 scheduled');
    assert.equal(sc.metrics[0].baseline, null);
    assert.equal(evaluate(parts, doc, { period: '2026-02-02' }).metrics[0].value, null);
  });
});
