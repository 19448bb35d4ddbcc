/** The summary step (rows read = accepted + rejected, the reasons, the rejected lines) and the error step. */
import { html, nothing, type TemplateResult } from 'lit';
import type { DropView } from './csv-drop.view.js';
import { reasonWords } from '../../l10n/reasons.js';
import { summaryOf } from './csv-drop.model.js';
import { renderWarning } from './csv-drop.reading.js';

export function renderSummary(v: DropView): TemplateResult {
  const val = v.validation;
  const l = v.locale;
  const sub = v.headingLevel + 1;
  if (!val) {
    return html`${v.heading(v.s('summaryTitle', { name: v.fileName }))}<p>${v.s('readyNote')}</p>${renderWarning(v)}
      <div class="actions"><button part="button" class="button" @click=${v.act.another}>${v.s('another')}</button></div>`;
  }
  const f = summaryOf(val);
  return html`
    ${v.heading(v.s('summaryTitle', { name: v.fileName }))}
    <p part="identity" class="identity">${v.s('identity', { read: v.n(f.read), accepted: v.n(f.accepted), rejected: v.n(f.rejected) })}</p>
    ${f.adds ? nothing : html`<p class="problem">${v.s('identityBroken', { read: f.read, accepted: f.accepted, rejected: f.rejected })}</p>`}
    ${f.apart ? html`<p>${v.s('apart', { n: v.n(f.apart) })}</p>
      <ul class="reasons">${f.apartReasons.map((r) => html`<li>${reasonWords(r, l)}: ${v.n(r.count)}</li>`)}</ul>` : nothing}
    <p>${v.s('contacts', { n: v.n(f.contacts) })}</p>
    ${f.rejected ? html`
      ${v.heading(v.s('byReasonTitle'), sub, `${v.ids}-reasons`)}
      <ul class="reasons">${f.reasons.map((r) => html`<li>${reasonWords(r, l)}: ${v.n(r.count)}</li>`)}</ul>
      ${v.heading(v.s('rejectedLinesTitle'), sub, `${v.ids}-lines`)}
      <p id="${v.ids}-listed" class="muted">${v.s('rejectedListed', { listed: v.n(f.listed), rejected: v.n(f.rejected) })}</p>
      <div part="rejections" class="scroll" role="region" tabindex="0" aria-labelledby="${v.ids}-lines">
        <table class="stack">
          <caption class="visually-hidden">${v.s('rejectedLinesTitle')}</caption>
          <thead><tr><th scope="col">${v.s('colLine')}</th><th scope="col">${v.s('colRejColumn')}</th><th scope="col">${v.s('colValue')}</th><th scope="col">${v.s('colReason')}</th></tr></thead>
          <tbody>${val.rejections.map((r) => html`<tr><th scope="row" class="num">${r.line.toLocaleString(l)}</th><td data-label=${v.s('colRejColumn')}>${r.column ?? ''}</td><td data-label=${v.s('colValue')}>${r.value === null ? '' : html`<code>${r.value}</code>`}</td><td data-label=${v.s('colReason')}>${reasonWords(r, l)}</td></tr>`)}</tbody>
        </table>
      </div>` : html`<p>${v.s('noRejections')}</p>`}
    ${v.usedPreset ? html`<p class="muted">${v.s('usedMapping', { preset: v.usedPreset })}</p>` : nothing}
    <p class="muted" data-kept=${v.fromCache ? 'kept' : v.kept}>${v.fromCache ? v.s('fromCache') : v.kept === 'kept' ? v.s('keptInCache') : v.kept === 'not-kept' ? v.s('notKept') : v.s('keepingInCache')}</p>
    ${renderWarning(v)}
    ${f.contacts === 0 ? html`<p class="problem" role="status">${v.s('noContactsNote')}</p>` : html`<p class="ready">${v.s('readyNote')}</p>`}
    ${f.rejected && v.canRemap ? html`<p>${v.s('remapNote')}</p>` : nothing}
    <div class="actions">
      ${f.rejected && v.canRemap ? html`<button part="button primary" class="button primary" data-action="back" @click=${v.act.backToMapping}>${v.s('backToMapping')}</button>
        <button part="button" class="button" data-action="export-rejections" @click=${v.act.exportRejections}>${v.s('exportRejections')}</button>` : nothing}
      <button part="button" class="button" data-action="another" @click=${v.act.another}>${v.s('another')}</button>
    </div>
  `;
}
export function renderError(v: DropView): TemplateResult {
  const name = v.fileName || 'file';
  const title = v.errorKind === 'not-text' ? v.s('errTitleNotText', { name })
    : v.errorKind === 'empty' ? v.s('errTitleEmpty', { name })
    : v.errorKind === 'reopen' ? v.s('errTitleReopen')
    : v.errorKind === 'sample' ? v.s('errTitleSample')
    : v.s('errTitleRead', { name });
  const err = v.error.trim();
  const msg = err ? err.charAt(0).toUpperCase() + err.slice(1) : '';
  const canMap = v.canMap;
  return html`
    ${v.heading(title)}
    <p part="error" class="problem" role="alert">${msg}${/[.!?]$/.test(msg) || !msg ? '' : '.'}</p>
    ${canMap && v.errorCode === 'dayMonthOrder' ? html`<p>${v.s('errDayMonth')}</p>` : nothing}
    ${renderWarning(v)}
    <div class="actions">
      ${canMap ? html`<button part="button primary" class="button primary" data-action="retry" @click=${v.act.retry}>${v.s('readAgain')}</button>
        <button part="button" class="button" data-action="back" @click=${v.act.backToMapping}>${v.s('backToMapping')}</button>` : nothing}
      <button part="button" class="button" data-action="another" @click=${v.act.cancel}>${v.s('chooseAnother')}</button>
    </div>
  `;
}