import { html, svg, nothing, type PropertyValues } from 'lit';
import { property, state as internalState } from 'lit/decorators.js';
import { SlaDataWidget } from '../common/data-widget.js';
import { gaugeStyles } from './gauge.styles.js';
import { gaugeGeometry, gaugeScale } from './gauge.geometry.js';
import { formatMetric, noData, unitOf } from '../common/format.js';
import { ago, definitionLine, localeOf, metricLabel, word } from '../common/i18n.js';
import { closedStatus, liveStatus, type Direction, type Status, type StatusKind } from '../../engine/agreement/status.js';
import { directionFor, figureOf } from '../../engine/metric-info.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import type { ViewResult } from '../../protocol/index.js';

export type GaugeState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';

/** Detail of `sla-status-change`. */
export interface StatusChangeDetail {
  metric: string;
  status: Status | null;
  previous: Status | null;
  value: number | null;
}

/** Each status by a shape as well as a colour (never by colour alone): a check, a triangle, a cross. */
const STATUS_MARK: Record<Status, string> = { ok: '✓', warn: '▲', breach: '✕' };

/**
 * One metric against its target: an arc with the target marker and the warning band, the value, the label,
 * the status colour and the trend against the previous period.
 *
 * @summary A service-level gauge, readable from across the floor.
 *
 * @csspart meter - the role="meter" wrapper (arc, value, label)
 * @csspart value - the figure
 * @csspart label - the label
 * @csspart target - the target line under the label
 * @csspart trend - the change against the previous period
 * @csspart status - the status in words beside its mark (✓ on target, ▲ near the target, ✕ in breach), never by colour alone
 * @csspart state - loading, no data, stale or error text
 *
 * @cssproperty --sla-gauge-size - the gauge's width (default 12em)
 * @cssproperty --sla-gauge-value-size - the figure's font size (default 1.6em)
 * @cssproperty --sla-color-ok - the colour of ok
 * @cssproperty --sla-color-warn - the colour of warn
 * @cssproperty --sla-color-breach - the colour of breach
 * @cssproperty --sla-color-track - the arc's track
 * @cssproperty --sla-color-band - the warning band
 *
 * @fires sla-status-change - the status changed because of new data (never because the page set a property)
 */
export class SlaGauge extends SlaDataWidget {
  static override styles = gaugeStyles;

  /** The metric's name (docs/metrics.md §9), e.g. serviceLevel, asa, abandonRate. */
  @property({ reflect: true }) metric = 'serviceLevel';
  /** The value in the metric's unit (0.82 for 82 %); null for no data. */
  @property({ type: Number }) value: number | null = null;
  /** The target in the metric's unit. */
  @property({ type: Number }) target: number | null = null;
  /** The warning margin in the metric's unit. */
  @property({ type: Number }) margin = 0;
  /** Which way is better; defaults to the metric's. */
  @property() direction: Direction | undefined;
  /** The label for people ("Service level 80/20"); defaults to the metric's name. */
  @property() label = '';
  /** The previous period's value, for the trend. */
  @property({ type: Number }) previous: number | null = null;
  /** What the widget shows besides the figure: loading, no-data, stale, error. */
  @property({ reflect: true }) state: GaugeState = 'ready';
  /** The definition that produced the figure (preset, threshold, period, zone), shown as the tooltip. */
  @property() definition = '';
  /** The status, reflected for styling; derived from value, target and margin by the rule of `status-kind`. */
  @property({ reflect: true }) status: Status | null = null;
  /**
   * Which status the gauge shows (docs/agreement.md): `live` (default), with hysteresis — after a breach the
   * figure must clear half a margin past the target — for figures that move while watched; `closed` for a
   * finished period's figure, judged on its own value alone. The tooltip says which.
   */
  @property({ attribute: 'status-kind', reflect: true }) statusKind: StatusKind = 'live';
  /** Only this queue's contacts (default: all in the source). */
  @property() queue: string | null = null;
  /** Whose figures do not give this metric (a vendor's aggregates, docs/parts.md), said in place of "no data". */
  @internalState() private notGivenBy = '';

  private readonly data = new SourceController(this, () => ({ filter: this.queue ? { queue: [this.queue] } : undefined }), (r) => this.fromSource(r));

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('source') && changed.get('source') !== undefined) || (changed.has('queue') && changed.get('queue') !== undefined)) void this.data.resubscribe();
  }

  private fromSource(r: ViewResult): void {
    const live = ['waiting', 'longestWait', 'projectedServiceLevel'].includes(this.metric);
    let value: number | null = null;
    if (live) {
      const qs = r.live?.queues.filter((q) => !this.queue || q.queue === this.queue) ?? [];
      const v = qs.map((q) => figureOf(q, this.metric)).filter((x): x is number => x !== null);
      value = v.length ? (this.metric === 'waiting' ? v.reduce((a, b) => a + b, 0) : this.metric === 'longestWait' ? Math.max(...v) : v[0]) : null;
    } else value = figureOf(r.totals, this.metric);
    const { state, error, progress, updatedAt, partial } = viewStatus(r, this.locale);
    this.notGivenBy = r.notGiven?.metrics.includes(this.metric) ? r.notGiven.source : '';
    this.progress = progress;
    this.partial = partial;
    this.error = error;
    const d = r.definitions;
    this.applyData({
      value: state === 'loading' || state === 'error' ? null : value,
      state,
      updated: updatedAt,
      definition: definitionLine(localeOf(this), this.metric, d),
    });
  }

  private get way(): Direction {
    return directionFor(this.metric, this.direction);
  }


  /** What the gauge showed when it last drew: a live figure that moves less than that draws nothing. */
  private shown = '';

  /**
   * What the gauge shows of its figure: the figure as written, the arc to a thousandth of its scale, the trend and,
   * when stale, how long ago. A source updates the figure and its time every second; when neither changes what
   * is drawn (most seconds, on most gauges of a wallboard), the gauge does no render and no layout.
   */
  private shownOfFigure(): string {
    const l = this.locale;
    const { min, max } = gaugeScale(unitOf(this.metric), this.value, this.target);
    const at = this.value === null ? '' : Math.round(Math.min(1, Math.max(0, (this.value - min) / (max - min || 1))) * 1000);
    const trend = this.previous !== null && this.value !== null ? formatMetric(this.metric, this.value - this.previous, l) : '';
    return `${l}|${formatMetric(this.metric, this.value, l)}|${min}|${max}|${at}|${trend}|${this.state === 'stale' ? ago(this.updatedAt, l) : ''}`;
  }

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    if (!this.hasUpdated || ![...changed.keys()].every((k) => k === 'value' || k === 'updatedAt')) return true;
    // A page's own new value may change the status although the figure reads the same (willUpdate sets it).
    if (changed.has('value') && this.statusFor(this.status) !== this.status) return true;
    return this.shownOfFigure() !== this.shown;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('target') || changed.has('margin') || changed.has('direction') || changed.has('metric') || changed.has('statusKind') || changed.has('partial')) {
      this.status = this.statusFor(this.status);
    }
  }

  /** The status of the value now, given the one shown before (ignored for a closed status). */
  private statusFor(before: Status | null): Status | null {
    // A figure so far is judged against nothing: a half-read file is neither in breach nor on target.
    if (this.target === null || this.partial !== null) return null;
    const t = { target: this.target, margin: this.margin, direction: this.way };
    return this.statusKind === 'closed' ? closedStatus(this.value, t) : liveStatus(this.value, t, before);
  }

  /** The rule behind the status, for the tooltip: live (with the bound a breach must clear) or closed. */
  private statusRule(l: string): string {
    if (this.target === null) return '';
    if (this.statusKind === 'closed') return word(l, 'statusClosed');
    const bound = this.way === 'higher' ? this.target + this.margin / 2 : this.target - this.margin / 2;
    return word(l, 'statusLive', { bound: `${this.way === 'higher' ? '≥' : '≤'} ${formatMetric(this.metric, bound, l)}` });
  }

  /**
   * New figures from the data (a source, a stream): the status changes fire `sla-status-change`. A page that
   * sets properties itself gets no event.
   */
  applyData(data: { value: number | null; previous?: number | null; state?: GaugeState; updated?: number | null; definition?: string }): void {
    const before = this.status;
    this.value = data.value;
    if (data.previous !== undefined) this.previous = data.previous;
    if (data.state) this.state = data.state;
    if (data.updated !== undefined) this.updatedAt = data.updated;
    if (data.definition !== undefined) this.definition = data.definition;
    const after = this.statusFor(before);
    this.status = after;
    if (after !== before) {
      this.dispatchEvent(new CustomEvent<StatusChangeDetail>('sla-status-change', {
        detail: { metric: this.metric, status: after, previous: before, value: this.value }, bubbles: true, composed: true,
      }));
    }
  }

  /** Why there is no figure: the data has none, or its source does not give this one. */
  private absent(l: string): string {
    return this.notGivenBy ? word(l, 'notGivenBy', { source: this.notGivenBy }) : noData(l);
  }

  private spoken(): string {
    const l = this.locale;
    const label = this.label || metricLabel(this.metric, l);
    if (this.state === 'loading') return `${label}: ${word(l, 'loading')}`;
    if (this.state === 'error') return `${label}: ${word(l, 'error')}, ${this.error}`;
    if (this.value === null || this.state === 'no-data') return `${label}: ${this.absent(l)}`;
    const target = this.target === null ? '' : `, ${word(l, 'target')} ${word(l, this.way === 'higher' ? 'atLeast' : 'atMost')} ${formatMetric(this.metric, this.target, l)}`;
    const status = this.status ? `, ${word(l, this.status)}` : '';
    const stale = this.state === 'stale' ? `, ${word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) })}`
      : this.partial !== null ? `, ${word(l, 'soFar', { pct: Math.round(this.partial * 100) })}` : '';
    return `${label}: ${formatMetric(this.metric, this.value, l)}${target}${status}${stale}`;
  }

  protected override render() {
    const l = this.locale;
    this.shown = this.shownOfFigure();
    const unit = unitOf(this.metric);
    const { min, max } = gaugeScale(unit, this.value, this.target);
    const g = gaugeGeometry({ value: this.state === 'ready' || this.state === 'stale' ? this.value : null, min, max, target: this.target, margin: this.margin, direction: this.way });
    const label = this.label || metricLabel(this.metric, l);
    // A meter needs a value: without one (loading, no data, error) the wrapper is a labelled group that says why.
    const hasValue = this.value !== null && (this.state === 'ready' || this.state === 'stale');
    const trend = this.previous !== null && this.value !== null ? this.value - this.previous : null;
    const better = trend === null ? null : this.way === 'higher' ? trend > 0 : trend < 0;
    const stateText = this.state === 'loading' ? (this.progress !== null ? word(l, 'loadingPct', { pct: Math.round(this.progress * 100) }) : word(l, 'loading'))
      : this.state === 'error' ? this.error || word(l, 'error')
      : this.state === 'stale' ? word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) })
      : this.state === 'no-data' || this.value === null ? this.absent(l)
      : this.partial !== null ? word(l, 'soFar', { pct: Math.round(this.partial * 100) }) : '';
    return html`
      <div part="meter" role=${hasValue ? 'meter' : 'group'} aria-label=${hasValue ? label : this.spoken()}
        aria-valuemin=${hasValue ? min : nothing} aria-valuemax=${hasValue ? max : nothing}
        aria-valuenow=${hasValue ? this.value! : nothing} aria-valuetext=${hasValue ? this.spoken() : nothing} title=${[this.definition, this.statusRule(l)].filter(Boolean).join('\n') || nothing}>
        <svg viewBox=${g.viewBox} aria-hidden="true">
          ${svg`<path class="track" d=${g.track}></path>`}
          ${g.band ? svg`<path class="band" d=${g.band}></path>` : nothing}
          ${g.value ? svg`<path class="value" d=${g.value}></path>` : nothing}
          ${g.marker ? svg`<line class="marker" x1=${g.marker.x1} y1=${g.marker.y1} x2=${g.marker.x2} y2=${g.marker.y2}></line>` : nothing}
        </svg>
        <div part="value" aria-hidden="true">${(this.state === 'ready' || this.state === 'stale') && this.value !== null ? formatMetric(this.metric, this.value, l) : '–'}</div>
        <div part="label" aria-hidden="true">${label}</div>
        ${this.target !== null ? html`<div part="target" aria-hidden="true">${word(l, 'target')} ${this.way === 'higher' ? '≥' : '≤'} ${formatMetric(this.metric, this.target, l)}</div>` : nothing}
        ${this.status && hasValue ? html`<div part="status" data-status=${this.status} aria-hidden="true"><span class="mark">${STATUS_MARK[this.status]}</span> ${word(l, this.status)}</div>` : nothing}
        ${trend !== null ? html`<div part="trend" aria-hidden="true">${better ? '▲' : trend === 0 ? '▶' : '▼'} ${formatMetric(this.metric, Math.abs(trend), l)} ${word(l, 'vsPrevious')}</div>` : nothing}
        ${stateText ? html`<div part="state" data-kind=${this.partial !== null && this.state === 'ready' ? 'partial' : this.state} aria-live="polite">${stateText}</div>` : nothing}
      </div>
    `;
  }
}
