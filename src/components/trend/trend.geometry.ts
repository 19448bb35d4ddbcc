/**
 * The trend's drawing as data (no DOM): periods and their start instants in the data's zone, gaps filled with
 * "no data", the scales, the line with its gaps, the target line, the warning band, the breach shading and
 * the axis ticks — all in the host's pixels, so the SVG is drawn 1:1 and never scaled (crisp at any size).
 * Status is the engine's one formula (liveStatusSequence, docs/agreement.md), never re-derived here.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { extent, max } from 'd3-array';
import { liveStatusSequence, type Direction, type Status } from '../../engine/agreement/status.js';
import { MS_PER_DAY, civilFromDays } from '../../engine/time/civil.js';
import { Zone, zoneNamed } from '../../engine/time/zone.js';
import { TimeLabels, localDay, nextPeriodStart } from '../../engine/time/labels.js';
import { dateTimeFormat, formatMetric, unitOf } from '../common/format.js';

/** The time grains a trend can be drawn at (the engine's time groupings). */
export const TREND_GRAINS = ['interval', 'hour', 'day', 'week', 'month', 'quarter'] as const;
export type TrendGrain = (typeof TREND_GRAINS)[number];

/** Intervals and hours are times of day; days, weeks, months and quarters are periods. */
export const isTimeOfDay = (grain: TrendGrain): boolean => grain === 'interval' || grain === 'hour';

/** One period of the series: the engine's group key (its label), its start instant (UTC ms) and the value (null: no data). */
export interface TrendPoint {
  key: string;
  start: number;
  value: number | null;
}

/** How the engine labels periods: the interval length, and the first day of a week (0 = Monday … 6 = Sunday). */
export interface PeriodOptions {
  intervalMinutes: number;
  weekStart: number;
}

const DEFAULT_PERIODS: PeriodOptions = { intervalMinutes: 15, weekStart: 0 };

// ---------------------------------------------------------------------------------------------------------
// Periods: the engine's TimeLabels names them; the engine sends each one's start instant.

const labelers = new Map<string, TimeLabels>();

/** The engine's label of the period that starts at `start`: the engine's own TimeLabels, per instant. */
export function periodKey(grain: TrendGrain, start: number, zone: Zone, opts: PeriodOptions = DEFAULT_PERIODS): string {
  const k = `${zone.name}|${opts.intervalMinutes}|${opts.weekStart}`;
  let labels = labelers.get(k);
  if (!labels) {
    if (labelers.size > 16) labelers.clear();
    labels = new TimeLabels(zone, opts.intervalMinutes, opts.weekStart, 1);
    labelers.set(k, labels);
  }
  return labels.label(grain, start)[0];
}

/** The start of the period after the one that starts at `start` (the engine's rule). */
export function nextPeriod(grain: TrendGrain, start: number, zone: Zone, opts: PeriodOptions = DEFAULT_PERIODS): number {
  return nextPeriodStart(grain, start, zone, opts.intervalMinutes);
}

/**
 * The periods between the first and the last point, in order, with the missing ones as "no data" (the
 * engine keeps no empty cells, so a quiet interval is absent from its groups): the line breaks there
 * instead of joining across it. Large holes (more than `limit` periods) are left as they are.
 */
export function fillGaps(points: readonly TrendPoint[], grain: TrendGrain, zone: Zone, opts: PeriodOptions = DEFAULT_PERIODS, limit = 5000): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    out.push(p);
    const next = points[i + 1];
    if (!next) break;
    let s = nextPeriod(grain, p.start, zone, opts);
    const fill: TrendPoint[] = [];
    while (s < next.start && fill.length <= limit) {
      fill.push({ key: periodKey(grain, s, zone, opts), start: s, value: null });
      s = nextPeriod(grain, s, zone, opts);
    }
    if (fill.length <= limit) out.push(...fill);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Time formatting in the data's zone: one Intl.DateTimeFormat per locale, zone and kind.

type DateKind = 'time' | 'dateTime' | 'day' | 'month' | 'monthYear';
const DATE_OPTIONS: Record<DateKind, Intl.DateTimeFormatOptions> = {
  time: { hour: 'numeric', minute: '2-digit' },
  dateTime: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  day: { month: 'short', day: 'numeric' },
  month: { month: 'short' },
  monthYear: { month: 'short', year: 'numeric' },
};
/** The formatter of a kind of date in a locale and zone, built once. */
export function dateFormat(locale: string, timeZone: string, kind: DateKind): Intl.DateTimeFormat {
  return dateTimeFormat(locale, { ...DATE_OPTIONS[kind], timeZone });
}

/** Whether the points span more than one local day (then times carry their date). */
export function spansDays(points: readonly TrendPoint[], zone: Zone): boolean {
  return points.length > 1 && localDay(points[0].start, zone) !== localDay(points[points.length - 1].start, zone);
}

/** A period for people, in the data's zone: "10:15 AM" (with its date when the series spans days), "Mar 2", "Mar 2026". */
export function formatPeriod(p: TrendPoint, grain: TrendGrain, locale: string, timeZone: string, withDate = false): string {
  switch (grain) {
    case 'interval':
    case 'hour': return dateFormat(locale, timeZone, withDate ? 'dateTime' : 'time').format(p.start);
    case 'day':
    case 'week': return dateFormat(locale, timeZone, 'day').format(p.start);
    case 'month': return dateFormat(locale, timeZone, 'monthYear').format(p.start);
    case 'quarter': return p.key;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The drawing.

export interface TrendInput {
  points: readonly TrendPoint[];
  /** The drawing's size in CSS pixels (the host's measured size: the SVG's viewBox is exactly this). */
  width: number;
  height: number;
  /** The tick labels' font size in CSS pixels (sets the margins and how many ticks fit). */
  fontPx?: number;
  target: number | null;
  margin: number;
  direction: Direction;
  metric: string;
  grain: TrendGrain;
  timeZone: string;
  locale?: string;
}

export interface PlotPoint extends TrendPoint {
  index: number;
  status: Status | null;
  /** The band of the period [x0, x1) in whole pixels, and its centre where the line passes. */
  x0: number;
  x1: number;
  x: number;
  /** null: no data (a gap in the line). */
  y: number | null;
  /** A value with no neighbour to join: drawn as a dot. */
  isolated: boolean;
}

export interface Tick {
  /** Position in pixels (x for the time axis, y for the value axis). */
  at: number;
  label: string;
}

export interface TimeTick extends Tick {
  index: number;
  anchor: 'start' | 'middle' | 'end';
}

export interface TrendGeometry {
  width: number;
  height: number;
  viewBox: string;
  plot: { left: number; top: number; right: number; bottom: number };
  /** The value axis' domain after nice(). */
  domain: [number, number];
  points: PlotPoint[];
  /** The line's path (breaks at no-data periods), null without two joined values. */
  line: string | null;
  /** The target line's y (on a half pixel: a crisp 1 px line), null without a target. */
  target: number | null;
  /** The warning band between the target and target ± margin (on the better side), null without one. */
  band: { x: number; y: number; width: number; height: number } | null;
  /** One rectangle per run of consecutive periods in breach (whole pixels: no seams between intervals). */
  breaches: { x: number; y: number; width: number; height: number; from: number; to: number; keys: string[] }[];
  xTicks: TimeTick[];
  yTicks: Tick[];
  /** How many periods are in breach, and how many have a value. */
  breached: number;
  counted: number;
  /** The last period's status (the figure's status). */
  last: Status | null;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
const crisp = (v: number): number => Math.round(v - 0.5) + 0.5;

/** The value axis' domain: the values, the target and its band; fractions within 0–1, counts and times from 0. */
export function valueDomain(values: readonly number[], metric: string, target: number | null, margin: number, direction: Direction): [number, number] {
  const marks = [...values];
  if (target !== null) marks.push(target, direction === 'higher' ? target + margin : target - margin);
  const [lo0, hi0] = extent(marks) as [number | undefined, number | undefined];
  const unit = unitOf(metric);
  if (lo0 === undefined || hi0 === undefined) return unit === 'fraction' ? [0, 1] : [0, 1];
  if (unit === 'fraction') {
    const pad = Math.max((hi0 - lo0) * 0.15, 0.02);
    return [Math.max(0, Math.min(lo0, 1) - pad), Math.min(1, Math.max(hi0, 0) + pad)];
  }
  const lo = Math.min(0, lo0);
  const hi = hi0 <= lo ? lo + 1 : hi0 + (hi0 - lo) * 0.1;
  return [lo, hi];
}

/** Everything the SVG draws, in pixels. */
export function trendGeometry(input: TrendInput): TrendGeometry {
  const width = Math.max(0, Math.round(input.width));
  const height = Math.max(0, Math.round(input.height));
  const font = input.fontPx ?? 12;
  const locale = input.locale ?? 'en';
  const zone = zoneNamed(input.timeZone);
  const pts = input.points;
  const n = pts.length;

  const values = pts.map((p) => p.value);
  const statuses = input.target === null ? values.map(() => null) : liveStatusSequence(values, { target: input.target, margin: input.margin, direction: input.direction });

  // The value axis first: its labels' width sets the left margin.
  const top = Math.ceil(font * 0.7);
  const bottom = height - Math.ceil(font * 1.9);
  const yCount = Math.max(2, Math.min(6, Math.floor((bottom - top) / (font * 2.4))));
  const y = scaleLinear()
    .domain(valueDomain(values.filter((v): v is number => v !== null && !Number.isNaN(v)), input.metric, input.target, input.margin, input.direction))
    .range([Math.max(bottom, top + 1), top])
    .nice(yCount);
  const yValues = y.ticks(yCount);
  const yLabels = yValues.map((v) => formatMetric(input.metric, v, locale));
  const longest = max(yLabels, (s) => s.length) ?? 3;
  const left = Math.ceil(longest * font * 0.6 + font * 0.6);
  const right = Math.max(left + 1, width - Math.ceil(font * 0.6));

  const x = scaleBand<number>().domain(pts.map((_, i) => i)).range([left, right]).paddingInner(0).paddingOuter(0);
  const bw = x.bandwidth();
  const points: PlotPoint[] = pts.map((p, i) => {
    const b = x(i)!;
    const v = p.value;
    return {
      ...p, index: i, status: statuses[i],
      x0: Math.round(b), x1: Math.round(b + bw), x: round2(b + bw / 2),
      y: v === null || Number.isNaN(v) ? null : round2(y(v)),
      isolated: false,
    };
  });
  for (const p of points) p.isolated = p.y !== null && (points[p.index - 1]?.y ?? null) === null && (points[p.index + 1]?.y ?? null) === null;

  const joined = points.some((p) => p.y !== null && !p.isolated);
  const path = joined ? line<PlotPoint>().defined((p) => p.y !== null).x((p) => p.x).y((p) => p.y!)(points) : null;

  const [d0, d1] = y.domain() as [number, number];
  let target: number | null = null;
  let band: TrendGeometry['band'] = null;
  if (input.target !== null) {
    target = crisp(y(input.target));
    if (input.margin > 0) {
      const other = input.direction === 'higher' ? input.target + input.margin : input.target - input.margin;
      const ya = Math.round(y(Math.min(Math.max(input.target, d0), d1))), yb = Math.round(y(Math.min(Math.max(other, d0), d1)));
      band = { x: left, y: Math.min(ya, yb), width: right - left, height: Math.abs(ya - yb) };
    }
  }

  const breaches: TrendGeometry['breaches'] = [];
  for (let i = 0; i < n; i++) {
    if (statuses[i] !== 'breach') continue;
    let j = i;
    while (j + 1 < n && statuses[j + 1] === 'breach') j++;
    breaches.push({ x: points[i].x0, y: Math.round(top), width: points[j].x1 - points[i].x0, height: Math.round(y.range()[0]) - Math.round(top), from: i, to: j, keys: points.slice(i, j + 1).map((p) => p.key) });
    i = j;
  }

  const yTicks: Tick[] = yValues.map((v, i) => ({ at: crisp(y(v)), label: yLabels[i] }));
  const xTicks = timeTicks(points, input.grain, zone, input.timeZone, locale, Math.max(2, Math.floor((right - left) / (font * 6))), left, right, font);

  return {
    width, height, viewBox: `0 0 ${width} ${height}`,
    plot: { left, top, right, bottom: Math.max(bottom, top + 1) },
    domain: [d0, d1],
    points, line: path, target, band, breaches, xTicks, yTicks,
    breached: statuses.filter((s) => s === 'breach').length,
    counted: values.filter((v) => v !== null).length,
    last: n ? statuses[n - 1] : null,
  };
}

/**
 * Few, readable ticks on the time axis. Intervals and hours: at local times on a round step (every 15 min …
 * 1 h … 6 h … a day) in the data's zone, the fewest that fit; a day that springs forward simply has no 2 AM.
 * Days and longer: every k-th period, counted back from the latest (always labelled).
 */
function timeTicks(points: PlotPoint[], grain: TrendGrain, zone: Zone, timeZone: string, locale: string, most: number, left: number, right: number, font: number): TimeTick[] {
  const n = points.length;
  if (!n) return [];
  let chosen: number[] | null = null;
  const multiDay = spansDays(points, zone);
  if (isTimeOfDay(grain)) {
    const local = points.map((p) => zone.toLocal(p.start));
    const minuteOfDay = local.map((l) => Math.round((l - Math.floor(l / MS_PER_DAY) * MS_PER_DAY) / 60_000));
    const base = grain === 'hour' ? 60 : Math.max(1, Math.round((points[1] ? points[1].start - points[0].start : 900_000) / 60_000));
    for (const step of [5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 7 * 1440]) {
      if (step < base) continue;
      const at = points.map((_, i) => i).filter((i) => step < 1440 ? minuteOfDay[i] % step === 0 : minuteOfDay[i] === 0 && Math.floor(local[i] / MS_PER_DAY) % (step / 1440) === 0);
      if (at.length > 0 && at.length <= most) { chosen = at; break; }
    }
  }
  if (!chosen) {
    const k = Math.max(1, Math.ceil(n / most));
    chosen = points.map((_, i) => i).filter((i) => (n - 1 - i) % k === 0);
  }
  const fmt = (p: PlotPoint): string => {
    if (isTimeOfDay(grain)) {
      const l = zone.toLocal(p.start);
      const midnight = l % MS_PER_DAY === 0;
      return dateFormat(locale, timeZone, multiDay && midnight ? 'day' : 'time').format(p.start);
    }
    if (grain === 'month') {
      const y0 = civilFromDays(localDay(points[0].start, zone)).year, y1 = civilFromDays(localDay(points[n - 1].start, zone)).year;
      return dateFormat(locale, timeZone, y0 === y1 ? 'month' : 'monthYear').format(p.start);
    }
    return formatPeriod(p, grain, locale, timeZone);
  };
  return chosen.map((i) => {
    const p = points[i];
    const label = fmt(p);
    const half = (label.length * font * 0.6) / 2;
    const anchor = p.x - half < left - font * 0.5 ? 'start' : p.x + half > right + font * 0.5 ? 'end' : 'middle';
    return { index: i, at: anchor === 'start' ? Math.max(p.x0, 0) : anchor === 'end' ? p.x1 : p.x, label, anchor };
  });
}

/** The point under a pixel x (for the pointer), or null outside the plot. */
export function pointAt(g: TrendGeometry, px: number): number | null {
  const n = g.points.length;
  if (!n || px < g.plot.left - 1 || px > g.plot.right + 1) return null;
  const i = Math.floor(((px - g.plot.left) / (g.plot.right - g.plot.left)) * n);
  return Math.min(n - 1, Math.max(0, i));
}
