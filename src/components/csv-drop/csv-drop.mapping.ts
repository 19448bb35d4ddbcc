/** The mapping step: what the kit detected, each field's column, how it is read and a sample; the dates; the problems. */
import { html, nothing, type TemplateResult } from 'lit';
import type { DropView } from './csv-drop.view.js';
import { noteWords } from '../../l10n/notes.js';
import { errorWords } from '../../l10n/errors.js';
import { reasonWords } from '../../l10n/reasons.js';
import { hasKey } from '../../l10n/index.js';
import { DROP, type DropKey } from '../../l10n/drop.js';
import { checkMapping, dateSettings, distinctValues, editorRows, outcomeChoiceOf, DURATION_UNITS, INSTANT_FORMATS, type ColumnChoice, type EditorRow, type MappingProblem, type OutcomeChoice, type ReadAs } from './csv-drop.model.js';
import { specOf } from '../../engine/ingest/mapping.js';
import { OUTCOME_VALUES } from '../../engine/ingest/mapping.js';
import { renderPick } from './csv-drop.pick.js';
import type { FileHead } from '../../engine/ingest/inspect.js';
import type { ContactField, Mapping } from '../../engine/ingest/mapping.js';

export function presetName(v: DropView, preset: string): string {
  const key = `preset_${preset}`;
  return hasKey(DROP, key) ? v.s(key) : preset;
}
export function problemText(v: DropView, p: MappingProblem): string {
  const field = p.field ? v.s(`field_${p.field}` as DropKey) : '';
  switch (p.code) {
    case 'required': return v.s('errRequired', { field });
    case 'column-missing': return v.s('errColumnMissing', { column: p.detail });
    case 'outcome-values': return v.s('errOutcomeValues', { value: p.detail });
    case 'zone': return v.s('errZone', { zone: p.detail });
    default: return v.s('errEngine', { message: p.detail });
  }
}
export function renderMapping(v: DropView): TemplateResult {
  const head = v.head, m = v.mapping;
  if (!head || !m) return renderPick(v);
  const check = checkMapping(m, head);
  const problems = v.showProblems ? check.problems : [];
  const queueLog = m.format === 'queue_log';
  const dates = dateSettings(m, head);
  const zoneDefault = v.zoneDefault;
  const delimiter = head.delimiter ? v.s(`delim_${head.delimiter}` as DropKey) : '';
  return html`
    ${v.heading(v.s('mappingTitle', { name: v.fileName }))}
    ${v.stoppedNote ? html`<p part="notice" class="warning" role="status">${v.stoppedNote}</p>` : nothing}
    ${v.detected ? html`<p>${v.s('detected', { preset: presetName(v, v.detected.preset) })}
        ${m.preset === 'custom' && v.detected.preset !== 'custom' ? v.s('editedFrom', { preset: v.detected.preset }) : nothing}</p>`
      : html`<p class="problem" part="error">${v.s('problemIntro', { problem: head.problem ? noteWords(head.problem, v.locale) : '' })} ${v.s('problemHelp')}</p>`}
    ${!queueLog && head.header.length ? html`<p class="muted">${v.s('delimiterInfo', { columns: head.header.length, delimiter })}</p>` : nothing}
    ${head.header.length > MAX_COLUMNS ? html`<p class="warning" part="notice">${v.s('tooManyColumns', { shown: MAX_COLUMNS, columns: v.n(head.header.length) })}</p>` : nothing}
    ${m.notes?.length ? html`<details><summary>${v.s('notes')}</summary><ul>${m.notes.map((x) => html`<li>${noteWords(x, v.locale)}</li>`)}</ul></details>` : nothing}
    ${queueLog ? html`<p>${v.s('queueLogInfo')}</p>` : renderTable(v, editorRows(m, head), problems)}
    ${queueLog ? nothing : renderOutcomeValues(v, m, head)}
    ${renderPreview(v)}
    ${renderMappingFile(v)}
    ${!queueLog && (dates.dayMonthOrder || dates.inputZone) ? html`
      <fieldset class="dates">
        <legend>${v.s('datesTitle')}</legend>
        ${dates.dayMonthOrder ? html`
          <label for="${v.ids}-order">${v.s('dayMonthOrder')}</label>
          <select id="${v.ids}-order" .value=${m.dayMonthOrder ?? ''} @change=${(e: Event) => v.act.dayMonthOrder((e.target as HTMLSelectElement).value as '' | 'dmy' | 'mdy')}>
            <option value="" ?selected=${!m.dayMonthOrder}>${v.s('orderAuto')}</option>
            <option value="dmy" ?selected=${m.dayMonthOrder === 'dmy'}>${v.s('orderDmy')}</option>
            <option value="mdy" ?selected=${m.dayMonthOrder === 'mdy'}>${v.s('orderMdy')}</option>
          </select>` : nothing}
        ${dates.inputZone ? html`
          <label for="${v.ids}-zone">${v.s('inputZone')}</label>
          <input id="${v.ids}-zone" type="text" list="${v.ids}-zones" autocomplete="off" spellcheck="false"
            .value=${m.inputTimeZone ?? ''} placeholder=${zoneDefault}
            aria-describedby="${v.ids}-zone-hint${problems.some((p) => p.code === 'zone') ? ` ${v.ids}-zone-err` : ''}"
            aria-invalid=${problems.some((p) => p.code === 'zone') ? 'true' : 'false'}
            @change=${(e: Event) => v.act.inputZone((e.target as HTMLInputElement).value)} />
          <datalist id="${v.ids}-zones">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>
          <span id="${v.ids}-zone-hint" class="muted">${v.s('inputZoneHint', { zone: zoneDefault })}</span>
          ${problems.filter((p) => p.code === 'zone').map((p) => html`<span id="${v.ids}-zone-err" class="field-error">${problemText(v, p)}</span>`)}` : nothing}
      </fieldset>` : nothing}
    ${problems.length ? html`
      <div id="${v.ids}-problems" class="problems" part="error" role="alert" tabindex="-1">
        <p>${v.s('errorsIntro')}</p>
        <ul>${problems.map((p) => html`<li>${p.field ? html`${v.s(`field_${p.field}` as DropKey)}: ` : nothing}${problemText(v, p)}</li>`)}</ul>
      </div>` : nothing}
    <div class="actions">
      <button part="button primary" class="button primary" data-action="confirm" @click=${v.act.confirm}>${v.s('confirm')}</button>
      <button part="button" class="button" data-action="cancel" @click=${v.act.cancel}>${v.s('cancel')}</button>
    </div>
  `;
}
export function renderTable(v: DropView, rows: EditorRow[], problems: MappingProblem[]): TemplateResult {
  const head = v.head!;
  return html`
    <div class="wide">
      <table part="mapping" class="stack">
        <caption id="${v.ids}-caption">${v.s('tableCaption')}</caption>
        <thead><tr>
          <th scope="col">${v.s('colField')}</th><th scope="col">${v.s('colColumn')}</th>
          <th scope="col">${v.s('colReadAs')}</th><th scope="col">${v.s('colSample')}</th>
        </tr></thead>
        <tbody>${rows.map((r) => renderRow(v, r, head, problems.find((p) => p.field === r.field)))}</tbody>
      </table>
    </div>
  `;
}
export function renderRow(v: DropView, r: EditorRow, head: FileHead, problem: MappingProblem | undefined): TemplateResult {
  const label = v.s(`field_${r.field}` as DropKey);
  const id = `${v.ids}-col-${r.field}`;
  const errId = `${v.ids}-err-${r.field}`;
  const specLabel = r.constValue !== null ? v.s('fixedValue', { value: JSON.stringify(r.constValue) }) : r.specColumns.join(' + ');
  const extras: string[] = [];
  if (r.readAs === 'split') extras.push(v.s('splitDateTime'));
  if (r.dateFormat) extras.push(r.dateFormat);
  if (r.extras.values && Object.keys(r.extras.values).length) extras.push(v.s('valuesMapped', { map: Object.entries(r.extras.values).map(([k, v]) => `${k} → ${v}`).join(', ') }));
  if (r.extras.otherwise) extras.push(v.s('otherwise', { value: r.extras.otherwise }));
  if (r.extras.fallback) extras.push(v.s('fallback', { column: r.extras.fallback }));
  if (r.extras.decimalComma) extras.push(v.s('decimalComma'));
  // How detection chose the column, while the mapping is the detected one.
  const found = v.mapping?.preset !== 'custom' ? v.mapping?.detected?.find((d) => d.field === r.field) : undefined;
  if (found && r.choice !== '') extras.push(v.s(`foundBy_${found.by}` as DropKey));
  const readAsOptions: readonly string[] = r.kind === 'instant' ? [...INSTANT_FORMATS, 'split'] : r.kind === 'duration' ? DURATION_UNITS : [];
  const showReadAs = r.choice !== '' && readAsOptions.length > 0 && r.choice !== 'one-queue' && r.constValue === null;
  const spec = specOf(v.mapping?.fields[r.field]);
  const showNulls = r.choice !== '' && r.choice !== 'one-queue' && r.constValue === null;
  return html`
    <tr class=${r.choice === '' ? 'unmapped' : ''} data-field=${r.field}>
      <th scope="row"><label for=${id}>${label}</label>${r.required ? html` <span class="required">${v.s('required')}</span>` : nothing}</th>
      <td data-label=${v.s('colColumn')}>
        <select id=${id} aria-required=${r.required ? 'true' : 'false'} aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? errId : nothing} data-columns=${r.field} data-choice=${r.choice}
          @focus=${fillColumns} @pointerdown=${fillColumns}
          @change=${(e: Event) => v.act.editColumn(r.field, (e.target as HTMLSelectElement).value as ColumnChoice)}>
          <option value="" ?selected=${r.choice === ''}>${v.s('notInFile')}</option>
          ${r.choice === 'spec' ? html`<option value="spec" selected>${specLabel}</option>` : nothing}
          ${r.field === 'queue' ? html`<option value="one-queue" ?selected=${r.choice === 'one-queue'}>${v.s('oneQueue')}</option>` : nothing}
          ${r.choice !== 'spec' && v.detected && specOfChoice(v.detected, r.field, head) === 'spec' ? html`<option value="spec">${detectedLabel(v.detected, r.field)}</option>` : nothing}
        </select>
        ${problem ? html`<div id=${errId} class="field-error">${problemText(v, problem)}</div>` : nothing}
      </td>
      <td data-label=${v.s('colReadAs')}>
        ${showReadAs ? html`
          <select aria-label=${v.s('readAsFor', { field: label })} data-read-as=${r.field}
            @change=${(e: Event) => v.act.editReadAs(r.field, (e.target as HTMLSelectElement).value as ReadAs)}>
            ${readAsOptions.map((o) => html`<option value=${o} ?selected=${r.readAs === o}>${v.s(`readAs_${o}` as DropKey)}</option>`)}
          </select>` : nothing}
        ${r.readAs === 'split' && spec?.date !== undefined ? html`
          <select aria-label=${v.s('timeColumnFor', { field: label })} data-time-col=${r.field}
            @change=${(e: Event) => v.act.timeColumn(r.field, (e.target as HTMLSelectElement).value)}>
            ${offered(head.header, '').map((i) => head.header[i]).filter((h) => h !== spec.date).map((h) => html`<option value=${h} ?selected=${spec.time === h}>${h}</option>`)}
          </select>` : nothing}
        ${showNulls ? html`<input type="text" class="nulls" data-nulls=${r.field} spellcheck="false" autocomplete="off"
          aria-label=${v.s('nullsFor', { field: label })} placeholder=${v.s('nullsPlaceholder')}
          .value=${r.extras.nulls.join(', ')} @change=${(e: Event) => v.act.nulls(r.field, (e.target as HTMLInputElement).value)} />` : nothing}
        ${extras.length ? html`<div class="muted small">${extras.join(' · ')}</div>` : nothing}
      </td>
      <td class="sample" data-label=${v.s('colSample')}>${r.choice === '' ? nothing : r.sample ? html`<code>${r.sample}</code>` : html`<span class="muted">${v.s('noSample')}</span>`}</td>
    </tr>
  `;
}
/** The outcome column's distinct values (in the first rows), each with what it is read as. */
function renderOutcomeValues(v: DropView, m: Mapping, head: FileHead): TemplateResult | typeof nothing {
  const column = specOf(m.fields.outcome)?.column;
  const values = distinctValues(head, column);
  if (!column || !values.length) return nothing;
  const choices: OutcomeChoice[] = ['', ...OUTCOME_VALUES, 'apart'];
  return html`
    <fieldset class="outcome-values" part="outcome-values">
      <legend>${v.s('outcomeValuesTitle')}</legend>
      <p class="muted small">${v.s('outcomeValuesHelp', { column })}</p>
      <div class="grid">
        ${values.map(({ value, count }, i) => html`
          <label for="${v.ids}-ov-${i}">${v.s('outcomeValueRows', { value, n: v.n(count) })}</label>
          <select id="${v.ids}-ov-${i}" data-outcome-value=${value}
            @change=${(e: Event) => v.act.outcomeValue(value, (e.target as HTMLSelectElement).value as OutcomeChoice)}>
            ${choices.map((c) => html`<option value=${c} ?selected=${outcomeChoiceOf(m, value) === c}>${v.s(`outcomeOpt_${c}` as DropKey)}</option>`)}
          </select>`)}
      </div>
    </fieldset>`;
}

/** The first rows read with this mapping: outcomes counted, the first rejections with their reasons. */
function renderPreview(v: DropView): TemplateResult | typeof nothing {
  const p = v.preview;
  if (!p) return nothing;
  if (p.error) return html`<p class="problem" part="preview" role="status">${v.s('previewError', { message: errorWords(p.error, v.locale) })}</p>`;
  if (!p.rows) return nothing;
  const o = p.outcomes;
  return html`
    <div class="preview" part="preview" role="status">
      <p><strong>${v.s(p.whole ? 'previewWhole' : 'previewTitle', { rows: v.n(p.rows) })}</strong>
        ${v.s('previewCounts', { answered: v.n(o.answered), abandoned: v.n(o.abandoned), other: v.n(o.flowout + o.callback + o.voicemail), apart: v.n(p.apart), rejected: v.n(p.rejected) })}</p>
      ${p.rejections.length ? html`
        <ul class="reasons">${p.rejections.map((r) => html`<li>${v.s('previewLine', { line: r.line.toLocaleString(v.locale) })}${r.column ? html` · ${r.column}` : nothing}${r.value ? html` <code>${r.value}</code>` : nothing}: ${reasonWords(r, v.locale)}</li>`)}</ul>` : nothing}
    </div>`;
}

/** Load, paste or download the mapping as the file the command line takes. */
function renderMappingFile(v: DropView): TemplateResult {
  return html`
    <details class="mapping-file" part="mapping-file" ?open=${v.mappingFileError !== '' || v.mappingFileNote !== ''}>
      <summary>${v.s('mappingFileTitle')}</summary>
      <p class="muted small">${v.s('mappingFileHelp')}</p>
      <div class="actions">
        <label class="button" part="button">${v.s('loadMapping')}
          <input type="file" class="visually-hidden" accept=".json,application/json" data-action="load-mapping" @change=${v.act.loadMappingFile} />
        </label>
        <button part="button" class="button" data-action="download-mapping" @click=${v.act.downloadMapping}>${v.s('downloadMapping')}</button>
      </div>
      <label for="${v.ids}-mapfile-text">${v.s('pasteMapping')}</label>
      <textarea id="${v.ids}-mapfile-text" rows="4" spellcheck="false" data-mapping-text></textarea>
      <div class="actions">
        <button part="button" class="button" data-action="apply-mapping"
          @click=${(e: Event) => v.act.applyMappingText(((e.target as HTMLElement).closest('details')!.querySelector('textarea') as HTMLTextAreaElement).value)}>${v.s('applyMapping')}</button>
      </div>
      ${v.mappingFileError ? html`<p id="${v.ids}-mapfile-err" class="problem" role="alert" tabindex="-1">${v.mappingFileError}</p>` : nothing}
      ${v.mappingFileNote ? html`<p class="ready" role="status">${v.mappingFileNote}</p>` : nothing}
    </details>`;
}

/**
 * The columns a select offers: the first MAX_COLUMNS (a header of thousands of columns — a binary file, a
 * line with no end — must not build thousands of options per field and block the page), and the chosen one.
 */
export const MAX_COLUMNS = 300;
function offered(header: readonly string[], choice: ColumnChoice): number[] {
  const n = Math.min(header.length, MAX_COLUMNS);
  const out = Array.from({ length: n }, (_, i) => i);
  const chosen = choice.startsWith('c:') ? +choice.slice(2) : -1;
  if (chosen >= n) out.push(chosen);
  return out;
}

/**
 * A field's column select holds, after the options the template draws, one option per column of the file.
 * Those are made here, not by the template, and only when they are needed: until a person reaches the select
 * (focus, or a pointer pressed on it) it holds only the chosen column. A header of 300 offered columns makes
 * 20 selects × 300 options, and 7,000 options cost the page 85 ms of style and layout each time it drew the
 * step (more than half of a 150–230 ms task); one select filled when reached costs a few ms.
 * `syncColumnOptions` runs after every render of the step; the template's own options come first and are never
 * touched here, and lit never touches these (they sit after its last part).
 */
interface ColumnOptions { header: readonly string[]; choice: string; full: boolean; nodes: HTMLOptionElement[] }
const columnState = new WeakMap<HTMLSelectElement, ColumnOptions>();
function setColumnOptions(select: HTMLSelectElement, header: readonly string[], full: boolean): void {
  const choice = select.dataset.choice ?? '';
  const had = columnState.get(select);
  if (had && had.header === header && had.choice === choice && (had.full || !full)) return;
  for (const o of had?.nodes ?? []) o.remove();
  const chosen = choice.startsWith('c:') ? +choice.slice(2) : -1;
  const indices = full ? offered(header, choice as ColumnChoice) : chosen >= 0 ? [chosen] : [];
  const nodes = indices.map((i) => new Option(header[i] || `#${i + 1}`, `c:${i}`, false, i === chosen));
  select.append(...nodes);
  columnState.set(select, { header, choice, full, nodes });
}
/**
 * After a render of the mapping step: each column select holds its chosen column, and every column once a
 * person has reached it (for this file: a select kept for another file's header waits to be reached again).
 */
export function syncColumnOptions(root: ParentNode, header: readonly string[]): void {
  for (const select of root.querySelectorAll<HTMLSelectElement>('select[data-columns]')) {
    const had = columnState.get(select);
    setColumnOptions(select, header, had?.header === header && had.full);
  }
}
/** A person reaches a column select: it offers every column (the first MAX_COLUMNS, and the chosen one). */
function fillColumns(e: Event): void {
  const select = e.currentTarget as HTMLSelectElement;
  const header = columnState.get(select)?.header;
  if (header) setColumnOptions(select, header, true);
}

function specOfChoice(m: Mapping, field: ContactField, head: FileHead): ColumnChoice {
  return editorRows(m, head).find((r) => r.field === field)?.choice ?? '';
}

function detectedLabel(m: Mapping, field: ContactField): string {
  const s = m.fields[field];
  if (!s || typeof s === 'string') return String(s ?? '');
  if (s.date !== undefined) return `${s.date} + ${s.time}`;
  if (s.columns) return s.columns.join(' + ');
  if (s.const !== undefined) return JSON.stringify(s.const);
  return s.column ?? '';
}

let zoneList: string[] | null = null;
function zones(): string[] {
  zoneList ??= (() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  })();
  return zoneList;
}
