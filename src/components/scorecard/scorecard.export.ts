/**
 * Exports of a scorecard: CSV (a pure function) and PNG (the SVG summary drawn into a canvas; no screenshot
 * library).
 *
 * CSV, and why it is safe to open in a spreadsheet:
 * - RFC 4180: fields separated by commas, records by CRLF; a field holding a comma, a double quote, CR or LF is
 *   quoted and its quotes doubled. Every record has the same number of fields (shorter ones are padded), so a
 *   strict parser reads the file as one rectangle; the blocks (period, metrics, exclusions, credits, bonus,
 *   escalations) are separated by an empty record and each starts with its own header record.
 * - Formula injection: a TEXT cell (labels, reasons, queue names, owners — anything that came from an SLA
 *   document or the data) whose first character is `=`, `+`, `-`, `@`, a tab or a carriage return (or their
 *   full-width forms `＝＋－＠`) gets a leading apostrophe, so a spreadsheet shows it as text and never runs it:
 *   `=1+2` is written `'=1+2`, `-x` is written `'-x`.
 * - NUMERIC cells are never prefixed: the widget writes them itself from finite numbers as `-?digits[.digits]`
 *   (a dot decimal, no grouping, no exponent, at most 10 decimals), which every spreadsheet reads as a number and
 *   none evaluates as a formula. A negative figure such as a trend of −0.02 is written `-0.02` and imports as the
 *   number −0.02. Figures stay in their metric's unit (fractions 0…1, seconds), as docs/metrics.md §9 names them.
 *   A cell that is a string stays text even when it looks like a number (`"-5"` from an SLA label is `'-5`).
 * - Headers are in the widget's language; codes (metric names, statuses ok/warn/breach, directions, grains)
 *   stay in the contract's English names so a file reads the same everywhere. Times are the SLA zone's wall
 *   clock, `YYYY-MM-DD HH:MM`, the zone named in the header.
 * - The string has no byte-order mark; the downloaded file starts with one (U+FEFF) so Excel reads UTF-8.
 */
import type { Scorecard } from '../../engine/agreement/evaluate.js';
import { localStamp, SHAPES, type SummaryGeometry, type SummaryText, type Tone } from './scorecard.model.js';
import { say } from './scorecard.strings.js';
import { definitionWords, exclusionWords, missedWords } from './scorecard.words.js';

import { csvText, type CsvValue } from '../../engine/csv-out.js';

export { neutralize, plainNumber, csvField, csvText, type CsvValue } from '../../engine/csv-out.js';

/** The scorecard as CSV (see the module's comment for the format and its safety rules). */
export function scorecardCsv(sc: Scorecard, locale: string): string {
  const s = (k: Parameters<typeof say>[1], v?: Record<string, string | number>) => say(locale, k, v);
  const zone = sc.timeZone;
  const rows: CsvValue[][] = [];
  rows.push([s('csvSla'), s('csvPeriod'), s('csvGrain'), s('csvStart', { zone }), s('csvEnd', { zone }), s('csvZone'), s('csvPrevious')]);
  rows.push([sc.sla, sc.period.key, sc.period.grain, localStamp(sc.period.start, zone), localStamp(sc.period.end, zone), zone, sc.previousPeriod]);
  rows.push([]);
  rows.push([s('metric'), s('csvLabel'), s('value'), s('target'), s('csvDirection'), s('csvMargin'), s('status'), s('csvPreviousValue'), s('csvTrend'),
    s('csvWithout'), s('csvEffect'), s('csvCredit'), s('csvBonusMargin'), s('csvBonusMet'), s('csvContractPeriod'), s('csvBaseline'), s('csvDefinition')]);
  for (const m of sc.metrics) {
    rows.push([m.metric, m.label, m.value, m.target, m.direction, m.margin, m.status ?? '', m.previousValue, m.trend, m.valueWithoutExclusions,
      m.exclusionEffect, m.credit, m.bonusMargin, m.bonusMet, m.period, m.baseline?.value ?? null, definitionWords(m, locale)]);
  }
  rows.push([]);
  rows.push([s('from') + ` (${zone})`, s('to') + ` (${zone})`, s('queue'), s('reason'), s('contacts')]);
  for (const e of sc.exclusions) rows.push([localStamp(e.start, zone), localStamp(e.end, zone), e.queue ?? s('allQueues'), exclusionWords(e, locale), e.contacts]);
  rows.push([]);
  const c = sc.credits;
  rows.push([s('csvCreditsTotal'), s('csvCap'), s('csvOwed'), s('csvCapped'), s('csvAmount'), s('csvCurrency')]);
  rows.push([c.total, c.cap, c.owed, c.capped, c.amount, c.currency]);
  for (const b of c.byMetric) rows.push([b.metric, null, b.credit]);
  if (sc.bonus) {
    rows.push([]);
    rows.push([s('csvBonus'), s('csvEarned'), s('csvMoney'), s('csvCurrency')]);
    rows.push([sc.bonus.amount, sc.bonus.earned, sc.bonus.money, c.currency]);
    if (sc.bonus.missed.length) {
      rows.push([s('csvMissedMetric'), s('reason')]);
      for (const x of sc.bonus.missed) rows.push([x.metric, missedWords(sc, x, locale)]);
    }
  }
  rows.push([]);
  rows.push([s('csvEscalationMetric'), s('csvSeverity'), s('csvOwner'), s('csvResponse')]);
  for (const e of sc.escalations) rows.push([e.metric, e.severity, e.owner, e.responseMinutes]);
  return csvText(rows);
}

// ---------------------------------------------------------------------------------------------------------------
// PNG

/** Colours and the font of the summary, as resolved computed values (a theme's, the forced colours'). */
export interface SummaryPaint {
  fg: string;
  muted: string;
  bg: string;
  ok: string;
  warn: string;
  breach: string;
  rule: string;
  font: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function toneColour(tone: SummaryText['tone'] | Tone, p: SummaryPaint): string {
  switch (tone) {
    case 'ok': return p.ok;
    case 'warn': return p.warn;
    case 'breach': return p.breach;
    case 'muted': case 'none': return p.muted;
    default: return p.fg;
  }
}

/**
 * The summary as a standalone SVG element: every colour and the font inlined as attributes (an SVG drawn as
 * an image sees no page or shadow styles). `title` is its accessible name when shown on a page.
 */
export function summarySvg(g: SummaryGeometry, paint: SummaryPaint, title: string, doc: Document = document): SVGSVGElement {
  const el = <K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] => {
    const e = doc.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };
  const root = el('svg', { xmlns: SVG_NS, width: g.width, height: g.height, viewBox: `0 0 ${g.width} ${g.height}`, 'font-family': paint.font, role: 'img' });
  const name = el('title', {});
  name.textContent = title;
  root.append(name, el('rect', { x: 0, y: 0, width: g.width, height: g.height, fill: paint.bg }));
  const write = (x: SummaryText) => {
    const e = el('text', { x: x.x, y: x.y, 'font-size': x.size, 'font-weight': x.weight, 'text-anchor': x.anchor, fill: toneColour(x.tone, paint) });
    e.textContent = x.text;
    root.append(e);
  };
  g.texts.forEach(write);
  root.append(el('line', { x1: g.headRule.x1, x2: g.headRule.x2, y1: g.headRule.y, y2: g.headRule.y, stroke: paint.rule, 'stroke-width': 1 }));
  for (const r of g.rows) {
    const colour = toneColour(r.tone, paint);
    const ring = r.marker.shape === SHAPES.none;
    root.append(el('path', { d: r.marker.d, fill: ring ? 'none' : colour, stroke: colour, 'stroke-width': ring ? 2 : 1, 'data-tone': r.tone }));
    r.texts.forEach(write);
    root.append(el('line', { x1: r.rule.x1, x2: r.rule.x2, y1: r.rule.y, y2: r.rule.y, stroke: paint.rule, 'stroke-width': 1 }));
  }
  return root;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the summary image'));
    img.src = url;
  });
}

/**
 * An SVG element to a PNG Blob: serialized (XMLSerializer), loaded as an image from a Blob URL (a data: URL when
 * the page's Content-Security-Policy refuses blob: images), drawn on a canvas `scale` times its size.
 */
export async function svgToPng(svg: SVGSVGElement, width: number, height: number, scale = 2): Promise<Blob> {
  const xml = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([xml], { type: 'image/svg+xml;charset=utf-8' }));
  let img: HTMLImageElement;
  try {
    img = await loadImage(url).catch(() => loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`));
  } finally {
    URL.revokeObjectURL(url);
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser has no 2D canvas to draw the PNG on');
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

export { download } from '../common/download.js';
