import { assert } from '../../helpers/assert.js';
import {
  fillGaps, formatPeriod, nextPeriod, periodKey, pointAt, trendGeometry, valueDomain, type TrendPoint,
} from '../../../src/components/trend/trend.geometry.js';
import { TimeLabels } from '../../../src/engine/rollup.js';
import { dayStart } from '../../../src/engine/time/labels.js';
import { daysFromCivil } from '../../../src/engine/time/civil.js';
import { zoneNamed } from '../../../src/engine/time/zone.js';
import { liveStatusSequence } from '../../../src/engine/agreement/status.js';
import { formatMetric } from '../../../src/components/common/format.js';

const NY = 'America/New_York';
const ny = zoneNamed(NY);
const sp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** A day's intervals in a zone, as the engine would label them (the first and the last given, the rest filled). */
function day(zoneName: string, date: string, values: (i: number) => number | null, minutes = 15): TrendPoint[] {
  const z = zoneNamed(zoneName);
  const [y, m, d] = date.split('-').map(Number);
  const first = dayStart(daysFromCivil(y, m, d), z);
  const next = nextPeriod('day', first, z);
  const out: TrendPoint[] = [];
  for (let s = first, i = 0; s < next; s += minutes * 60_000, i++) out.push({ key: periodKey('interval', s, z, { intervalMinutes: minutes, weekStart: 0 }), start: s, value: values(i) });
  return out;
}

describe('<sla-trend> periods, as data', () => {
  it('the engine gives each period its start and end instants and labels them the same way (a DST day in New York)', () => {
    const labels = new TimeLabels(ny, 15, 0, 60_000);
    const spring = day(NY, '2026-03-08', () => 1);
    assert.equal(spring.length, 92, 'a 23-hour day has 92 quarter hours');
    const fall = day(NY, '2026-11-01', () => 1);
    assert.equal(fall.length, 100, 'a 25-hour day has 100');
    for (const p of [...spring, ...fall]) {
      const [label, start] = labels.label('interval', p.start / 60_000);
      assert.equal(p.key, label);
      assert.equal(start, p.start);
      assert.deepEqual(labels.span('interval', p.start / 60_000), [p.start, p.start + 15 * 60_000]);
    }
    assert.equal(spring[8].key, '2026-03-08T03:00-04:00', 'after 01:45 comes 03:00');
    assert.deepEqual(fall.filter((p) => p.key.slice(11, 16) === '01:00').map((p) => p.key), ['2026-11-01T01:00-04:00', '2026-11-01T01:00-05:00']);
    for (const grain of ['hour', 'day', 'week', 'month', 'quarter'] as const) {
      for (const at of [Date.UTC(2026, 2, 8, 12), Date.UTC(2026, 10, 1, 5, 30), Date.UTC(2027, 0, 1, 4)]) {
        const [label] = labels.label(grain, at / 60_000);
        const [start, end] = labels.span(grain, at / 60_000);
        assert.ok(start <= at && at < end && end === nextPeriod(grain, start, ny), `${grain} ${label} holds ${new Date(at).toISOString()}`);
        assert.equal(periodKey(grain, start, ny), label, grain);
      }
    }
    const noon = Date.UTC(2026, 2, 8, 16) / 60_000;
    assert.deepEqual(labels.span('day', noon), [Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4)], 'a 23-hour day');
    assert.equal(labels.span('week', noon)[0], Date.UTC(2026, 2, 2, 5), 'ISO week 10 of 2026 starts Monday 2 March');
    assert.deepEqual(labels.span('month', noon), [Date.UTC(2026, 2, 1, 5), Date.UTC(2026, 3, 1, 4)]);
    assert.deepEqual(labels.span('quarter', noon), [Date.UTC(2026, 0, 1, 5), Date.UTC(2026, 3, 1, 4)]);
  });

  it('fills the periods the engine has no group for (no contacts) with no data', () => {
    const pts = day('UTC', '2026-03-02', (i) => i).filter((p) => p.value! >= 40 && p.value! <= 47 && p.value !== 43 && p.value !== 44);
    const filled = fillGaps(pts, 'interval', zoneNamed('UTC'), { intervalMinutes: 15, weekStart: 0 });
    assert.deepEqual(filled.map((p) => p.value), [40, 41, 42, null, null, 45, 46, 47]);
    assert.deepEqual(filled.slice(3, 5).map((p) => p.key), ['2026-03-02T10:45+00:00', '2026-03-02T11:00+00:00']);
  });
});

describe('<sla-trend> geometry, as data', () => {
  // Target 80 %, margin 3 points: ok, ok, breach, breach, still breach (needs 81.5 %), warn, ok, no data, breach.
  const values = [0.9, 0.85, 0.7, 0.75, 0.81, 0.82, 0.9, null, 0.6];
  const points = day('UTC', '2026-03-02', (i) => values[i - 40] ?? null).slice(40, 49);
  const base = { points, width: 600, height: 200, fontPx: 12, target: 0.8, margin: 0.03, direction: 'higher' as const, metric: 'serviceLevel', grain: 'interval' as const, timeZone: 'UTC', locale: 'en' };

  it('draws in the given pixels: one equal band per interval across the plot, the y scale holds the values and the target', () => {
    const g = trendGeometry(base);
    assert.equal(g.viewBox, '0 0 600 200');
    assert.equal(g.points.length, 9);
    assert.ok(g.plot.left > 20 && g.plot.right <= 600 && g.plot.top >= 0 && g.plot.bottom < 200);
    const widths = g.points.map((p) => p.x1 - p.x0);
    assert.ok(Math.max(...widths) - Math.min(...widths) <= 1, `equal bands ${widths}`);
    assert.equal(g.points[0].x0, g.plot.left);
    assert.equal(g.points[8].x1, g.plot.right);
    assert.ok(g.domain[0] <= 0.6 && g.domain[1] >= 0.9 && g.domain[1] <= 1, `domain ${g.domain}`);
    assert.ok(g.points[0].y! < g.points[2].y!, 'higher values are higher up');
    assert.ok(g.target! > g.points[0].y! && g.target! < g.points[2].y!);
    assert.equal(g.target! % 1, 0.5, 'the target line sits on a half pixel (a crisp 1 px line)');
    // The warning band: from the target up to target + margin.
    assert.ok(g.band && Math.abs(g.band.y + g.band.height - Math.round(g.target!)) <= 1);
  });

  it('the line breaks at no data; a value with no neighbour is a dot', () => {
    const g = trendGeometry(base);
    assert.equal(g.points[7].y, null);
    const joined = (d: string) => d.split('M').filter((seg) => seg.includes('L')).length;
    assert.equal(joined(g.line!), 1, 'one joined segment: the 9th value stands alone');
    assert.equal(g.points[8].isolated, true);
    const gap = trendGeometry({ ...base, points: points.map((p, i) => (i === 3 ? { ...p, value: null } : p)) });
    assert.equal(joined(gap.line!), 2);
  });

  it('shades the runs of intervals in breach, by the engine\'s status formula', () => {
    const g = trendGeometry(base);
    assert.deepEqual(g.points.map((p) => p.status), liveStatusSequence(values, { target: 0.8, margin: 0.03, direction: 'higher' }));
    assert.deepEqual(g.points.map((p) => p.status), ['ok', 'ok', 'breach', 'breach', 'breach', 'warn', 'ok', null, 'breach']);
    assert.deepEqual(g.breaches.map((b) => [b.from, b.to]), [[2, 4], [8, 8]]);
    assert.equal(g.breaches[0].x, g.points[2].x0);
    assert.equal(g.breaches[0].width, g.points[4].x1 - g.points[2].x0);
    assert.deepEqual(g.breaches[0].keys, ['2026-03-02T10:30+00:00', '2026-03-02T10:45+00:00', '2026-03-02T11:00+00:00']);
    assert.equal(g.breaches[0].y, g.plot.top);
    assert.equal(g.breached, 4);
    assert.equal(g.counted, 8);
    assert.equal(g.last, 'breach');
    assert.equal(trendGeometry({ ...base, target: null }).breaches.length, 0, 'no target: nothing to breach');
  });

  it('lower is better: ASA over 30 s is a breach; the axis starts at 0 s and its ticks are formatted as the metric', () => {
    const asa = trendGeometry({ ...base, metric: 'asa', direction: 'lower', target: 30, margin: 5, points: points.map((p, i) => ({ ...p, value: [12, 25, 41, 28, 33, 20, 18, 22, 19][i] })) });
    // 41 s breaches; 28 s is not yet out (a breach ends at 30 − 5/2 = 27.5 s or better); 33 s breaches again.
    assert.deepEqual(asa.points.map((p) => p.status), ['ok', 'warn', 'breach', 'breach', 'breach', 'ok', 'ok', 'ok', 'ok']);
    assert.deepEqual(asa.breaches.map((b) => [b.from, b.to]), [[2, 4]]);
    assert.equal(asa.domain[0], 0);
    assert.ok(asa.yTicks.every((t) => / s$/.test(t.label)), asa.yTicks.map((t) => t.label).join());
    const sl = trendGeometry(base);
    assert.deepEqual(sl.yTicks.map((t) => t.label), sl.yTicks.map((t) => formatMetric('serviceLevel', Number(t.label.replace('%', '')) / 100, 'en')));
    assert.ok(sl.yTicks.length >= 2 && sl.yTicks.length <= 6);
    assert.ok(sl.yTicks.every((t) => t.at % 1 === 0.5));
    assert.deepEqual(valueDomain([], 'serviceLevel', null, 0, 'higher'), [0, 1]);
  });

  it('time ticks are few, at round local times in the data\'s zone: a spring-forward day in New York has no 2 AM', () => {
    const spring = day(NY, '2026-03-08', (i) => 0.7 + (i % 10) / 50);
    const wall = trendGeometry({ ...base, points: spring, width: 1600, height: 500, fontPx: 16, timeZone: NY });
    assert.deepEqual(wall.xTicks.map((t) => sp(t.label)), ['12:00 AM', '4:00 AM', '6:00 AM', '8:00 AM', '10:00 AM', '12:00 PM', '2:00 PM', '4:00 PM', '6:00 PM', '8:00 PM', '10:00 PM']);
    assert.equal(wall.xTicks[1].index, 12, '4 AM is the 13th quarter hour: 01:45 is followed by 03:00');
    const card = trendGeometry({ ...base, points: spring, width: 300, height: 150, fontPx: 11, timeZone: NY });
    assert.ok(card.xTicks.length >= 2 && card.xTicks.length <= 4, `a small card has ${card.xTicks.length} ticks`);
    assert.deepEqual(card.xTicks.map((t) => sp(t.label)), ['12:00 AM', '12:00 PM']);
    // The labels must not overlap.
    for (const g of [wall, card]) {
      const xs = g.xTicks.map((t) => g.points[t.index].x);
      for (let i = 1; i < xs.length; i++) assert.ok(xs[i] - xs[i - 1] >= 16 * 5, `ticks ${xs[i - 1]} and ${xs[i]} too close`);
    }
    const fall = day(NY, '2026-11-01', () => 0.9);
    const twice = trendGeometry({ ...base, points: fall, width: 4000, height: 500, fontPx: 12, timeZone: NY });
    assert.equal(twice.xTicks.filter((t) => sp(t.label) === '1:00 AM').length, 2, 'a fall-back day has 1 AM twice');
    assert.equal(sp(formatPeriod(spring[8], 'interval', 'de', NY)), '3:00', 'German: 24-hour clock');
  });

  it('a series over days labels midnights with the date; days count back from the latest', () => {
    const two = [...day('UTC', '2026-03-02', () => 0.8), ...day('UTC', '2026-03-03', () => 0.9)];
    const g = trendGeometry({ ...base, points: two, width: 800 });
    assert.ok(g.xTicks.some((t) => sp(t.label) === 'Mar 3'), g.xTicks.map((t) => t.label).join());
    const days = Array.from({ length: 30 }, (_, i) => ({ key: `2026-03-${String(i + 1).padStart(2, '0')}`, start: Date.UTC(2026, 2, i + 1), value: 0.8 }));
    const dg = trendGeometry({ ...base, points: days, grain: 'day', width: 400 });
    assert.equal(dg.xTicks[dg.xTicks.length - 1].index, 29);
    assert.equal(sp(dg.xTicks[dg.xTicks.length - 1].label), 'Mar 30');
  });

  it('finds the interval under the pointer', () => {
    const g = trendGeometry(base);
    assert.equal(pointAt(g, g.points[3].x), 3);
    assert.equal(pointAt(g, g.plot.right - 0.5), 8);
    assert.equal(pointAt(g, 0), null);
  });

  it('draws at any size: a 300 × 150 card and a 1600 × 500 wallboard', () => {
    for (const [w, h] of [[300, 150], [1600, 500], [120, 40]]) {
      const g = trendGeometry({ ...base, width: w, height: h });
      assert.equal(g.viewBox, `0 0 ${w} ${h}`);
      assert.ok(g.points.every((p) => p.x0 >= 0 && p.x1 <= w && (p.y === null || (p.y >= 0 && p.y <= h))));
      assert.ok(!/NaN/.test(g.line ?? ''));
    }
  });
});
