import { html, svg, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SlaDataWidget } from '../common/data-widget.js';
import { trendStyles } from './trend.styles.js';
import { hasKey, t as tIn } from '../../l10n/index.js';
import { TREND, type TrendKey } from '../../l10n/trend.js';
import {
  TREND_GRAINS, fillGaps, formatPeriod, isTimeOfDay, pointAt, spansDays, trendGeometry,
  type TrendGeometry, type TrendGrain, type TrendPoint,
} from './trend.geometry.js';
import { formatMetric } from '../common/format.js';
import { ago, browserZone, definitionLine, localeOf, metricLabel, t, word } from '../common/i18n.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import { liveStatusSequence, type Direction, type Status } from '../../engine/agreement/status.js';
import { directionFor, figureOf } from '../../engine/metric-info.js';
import { zoneNamed } from '../../engine/time/zone.js';
import { WEEKDAYS } from '../../engine/definitions.js';
import type { StatusChangeDetail } from '../gauge/gauge.component.js';
import type { ViewResult, ViewSpec } from '../../protocol/index.js';

export type { StatusChangeDetail, TrendPoint, TrendGrain };
export type TrendState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';
export type TrendRange = 'today' | 'all';

/** Detail of `sla-interval-select`: the period the user chose (Enter on the highlighted one, or a click). */
export interface IntervalSelectDetail {
  metric: string;
  /** The engine's label of the period (its group key), e.g. `2026-03-02T10:15+01:00`. */
  key: string;
  /** Its start (UTC ms). */
  start: number;
  value: number | null;
  status: Status | null;
}

/** New figures for `applyData`: the series, and optionally the state, when they were updated, the definition and zone. */
export interface TrendData {
  points: TrendPoint[];
  state?: TrendState;
  updated?: number | null;
  definition?: string;
  timeZone?: string;
}


/**
 * A metric over intervals (or hours, days, weeks, months) with its target line, the warning band and the
 * intervals in breach shaded; today's intervals by default, or the whole period. Drawn in the host's own
 * pixels (measured with a ResizeObserver), so it is as crisp on a 300 × 150 portal card as on a 1600 × 500
 * wallboard.
 *
 * @summary A service-level trend: how the day went, interval by interval, against the target.
 *
 * @csspart header - the line above the chart (label, last value, target, data)
 * @csspart label - the label
 * @csspart value - the last interval's value, in its status colour
 * @csspart target - the target
 * @csspart details - the "Data" disclosure: the definition behind the figures and a table of every period
 * @csspart definition - the definition (preset, threshold, zone, interval length)
 * @csspart table - the data table (period, value, status)
 * @csspart plot - the measured drawing area
 * @csspart chart - the chart (role="img", focusable; arrows move between periods, Enter selects)
 * @csspart progress - the progress bar while loading
 * @csspart readout - the highlighted period's time, value and status
 * @csspart state - loading, no data, stale or error text
 *
 * @cssproperty --sla-trend-height - the widget's height when the page sets none (default 12em)
 * @cssproperty --sla-trend-line-width - the line's width (default 0.15em, at least 2px)
 * @cssproperty --sla-trend-line - the line's colour (default the accent colour)
 * @cssproperty --sla-color-ok - the colour of ok
 * @cssproperty --sla-color-warn - the colour of warn
 * @cssproperty --sla-color-breach - the colour of breach (the shading is a light tint of it)
 * @cssproperty --sla-color-band - the warning band
 * @cssproperty --sla-color-track - the grid lines
 *
 * @fires sla-status-change - the last interval's status changed because of new data (never because the page set a property)
 * @fires sla-interval-select - the user chose a period (Enter or a click): { metric, key, start, value, status }
 */
export class SlaTrend extends SlaDataWidget {
  static override styles = trendStyles;

  /** The metric's name (docs/metrics.md §9), e.g. serviceLevel, asa, abandonRate. */
  @property({ reflect: true }) metric = 'serviceLevel';
  /** The target in the metric's unit (0.8 for 80 %); none: no target line, no shading. */
  @property({ type: Number }) target: number | null = null;
  /** The warning margin in the metric's unit. */
  @property({ type: Number }) margin = 0;
  /** Which way is better; defaults to the metric's. */
  @property() direction: Direction | undefined;
  /** The period of each point: interval (default), hour, day, week, month or quarter. */
  @property() grain: TrendGrain = 'interval';
  /**
   * Which periods from a source: `today` (default) — the intervals or hours of the data's current day (the
   * day of the latest one, in the source's zone); `all` — every period. Grains of a day or longer show all.
   */
  @property() range: TrendRange = 'today';
  /** Only contacts that arrived from / before these instants (UTC ms), from a source. */
  @property({ type: Number }) from: number | null = null;
  @property({ type: Number }) to: number | null = null;
  /** The label for people ("Service level 80/20"); defaults to the metric's name. */
  @property() label = '';
  /** The series, when the page gives it (no source): one point per period, in order. Setting it fires nothing. */
  @property({ attribute: false }) points: TrendPoint[] = [];
  /** The IANA zone the periods are shown in (set by the data with a source; default the browser's). */
  @property() tz = '';
  /** What the widget shows besides the chart: loading, no-data, stale, error. */
  @property({ reflect: true }) state: TrendState = 'ready';
  /** The definition that produced the figures (preset, threshold, zone, interval length), shown as the tooltip. */
  @property() definition = '';
  /** The last interval's status, reflected for styling (derived from the series with the hysteresis of docs/agreement.md). */
  @property({ reflect: true }) status: Status | null = null;
  /** Only this queue's contacts (default: all in the source). */
  @property() queue: string | null = null;

  /** The drawing area's measured size and the tick font size, in CSS pixels. */
  @state() private size = { width: 0, height: 0, font: 12 };
  @state() private active: number | null = null;
  @state() private announce = '';
  @state() private tableOpen = false;

  private activeKey: string | null = null;
  private quietNext = false;
  private intervalMinutes = 15;
  private lastResult: ViewResult | null = null;
  private ro: ResizeObserver | null = null;
  private geoKey: unknown[] = [];
  private geo: TrendGeometry | null = null;

  private readonly data = new SourceController(this, () => this.view(), (r) => this.fromSource(r));

  private view(): ViewSpec {
    return {
      by: [this.grainOf()],
      ...(this.queue ? { filter: { queue: [this.queue] } } : {}),
      ...(this.from !== null && this.from !== undefined ? { from: this.from } : {}),
      ...(this.to !== null && this.to !== undefined ? { to: this.to } : {}),
    };
  }

  private grainOf(): TrendGrain {
    return (TREND_GRAINS as readonly string[]).includes(this.grain) ? this.grain : 'interval';
  }

  private get way(): Direction {
    return directionFor(this.metric, this.direction);
  }


  private get zoneName(): string {
    return this.tz || browserZone();
  }

  private s(key: TrendKey, vars?: Record<string, string | number>): string {
    return tIn(TREND, this.locale, key, vars);
  }

  // ----- size ------------------------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ro?.disconnect();
  }

  protected override firstUpdated(): void {
    this.observe();
  }

  private observe(): void {
    const plot = this.renderRoot.querySelector('[part="plot"]');
    if (!plot) return;
    this.ro ??= new ResizeObserver((entries) => {
      const r = entries[entries.length - 1].contentRect;
      const font = (parseFloat(getComputedStyle(this).fontSize) || 16) * 0.8;
      const next = { width: Math.round(r.width), height: Math.round(r.height), font: Math.round(font * 10) / 10 };
      if (next.width !== this.size.width || next.height !== this.size.height || next.font !== this.size.font) this.size = next;
    });
    this.ro.observe(plot);
  }

  // ----- data ------------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('metric') || changed.has('range')) && this.lastResult && this.hasUpdated) {
      // Same view, other figures: redrawn from the last result, silently (the page changed a property).
      try { this.points = this.pointsFrom(this.lastResult); } catch { /* shown when the data comes again */ }
    }
    if (changed.has('points') || changed.has('target') || changed.has('margin') || changed.has('direction') || changed.has('metric')) {
      this.status = this.lastStatus(this.points);
      if (changed.has('points')) {
        const i = this.activeKey === null ? -1 : this.points.findIndex((p) => p.key === this.activeKey);
        this.active = i < 0 ? null : i;
        if (i < 0) this.activeKey = null;
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    const viewChanged = (['source', 'queue', 'grain', 'from', 'to'] as const).some((k) => changed.has(k) && changed.get(k) !== undefined);
    if (viewChanged) {
      // The page asked for another view: its first figures are a new baseline, not a change in the data.
      this.quietNext = true;
      void this.data.resubscribe();
    }
  }

  private lastStatus(points: readonly TrendPoint[]): Status | null {
    // Figures so far of a file being read are judged against nothing until it ends.
    if (this.target === null || this.target === undefined || !points.length || this.partial !== null) return null;
    const seq = liveStatusSequence(points.map((p) => p.value), { target: this.target, margin: this.margin, direction: this.way });
    return seq[seq.length - 1];
  }

  /** The points of a source's view: one per period of the chosen grain, gaps filled, today's only by default. */
  private pointsFrom(r: ViewResult): TrendPoint[] {
    const grain = this.grainOf();
    const d = r.definitions;
    const zone = zoneNamed(d.timeZone);
    const opts = { intervalMinutes: d.intervalMinutes, weekStart: Math.max(0, WEEKDAYS.indexOf(d.weekStart)) };
    let pts: TrendPoint[] = [];
    for (const g of r.groups) {
      const key = g.by[grain];
      // The engine sends each period's start instant: no label is read back into time.
      if (!key || g.start === undefined) continue;
      pts.push({ key, start: g.start, value: figureOf(g, this.metric) });
    }
    pts.sort((a, b) => a.start - b.start);
    if (this.range !== 'all' && isTimeOfDay(grain) && pts.length) {
      const day = zone.dateOf(pts[pts.length - 1].start);
      pts = pts.filter((p) => zone.dateOf(p.start) === day);
    }
    return fillGaps(pts, grain, zone, opts);
  }

  private fromSource(r: ViewResult): void {
    this.lastResult = r;
    const d = r.definitions;
    this.intervalMinutes = d.intervalMinutes;
    const status = viewStatus(r, this.locale);
    this.progress = status.progress;
    this.partial = status.partial;
    let { error, state }: { error: string; state: TrendState } = status;
    let points: TrendPoint[] = [];
    if (state !== 'loading' && state !== 'error') {
      try {
        points = this.pointsFrom(r);
      } catch (e) {
        state = 'error';
        error = (e as Error).message;
      }
    }
    this.error = error;
    const quiet = this.quietNext;
    if (state !== 'loading') this.quietNext = false;
    this.apply({
      points,
      state,
      updated: status.updatedAt,
      timeZone: d.timeZone,
      definition: definitionLine(this.locale, this.metric, d, this.grainText()),
    }, !quiet);
  }

  /**
   * New figures from the data (a source, a stream): a change of the last interval's status fires
   * `sla-status-change`. A page that sets `points` itself gets no event.
   */
  applyData(data: TrendData): void {
    this.apply(data, true);
  }

  private apply(data: TrendData, fire: boolean): void {
    const before = this.status;
    this.points = data.points;
    if (data.state) this.state = data.state;
    if (data.updated !== undefined) this.updatedAt = data.updated;
    if (data.definition !== undefined) this.definition = data.definition;
    if (data.timeZone !== undefined) this.tz = data.timeZone;
    const after = this.lastStatus(data.points);
    this.status = after;
    if (after !== before && fire) {
      const last = data.points[data.points.length - 1];
      this.dispatchEvent(new CustomEvent<StatusChangeDetail>('sla-status-change', {
        detail: { metric: this.metric, status: after, previous: before, value: last?.value ?? null }, bubbles: true, composed: true,
      }));
    }
  }

  // ----- interaction -----------------------------------------------------------------------------------

  private describe(i: number): string {
    const p = this.points[i];
    const g = this.geo;
    const status = g?.points[i]?.status ?? null;
    const time = this.periodText(p);
    const value = formatMetric(this.metric, p.value, this.locale);
    return status ? this.s('pointStatus', { time, value, status: word(this.locale, status) }) : this.s('point', { time, value });
  }

  private periodText(p: TrendPoint): string {
    let multi = false;
    try { multi = spansDays(this.points, zoneNamed(this.zoneName)); } catch { /* the zone is said in the error */ }
    return formatPeriod(p, this.grainOf(), this.locale, this.zoneName, multi);
  }

  private highlight(i: number | null, speak: boolean): void {
    this.active = i;
    this.activeKey = i === null ? null : this.points[i]?.key ?? null;
    if (speak) this.announce = i === null ? '' : this.describe(i);
  }

  private select(i: number): void {
    const p = this.points[i];
    if (!p) return;
    this.dispatchEvent(new CustomEvent<IntervalSelectDetail>('sla-interval-select', {
      detail: { metric: this.metric, key: p.key, start: p.start, value: p.value, status: this.geo?.points[i]?.status ?? null },
      bubbles: true, composed: true,
    }));
  }

  private onKey(e: KeyboardEvent): void {
    const n = this.points.length;
    if (!n) return;
    const i = this.active;
    let next: number | null;
    switch (e.key) {
      case 'ArrowLeft': next = i === null ? n - 1 : Math.max(0, i - 1); break;
      case 'ArrowRight': next = i === null ? n - 1 : Math.min(n - 1, i + 1); break;
      case 'Home': next = 0; break;
      case 'End': next = n - 1; break;
      case 'Escape': next = null; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        if (i === null) this.highlight(n - 1, true);
        else this.select(i);
        return;
      default: return;
    }
    e.preventDefault();
    this.highlight(next, true);
  }

  private pointIndex(e: MouseEvent): number | null {
    const svgEl = this.renderRoot.querySelector('svg');
    if (!svgEl || !this.geo) return null;
    return pointAt(this.geo, e.clientX - svgEl.getBoundingClientRect().left);
  }

  private onMove(e: PointerEvent): void {
    const i = this.pointIndex(e);
    if (i !== null && i !== this.active) this.highlight(i, false);
  }

  private onLeave(): void {
    if (this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement?.getAttribute('part') === 'chart') return;
    this.highlight(null, false);
  }

  private onClick(e: MouseEvent): void {
    const i = this.pointIndex(e);
    if (i === null) return;
    this.highlight(i, true);
    this.select(i);
  }

  // ----- drawing ---------------------------------------------------------------------------------------

  /** Days, weeks, months or quarters (not a time of day: intervals and hours). */
  private byPeriods(): boolean {
    return !isTimeOfDay(this.grainOf());
  }

  private grainText(): string {
    const grain = this.grainOf();
    return grain === 'interval' ? word(this.locale, 'intervalGrain', { n: this.intervalMinutes }) : this.s(grain);
  }

  /** The geometry, recomputed only when what it is drawn from changed (not on every pointer move). */
  private geometry(): TrendGeometry | null {
    const { width, height, font } = this.size;
    const key = [this.points, width, height, font, this.target, this.margin, this.way, this.metric, this.grainOf(), this.zoneName, this.locale];
    if (this.geo && key.length === this.geoKey.length && key.every((k, i) => Object.is(k, this.geoKey[i]))) return this.geo;
    this.geoKey = key;
    this.geo = null;
    this.geo = trendGeometry({
      points: this.points, width, height, fontPx: font, target: this.target ?? null, margin: this.margin || 0, direction: this.way,
      metric: this.metric, grain: this.grainOf(), timeZone: this.zoneName, locale: this.locale,
    });
    return this.geo;
  }

  private summary(g: TrendGeometry, label: string): string {
    const l = this.locale;
    const last = lastWithValue(this.points)!;
    const parts = [this.s(this.byPeriods() ? 'summaryPeriod' : 'summary', { label, value: formatMetric(this.metric, last.value, l), time: this.periodText(last) })];
    const status = g.points[this.points.lastIndexOf(last)]?.status ?? null;
    if (status) parts[0] += `, ${word(l, status)}`;
    if (this.target !== null && this.target !== undefined) {
      parts.push(this.s('summaryTarget', { way: word(l, this.way === 'higher' ? 'atLeast' : 'atMost'), target: formatMetric(this.metric, this.target, l) }));
      parts.push(this.s(this.byPeriods() ? 'summaryBreachedPeriods' : 'summaryBreached', { breached: g.breached, count: g.counted }));
    }
    if (this.state === 'stale') parts.push(word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) }));
    if (this.partial !== null) parts.push(word(l, 'soFar', { pct: Math.round(this.partial * 100) }));
    return parts.join('; ');
  }

  protected override render() {
    const l = this.locale;
    const label = this.label || metricLabel(this.metric, l);
    let g: TrendGeometry | null = null;
    let zoneError = '';
    try {
      g = this.geometry();
    } catch {
      zoneError = this.s('badZone', { zone: this.zoneName });
    }
    const stateNow: TrendState = zoneError ? 'error' : this.state;
    const drawn = (stateNow === 'ready' || stateNow === 'stale') && g !== null && this.points.some((p) => p.value !== null);
    const last = lastWithValue(this.points);
    const hasTarget = this.target !== null && this.target !== undefined;
    const stateText = stateNow === 'loading' ? (this.progress !== null ? word(l, 'loadingPct', { pct: Math.round(this.progress * 100) }) : word(l, 'loading'))
      : stateNow === 'error' ? zoneError || this.error || word(l, 'error')
      : stateNow === 'stale' && drawn ? word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) })
      : !drawn ? noDataText(l)
      : this.partial !== null ? word(l, 'soFar', { pct: Math.round(this.partial * 100) }) : '';
    const definition = this.definition || this.s('definitionPage', { metric: label, zone: this.zoneName, grain: this.grainText() });
    const stateEl = stateText ? html`<div part="state" data-kind=${drawn ? stateNow : stateNow === 'ready' ? 'no-data' : stateNow} aria-live="polite">${stateText}</div>` : nothing;
    return html`<div class="frame">
      <div part="header" class=${this.size.width && this.size.width < 360 ? 'narrow' : ''}>
        <span part="label">${label}</span>
        ${drawn && last ? html`<span class="latest wide" aria-hidden="true">${this.s('latest')}</span>` : nothing}
        ${drawn && last ? html`<span part="value" aria-hidden="true" data-status=${g?.points[this.points.lastIndexOf(last)]?.status ?? 'none'}>${formatMetric(this.metric, last.value, l)}</span>` : nothing}
        ${hasTarget ? html`<span part="target" aria-hidden="true"><span class="wide">${word(l, 'target')} </span>${this.way === 'higher' ? '≥' : '≤'} ${formatMetric(this.metric, this.target, l)}</span>` : nothing}
        <details part="details" @toggle=${(e: Event) => (this.tableOpen = (e.target as HTMLDetailsElement).open)}>
          <summary title=${this.s('dataLong')}>${this.s('data')}</summary>
          <div class="panel" tabindex="0" role="region" aria-label=${this.s('dataLong')}>
            <p part="definition">${definition}</p>
            ${this.tableOpen && this.points.length ? this.table(label) : nothing}
          </div>
        </details>
      </div>
      <div part="plot">
        ${drawn ? this.chart(g!, label, definition)
          : html`<div class="empty">
              ${stateNow === 'loading' ? html`<progress part="progress" max="1" value=${this.progress ?? nothing} aria-label=${`${label}: ${stateText}`}></progress>` : nothing}
              ${stateEl}
            </div>`}
      </div>
      <div class="footer">
        <span part="readout" aria-hidden="true">${drawn && this.active !== null && this.points[this.active] ? this.describe(this.active) : ''}</span>
        ${drawn ? stateEl : nothing}
      </div>
      <div class="sr" aria-live="polite">${this.announce}</div>
    </div>`;
  }

  private chart(g: TrendGeometry, label: string, definition: string) {
    const { plot } = g;
    const font = this.size.font;
    const base = Math.round(plot.bottom) + 0.5;
    const a = this.active !== null ? g.points[this.active] : null;
    const last = g.points[g.points.length - 1];
    return html`<div part="chart" role="img" tabindex="0" aria-label=${this.summary(g, label)} aria-describedby="keys" title=${definition}
        @keydown=${this.onKey} @pointermove=${this.onMove} @pointerleave=${this.onLeave} @click=${this.onClick}
        @blur=${() => this.highlight(null, false)}>
      <svg width=${g.width} height=${g.height} viewBox=${g.viewBox} aria-hidden="true" focusable="false">
        ${svg`
          <g class="grid">${g.yTicks.map((t) => svg`<line x1=${plot.left} x2=${plot.right} y1=${t.at} y2=${t.at}></line>`)}</g>
          ${g.band ? svg`<rect class="band" x=${g.band.x} y=${g.band.y} width=${g.band.width} height=${g.band.height}></rect>` : nothing}
          ${g.breaches.map((b) => svg`<rect class="breach" x=${b.x} y=${b.y} width=${b.width} height=${b.height}></rect>`)}
          <g class="y-axis">${g.yTicks.map((t) => svg`<text x=${plot.left - Math.round(font * 0.4)} y=${t.at} text-anchor="end" dominant-baseline="middle">${t.label}</text>`)}</g>
          <g class="x-axis">
            <line class="axis" x1=${plot.left} x2=${plot.right} y1=${base} y2=${base}></line>
            ${g.xTicks.map((t) => svg`<line class="tick" x1=${Math.round(g.points[t.index].x) + 0.5} x2=${Math.round(g.points[t.index].x) + 0.5} y1=${base} y2=${base + Math.round(font * 0.35)}></line>
              <text x=${t.at} y=${base + Math.round(font * 1.3)} text-anchor=${t.anchor}>${t.label}</text>`)}
          </g>
          ${g.target !== null ? svg`<line class="target" x1=${plot.left} x2=${plot.right} y1=${g.target} y2=${g.target}></line>` : nothing}
          ${g.line ? svg`<path class="line" d=${g.line}></path>` : nothing}
          ${g.points.filter((p) => p.isolated).map((p) => svg`<circle class="dot" cx=${p.x} cy=${p.y!} r=${Math.max(2, Math.round(font * 0.2))}></circle>`)}
          ${last.y !== null ? svg`<circle class="last" data-status=${last.status ?? 'none'} cx=${last.x} cy=${last.y} r=${Math.max(2.5, Math.round(font * 0.3))}></circle>` : nothing}
          ${a ? svg`<line class="focus" x1=${Math.round(a.x) + 0.5} x2=${Math.round(a.x) + 0.5} y1=${plot.top} y2=${plot.bottom}></line>
            ${a.y !== null ? svg`<circle class="focus-dot" cx=${a.x} cy=${a.y} r=${Math.max(3, Math.round(font * 0.4))}></circle>` : nothing}` : nothing}
        `}
      </svg>
    </div>
    <span id="keys" class="sr">${this.s(this.byPeriods() ? 'keysPeriods' : 'keys')}</span>`;
  }

  private table(label: string) {
    const l = this.locale;
    const statuses = this.geo?.points.map((p) => p.status) ?? [];
    return html`<table part="table">
      <caption>${this.byPeriods() ? this.s('captionPeriods', { label, grain: this.grainText() }) : this.s('caption', { label })}</caption>
      <thead><tr><th scope="col">${this.s(this.byPeriods() ? 'timePeriod' : 'time')}</th><th scope="col">${label}</th><th scope="col">${this.s('status')}</th></tr></thead>
      <tbody>${this.points.map((p, i) => html`<tr data-status=${statuses[i] ?? 'none'}>
        <th scope="row">${this.periodText(p)}</th><td>${formatMetric(this.metric, p.value, l)}</td><td>${statuses[i] ? word(l, statuses[i]!) : '–'}</td>
      </tr>`)}</tbody>
    </table>`;
  }
}

/** The latest period with a value (the figure the header and the summary show). */
function lastWithValue(points: readonly TrendPoint[]): TrendPoint | undefined {
  for (let i = points.length - 1; i >= 0; i--) if (points[i].value !== null) return points[i];
  return undefined;
}

function noDataText(locale: string): string {
  return word(locale, 'noData');
}
