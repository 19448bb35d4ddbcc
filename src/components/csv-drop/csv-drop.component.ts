import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { csvDropStyles } from './csv-drop.styles.js';
import { renderPick } from './csv-drop.pick.js';
import { renderMapping, syncColumnOptions } from './csv-drop.mapping.js';
import { renderReading } from './csv-drop.reading.js';
import { renderError, renderSummary } from './csv-drop.summary.js';
import { renderRecent } from './csv-drop.recent.js';
import type { DropActions, DropView } from './csv-drop.view.js';
import { t as tIn } from '../../l10n/index.js';
import { DROP, type DropKey } from '../../l10n/drop.js';
import { errorWords } from '../../l10n/errors.js';
import { saidOf, type ErrorCode } from '../../engine/ingest/errors.js';
import type { Said } from '../../engine/words.js';
import {
  checkMapping, fileNameOf, mappingFileText, mappingFromText, startMapping, withColumn, withDateAndTime, withDayMonthOrder, withInputTimeZone, withNulls,
  withOutcomeValue, withReadAs, type ColumnChoice, type ReadAs,
} from './csv-drop.model.js';
import { specOf } from '../../engine/ingest/mapping.js';
import { download } from '../common/download.js';
import type { Preview } from '../../engine/ingest/preview.js';
import { localeOf } from '../common/i18n.js';
import { findSource } from '../common/find-source.js';
import { SourceController } from '../common/source-controller.js';
import type { SlaSource } from '../source/source.component.js';
import type { DatasetInfo, DatasetStatus, ViewResult } from '../../protocol/index.js';
import type { FileHead } from '../../engine/ingest/inspect.js';
import { aggregateSourceOf } from '../../engine/aggregates/source.js';
import type { ContactField, Mapping } from '../../engine/ingest/mapping.js';
import type { Validation } from '../../engine/ingest/index.js';

/** The step the drop shows. */
export type DropStep = 'pick' | 'inspecting' | 'mapping' | 'reading' | 'summary' | 'error';

/** What went wrong, for the error step's title and actions. */
export type DropErrorKind = 'not-text' | 'empty' | 'read' | 'reopen' | 'sample';

/** A built-in sample offered beside the file picker. */
export interface CsvSample {
  label: string;
  /** Fetched (relative to the page) into a File when the person picks it. */
  url: string;
}

/** Detail of `sla-file-accepted`. */
export interface FileAcceptedDetail {
  /** The file's name. */
  name: string;
  /** The preset of the mapping the file was read with ("custom" when the person edited it). */
  preset: string;
  /** The preset detected from the header, or null when nothing mapped by itself. */
  detectedPreset: string | null;
  /** The dataset's id in the page's engine (reopen it later with `<sla-source dataset-id>`). */
  datasetId: string;
  /** Rows read (= rows accepted + rows rejected). */
  rows: number;
  rejected: number;
  /** The same file with the same settings was in the cache: nothing was parsed. */
  fromCache: boolean;
}

type Progress = DatasetStatus['progress'];

/** A reading the widget started: results of other datasets on the source are not its business. */
interface Pending {
  /** The dataset's id: from the handle the source gives for this reading (null until it is opened). */
  id: string | null;
  /** The person confirmed a file's mapping (fires sla-file-accepted once read). */
  confirmed: boolean;
  fired: boolean;
  done: boolean;
}

let uid = 0;

/**
 * Drop or pick a CSV export, see how the kit maps its columns and fix the mapping in place, follow the worker
 * while it parses, then read the validation summary (rows read = accepted + rejected, the rejected lines and
 * why). The dataset goes into an `<sla-source>` (the one named by `source`, else the nearest ancestor), which
 * every other widget on it then shows. Datasets kept in this browser's cache can be reopened or deleted.
 *
 * @summary Load a contact CSV into a source, with its mapping and validation.
 *
 * @csspart dropzone - the area a file can be dropped on (has the class `over` while a file is dragged over it)
 * @csspart choose - the "Choose a CSV file" control (the label of the file input)
 * @csspart samples - the list of built-in samples
 * @csspart mapping - the mapping table
 * @csspart progress - the progress bar while reading
 * @csspart identity - the line "rows read = accepted + rejected"
 * @csspart rejections - the scrollable table of rejected lines
 * @csspart recent - the list of datasets kept in this browser
 * @csspart notice - the "no source" notice and warnings
 * @csspart error - the error message
 * @csspart button - every button; `button primary` for the main action of a step
 *
 * @cssproperty --sla-color-accent - buttons, focus rings and the drop zone's highlight
 * @cssproperty --sla-color-border - borders of the drop zone and the tables
 * @cssproperty --sla-color-breach - errors
 * @cssproperty --sla-color-warn - warnings
 * @cssproperty --sla-csv-drop-table-height - the most the rejected-lines and kept-datasets tables grow before they scroll (default 22em)
 *
 * @fires sla-file-accepted - the person confirmed a file's mapping and the file has been read ({ name, preset, rows, rejected … }); never when the page sets properties. The source fires `sla-dataset-ready` itself.
 */
export class SlaCsvDrop extends LitElement {
  static override styles = csvDropStyles;

  /** The id of the `<sla-source>` to read into (else the nearest ancestor source). */
  @property() source: string | null = null;
  /** Most often the progress updates (ms). */
  @property({ type: Number }) throttle = 200;
  /** Built-in samples offered beside the picker. */
  @property({ attribute: false }) samples: CsvSample[] = [];
  /** The level of the steps' headings (the recent list's is one below). */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;
  /** Hides the list of datasets kept in this browser. */
  @property({ type: Boolean, attribute: 'no-recent' }) noRecent = false;

  /** The step shown; moved by the person's actions and the data. A page may set it (with the state below) to show a step. */
  @property({ reflect: true }) step: DropStep = 'pick';
  /** The file's name. */
  @property({ attribute: false }) fileName = '';
  /** The file's head (inspect): header, sample rows, the detected mapping or the problem. */
  @property({ attribute: false }) head: FileHead | null = null;
  /** The mapping being edited (and then read with). */
  @property({ attribute: false }) mapping: Mapping | null = null;
  /** Progress while reading. */
  @property({ attribute: false }) progress: Progress = null;
  /** The validation summary once read. */
  @property({ attribute: false }) validation: Validation | null = null;
  /** The dataset came from the cache (no parse). */
  @property({ type: Boolean, attribute: false }) fromCache = false;
  /** The preset the dataset was read with. */
  @property({ attribute: false }) usedPreset = '';
  /** A warning from the engine (the cache fell back to memory, …). */
  @property({ attribute: false }) warning = '';
  /** The error message on the error step. */
  @property({ attribute: false }) error = '';
  /** The engine's code for the error shown, when it said why (null: the page's own words). */
  @state() private errorCode: ErrorCode | null = null;
  @property({ attribute: false }) errorKind: DropErrorKind = 'read';
  /** Datasets kept in this browser (null: listed from the page's engine when the widget connects). */
  @property({ attribute: false }) datasets: DatasetInfo[] | null = null;

  @state() private dragging = false;
  @state() private sourceMissing = false;
  @state() private showProblems = false;
  @state() private said = '';
  /** The first rows read with the mapping being edited (null until the engine answers). */
  @state() private preview: Preview | null = null;
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  private previewToken = 0;
  @state() private mappingFileNote = '';
  @state() private mappingFileError = '';
  /** Said on the mapping step after a reading was stopped. */
  @state() private stoppedNote = '';
  @state() private pickNote = '';
  @state() private listNote = '';
  @state() private listError = '';
  @state() private confirmingDelete: string | null = null;

  private readonly ids = `d${++uid}`;
  private file: File | null = null;
  private pending: Pending | null = null;
  /** The source's latest result, whatever dataset it is. */
  private latest: ViewResult | null = null;
  private focusAfter: string | null = null;
  private token = 0;
  /** Whether the dataset just read is in this browser's storage (the list is read again until it is). */
  @state() private kept: 'writing' | 'kept' | 'not-kept' = 'writing';
  private lastSaidPct = -1;
  private target: SlaSource | null = null;

  /** The drop needs the dataset's status, progress, validation and mapping, no figures: an empty time range keeps the view cheap. */
  private readonly data = new SourceController(this, () => ({ from: 0, to: 0 }), (r) => this.fromSource(r));

  override connectedCallback(): void {
    super.connectedCallback();
    void this.resolveSource();
    if (this.datasets === null && !this.noRecent) void this.refreshList();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.step === 'mapping' && this.head) syncColumnOptions(this.renderRoot, this.head.header);
    if ((changed.has('mapping') || changed.has('step')) && this.step === 'mapping') this.schedulePreview();
    if (changed.has('source') && changed.get('source') !== undefined) {
      void this.data.resubscribe();
      void this.resolveSource();
    }
    if (this.focusAfter) {
      const el = this.renderRoot.querySelector<HTMLElement>(this.focusAfter);
      this.focusAfter = null;
      el?.focus();
    }
  }

  /** Moves focus to an element of the next render (the next step's heading, the field to fix …). */
  private focusSoon(selector: string): void {
    this.focusAfter = selector;
    this.requestUpdate();
  }

  /** The mapping detected by inspect (what the "spec" choice returns to), null when nothing mapped by itself. */
  private get detected(): Mapping | null {
    return this.head?.mapping ?? null;
  }

  private get locale(): string {
    return localeOf(this);
  }

  private s(key: DropKey, vars?: Record<string, string | number>): string {
    return tIn(DROP, this.locale, key, vars);
  }

  private n(v: number): string {
    return v.toLocaleString(this.locale);
  }

  private noSourceText(): string {
    return this.source ? this.s('noSourceNamed', { id: this.source }) : this.s('noSource');
  }

  private async resolveSource(): Promise<SlaSource | null> {
    const src = await findSource(this, this.source);
    this.target = src;
    this.sourceMissing = !src;
    return src;
  }

  // ── the person's actions ────────────────────────────────────────────────────────────────────────────────

  private onPicked(e: Event): void {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    if (f) void this.takeFile(f);
    input.value = '';
  }

  private onDragOver(e: DragEvent): void {
    if (!e.dataTransfer || ![...e.dataTransfer.types].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this.dragging = true;
  }

  private onDragLeave(e: DragEvent): void {
    const to = e.relatedTarget as Node | null;
    if (to && (e.currentTarget as HTMLElement).contains(to)) return;
    this.dragging = false;
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    const files = e.dataTransfer?.files;
    if (!files || files.length === 0) {
      this.pickNote = this.s('notAFile');
      return;
    }
    this.pickNote = files.length > 1 ? this.s('onlyFirst', { name: files[0].name }) : '';
    void this.takeFile(files[0], files.length > 1);
  }

  private async loadSample(sample: CsvSample): Promise<void> {
    if (!(await this.resolveSource())) {
      this.pickNote = this.noSourceText();
      return;
    }
    const my = ++this.token;
    const name = fileNameOf(sample.url);
    this.fileName = name;
    this.step = 'inspecting';
    this.focusSoon(`#${this.ids}-h`);
    let file: File;
    try {
      const res = await fetch(new URL(sample.url, document.baseURI));
      if (!res.ok) throw new Error(`${sample.url}: HTTP ${res.status}`);
      file = new File([await res.blob()], name, { type: 'text/csv' });
    } catch (e) {
      if (my === this.token) this.fail('sample', (e as Error).message);
      return;
    }
    if (my === this.token) await this.takeFile(file);
  }

  /** A file the person picked or dropped: looked at (64 KB in the worker), then its mapping shown. */
  private async takeFile(file: File, keepNote = false): Promise<void> {
    const my = ++this.token;
    if (!keepNote) this.pickNote = '';
    if (!(await this.resolveSource())) {
      this.pickNote = this.noSourceText();
      return;
    }
    if (my !== this.token) return;
    this.pending = null;
    this.stoppedNote = '';
    this.preview = null;
    this.mappingFileNote = '';
    this.mappingFileError = '';
    this.file = file;
    this.fileName = file.name || 'file.csv';
    this.head = null;
    this.mapping = null;
    this.showProblems = false;
    this.focusSoon(`#${this.ids}-h`);
    if (file.size === 0) {
      this.fail('empty', this.s('errEmpty'));
      return;
    }
    this.step = 'inspecting';
    // A parts table (docs/parts.md) needs no mapping: it is read as it is.
    if (await isPartsTable(file)) {
      if (my !== this.token) return;
      const source = this.target?.isConnected ? this.target : await this.resolveSource();
      if (!source) return;
      this.progress = { bytes: 0, totalBytes: file.size, rows: 0, rejected: 0 };
      this.validation = null;
      this.warning = '';
      this.lastSaidPct = -1;
      this.said = this.s('progressStarting');
      this.step = 'reading';
      await this.follow(() => source.loadParts(file), true);
      return;
    }
    let head: FileHead;
    try {
      const source = this.target?.isConnected ? this.target : await this.resolveSource();
      if (!source) return;
      // The source's engine keeps the file and its head for the reading: nothing is read or sent twice.
      head = await source.inspect(file);
    } catch (e) {
      if (my === this.token) this.fail('not-text', (e as Error)?.message ?? String(e));
      return;
    }
    if (my !== this.token) return;
    if (head.unreadable) {
      this.fail('not-text', head.unreadable);
      return;
    }
    if (head.header.length === 0 && head.samples.length === 0) {
      this.fail('empty', this.s('errEmpty'));
      return;
    }
    this.head = head;
    this.mapping = startMapping(head);
    this.step = 'mapping';
    this.focusSoon(`#${this.ids}-h`);
  }

  /** Reads the first rows with the mapping as it is now, a moment after the last edit (the preview). */
  private schedulePreview(): void {
    if (this.previewTimer) clearTimeout(this.previewTimer);
    const my = ++this.previewToken;
    this.previewTimer = setTimeout(async () => {
      this.previewTimer = null;
      const { file, mapping } = this;
      const source = this.target?.isConnected ? this.target : null;
      if (!file || !mapping || !source || this.step !== 'mapping') return;
      try {
        const p = await source.preview(file, mapping);
        if (my === this.previewToken) this.preview = p;
      } catch {
        if (my === this.previewToken) this.preview = null;
      }
    }, 150);
  }

  /** Shows an error: its kind (the title), its words, and the engine's code when it said why (for advice). */
  private fail(kind: DropErrorKind, why: string | Said<ErrorCode>): void {
    this.errorKind = kind;
    this.errorCode = typeof why === 'string' ? null : why.code;
    this.error = typeof why === 'string' ? why : errorWords(why, this.locale);
    this.step = 'error';
    this.focusSoon(`#${this.ids}-h`);
  }

  private editColumn(field: ContactField, choice: ColumnChoice): void {
    if (!this.mapping || !this.head) return;
    this.mapping = withColumn(this.mapping, field, choice, this.head, this.detected);
    this.showProblems = true;
  }

  private editReadAs(field: ContactField, readAs: ReadAs): void {
    if (!this.mapping || !this.head) return;
    const spec = specOf(this.mapping.fields[field]);
    if (readAs === 'split') this.mapping = withDateAndTime(this.mapping, field, this.head);
    else if (spec?.date !== undefined) {
      // From a date + time back to one column: the date column, read as asked.
      const i = this.head.header.indexOf(spec.date);
      if (i >= 0) this.mapping = withReadAs(withColumn(this.mapping, field, `c:${i}`, this.head, this.detected), field, readAs);
    } else this.mapping = withReadAs(this.mapping, field, readAs);
    this.showProblems = true;
  }

  /** A mapping file picked in the page: read, checked by the engine's validator, used or refused with its words. */
  private async loadMappingFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    this.useMappingText(await f.text(), f.name);
  }

  private useMappingText(text: string, name: string): void {
    const r = mappingFromText(text);
    if ('error' in r) {
      this.mappingFileError = this.s('mappingFileError', { message: r.error });
      this.mappingFileNote = '';
      this.focusSoon(`#${this.ids}-mapfile-err`);
      return;
    }
    // A mapping that names a preset or layout changes only what it gives: the engine extends the preset.
    const base = r.mapping.preset === this.head?.mapping?.preset ? this.head!.mapping! : null;
    this.mapping = base ? { ...structuredClone(base), ...r.mapping, fields: { ...base.fields, ...r.mapping.fields } } : r.mapping;
    this.mappingFileError = '';
    this.mappingFileNote = this.s('mappingLoaded', { name: name || r.mapping.preset });
    this.showProblems = true;
  }

  /** Every rejected row of the file just read (the summary lists the first 100), downloaded as CSV. */
  private async exportRejections(): Promise<void> {
    const source = this.target?.isConnected ? this.target : await this.resolveSource();
    if (!source || !this.file) return;
    try {
      download(await source.rejectedRows(this.file, this.mapping), `${this.baseName()}.rejected.csv`);
    } catch (e) {
      this.warning = errorWords(saidOf(e), this.locale);
    }
  }

  /** The mapping being edited, as the file `--map` takes. */
  private downloadMapping(): void {
    if (!this.mapping) return;
    download(new Blob([mappingFileText(this.mapping)], { type: 'application/json' }), `${this.baseName()}.mapping.json`);
  }

  /** The file's name without its extension, for the files saved beside it. */
  private baseName(): string {
    return (this.fileName || 'file').replace(/\.[^.]+$/, '');
  }

  /** "Read the file": the mapping checked, then the file and mapping handed to the source. */
  private async confirm(): Promise<void> {
    if (!this.mapping || !this.head || !this.file) return;
    const check = checkMapping(this.mapping, this.head);
    if (!check.ok) {
      this.showProblems = true;
      const first = check.problems[0];
      this.focusSoon(first.code === 'zone' ? `#${this.ids}-zone` : first.field ? `#${this.ids}-col-${first.field}` : `#${this.ids}-problems`);
      return;
    }
    const source = this.target?.isConnected ? this.target : await this.resolveSource();
    if (!source) return;
    const mapping = structuredClone(this.mapping);
    this.progress = { bytes: 0, totalBytes: this.file.size, rows: 0, rejected: 0 };
    this.validation = null;
    this.warning = '';
    this.lastSaidPct = -1;
    this.said = this.s('progressStarting');
    this.stoppedNote = '';
    this.step = 'reading';
    this.focusSoon(`#${this.ids}-h`);
    await this.follow(() => source.load(this.file!, { mapping }), true);
  }

  private async reopen(info: DatasetInfo): Promise<void> {
    const source = await this.resolveSource();
    if (!source) {
      this.listNote = this.noSourceText();
      return;
    }
    this.pending = null;
    this.file = null;
    this.head = null;
    this.mapping = null;
    this.fileName = info.name;
    this.progress = null;
    this.validation = null;
    this.warning = '';
    this.said = '';
    this.confirmingDelete = null;
    this.step = 'reading';
    this.focusSoon(`#${this.ids}-h`);
    await this.follow(() => source.reopen(info.id), false);
  }

  /** Follows the dataset the source opens for this reading: the handle names it. */
  private async follow(open: () => Promise<{ id: string }>, confirmed: boolean): Promise<void> {
    const my = ++this.token;
    const p: Pending = { id: null, confirmed, fired: false, done: false };
    this.pending = p;
    try {
      const ds = await open();
      if (my !== this.token || this.pending !== p) return;
      p.id = ds.id;
      // Results of this dataset that came before its handle (a small file is read in a blink).
      if (this.latest?.status.id === ds.id) this.fromSource(this.latest);
    } catch (e) {
      if (my === this.token && this.pending === p) this.fail(confirmed ? 'read' : 'reopen', saidOf(e));
    }
  }

  private cancel(): void {
    // A file looked at and not read: the engine lets it go.
    if (this.file && this.step === 'mapping') void this.target?.release(this.file).catch(() => undefined);
    ++this.token;
    this.pending = null;
    this.head = null;
    this.mapping = null;
    this.file = null;
    this.step = 'pick';
    this.focusSoon(`#${this.ids}-h`);
  }

  /** "Stop reading": the source closes the dataset before anything is kept; the mapping is shown again. */
  private async stopReading(): Promise<void> {
    const source = this.target?.isConnected ? this.target : await this.resolveSource();
    ++this.token;
    this.pending = null;
    this.progress = null;
    await source?.stop();
    if (this.head && this.mapping && this.file) {
      this.step = 'mapping';
      this.pickNote = '';
      this.said = this.s('readStopped', { name: this.fileName });
      this.stoppedNote = this.said;
    } else this.step = 'pick';
    this.focusSoon(`#${this.ids}-h`);
  }

  private backToMapping(): void {
    if (!this.head || !this.mapping) return this.cancel();
    this.pending = null;
    this.step = 'mapping';
    this.focusSoon(`#${this.ids}-h`);
  }

  private another(): void {
    this.pending = null;
    this.pickNote = '';
    this.step = 'pick';
    this.focusSoon(`#${this.ids}-h`);
    if (!this.noRecent) void this.refreshList();
  }

  private askDelete(id: string): void {
    this.confirmingDelete = id;
    this.listNote = '';
    this.focusSoon(`#${this.ids}-confirm`);
  }

  private keep(id: string): void {
    this.confirmingDelete = null;
    this.focusSoon(`[data-delete="${CSS.escape(id)}"]`);
  }

  private async deleteDataset(info: DatasetInfo): Promise<void> {
    const list = this.datasets ?? [];
    const at = list.findIndex((d) => d.id === info.id);
    try {
      const source = this.target?.isConnected ? this.target : await this.resolveSource();
      if (!source) throw new Error(this.noSourceText());
      await source.deleteKept(info.id);
    } catch (e) {
      this.listError = this.s('recentError', { message: (e as Error)?.message ?? String(e) });
      return;
    }
    this.confirmingDelete = null;
    this.listNote = this.s(this.latest?.status.id === info.id ? 'deletedShown' : 'deleted', { name: info.name });
    await this.refreshList();
    const now = this.datasets ?? [];
    const next = now[Math.min(at, now.length - 1)];
    this.focusSoon(next ? `[data-reopen="${CSS.escape(next.id)}"]` : `#${this.ids}-recent`);
  }

  /** The figures go out before the cache is written: "kept" is said once the list holds the dataset. */
  private async afterWritten(id: string): Promise<void> {
    const source = this.target?.isConnected ? this.target : await this.resolveSource();
    await source?.datasetHandle().catch(() => null);
    const found = await this.refreshList(id);
    if (this.latest?.status.id === id) this.kept = found ? 'kept' : 'not-kept';
  }

  /** Lists the datasets kept in this browser; `until` waits (a little) for one that is being written, and says whether it came. */
  private async refreshList(until?: string): Promise<boolean> {
    try {
      const source = this.target?.isConnected ? this.target : await this.resolveSource();
      if (!source) {
        this.datasets ??= [];
        return false;
      }
      for (let i = 0; ; i++) {
        const list = await source.kept();
        const there = until !== undefined && list.some((d) => d.id === until);
        if (!until || there || i >= 40) {
          if (!this.noRecent) this.datasets = list;
          this.listError = '';
          return there;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    } catch (e) {
      this.listError = this.s('recentError', { message: (e as Error)?.message ?? String(e) });
      this.datasets ??= [];
      return false;
    }
  }

  // ── the data ────────────────────────────────────────────────────────────────────────────────────────────

  private fromSource(r: ViewResult): void {
    this.latest = r;
    const p = this.pending;
    if (!p || p.id === null || r.status.id !== p.id) return;
    const st = r.status;
    this.warning = st.warning ? errorWords(st.warning, this.locale) : '';
    if (p.done) return;
    if (st.state === 'loading') {
      this.progress = st.progress;
      this.sayProgress(st.progress);
    } else if (st.state === 'error') {
      p.done = true;
      this.fail(p.confirmed ? 'read' : 'reopen', st.error ?? this.s('errRead'));
    } else if (st.state === 'ready') {
      p.done = true;
      this.validation = r.validation;
      this.fromCache = st.fromCache;
      this.usedPreset = r.mapping?.preset ?? '';
      this.progress = null;
      this.step = 'summary';
      this.focusSoon(`#${this.ids}-h`);
      const v = r.validation;
      if (p.confirmed && !p.fired) {
        p.fired = true;
        this.dispatchEvent(new CustomEvent<FileAcceptedDetail>('sla-file-accepted', {
          detail: {
            // A parts table (docs/parts.md) is read without a mapping: its preset is "parts".
            name: this.fileName, preset: r.mapping?.preset ?? this.mapping?.preset ?? 'parts', detectedPreset: this.detected?.preset ?? null,
            datasetId: st.id, rows: v?.rowsRead ?? 0, rejected: v?.rowsRejected ?? 0, fromCache: st.fromCache,
          },
          bubbles: true, composed: true,
        }));
      }
      this.kept = st.fromCache ? 'kept' : 'writing';
      if (!st.fromCache) void this.afterWritten(st.id);
    }
  }

  /** A polite announcement every quarter of the file, not every update. */
  private sayProgress(p: Progress): void {
    if (!p) return;
    const pct = p.totalBytes ? Math.floor((p.bytes / p.totalBytes) * 4) * 25 : -1;
    if (pct === this.lastSaidPct) return;
    this.lastSaidPct = pct;
    this.said = pct < 0 ? this.s('progressRows', { n: this.n(p.rows) }) : this.s('progressSaid', { pct, rows: this.n(p.rows), rejected: this.n(p.rejected) });
  }

  // ── rendering ───────────────────────────────────────────────────────────────────────────────────────────

  private heading(text: string, level = this.headingLevel, id = `${this.ids}-h`): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, Math.max(1, level))} id=${id} tabindex="-1" class="heading">${text}</div>`;
  }

  protected override render() {
    const v = this.view();
    return html`
      ${this.sourceMissing ? html`<p part="notice" class="notice">${this.noSourceText()}</p>` : nothing}
      <div class="step" data-step=${this.step}>${this.renderStep(v)}</div>
      ${!this.noRecent && (this.step === 'pick' || this.step === 'summary') ? renderRecent(v) : nothing}
    `;
  }

  private renderStep(v: DropView): TemplateResult {
    switch (this.step) {
      case 'inspecting': return html`${this.heading(this.s('inspecting', { name: this.fileName }))}<progress part="progress" aria-label=${this.s('inspecting', { name: this.fileName })}></progress>`;
      case 'mapping': return renderMapping(v);
      case 'reading': return renderReading(v);
      case 'summary': return renderSummary(v);
      case 'error': return renderError(v);
      default: return renderPick(v);
    }
  }

  /** The actions of the person, bound once. */
  private readonly act: DropActions = {
    picked: (e) => this.onPicked(e),
    dragOver: (e) => this.onDragOver(e),
    dragLeave: (e) => this.onDragLeave(e),
    drop: (e) => this.onDrop(e),
    sample: (smp) => void this.loadSample(smp),
    editColumn: (field, choice) => this.editColumn(field, choice),
    editReadAs: (field, readAs) => this.editReadAs(field, readAs),
    dayMonthOrder: (order) => { if (this.mapping) this.mapping = withDayMonthOrder(this.mapping, order); },
    outcomeValue: (value, choice) => { if (this.mapping) { this.mapping = withOutcomeValue(this.mapping, value, choice); this.showProblems = true; } },
    nulls: (field, text) => { if (this.mapping) this.mapping = withNulls(this.mapping, field, text); },
    timeColumn: (field, column) => { if (this.mapping && this.head) { this.mapping = withDateAndTime(this.mapping, field, this.head, column); this.showProblems = true; } },
    loadMappingFile: (e) => void this.loadMappingFile(e),
    applyMappingText: (text) => this.useMappingText(text, ''),
    downloadMapping: () => this.downloadMapping(),
    exportRejections: () => void this.exportRejections(),
    inputZone: (zone) => { if (this.mapping) this.mapping = withInputTimeZone(this.mapping, zone); this.showProblems = true; },
    confirm: () => void this.confirm(),
    cancel: () => this.cancel(),
    backToMapping: () => this.backToMapping(),
    stop: () => void this.stopReading(),
    retry: () => void this.confirm(),
    another: () => this.another(),
    reopen: (d) => void this.reopen(d),
    askDelete: (id) => this.askDelete(id),
    deleteDataset: (d) => void this.deleteDataset(d),
    keep: (id) => this.keep(id),
  };

  /** What the step modules draw from, now. */
  private view(): DropView {
    return {
      ids: this.ids, locale: this.locale, headingLevel: this.headingLevel,
      s: (key, vars) => this.s(key, vars), n: (x) => this.n(x), heading: (text, level, id) => this.heading(text, level, id),
      fileName: this.fileName, dragging: this.dragging, pickNote: this.pickNote, samples: this.samples,
      head: this.head, mapping: this.mapping, detected: this.detected, showProblems: this.showProblems,
      zoneDefault: this.target?.inputTz || this.target?.zone || 'UTC',
      progress: this.progress, said: this.said, warning: this.warning,
      validation: this.validation, usedPreset: this.usedPreset, fromCache: this.fromCache,
      error: this.error, errorKind: this.errorKind, errorCode: this.errorCode,
      canMap: this.errorKind === 'read' && this.head !== null && this.mapping !== null && this.file !== null,
      canRemap: this.head !== null && this.mapping !== null && this.file !== null && this.pending?.confirmed === true,
      kept: this.kept,
      stoppedNote: this.stoppedNote,
      preview: this.preview,
      mappingFileNote: this.mappingFileNote, mappingFileError: this.mappingFileError,
      datasets: this.datasets, listNote: this.listNote, listError: this.listError, confirmingDelete: this.confirmingDelete,
      act: this.act,
    };
  }
}

/**
 * Whether a file is a parts table (docs/parts.md) by its first bytes: Parquet's magic, a first line naming the
 * table's key columns (CSV, or NDJSON's first object), or a vendor's saved aggregates.
 */
async function isPartsTable(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 65_536).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31) return true;
  const text = new TextDecoder().decode(head);
  // A vendor's saved aggregates (Amazon Connect, Genesys Cloud) are read as parts too (docs/parts.md).
  if (aggregateSourceOf(text)) return true;
  const first = text.split(/\r?\n/)[0];
  return /\bparts_version\b/.test(first) && /\bslot_start\b/.test(first) && /\bpart\b/.test(first);
}
