/**
 * The scorecard's pure parts, tested as data: period keys (previous, next, another grain), the figures as
 * people read them (deltas in points or seconds, the bonus threshold, money) and the geometry of the SVG
 * summary that the PNG export draws. No DOM here.
 */
import type { Scorecard, ScorecardMetric } from '../../engine/agreement/evaluate.js';
import { parsePeriod, periodOfDay, previousPeriod } from '../../engine/agreement/period.js';
import { PERIODS, type PeriodGrain } from '../../engine/agreement/sla.js';
import type { Status } from '../../engine/agreement/status.js';
import { zoneNamed } from '../../engine/time/zone.js';
import { dateTimeFormat, formatMetric, numberFormat, unitOf } from '../common/format.js';
import { languageOf, metricLabel, word } from '../common/i18n.js';
import { say, type ScorecardKey } from './scorecard.strings.js';

export const GRAINS: readonly PeriodGrain[] = PERIODS;
export type { PeriodGrain };

/** Keys name local days, so their arithmetic is the same in every zone: UTC stands in for all. */
const KEY_ZONE = zoneNamed('UTC');

export function isGrain(s: string): s is PeriodGrain {
  return (PERIODS as readonly string[]).includes(s);
}

/** The grain of a period key (`2026-02` → month), or of a grain itself; null when it is neither. */
export function grainOf(spec: string): PeriodGrain | null {
  if (isGrain(spec)) return spec;
  try {
    return parsePeriod(spec, KEY_ZONE).grain;
  } catch {
    return null;
  }
}

/** The key `steps` periods after (negative: before) a key of the same grain: 2026-01 +1 → 2026-02. */
export function shiftPeriod(key: string, steps: number): string {
  let p = parsePeriod(key, KEY_ZONE);
  for (let i = 0; i < Math.abs(steps); i++) p = steps < 0 ? previousPeriod(p, KEY_ZONE) : periodOfDay(p.grain, p.firstDay + p.days, KEY_ZONE);
  return p.key;
}

/** The period of another grain holding the last day of a period: 2026-01 as a week → 2026-W05 (Jan 26–Feb 1). */
export function periodAround(key: string, grain: PeriodGrain): string {
  const p = parsePeriod(key, KEY_ZONE);
  return periodOfDay(grain, p.firstDay + p.days - 1, KEY_ZONE).key;
}

/**
 * What a change of grain asks the engine for: the latest period of the new grain when the one shown is the
 * latest of its own (or no latest is known), else the period of the new grain holding the shown period's last
 * day — unless that lies after the latest known one of the new grain.
 */
export function periodForGrain(shown: { key: string; grain: PeriodGrain } | null, grain: PeriodGrain, latest: Partial<Record<PeriodGrain, string>>): string {
  if (!shown || shown.grain === grain) return grain;
  const latestShown = latest[shown.grain];
  if (latestShown === undefined || shown.key >= latestShown) return grain;
  const around = periodAround(shown.key, grain);
  const latestNew = latest[grain];
  return latestNew !== undefined && around >= latestNew ? grain : around;
}

const nf = numberFormat;

/** Below this a difference is no difference (floating-point noise of a subtraction). */
const TINY = 1e-9;

/** A change in the metric's unit for people: "+1.2 pts" for fractions, "−3 s" for times, "+0.4" otherwise. */
export function formatDelta(metric: string, d: number | null, locale: string): string {
  if (d === null || Number.isNaN(d)) return word(locale, 'noData');
  const v = Math.abs(d) < TINY ? 0 : d;
  switch (unitOf(metric)) {
    case 'fraction':
      return say(locale, 'points', { n: nf(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v * 100) });
    case 'seconds':
      return `${nf(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v)} s`;
    default:
      return nf(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(v);
  }
}

/** Whether the trend is better, worse or unchanged, given which way is better. */
export function trendWay(m: Pick<ScorecardMetric, 'trend' | 'direction'>): 'better' | 'worse' | 'unchanged' | null {
  if (m.trend === null) return null;
  if (Math.abs(m.trend) < TINY) return 'unchanged';
  return (m.direction === 'higher' ? m.trend > 0 : m.trend < 0) ? 'better' : 'worse';
}

/** The figure the bonus needs: target + margin (higher is better) or target − margin; null without a margin. */
export function bonusThreshold(m: Pick<ScorecardMetric, 'target' | 'bonusMargin' | 'direction'>): number | null {
  if (m.bonusMargin === null) return null;
  return m.direction === 'higher' ? m.target + m.bonusMargin : m.target - m.bonusMargin;
}

/** "≥ 80.0 %" / "≤ 30 s". */
export function formatTarget(metric: string, direction: 'higher' | 'lower', v: number, locale: string): string {
  return `${direction === 'higher' ? '≥' : '≤'} ${formatMetric(metric, v, locale)}`;
}

/** A share of the monthly fee: "5 %", "2.5 %". */
export function formatShare(v: number, locale: string): string {
  return nf(locale, { style: 'percent', maximumFractionDigits: 2 }).format(v);
}

/** Money in the agreement's currency through Intl ("$9,600.00"); a number with the code when Intl does not know it. */
export function formatMoney(v: number, currency: string | null, locale: string): string {
  if (currency) {
    try {
      return nf(locale, { style: 'currency', currency }).format(v);
    } catch {
      return `${nf(locale, { maximumFractionDigits: 2 }).format(v)} ${currency}`;
    }
  }
  return nf(locale, { maximumFractionDigits: 2 }).format(v);
}

function df(locale: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  return dateTimeFormat(locale, withTime ? { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' } : { timeZone, dateStyle: 'medium' });
}

/** The days of a period in its zone ("Jan 1 – 31, 2026"); the end is exclusive, so the last day is end − 1 ms. */
export function formatPeriodRange(sc: Pick<Scorecard, 'period' | 'timeZone'>, locale: string): string {
  const f = df(locale, sc.timeZone, false);
  const a = Date.parse(sc.period.start), b = Date.parse(sc.period.end) - 1;
  return sc.period.grain === 'day' ? f.format(a) : f.formatRange(a, b);
}

/** An excluded interval in the agreement's zone: "Jan 14, 2026, 21:00 – 23:00". */
export function formatInterval(start: string, end: string, timeZone: string, locale: string): string {
  return df(locale, timeZone, true).formatRange(Date.parse(start), Date.parse(end));
}

/** A UTC instant as the zone's wall clock, `2026-01-14 21:00`: plain text every spreadsheet reads. */
export function localStamp(iso: string, timeZone: string): string {
  const local = zoneNamed(timeZone).toLocal(Date.parse(iso));
  return new Date(local).toISOString().slice(0, 16).replace('T', ' ');
}

/** The worst status of the metrics (breach > warn > ok), null when none has one. */
export function worstStatus(sc: Pick<Scorecard, 'metrics'> | null): Status | null {
  if (!sc) return null;
  const rank = { ok: 1, warn: 2, breach: 3 } as const;
  let worst: Status | null = null;
  for (const m of sc.metrics) if (m.status && (!worst || rank[m.status] > rank[worst])) worst = m.status;
  return worst;
}

/** A metric's identity within one agreement (an agreement may hold two service levels with other thresholds). */
export function metricKey(m: Pick<ScorecardMetric, 'metric' | 'label'>): string {
  return `${m.metric}|${m.label}`;
}

/** The label the agreement gave, else the kit's name for the metric. */
export function labelOf(m: Pick<ScorecardMetric, 'metric' | 'label'>, locale: string): string {
  return m.label && m.label !== m.metric ? m.label : metricLabel(m.metric, locale);
}

// ---------------------------------------------------------------------------------------------------------------
// The SVG summary (what the PNG export draws)

export type Tone = Status | 'none';
export type MarkerShape = 'circle' | 'triangle' | 'square' | 'ring';

/** Ok a disc, warn a triangle, breach a square, no data a ring: the status reads without colour too. */
export const SHAPES: Record<Tone, MarkerShape> = { ok: 'circle', warn: 'triangle', breach: 'square', none: 'ring' };

export interface SummaryText {
  x: number;
  y: number;
  text: string;
  size: number;
  weight: 400 | 600 | 700;
  anchor: 'start' | 'end';
  tone: 'fg' | 'muted' | Tone;
}

export interface SummaryRow {
  metric: string;
  /** Top of the row band and its height. */
  y: number;
  height: number;
  tone: Tone;
  marker: { shape: MarkerShape; cx: number; cy: number; r: number; d: string };
  texts: SummaryText[];
  /** The rule under the row. */
  rule: { x1: number; x2: number; y: number };
}

export interface SummaryGeometry {
  width: number;
  height: number;
  texts: SummaryText[];
  rows: SummaryRow[];
  /** The rule under the column heads. */
  headRule: { x1: number; x2: number; y: number };
}

const W = 720;
const PAD = 24;
const COL = { marker: PAD + 12, label: PAD + 30, value: 470, target: 580, status: 602 };
const ROW_H = 34;
/** Average glyph width as a share of the font size, for cutting long text (no measuring without a DOM). */
const GLYPH = 0.56;

/** Text cut to fit a width at a font size, with an ellipsis. */
export function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * GLYPH)));
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** The marker's path, centred on (cx, cy) with radius r. */
export function markerPath(shape: MarkerShape, cx: number, cy: number, r: number): string {
  switch (shape) {
    case 'square': {
      const s = r * 0.9;
      return `M${r3(cx - s)},${r3(cy - s)}H${r3(cx + s)}V${r3(cy + s)}H${r3(cx - s)}Z`;
    }
    case 'triangle':
      return `M${r3(cx)},${r3(cy - r)}L${r3(cx + r * 1.1)},${r3(cy + r * 0.85)}H${r3(cx - r * 1.1)}Z`;
    default:
      return `M${r3(cx - r)},${r3(cy)}A${r},${r} 0 1 0 ${r3(cx + r)},${r3(cy)}A${r},${r} 0 1 0 ${r3(cx - r)},${r3(cy)}Z`;
  }
}

/**
 * The summary's layout: title, period, a row per metric (marker, label, value, target, status word) and the
 * credits and bonus lines. Every position is in the SVG's user units (1 unit = 1 CSS pixel at scale 1).
 */
export function summaryGeometry(sc: Scorecard, locale: string): SummaryGeometry {
  const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(locale, k, v);
  const texts: SummaryText[] = [];
  const text = (x: number, y: number, value: string, size: number, o: Partial<Omit<SummaryText, 'x' | 'y' | 'text' | 'size'>> = {}) =>
    ({ x, y, text: value, size, weight: o.weight ?? 400, anchor: o.anchor ?? 'start', tone: o.tone ?? 'fg' }) as SummaryText;
  texts.push(text(PAD, 40, fit(sc.sla, W - 2 * PAD, 22), 22, { weight: 700 }));
  const grainWord = isGrain(sc.period.grain) ? s(sc.period.grain) : sc.period.grain;
  texts.push(text(PAD, 64, fit(`${sc.period.key} · ${grainWord} · ${formatPeriodRange(sc, locale)} · ${sc.timeZone}`, W - 2 * PAD, 14), 14, { tone: 'muted' }));
  const headY = 96;
  texts.push(text(COL.label, headY, s('metric'), 12, { tone: 'muted', weight: 600 }));
  texts.push(text(COL.value, headY, s('value'), 12, { tone: 'muted', weight: 600, anchor: 'end' }));
  texts.push(text(COL.target, headY, s('target'), 12, { tone: 'muted', weight: 600, anchor: 'end' }));
  texts.push(text(COL.status, headY, s('status'), 12, { tone: 'muted', weight: 600 }));
  const headRule = { x1: PAD, x2: W - PAD, y: headY + 8 };
  const top = headY + 10;
  const rows: SummaryRow[] = sc.metrics.map((m, i) => {
    const y = top + i * ROW_H;
    const base = y + ROW_H / 2 + 5;
    const tone: Tone = m.status ?? 'none';
    const shape = SHAPES[tone];
    const cy = y + ROW_H / 2;
    return {
      metric: m.metric,
      y,
      height: ROW_H,
      tone,
      marker: { shape, cx: COL.marker, cy, r: 7, d: markerPath(shape, COL.marker, cy, 7) },
      texts: [
        text(COL.label, base, fit(labelOf(m, locale), COL.value - 110 - COL.label, 15), 15),
        text(COL.value, base, formatMetric(m.metric, m.value, locale), 15, { weight: 700, anchor: 'end', tone }),
        text(COL.target, base, formatTarget(m.metric, m.direction, m.target, locale), 14, { anchor: 'end', tone: 'muted' }),
        text(COL.status, base, fit(m.status ? word(locale, m.status) : word(locale, 'noData'), W - PAD - COL.status, 14), 14, { weight: 600, tone }),
      ],
      rule: { x1: PAD, x2: W - PAD, y: y + ROW_H },
    };
  });
  let y = top + sc.metrics.length * ROW_H + 30;
  const c = sc.credits;
  const owed = `${s('credits')}: ${s('creditsOwed').toLowerCase()} ${s('ofFee', { pct: formatShare(c.owed, locale) })}${c.amount !== null ? ` (${formatMoney(c.amount, c.currency, locale)})` : ''}${c.capped ? ` · ${s('capped')} ${formatShare(c.cap!, locale)}` : ''}`;
  texts.push(text(PAD, y, fit(owed, W - 2 * PAD, 15), 15, { weight: 600, tone: c.owed > 0 ? 'breach' : 'fg' }));
  if (sc.bonus) {
    y += 24;
    const b = sc.bonus;
    const line = `${s('bonusTitle')}: ${b.earned ? s('bonusEarned', { pct: formatShare(b.amount, locale) }) : s('bonusMissed', { pct: formatShare(b.amount, locale) })}${b.earned && b.money !== null ? ` (${formatMoney(b.money, c.currency, locale)})` : ''}`;
    texts.push(text(PAD, y, fit(line, W - 2 * PAD, 14), 14, { tone: b.earned ? 'ok' : 'muted' }));
  }
  return { width: W, height: y + PAD, texts, rows, headRule };
}

/** A heading word inside a sentence: lower case, except in German, where nouns keep their capital ("Monat"). */
export function inSentence(text: string, locale: string): string {
  return languageOf(locale) === 'de' ? text : text.toLowerCase();
}
