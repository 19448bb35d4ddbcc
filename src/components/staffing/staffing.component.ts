import { html, svg, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { SlaDataWidget } from '../common/data-widget.js';
import { live } from 'lit/directives/live.js';
import { staffingStyles } from './staffing.styles.js';
import {
  DEFAULT_VALUES, FIELDS, INTERVAL_CHOICES, MODELS, type StaffingModel, calculate, calculationKey, fieldText, fractionFromAttribute, hasStates,
  intervalChart, intervalDays, intervalRows, parseField, splitSl, type Calculation, type Field, type FormValues,
} from './staffing.model.js';
import { hasKey, t as tIn } from '../../l10n/index.js';
import { STAFFING, type StaffingKey } from '../../l10n/staffing.js';
import { dateTimeFormat, formatMetric, numberFormat } from '../common/format.js';
import { ago, localeOf, t, word } from '../common/i18n.js';
import { SourceController, viewStatus } from '../common/source-controller.js';
import { findSource } from '../common/find-source.js';
import type { StaffingInput, StaffingResult, StaffingRow } from '../../engine/erlang/erlang-c.js';
import type { ObservedStaffing } from '../../engine/erlang/observed.js';
import type { ViewResult } from '../../protocol/index.js';
import { saidOf } from '../../engine/ingest/errors.js';
import { errorWords } from '../../l10n/errors.js';

export type StaffingState = 'ready' | 'loading' | 'no-data' | 'error' | 'stale';

/** Detail of `sla-staffing-change`: the calculator after a person changed a field. */
export interface StaffingChangeDetail {
  /** The field the person changed. */
  field: Field;
  /** Every field as typed (screen units: %, seconds, minutes). */
  values: FormValues;
  /** The engine's input (fractions and seconds, docs/metrics.md §9), or null while a field is wrong. */
  input: StaffingInput | null;
  /** The engine's answer for it, or null while a field is wrong. */
  result: StaffingResult | null;
  /** The staffing levels around the required one (N − 2 … N + 3). */
  rows: StaffingRow[];
  /** What is wrong, per field, in the widget's language. */
  errors: Partial<Record<Field, string>>;
}

/** A fraction (0.3) or a percentage ("30%") in an attribute. */
const fractionConverter = {
  fromAttribute: (v: string | null) => fractionFromAttribute(v),
  toAttribute: (v: number | null) => (v === null ? null : String(v)),
};

function fmt(locale: string) {
  return {
    erlangs: numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    agents: numberFormat(locale, { maximumFractionDigits: 1 }),
    gap: numberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }),
    day: dateTimeFormat(locale, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }),
  };
}

/** A local day key (2026-01-05) for people, as a calendar date (no zone shift: it already is the data's day). */
function dayLabel(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return Number.isFinite(y) && Number.isFinite(m) && Number.isFinite(d) ? fmt(locale).day.format(new Date(Date.UTC(y, m - 1, d))) : day;
}

/**
 * The staffing calculator (Erlang C, or Erlang A with callers' patience): contacts per interval, AHT and the service-level target give the agents required
 * (and to schedule after shrinkage) with the service level, ASA and occupancy they reach, and the levels around
 * them. With an `<sla-source>` it also shows, per interval of a day, the agents the observed volume required
 * beside the agents present. Every figure comes from the engine (src/engine/erlang).
 *
 * @summary Staffing: how many agents a volume needs, and how many there were.
 *
 * @csspart form - the calculator's form
 * @csspart field - a field (label, control, message)
 * @csspart message - a field's error message
 * @csspart result - the live region with the calculator's figures
 * @csspart figure - one figure of the result
 * @csspart table - the service at N − 2 … N + 3 agents
 * @csspart intervals - the per-interval section (with a source)
 * @csspart intervals-title - the per-interval section's title
 * @csspart day - the day chooser of the per-interval section
 * @csspart chart - the required-versus-present chart
 * @csspart interval-table - the per-interval table
 * @csspart note - notes under the per-interval table (under-staffed count, no agent states)
 * @csspart state - loading, no data, stale or error text of the per-interval section
 *
 * @cssproperty --sla-staffing-figure-size - the required agents' font size (default 2em)
 * @cssproperty --sla-color-ok - the colour of intervals with enough agents
 * @cssproperty --sla-color-breach - the colour of under-staffed intervals
 * @cssproperty --sla-color-accent - the required row and the required line
 * @cssproperty --sla-color-track - the present-agents bars
 *
 * @fires sla-staffing-change - a person committed a change to a field (Enter, leaving the field, an arrow step, a choice in the list): detail has the inputs and the engine's result; never when the page sets a property or attribute
 */
export class SlaStaffing extends SlaDataWidget {
  static override styles = staffingStyles;

  /** Contacts offered per interval (a preset; the person may change it). */
  @property({ type: Number }) contacts = 120;
  /** Average handle time in seconds. */
  @property({ type: Number }) aht = 240;
  /** Interval length in minutes (15, 30 or 60 in the list; a page may preset another). */
  @property({ type: Number }) interval = 15;
  /** Service level as target%/seconds, e.g. 80/20. */
  @property() sl = '80/20';
  /** Shrinkage as a fraction (0.3) or, in the attribute, a percentage ("30%"). */
  @property({ converter: fractionConverter }) shrinkage: number | null = 0.3;
  /** Most occupancy allowed, a fraction (0.85) or "85%"; null for no cap. */
  @property({ attribute: 'max-occupancy', converter: fractionConverter }) maxOccupancy: number | null = null;
  /**
   * The model: `erlang-c` (default; callers wait for ever) or `erlang-a` (callers hang up after `patience`
   * seconds on average: fewer agents, and the share that abandons). The figures say which was used.
   */
  @property() model: StaffingModel = 'erlang-c';
  /** Callers' mean patience in seconds, for Erlang A (`report` prints the data's as meanPatience). */
  @property({ type: Number }) patience: number | null = null;
  /** The calculator's accessible name (default: "Staffing calculator" in the page's language). */
  @property() label = '';

  /** The day of the per-interval view (YYYY-MM-DD in the data's zone); default the last day in the data. */
  @property() day = '';
  /** Per-interval staffing, when the page gives it (no source); a source fills it itself. */
  @property({ attribute: false }) intervals: ObservedStaffing[] | null = null;
  /** The per-interval view's state: loading, no-data, stale, error (the calculator always works). */
  @property({ reflect: true }) state: StaffingState = 'ready';
  /** The per-interval data's zone and interval length (from the source; shown in the caption). */
  @property({ attribute: 'time-zone' }) timeZone = '';
  @property({ type: Number, attribute: 'interval-minutes' }) intervalMinutes = 15;
  /** The definition behind the per-interval figures (tooltip); from the source. */
  @property() definition = '';

  @state() private values: FormValues = { ...DEFAULT_VALUES };
  @state() private bad: ReadonlySet<Field> = new Set();
  @state() private linked = false;

  private calc: Calculation = calculate(DEFAULT_VALUES);
  /** The calculator's state when the page last set it or a person last committed a change. */
  private committedKey = calculationKey(this.calc);
  private fetchedKey = '';
  private fetchSeq = 0;
  private lastResult: ViewResult | null = null;

  private readonly data = new SourceController(this, () => ({}), (r) => this.fromSource(r));

  /** The calculator's current inputs, answer, levels and errors (read-only). */
  get calculation(): Calculation {
    return this.calc;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.link();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.fetchSeq++;
    this.fetchedKey = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source') && changed.get('source') !== undefined) {
      this.fetchedKey = '';
      void this.link();
      void this.data.resubscribe();
    }
  }


  private s(key: StaffingKey, vars?: Record<string, string | number>): string {
    return tIn(STAFFING, this.locale, key, vars);
  }

  // -------------------------------------------------------------------------------------------------------------
  // The calculator

  /** The page's presets into the fields; a page setting a property fires no event. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const first = !this.hasUpdated;
    const has = (p: string) => first || (changed as Map<PropertyKey, unknown>).has(p);
    let values = this.values;
    const bad = new Set(this.bad);
    const set = (f: Field, text: string) => {
      if (values[f] !== text) values = { ...values, [f]: text };
      bad.delete(f);
    };
    const differs = (f: Field, n: number | null) => !Object.is(parseField(values[f]), n) || bad.has(f);
    if (has('contacts') && differs('contacts', this.contacts)) set('contacts', fieldText(this.contacts));
    if (has('aht') && differs('aht', this.aht)) set('aht', fieldText(this.aht));
    if (has('interval') && differs('interval', this.interval)) set('interval', fieldText(this.interval));
    if (has('sl')) {
      const [target, threshold] = splitSl(this.sl);
      if (differs('target', parseField(target))) set('target', target);
      if (differs('threshold', parseField(threshold))) set('threshold', threshold);
    }
    const pct = (v: number | null) => (v === null ? null : v * 100);
    const fromPct = (f: Field) => { const n = parseField(values[f]); return n === null ? null : n / 100; };
    if (has('shrinkage') && (!Object.is(fromPct('shrinkage'), this.shrinkage) || bad.has('shrinkage'))) set('shrinkage', fieldText(pct(this.shrinkage)));
    if (has('maxOccupancy') && (!Object.is(fromPct('maxOccupancy'), this.maxOccupancy) || bad.has('maxOccupancy'))) set('maxOccupancy', fieldText(pct(this.maxOccupancy)));
    if (has('model') && values.model !== this.model) set('model', this.model === 'erlang-a' ? 'erlang-a' : 'erlang-c');
    if (has('patience') && differs('patience', this.patience)) set('patience', fieldText(this.patience));
    if (values !== this.values || bad.size !== this.bad.size) {
      this.values = values;
      this.bad = bad;
      this.calc = calculate(values, bad);
      this.committedKey = calculationKey(this.calc);
    }
  }

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement | HTMLSelectElement;
    const f = el.name as Field;
    if (!FIELDS.includes(f)) return;
    this.values = { ...this.values, [f]: el.value };
    const bad = new Set(this.bad);
    if ((el as HTMLInputElement).validity?.badInput) bad.add(f);
    else bad.delete(f);
    this.bad = bad;
    this.calc = calculate(this.values, bad);
    this.writeBack(f);
  }

  /** A valid field the person changed shows in its property too (el.contacts, el.sl …), as the page would set it. */
  private writeBack(f: Field): void {
    const ok = (x: Field) => !this.calc.errors[x] || this.calc.errors[x]!.key === 'errTraffic';
    const n = (x: Field) => parseField(this.values[x]);
    if (!ok(f)) return;
    switch (f) {
      case 'contacts': this.contacts = n(f)!; break;
      case 'aht': this.aht = n(f)!; break;
      case 'interval': this.interval = n(f)!; break;
      case 'target': case 'threshold':
        if (ok('target') && ok('threshold')) this.sl = `${fieldText(n('target'))}/${fieldText(n('threshold'))}`;
        break;
      case 'shrinkage': this.shrinkage = n(f)! / 100; break;
      case 'maxOccupancy': this.maxOccupancy = n(f) === null ? null : n(f)! / 100; break;
      case 'model': this.model = this.values.model === 'erlang-a' ? 'erlang-a' : 'erlang-c'; break;
      case 'patience': this.patience = n(f); break;
    }
  }

  /** A committed change (Enter, leaving the field, a step of the arrows, a choice in the list) fires once. */
  private onChange(e: Event): void {
    const f = (e.target as HTMLInputElement).name as Field;
    if (!FIELDS.includes(f)) return;
    const key = calculationKey(this.calc);
    if (key === this.committedKey) return;
    this.committedKey = key;
    const c = this.calc;
    const errors: Partial<Record<Field, string>> = {};
    for (const [k, err] of Object.entries(c.errors)) errors[k as Field] = this.s(err!.key, err!.vars);
    this.dispatchEvent(new CustomEvent<StaffingChangeDetail>('sla-staffing-change', {
      detail: { field: f, values: { ...this.values }, input: c.input, result: c.result, rows: c.rows, errors },
      bubbles: true, composed: true,
    }));
  }

  // -------------------------------------------------------------------------------------------------------------
  // The source

  private async link(): Promise<void> {
    const source = await findSource(this, this.source);
    if (!this.isConnected) return;
    this.linked = !!source;
    if (source && this.intervals === null && this.state === 'ready') this.state = 'loading';
  }

  private fromSource(r: ViewResult): void {
    this.lastResult = r;
    this.linked = true;
    const st = r.status;
    const d = r.definitions;
    this.timeZone = d.timeZone;
    this.intervalMinutes = d.intervalMinutes;
    this.definition = this.s('intervalsDefinition', {
      target: fieldText(d.serviceLevel.target * 100), threshold: d.serviceLevel.thresholdSec, zone: d.timeZone, n: d.intervalMinutes,
    });
    const status = viewStatus(r, this.locale);
    // Agents required from half a file's volumes would be too few: staffing waits for the reading to end.
    if (status.state === 'loading' || status.partial !== null) {
      this.state = 'loading';
      this.progress = status.progress;
      return;
    }
    if (status.state === 'error') {
      this.fetchSeq++;
      this.fetchedKey = '';
      this.state = 'error';
      this.error = status.error;
      return;
    }
    const key = `${st.id}|${r.version}|${d.timeZone}|${d.intervalMinutes}|${d.serviceLevel.target}|${d.serviceLevel.thresholdSec}`;
    if (key !== this.fetchedKey) {
      this.fetchedKey = key;
      void this.fetchStaffing();
    } else if (this.intervals) this.settle();
  }

  /** Required versus present agents from the source, for the dataset's current version. */
  private async fetchStaffing(): Promise<void> {
    const seq = ++this.fetchSeq;
    try {
      const source = await findSource(this, this.source);
      if (!source) return;
      const rows = await source.staffing({});
      if (seq !== this.fetchSeq) return;
      this.intervals = rows;
      this.settle();
    } catch (e) {
      if (seq !== this.fetchSeq) return;
      this.state = 'error';
      this.error = errorWords(saidOf(e), this.locale);
    }
  }

  private settle(): void {
    const stream = this.lastResult?.status.stream;
    if (stream?.state === 'stale') {
      this.state = 'stale';
      this.updatedAt = stream.staleSince;
    } else {
      this.state = this.intervals && this.intervals.length ? 'ready' : 'no-data';
      this.updatedAt = Date.now();
    }
    this.error = '';
    this.progress = null;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Drawing

  protected override render() {
    const showIntervals = this.linked || this.intervals !== null || this.state !== 'ready';
    return html`${this.renderForm()}${this.renderResult()}${this.renderLevels()}${showIntervals ? this.renderIntervals() : nothing}`;
  }

  private renderForm() {
    const v = this.values;
    const errs = this.calc.errors;
    const field = (f: Exclude<Field, 'interval' | 'model'>, label: StaffingKey, attrs: { min?: number; max?: number; hint?: boolean }) => {
      const err = errs[f];
      // The traffic error belongs to contacts and AHT together: both are marked, both point at it.
      const invalid = !!err || (f === 'aht' && errs.contacts?.key === 'errTraffic');
      const describedBy = [attrs.hint ? `${f}-hint` : '', err ? `${f}-msg` : f === 'aht' && invalid ? 'contacts-msg' : ''].filter(Boolean).join(' ');
      return html`<div part="field" class="field" data-field=${f}>
        <label for=${f}>${this.s(label)}</label>
        <input id=${f} name=${f} type="number" step="any" inputmode="decimal" min=${attrs.min ?? nothing} max=${attrs.max ?? nothing}
          .value=${live(v[f])} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${describedBy || nothing}>
        ${attrs.hint ? html`<span id=${`${f}-hint`} class="hint">${this.s('optional')}</span>` : nothing}
        <span id=${`${f}-msg`} part="message" class="message">${err ? this.s(err.key, err.vars) : ''}</span>
      </div>`;
    };
    const choices = [...INTERVAL_CHOICES.map(String)];
    if (!choices.includes(v.interval)) choices.push(v.interval);
    const ivErr = errs.interval;
    return html`<form part="form" aria-label=${this.label || this.s('title')} novalidate
        @input=${this.onInput} @change=${this.onChange} @submit=${(e: Event) => e.preventDefault()}>
      ${field('contacts', 'contacts', { min: 0 })}
      ${field('aht', 'aht', { min: 1 })}
      <div part="field" class="field" data-field="interval">
        <label for="interval">${this.s('interval')}</label>
        <select id="interval" name="interval" aria-invalid=${ivErr ? 'true' : 'false'} aria-describedby=${ivErr ? 'interval-msg' : nothing}>
          ${choices.map((c) => html`<option value=${c} .selected=${c === v.interval}>${this.s('minutes', { n: c })}</option>`)}
        </select>
        <span id="interval-msg" part="message" class="message">${ivErr ? this.s(ivErr.key, ivErr.vars) : ''}</span>
      </div>
      ${field('target', 'target', { min: 0, max: 100 })}
      ${field('threshold', 'threshold', { min: 0 })}
      ${field('shrinkage', 'shrinkage', { min: 0, max: 99 })}
      ${field('maxOccupancy', 'maxOccupancy', { min: 1, max: 100, hint: true })}
      <div part="field" class="field" data-field="model">
        <label for="model">${this.s('model')}</label>
        <select id="model" name="model">
          ${MODELS.map((m) => html`<option value=${m} .selected=${m === v.model}>${this.s(m === 'erlang-a' ? 'erlangA' : 'erlangC')}</option>`)}
        </select>
        <span part="message" class="message"></span>
      </div>
      ${v.model === 'erlang-a' ? field('patience', 'patience', { min: 1 }) : nothing}
    </form>`;
  }

  private renderResult() {
    const l = this.locale;
    const { result: r, input } = this.calc;
    const f = fmt(l);
    const ids = `contacts aht interval target threshold shrinkage maxOccupancy model${this.calc.model === 'erlang-a' ? ' patience' : ''}`;
    const title = r && input ? this.s(this.calc.model === 'erlang-a' ? 'definitionA' : 'definition', {
      patience: this.calc.patienceSec ?? '',
      contacts: formatMetric('offered', input.contacts, l), interval: input.intervalSec / 60, aht: input.ahtSec, erlangs: f.erlangs.format(r.trafficErlangs),
      target: formatMetric('serviceLevel', input.target, l), threshold: input.thresholdSec,
      cap: input.maxOccupancy !== undefined ? this.s('cap', { pct: formatMetric('occupancy', input.maxOccupancy, l) }) : '',
    }) : '';
    const figure = (id: string, label: string, value: string, main = false) => html`<div part="figure" class="figure ${main ? 'main' : ''}">
      <span class="figure-label" id=${`${id}-label`}>${label}</span>
      <output id=${id} for=${ids} aria-labelledby=${`${id}-label`}>${value}</output>
    </div>`;
    return html`<div part="result" aria-live="polite" aria-atomic="true" title=${title || nothing}>
      ${r && input ? html`
        ${figure('out-agents', this.s('requiredAgents'), formatMetric('agents', r.agents, l), true)}
        ${figure('out-scheduled', this.s('scheduledAgents', { pct: formatMetric('occupancy', input.shrinkage ?? 0, l) }), formatMetric('agents', r.scheduledAgents, l))}
        ${figure('out-sl', word(l, 'serviceLevel'), formatMetric('serviceLevel', r.serviceLevel, l))}
        ${figure('out-asa', word(l, 'asa'), r.asa === null ? this.s('unbounded') : formatMetric('asa', r.asa, l))}
        ${r.abandonment !== undefined ? figure('out-abandoned', this.s('abandonedCol'), formatMetric('abandonRate', r.abandonment, l)) : nothing}
        ${figure('out-occupancy', word(l, 'occupancy'), formatMetric('occupancy', r.occupancy, l))}
        ${figure('out-model', this.s('model'), this.s(this.calc.model === 'erlang-a' ? 'erlangA' : 'erlangC'))}
        ${figure('out-traffic', this.s('traffic'), this.s('erlangs', { n: f.erlangs.format(r.trafficErlangs) }))}
      ` : html`<p class="invalid">${this.s('fixFields')}</p>`}
    </div>`;
  }

  private renderLevels() {
    const l = this.locale;
    const { result: r, rows, input } = this.calc;
    if (!r || !input || rows.length === 0) return nothing;
    return html`<table part="table" class="levels stack">
      <caption>${this.s('tableCaption', { from: rows[0].agents, to: rows[rows.length - 1].agents })}</caption>
      <thead><tr>
        <th scope="col">${this.s('agents')}</th><th scope="col">${this.s('scheduled')}</th>
        <th scope="col">${word(l, 'serviceLevel')}</th><th scope="col">${word(l, 'asa')}</th>${this.calc.model === 'erlang-a' ? html`<th scope="col">${this.s('abandonedCol')}</th>` : nothing}<th scope="col">${word(l, 'occupancy')}</th>
      </tr></thead>
      <tbody>${rows.map((row) => {
        const req = row.agents === r.agents;
        const below = row.unbounded || row.serviceLevel < input.target;
        return html`<tr class=${req ? 'required' : below ? 'below' : ''} aria-current=${req ? 'true' : nothing}>
          <th scope="row">${formatMetric('agents', row.agents, l)}${req ? html` <span class="tag">${this.s('required')}</span>` : below ? html`<span class="sr"> (${this.s('belowTarget')})</span>` : nothing}</th>
          <td data-label=${this.s('scheduled')}>${formatMetric('agents', row.scheduledAgents, l)}</td>
          <td data-label=${word(l, 'serviceLevel')}>${formatMetric('serviceLevel', row.serviceLevel, l)}</td>
          <td data-label=${word(l, 'asa')}>${row.asa === null ? this.s('unbounded') : formatMetric('asa', row.asa, l)}</td>
          ${row.abandonment !== undefined ? html`<td data-label=${this.s('abandonedCol')}>${formatMetric('abandonRate', row.abandonment, l)}</td>` : nothing}
          <td data-label=${word(l, 'occupancy')}>${formatMetric('occupancy', row.occupancy, l)}</td>
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private renderIntervals() {
    const l = this.locale;
    const all = this.intervals ?? [];
    const showRows = (this.state === 'ready' || this.state === 'stale') && all.length > 0;
    const stateText = this.state === 'loading' ? (this.progress !== null ? word(l, 'loadingPct', { pct: Math.round(this.progress * 100) }) : word(l, 'loading'))
      : this.state === 'error' ? this.error || word(l, 'error')
      : this.state === 'stale' ? word(l, 'updatedAgo', { ago: ago(this.updatedAt, l) })
      : this.state === 'no-data' || all.length === 0 ? word(l, 'noData') : '';
    const days = intervalDays(all);
    const rows = showRows ? intervalRows(all, this.day) : [];
    const day = rows[0]?.day ?? '';
    const states = hasStates(rows);
    const shortCount = rows.filter((r) => r.short).length;
    const f = fmt(l);
    const zone = this.timeZone || 'UTC';
    return html`<div part="intervals" role="group" aria-labelledby="intervals-title" title=${this.definition || nothing}>
      <div part="intervals-title" id="intervals-title" class="intervals-title">${this.s('intervalsLabel')}</div>
      ${showRows && days.length > 1 ? html`<div class="day">
        <label for="day">${this.s('day')}</label>
        <select id="day" part="day" @change=${(e: Event) => { this.day = (e.target as HTMLSelectElement).value; }}>
          ${days.map((d) => html`<option value=${d} .selected=${d === day}>${dayLabel(d, l)}</option>`)}
        </select>
      </div>` : nothing}
      ${stateText ? html`<div part="state" data-kind=${this.state} aria-live="polite">${stateText}</div>` : nothing}
      ${rows.length ? html`
        ${this.renderChart(rows, states, shortCount)}
        <table part="interval-table" class="intervals stack">
          <caption>${this.s('intervalsCaption', { n: this.intervalMinutes, day: dayLabel(day, l), zone })}</caption>
          <thead><tr>
            <th scope="col">${word(l, 'interval')}</th><th scope="col">${word(l, 'offered')}</th><th scope="col">${word(l, 'aht')}</th>
            <th scope="col">${this.s('requiredCol')}</th>
            ${states ? html`<th scope="col">${this.s('presentCol')}</th><th scope="col">${this.s('gapCol')}</th>` : nothing}
          </tr></thead>
          <tbody>${rows.map((r) => html`<tr class=${r.short ? 'short' : ''} data-interval=${r.interval}>
            <th scope="row"><time datetime=${r.interval}>${r.time}</time></th>
            <td data-label=${word(l, 'offered')}>${formatMetric('offered', r.offered, l)}</td>
            <td data-label=${word(l, 'aht')}>${formatMetric('aht', r.aht, l)}</td>
            <td data-label=${this.s('requiredCol')}>${formatMetric('agents', r.requiredAgents, l)}</td>
            ${states ? html`<td data-label=${this.s('presentCol')}>${r.presentAgents === null ? word(l, 'noData') : f.agents.format(r.presentAgents)}</td>
              <td data-label=${this.s('gapCol')}>${r.gap === null ? word(l, 'noData') : f.gap.format(r.gap)}${r.short ? html` <span class="tag short">${this.s('short')}</span>` : nothing}</td>` : nothing}
          </tr>`)}</tbody>
        </table>
        ${states ? html`<p part="note" class="note">${this.s('understaffed', { n: shortCount, total: rows.length })}</p>`
          : html`<p part="note" class="note">${this.s('noStates')}</p>`}
        ${rows.every((r) => r.requiredAgents === null) ? html`<p part="note" class="note">${this.s('noAht')}</p>` : nothing}
      ` : nothing}
    </div>`;
  }

  private renderChart(rows: ReturnType<typeof intervalRows>, states: boolean, shortCount: number) {
    const g = intervalChart(rows);
    const label = states ? this.s('chartLabel', { n: rows.length, short: shortCount }) : this.s('chartLabelNoStates', { n: rows.length });
    return html`<svg part="chart" viewBox=${g.viewBox} role="img" aria-label=${label} preserveAspectRatio="xMidYMid meet">
      ${g.yTicks.map((tk) => svg`<line class="grid" x1=${g.plot.left} x2=${g.plot.right} y1=${tk.y} y2=${tk.y}></line>
        <text class="tick" x=${g.plot.left - 4} y=${tk.y} text-anchor="end" dominant-baseline="middle">${tk.value}</text>`)}
      ${g.bars.map((b) => svg`<rect class=${b.short ? 'bar short' : 'bar'} x=${b.x} y=${b.y} width=${b.width} height=${b.height}></rect>`)}
      ${g.required ? svg`<path class="required" d=${g.required}></path>` : nothing}
      ${g.xTicks.map((tk) => svg`<text class="tick" x=${tk.x} y=${g.plot.bottom + 14} text-anchor="middle">${tk.label}</text>`)}
    </svg>`;
  }
}
