import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SlaDataWidget } from '../common/data-widget.js';
import { scorecardStyles } from './scorecard.styles.js';
import {
  GRAINS, bonusThreshold, formatDelta, formatInterval, formatMoney, formatPeriodRange, formatShare, formatTarget, grainOf, inSentence, isGrain,
  labelOf, metricKey, periodForGrain, shiftPeriod, summaryGeometry, trendWay, worstStatus, type PeriodGrain,
} from './scorecard.model.js';
import { download, scorecardCsv, summarySvg, svgToPng, type SummaryPaint } from './scorecard.export.js';
import { say, type ScorecardKey } from './scorecard.strings.js';
import { formatMetric } from '../common/format.js';
import { definitionWords, exclusionWords, missedWords, scopeWords } from './scorecard.words.js';
import { ago, localeOf, word } from '../common/i18n.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import { findSource } from '../common/find-source.js';
import type { Scorecard, ScorecardMetric } from '../../engine/agreement/evaluate.js';
import type { Status } from '../../engine/agreement/status.js';
import type { ViewResult } from '../../protocol/index.js';
import { saidOf } from '../../engine/ingest/errors.js';
import { errorWords } from '../../l10n/errors.js';

export type ScorecardState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';

/** Detail of `sla-period-change`: the period the user asked for, a key (`2026-01`) or a grain (`week`). */
export interface PeriodChangeDetail {
  period: string;
}

/** Detail of `sla-status-change`: a metric's status moved because new data arrived. */
export interface ScorecardStatusDetail {
  metric: string;
  label: string;
  status: Status | null;
  previous: Status | null;
  value: number | null;
  /** The period the status is for. */
  period: string;
}

/** Detail of `sla-export`: fired before the file is saved; `preventDefault()` to save `blob` yourself. */
export interface ExportDetail {
  format: 'csv' | 'png';
  filename: string;
  blob: Blob;
}

const ICON: Record<Status, string> = { ok: '✓', warn: '!', breach: '✕' };

/**
 * The SLA evaluation for a period (docs/agreement.md): each metric's value, target, status, trend against the
 * previous period, the effect of the excluded intervals, the credit owed and the bonus margin; below it the
 * excluded intervals with their reasons, the credits (capped, in the agreement's currency), the bonus and the
 * escalations due. Day, week, month or quarter, stepped back and forth; printable; exported to CSV (formula
 * injection neutralized) and to PNG drawn from its own SVG summary.
 *
 * With a source (`source="id"` or an ancestor `<sla-source sla="…json">`) it evaluates the source's SLA
 * document whenever the data or the period changes; without one, set `scorecard` to a finished value.
 *
 * @summary The SLA scorecard: targets, status, credits and bonus for a period.
 *
 * @csspart header - the agreement's name and the period
 * @csspart title - the agreement's name
 * @csspart period - the period, its days and the zone
 * @csspart toolbar - the period picker, previous/next and the export buttons (hidden when printed)
 * @csspart picker - the day / week / month / quarter radio group
 * @csspart previous - the previous-period button
 * @csspart next - the next-period button
 * @csspart export-csv - the CSV export button
 * @csspart export-png - the PNG export button
 * @csspart state - loading, no data, stale or error text
 * @csspart table - the metrics table
 * @csspart note - the note on when credits and the bonus are assessed
 * @csspart status-note - the note that each status is the period's own (a closed status, no carry-over)
 * @csspart scope - what the agreement's scope did: contacts left out, dimensions the data could not answer
 * @csspart exclusions - the excluded intervals
 * @csspart credits - the credits owed
 * @csspart bonus - the bonus earned or missed
 * @csspart escalations - the escalations due
 * @csspart definitions - how each figure is computed
 * @csspart export-error - why an export failed
 *
 * @cssproperty --sla-scorecard-font-size - the widget's font size (default: --sla-font-size, else 16px)
 * @cssproperty --sla-color-ok - the colour of ok
 * @cssproperty --sla-color-warn - the colour of warn
 * @cssproperty --sla-color-breach - the colour of breach
 * @cssproperty --sla-color-accent - the bar under the selected period grain
 * @cssproperty --sla-color-track - the table's rules and the selected grain's background
 *
 * @fires sla-period-change - the user picked another period or grain (never when the page sets `period`)
 * @fires sla-status-change - a metric's status changed because new data arrived (never because the page set a property)
 * @fires sla-export - the user exported the scorecard (detail: format, filename, blob); cancelable
 */
export class SlaScorecard extends SlaDataWidget {
  static override styles = scorecardStyles;

  /**
   * The period: a key (`2026-02`, `2026-Q1`, `2026-W05`, `2026-02-14`) or a grain (`day`, `week`, `month`,
   * `quarter`: the period of that grain holding the last contact). Empty: the SLA's first metric's period.
   */
  @property() period = '';
  /** A finished scorecard (no source); set by the widget itself when it has a source. */
  @property({ attribute: false }) scorecard: Scorecard | null = null;
  /** What the widget shows besides the figures: loading, no-data, stale, error. */
  @property({ reflect: true }) state: ScorecardState = 'ready';
  /** The worst status of the metrics, reflected for styling. */
  @property({ reflect: true }) status: Status | null = null;

  /** An evaluation is running (the table is marked busy). */
  @state() private busy = false;
  @state() private noDataNote = '';
  @state() private exportError = '';

  private readonly data = new SourceController(this, () => ({}), (r) => this.fromSource(r));
  private hasSource = false;
  private streamStale = false;
  /** The dataset and version last evaluated (`id#version`): another dataset on the source counts as new data. */
  private lastVersion = '';
  private lastEvalAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  /** The statuses last shown for a request (period spec and agreement): the memory of sla-status-change. */
  private memory: { spec: string; sla: string; statuses: Map<string, Status | null> } | null = null;
  /** The latest period key of each grain (learned when a grain was asked for): "next" stops there. */
  private latest: Partial<Record<PeriodGrain, string>> = {};

  /** Evaluates again when the source is given another agreement. */
  private readonly onAgreement = () => this.schedule(true);
  private agreementSource: EventTarget | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void findSource(this, this.source).then((src) => {
      if (!this.isConnected || !src) return;
      this.agreementSource?.removeEventListener('sla-agreement-change', this.onAgreement);
      this.agreementSource = src;
      src.addEventListener('sla-agreement-change', this.onAgreement);
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.agreementSource?.removeEventListener('sla-agreement-change', this.onAgreement);
    this.agreementSource = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.seq++;
    this.busy = false;
    this.lastVersion = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scorecard')) this.status = worstStatus(this.scorecard);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source') && changed.get('source') !== undefined) {
      this.lastVersion = '';
      void this.data.resubscribe();
    }
    if (changed.has('period') && changed.get('period') !== undefined && this.hasSource) this.schedule(true);
  }


  // ------------------------------------------------------------------------------------------------------------
  // Data

  private fromSource(r: ViewResult): void {
    this.hasSource = true;
    const status = viewStatus(r, this.locale);
    this.progress = status.progress;
    // Money is counted on the whole file: the scorecard waits for the reading to end (no figures so far).
    if (status.state === 'loading' || status.partial !== null) {
      this.state = 'loading';
      return;
    }
    if (status.state === 'error') {
      this.error = status.error || word(this.locale, 'error');
      this.state = 'error';
      return;
    }
    this.streamStale = status.state === 'stale';
    this.updatedAt = status.updatedAt;
    const tot = r.totals;
    const contacts = tot ? tot.offered + tot.flowout + tot.callback + tot.voicemail : 0;
    if (contacts === 0) {
      this.seq++;
      this.busy = false;
      this.scorecard = null;
      this.noDataNote = say(this.locale, 'noContacts');
      this.state = 'no-data';
      this.lastVersion = `${r.status.id}#${r.version}`;
      return;
    }
    this.noDataNote = '';
    if (this.scorecard && this.state !== 'loading' && this.state !== 'error') this.state = this.settled(this.scorecard);
    const seen = `${r.status.id}#${r.version}`;
    if (seen !== this.lastVersion) {
      this.lastVersion = seen;
      this.schedule(this.scorecard === null);
    }
  }

  /** The state a scorecard from the data shows: stale when the stream is, no data when no metric has a value. */
  private settled(sc: Scorecard): ScorecardState {
    return this.streamStale ? 'stale' : sc.metrics.every((m) => m.value === null) ? 'no-data' : 'ready';
  }

  /** Evaluates now (a new period) or at most every `throttle` ms (new data). */
  private schedule(now: boolean): void {
    if (this.timer) clearTimeout(this.timer);
    const wait = now ? 0 : Math.max(0, this.lastEvalAt + this.throttle - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.evaluate();
    }, wait);
  }

  /** Evaluates the source's SLA document again now (after the page changed the source's `slaDocument`, say). */
  async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.evaluate();
  }

  private async evaluate(): Promise<void> {
    const source = await findSource(this, this.source);
    if (!source || !this.isConnected) return;
    const spec = this.period.trim();
    const seq = ++this.seq;
    this.lastEvalAt = Date.now();
    this.busy = true;
    try {
      const sc = await source.scorecard({ period: spec || undefined });
      if (seq !== this.seq) return;
      this.applyScorecard(sc, spec);
      this.state = this.settled(sc);
    } catch (e) {
      if (seq !== this.seq) return;
      this.error = errorWords(saidOf(e), this.locale);
      this.state = 'error';
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  /**
   * A new scorecard from the data: a metric whose status differs from the one shown for the same request (the
   * same period or grain, the same agreement) fires `sla-status-change`; so does the first scorecard from the
   * data. A new period asked for (by the user or the page) starts the memory afresh, silently. A page that sets
   * `scorecard` itself gets no event.
   */
  applyScorecard(sc: Scorecard, spec: string = this.period.trim()): void {
    const before = this.memory;
    const statuses = new Map(sc.metrics.map((m) => [metricKey(m), m.status]));
    const fires = before === null || (before.spec === spec && before.sla === sc.sla);
    this.memory = { spec, sla: sc.sla, statuses };
    if (spec === '' || isGrain(spec)) this.latest = { ...this.latest, [sc.period.grain]: sc.period.key };
    this.scorecard = sc;
    if (!fires) return;
    for (const m of sc.metrics) {
      const previous = before?.statuses.get(metricKey(m)) ?? null;
      if (m.status === previous) continue;
      this.dispatchEvent(new CustomEvent<ScorecardStatusDetail>('sla-status-change', {
        detail: { metric: m.metric, label: m.label, status: m.status, previous, value: m.value, period: sc.period.key }, bubbles: true, composed: true,
      }));
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // The user's period

  private askPeriod(period: string): void {
    if (period === this.period) return;
    this.period = period;
    this.dispatchEvent(new CustomEvent<PeriodChangeDetail>('sla-period-change', { detail: { period }, bubbles: true, composed: true }));
  }

  private onGrain(e: Event): void {
    const g = (e.target as HTMLInputElement).value as PeriodGrain;
    const sc = this.scorecard;
    this.askPeriod(periodForGrain(sc ? { key: sc.period.key, grain: sc.period.grain as PeriodGrain } : null, g, this.latest));
  }

  private step(steps: number): void {
    const sc = this.scorecard;
    if (!sc) return;
    this.askPeriod(shiftPeriod(sc.period.key, steps));
  }

  private get atLatest(): boolean {
    const sc = this.scorecard;
    const l = sc ? this.latest[sc.period.grain as PeriodGrain] : undefined;
    return sc !== null && l !== undefined && sc.period.key >= l;
  }

  // ------------------------------------------------------------------------------------------------------------
  // Exports

  private must(): Scorecard {
    if (!this.scorecard) throw new Error(say(this.locale, 'nothingToExport'));
    return this.scorecard;
  }

  /** The scorecard as CSV text (RFC 4180; formula injection neutralized; see scorecard.export.ts). */
  toCsv(): string {
    return scorecardCsv(this.must(), this.locale);
  }

  /** The colours and the font the widget shows now, resolved (a theme's variables, forced colours). */
  private paint(): SummaryPaint {
    const root = this.shadowRoot!;
    const probe = document.createElement('span');
    probe.style.display = 'none';
    root.append(probe);
    const colour = (v: string) => {
      probe.style.color = '';
      probe.style.color = `var(${v})`;
      return getComputedStyle(probe).color;
    };
    const p: SummaryPaint = {
      fg: colour('--_fg'), muted: colour('--_muted'), ok: colour('--_ok'), warn: colour('--_warn'), breach: colour('--_breach'),
      rule: colour('--_track'), bg: '', font: getComputedStyle(this).fontFamily || 'system-ui, sans-serif',
    };
    probe.style.color = '';
    probe.style.backgroundColor = 'var(--_bg)';
    let bg = getComputedStyle(probe).backgroundColor;
    probe.remove();
    // A transparent widget shows what is behind it: the nearest painted background up the tree, else white.
    for (let n: Element | null = this; transparent(bg) && n; ) {
      n = n.parentElement ?? ((n.getRootNode() as ShadowRoot).host ?? null);
      if (n) bg = getComputedStyle(n).backgroundColor;
    }
    p.bg = transparent(bg) ? '#ffffff' : bg;
    return p;
  }

  /** The SVG summary of the scorecard (title, period, a row per metric, credits), colours and font inlined. */
  summarySvg(): SVGSVGElement {
    const sc = this.must();
    return summarySvg(summaryGeometry(sc, this.locale), this.paint(), `${sc.sla}: ${sc.period.key}`);
  }

  /** The SVG summary drawn as a PNG (twice its CSS size, for sharp print and screens). */
  async toPng(): Promise<Blob> {
    const sc = this.must();
    const g = summaryGeometry(sc, this.locale);
    return svgToPng(summarySvg(g, this.paint(), `${sc.sla}: ${sc.period.key}`), g.width, g.height, 2);
  }

  private async exportAs(format: 'csv' | 'png'): Promise<void> {
    this.exportError = '';
    try {
      const sc = this.must();
      const filename = `sla-scorecard-${sc.period.key.replace(/[^\w-]/g, '_')}.${format}`;
      const blob = format === 'csv' ? new Blob(['\uFEFF', this.toCsv()], { type: 'text/csv;charset=utf-8' }) : await this.toPng();
      const go = this.dispatchEvent(new CustomEvent<ExportDetail>('sla-export', { detail: { format, filename, blob }, bubbles: true, composed: true, cancelable: true }));
      if (go) download(blob, filename);
    } catch (e) {
      this.exportError = say(this.locale, 'exportFailed', { message: (e as Error)?.message ?? String(e) });
    }
  }

  // ------------------------------------------------------------------------------------------------------------
  // Rendering

  protected override render() {
    const l = this.locale;
    const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(l, k, v);
    const sc = this.scorecard;
    const showTable = sc !== null && this.state !== 'loading' && this.state !== 'error';
    const grain: PeriodGrain | null = sc && isGrain(sc.period.grain) ? sc.period.grain : grainOf(this.period.trim());
    const prevKey = sc ? shiftPeriod(sc.period.key, -1) : null;
    const nextKey = sc ? shiftPeriod(sc.period.key, 1) : null;
    const stateText = this.state === 'loading' ? (this.progress !== null ? word(l, 'loadingPct', { pct: Math.round(this.progress * 100) }) : word(l, 'loading'))
      : this.state === 'error' ? this.error || word(l, 'error')
      : !sc ? this.noDataNote || word(l, 'noData')
      : sc.metrics.every((m) => m.value === null) ? s('noDataPeriod', { period: sc.period.key })
      : this.state === 'stale' ? word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) })
      : '';
    const kind = this.state === 'loading' || this.state === 'error' || this.state === 'stale' ? this.state : 'no-data';
    return html`
      <div part="header">
        <div part="title">${sc?.sla ?? s('title')}</div>
        ${sc ? html`<div part="period">${sc.period.key} · ${isGrain(sc.period.grain) ? s(sc.period.grain) : sc.period.grain} · ${formatPeriodRange(sc, l)} · ${sc.timeZone}</div>` : nothing}
      </div>
      <div part="toolbar">
        <fieldset part="picker">
          <legend>${s('periodLegend')}</legend>
          <div class="seg">
            ${GRAINS.map((g) => html`<label><input type="radio" name="grain" value=${g} .checked=${grain === g} @change=${this.onGrain}>${s(g)}</label>`)}
          </div>
        </fieldset>
        <button part="previous" type="button" ?disabled=${!sc} aria-label=${prevKey ? s('previousTo', { key: prevKey }) : s('previous')} @click=${() => this.step(-1)}>‹ ${prevKey ?? ''}</button>
        <button part="next" type="button" ?disabled=${!sc || this.atLatest} aria-label=${nextKey ? s('nextTo', { key: nextKey }) : s('next')} @click=${() => this.step(1)}>${nextKey ?? ''} ›</button>
        <span class="spacer"></span>
        <button part="export-csv" type="button" ?disabled=${!showTable} @click=${() => this.exportAs('csv')}>${s('exportCsv')}</button>
        <button part="export-png" type="button" ?disabled=${!showTable} @click=${() => this.exportAs('png')}>${s('exportPng')}</button>
      </div>
      ${this.exportError ? html`<div part="export-error" role="alert">${this.exportError}</div>` : nothing}
      <div part="state" data-kind=${kind} aria-live="polite">${stateText}</div>
      ${showTable ? this.renderScorecard(sc!, l) : nothing}
    `;
  }

  private renderScorecard(sc: Scorecard, l: string) {
    const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(l, k, v);
    const unassessed = [...new Set(sc.metrics.filter((m) => m.credit === null).map((m) => m.period))];
    const labelFor = (metric: string) => {
      const m = sc.metrics.find((x) => x.metric === metric);
      return m ? labelOf(m, l) : metric;
    };
    const c = sc.credits;
    return html`
      <div class="table-scroll" tabindex="0" role="region" aria-label=${s('caption', { sla: sc.sla, period: sc.period.key })}>
      <table part="table" class="stack" aria-busy=${this.busy ? 'true' : 'false'}>
        <caption>${s('caption', { sla: sc.sla, period: sc.period.key })}</caption>
        <thead>
          <tr>
            <th scope="col">${s('metric')}</th>
            <th scope="col">${s('value')}</th>
            <th scope="col">${s('target')}</th>
            <th scope="col" class="status">${s('status')}</th>
            <th scope="col">${s('trend', { previous: sc.previousPeriod })}</th>
            <th scope="col">${s('withoutExclusions')}</th>
            <th scope="col">${s('credit')}</th>
            ${sc.bonus ? html`<th scope="col">${s('bonus')}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${sc.metrics.map((m) => this.renderRow(sc, m, l))}
        </tbody>
      </table>
      </div>
      ${unassessed.length ? html`<p part="note">${s('assessedNote', { periods: unassessed.map((p) => inSentence(isGrain(p) ? s(p) : p, l)).join(', ') })}</p>` : nothing}
      ${sc.metrics.some((m) => m.statusKind === 'closed') ? html`<p part="status-note">${s('statusNote')}</p>` : nothing}
      ${sc.scope ? html`<p part="scope"><span class="section-title">${s('scopeTitle')}: </span>${scopeWords(sc.scope, l).join(' ')}</p>` : nothing}
      <div class="sections">
        <div part="exclusions">
          ${sc.exclusions.length
            ? html`<table>
                <caption>${s('exclusions')}</caption>
                <thead><tr><th scope="col">${s('from')} – ${s('to')} (${sc.timeZone})</th><th scope="col" class="text">${s('queue')}</th><th scope="col" class="text">${s('reason')}</th><th scope="col">${s('contacts')}</th></tr></thead>
                <tbody>
                  ${sc.exclusions.map((e) => html`<tr>
                    <th scope="row">${formatInterval(e.start, e.end, sc.timeZone, l)}</th>
                    <td class="text">${e.queue ?? s('allQueues')}</td>
                    <td class="text">${exclusionWords(e, l)}</td>
                    <td>${formatMetric('offered', e.contacts, l)}</td>
                  </tr>`)}
                </tbody>
              </table>`
            : html`<p class="section-title">${s('exclusions')}</p><p class="muted">${s('noExclusions')}</p>`}
        </div>
        <div part="credits">
          <p class="section-title">${s('credits')}</p>
          <dl>
            <dt>${s('creditsTotal')}</dt><dd>${s('ofFee', { pct: formatShare(c.total, l) })}</dd>
            <dt>${s('creditsCap')}</dt><dd>${c.cap === null ? s('noCap') : formatShare(c.cap, l)}</dd>
            <dt>${s('creditsOwed')}</dt><dd class=${c.owed > 0 ? 'owed' : ''}>${s('ofFee', { pct: formatShare(c.owed, l) })}${c.capped ? ` (${s('capped')})` : ''}</dd>
            ${c.amount !== null ? html`<dt>${s('creditsAmount')}</dt><dd class=${c.owed > 0 ? 'owed' : ''}>${formatMoney(c.amount, c.currency, l)}</dd>` : nothing}
          </dl>
        </div>
        ${sc.bonus ? html`<div part="bonus">
          <p class="section-title">${s('bonusTitle')}</p>
          <p>${sc.bonus.earned
            ? html`<span aria-hidden="true">✓ </span>${s('bonusEarned', { pct: formatShare(sc.bonus.amount, l) })}${sc.bonus.money !== null ? ` (${formatMoney(sc.bonus.money, c.currency, l)})` : ''}`
            : html`<span aria-hidden="true">✕ </span>${s('bonusMissed', { pct: formatShare(sc.bonus.amount, l) })}`}</p>
          ${sc.bonus.missed.length ? html`<ul>${sc.bonus.missed.map((x) => html`<li>${labelFor(x.metric)}: ${missedWords(sc, x, l)}</li>`)}</ul>` : nothing}
        </div>` : nothing}
        <div part="escalations">
          <p class="section-title">${s('escalations')}</p>
          ${sc.escalations.length
            ? html`<ul>${sc.escalations.map((e) => html`<li>${labelFor(e.metric)} — ${s('escalation', {
                severity: s(e.severity), owner: e.owner ?? s('noOwner'), minutes: e.responseMinutes === null ? '–' : formatMetric('offered', e.responseMinutes, l),
              })}</li>`)}</ul>`
            : html`<p class="muted">${s('noEscalations')}</p>`}
        </div>
        <div part="definitions">
          <p class="section-title">${s('definitions')}</p>
          <dl>
            ${sc.metrics.map((m) => html`<dt>${labelOf(m, l)}</dt><dd>${this.definitionOf(sc, m, l)}</dd>`)}
          </dl>
        </div>
      </div>
    `;
  }

  private definitionOf(sc: Scorecard, m: ScorecardMetric, l: string): string {
    const parts = [definitionWords(m, l), say(l, 'periodOf', { grain: isGrain(m.period) ? inSentence(say(l, m.period), l) : m.period }), say(l, 'zone', { zone: sc.timeZone })];
    if (m.baseline && m.baseline.value !== null) parts.push(say(l, 'baseline', { from: m.baseline.from, to: m.baseline.to, value: formatMetric(m.metric, m.baseline.value, l) }));
    return parts.join(' · ');
  }

  private renderRow(sc: Scorecard, m: ScorecardMetric, l: string) {
    const s = (k: ScorecardKey, v?: Record<string, string | number>) => say(l, k, v);
    const way = trendWay(m);
    const bonusAt = bonusThreshold(m);
    const definition = this.definitionOf(sc, m, l);
    return html`<tr data-status=${m.status ?? 'none'} data-metric=${m.metric}>
      <th scope="row" title=${definition}>${labelOf(m, l)}</th>
      <td class="value" data-label=${s('value')}>${formatMetric(m.metric, m.value, l)}</td>
      <td data-label=${s('target')}>${formatTarget(m.metric, m.direction, m.target, l)}</td>
      <td class="status" data-label=${s('status')}>${m.status ? html`<span class="icon" aria-hidden="true">${ICON[m.status]} </span>${word(l, m.status)}` : html`<span class="muted">${word(l, 'noData')}</span>`}</td>
      <td class="trend" data-way=${way ?? 'none'} data-label=${s('trend', { previous: sc.previousPeriod })}>${way === null ? html`<span class="muted">–</span>`
        : html`<span aria-hidden="true">${way === 'better' ? '▲' : way === 'worse' ? '▼' : '▶'} </span>${formatDelta(m.metric, m.trend, l)}<span class="sr"> (${s(way)})</span>`}</td>
      <td data-label=${s('withoutExclusions')}>${m.valueWithoutExclusions === null ? html`<span class="muted">–</span>` : `${formatMetric(m.metric, m.valueWithoutExclusions, l)} (${formatDelta(m.metric, m.exclusionEffect, l)})`}</td>
      <td class=${m.credit ? 'owed' : ''} data-label=${s('credit')}>${m.credit === null ? html`<span class="muted">${s('notAssessed')}</span>` : formatShare(m.credit, l)}</td>
      ${sc.bonus ? html`<td data-label=${s('bonus')}>${m.bonusMet === null ? html`<span class="muted">${s('notAssessed')}</span>`
        : html`${m.bonusMet ? s('met') : s('missed')}${bonusAt !== null ? ` (${formatTarget(m.metric, m.direction, bonusAt, l)})` : ''}`}</td>` : nothing}
    </tr>`;
  }
}

function transparent(colour: string): boolean {
  return colour === '' || colour === 'transparent' || /^rgba\(.*,\s*0\)$/.test(colour) || /\/\s*0\)$/.test(colour);
}
