/**
 * What the drop's step modules draw from (csv-drop.pick, .mapping, .reading, .summary, .recent): the words, the
 * state of the step and the person's actions. The element builds one per render; the modules only draw.
 */
import type { TemplateResult } from 'lit';
import type { DropKey } from '../../l10n/drop.js';
import type { ColumnChoice, OutcomeChoice, ReadAs } from './csv-drop.model.js';
import type { CsvSample, DropErrorKind } from './csv-drop.component.js';
import type { DatasetInfo, DatasetStatus } from '../../protocol/index.js';
import type { ErrorCode } from '../../engine/ingest/errors.js';
import type { FileHead } from '../../engine/ingest/inspect.js';
import type { Preview } from '../../engine/ingest/preview.js';
import type { ContactField, Mapping } from '../../engine/ingest/mapping.js';
import type { Validation } from '../../engine/ingest/index.js';

export interface DropActions {
  picked(e: Event): void;
  dragOver(e: DragEvent): void;
  dragLeave(e: DragEvent): void;
  drop(e: DragEvent): void;
  sample(s: CsvSample): void;
  editColumn(field: ContactField, choice: ColumnChoice): void;
  editReadAs(field: ContactField, readAs: ReadAs): void;
  dayMonthOrder(order: '' | 'dmy' | 'mdy'): void;
  /** One value of the outcome column read as an outcome, counted apart, or as written. */
  outcomeValue(value: string, choice: OutcomeChoice): void;
  /** The values that mean blank in a field's column ("0:00:00, N/A"). */
  nulls(field: ContactField, text: string): void;
  /** The time-of-day column of an instant read from a date and a time column. */
  timeColumn(field: ContactField, column: string): void;
  /** A mapping file chosen in the page (the JSON `--map` takes). */
  loadMappingFile(e: Event): void;
  /** A mapping pasted in the page. */
  applyMappingText(text: string): void;
  /** Downloads the mapping being edited as a file. */
  downloadMapping(): void;
  /** Downloads every rejected row of the file read (CSV). */
  exportRejections(): void;
  inputZone(zone: string): void;
  confirm(): void;
  cancel(): void;
  backToMapping(): void;
  /** Stops the reading under way. */
  stop(): void;
  /** Reads the same file with the same mapping again (after a read failed). */
  retry(): void;
  another(): void;
  reopen(d: DatasetInfo): void;
  askDelete(id: string): void;
  deleteDataset(d: DatasetInfo): void;
  keep(id: string): void;
}

export interface DropView {
  /** Prefix of the element's ids (one per widget on the page). */
  ids: string;
  locale: string;
  headingLevel: number;
  s(key: DropKey, vars?: Record<string, string | number>): string;
  n(v: number): string;
  heading(text: string, level?: number, id?: string): TemplateResult;
  fileName: string;
  dragging: boolean;
  pickNote: string;
  samples: CsvSample[];
  head: FileHead | null;
  mapping: Mapping | null;
  /** The mapping the first look detected (null when nothing mapped by itself). */
  detected: Mapping | null;
  showProblems: boolean;
  /** The zone a timestamp without one is read in when the mapping names none (the source's). */
  zoneDefault: string;
  progress: DatasetStatus['progress'];
  said: string;
  warning: string;
  validation: Validation | null;
  usedPreset: string;
  fromCache: boolean;
  error: string;
  errorKind: DropErrorKind;
  errorCode: ErrorCode | null;
  /** The error step can go back to the mapping (a read failed with a mapping the person can change). */
  canMap: boolean;
  /** The summary can go back to the mapping: the file and its mapping are still here. */
  canRemap: boolean;
  /** Whether the dataset read is in this browser's storage yet (shown only once it is). */
  kept: 'writing' | 'kept' | 'not-kept';
  /** The first rows read with the mapping being edited, or null until the engine answers. */
  preview: Preview | null;
  /** Said about the mapping file last loaded or pasted: in use, or why it cannot be used. */
  mappingFileNote: string;
  mappingFileError: string;
  /** Said on the mapping step after a reading was stopped ('' otherwise). */
  stoppedNote: string;
  datasets: DatasetInfo[] | null;
  listNote: string;
  listError: string;
  confirmingDelete: string | null;
  act: DropActions;
}
