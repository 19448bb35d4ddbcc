/** The datasets kept in this browser: reopen or delete, with a confirmation in place. */
import { html, nothing, type TemplateResult } from 'lit';
import type { DropView } from './csv-drop.view.js';
import { formatBytes } from './csv-drop.model.js';
import { dateTimeFormat } from '../common/format.js';

export function renderRecent(v: DropView): TemplateResult {
  const list = v.datasets;
  const l = v.locale;
  const when = dateFormat(l);
  return html`
    <div part="recent" class="recent">
      ${v.heading(v.s('recentTitle'), v.headingLevel + 1, `${v.ids}-recent`)}
      ${v.listNote ? html`<p class="note" role="status">${v.listNote}</p>` : html`<p class="visually-hidden" role="status"></p>`}
      ${v.listError ? html`<p class="problem" part="error">${v.listError}</p>` : nothing}
      ${list === null ? html`<p class="muted">${v.s('recentLoading')}</p>`
        : list.length === 0 ? html`<p class="empty">${v.s('recentEmpty')}</p>`
        : html`
          <div class="scroll" role="region" tabindex="0" aria-labelledby="${v.ids}-recent">
            <table class="stack">
              <caption class="visually-hidden">${v.s('recentCaption')}</caption>
              <thead><tr><th scope="col">${v.s('recentName')}</th><th scope="col" class="num">${v.s('recentContacts')}</th><th scope="col" class="num">${v.s('recentSize')}</th><th scope="col">${v.s('recentLastUsed')}</th><th scope="col">${v.s('recentActions')}</th></tr></thead>
              <tbody>${list.map((d) => html`
                <tr data-id=${d.id}>
                  <th scope="row" class="name"><bdi>${d.name}</bdi></th>
                  <td class="num" data-label=${v.s('recentContacts')}>${v.n(d.contacts)}</td>
                  <td class="num" data-label=${v.s('recentSize')}>${formatBytes(d.bytes, l)}</td>
                  <td data-label=${v.s('recentLastUsed')}><time datetime=${new Date(d.lastUsed).toISOString()}>${when.format(d.lastUsed)}</time></td>
                  <td class="row-actions" data-label=${v.s('recentActions')}>
                    ${v.confirmingDelete === d.id ? html`
                      <div role="group" aria-labelledby="${v.ids}-confirm" class="confirm">
                        <span id="${v.ids}-confirm" tabindex="-1">${v.s('confirmDelete', { name: d.name })}</span>
                        <button part="button" class="button danger" data-confirm-delete=${d.id} @click=${() => v.act.deleteDataset(d)}>${v.s('confirmDeleteYes')}</button>
                        <button part="button" class="button" data-keep=${d.id} @click=${() => v.act.keep(d.id)}>${v.s('confirmDeleteNo')}</button>
                      </div>` : html`
                      <button part="button" class="button" data-reopen=${d.id} aria-label=${v.s('reopenNamed', { name: d.name })} @click=${() => v.act.reopen(d)}>${v.s('reopen')}</button>
                      <button part="button" class="button" data-delete=${d.id} aria-label=${v.s('deleteNamed', { name: d.name })} @click=${() => v.act.askDelete(d.id)}>${v.s('delete')}</button>`}
                  </td>
                </tr>`)}
              </tbody>
            </table>
          </div>`}
    </div>
  `;
}
function dateFormat(locale: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

