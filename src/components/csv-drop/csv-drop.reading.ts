/** The reading step: progress by bytes, rows and rejections, said politely; the engine's warning. */
import { html, nothing, type TemplateResult } from 'lit';
import type { DropView } from './csv-drop.view.js';
import { formatBytes } from './csv-drop.model.js';

export function renderReading(v: DropView): TemplateResult {
  const p = v.progress;
  const total = p?.totalBytes ?? null;
  const parts: string[] = [];
  if (p) {
    parts.push(total ? v.s('progressOf', { done: formatBytes(p.bytes, v.locale), total: formatBytes(total, v.locale) }) : v.s('progressBytes', { done: formatBytes(p.bytes, v.locale) }));
    parts.push(v.s('progressRows', { n: v.n(p.rows) }), v.s('progressRejected', { n: v.n(p.rejected) }));
  }
  return html`
    ${v.heading(v.s('readingTitle', { name: v.fileName }))}
    <progress part="progress" aria-label=${v.s('progressLabel', { name: v.fileName })}
      max=${total ?? nothing} value=${p && total ? Math.min(p.bytes, total) : nothing}></progress>
    <p class="progress-text" aria-hidden="true">${parts.length ? parts.join(' · ') : v.s('progressStarting')}</p>
    <p class="visually-hidden" role="status" aria-live="polite">${v.said}</p>
    ${renderWarning(v)}
    ${p ? html`<div class="actions"><button part="button" class="button" data-action="stop" @click=${v.act.stop}>${v.s('stopReading')}</button></div>` : nothing}
  `;
}
export function renderWarning(v: DropView): TemplateResult | typeof nothing {
  return v.warning ? html`<p part="notice" class="warning" role="status"><strong>${v.s('warningLabel')}</strong> ${v.warning}</p>` : nothing;
}