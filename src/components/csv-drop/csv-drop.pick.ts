/** The pick step: the drop zone, the file input and the built-in samples. */
import { html, nothing, type TemplateResult } from 'lit';
import type { DropView } from './csv-drop.view.js';

export function renderPick(v: DropView): TemplateResult {
  return html`
    ${v.heading(v.s('pickTitle'))}
    <div part="dropzone" class=${v.dragging ? 'dropzone over' : 'dropzone'}
      @dragenter=${v.act.dragOver} @dragover=${v.act.dragOver} @dragleave=${v.act.dragLeave} @drop=${v.act.drop}>
      <p>${v.s('dropHere')}</p>
      <input id="${v.ids}-file" class="file" type="file" accept=".csv,.tsv,.txt,text/csv,.parquet,.ndjson,.jsonl,.json"
        aria-describedby="${v.ids}-hint" @change=${v.act.picked} />
      <label part="choose button primary" for="${v.ids}-file" class="button primary">${v.s('choose')}</label>
      <p id="${v.ids}-hint" class="muted hint">${v.s('pickHint')}</p>
    </div>
    ${v.pickNote ? html`<p class="note" role="status">${v.pickNote}</p>` : nothing}
    ${v.samples.length ? html`
      <div part="samples" class="samples">
        <p id="${v.ids}-samples">${v.s('samplesTitle')}</p>
        <ul aria-labelledby="${v.ids}-samples">
          ${v.samples.map((smp) => html`<li><button part="button" class="button" @click=${() => v.act.sample(smp)}>${v.s('sampleButton', { label: smp.label })}</button></li>`)}
        </ul>
      </div>` : nothing}
  `;
}