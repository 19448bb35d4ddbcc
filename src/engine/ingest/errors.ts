/**
 * Why a whole file cannot be read, in one table of English templates (docs/protocol.md). An `IngestError`
 * carries its code and values; the CLI prints the English words, a page words the code in its language.
 */
import { wordTable, type Said } from '../words.js';

export const ERRORS = {
  utf16: 'the file is UTF-16 text: save it as UTF-8 (Excel: "CSV UTF-8")',
  gzip: 'the file is gzip-compressed: unpack it first',
  zip: 'the file is a ZIP archive (an .xlsx workbook?): export the sheet as CSV',
  binary: 'the file is binary, not CSV text: export the contacts from your ACD as CSV',
  emptyFile: 'the file is empty: no header and no rows',
  dayMonthOrder: 'cannot tell the day/month order of "{column}": every date in the file has day and month ≤ 12. Set "dayMonthOrder": "dmy" or "mdy" in a mapping file (--map), or a fixed "dateFormat".',
  headerNoArrival: 'the header does not map to contacts: found {fields}, but no arrival time (a column such as arrived, start time, or date + time) (header: {header}); give a mapping file with --map',
  headerNothingKnown: 'the header does not map to contacts: no column name is one the kit knows (header: {header}); give a mapping file with --map',
  /** A mapping the file cannot be read with: the validator's own words (they name the mapping's field). */
  badMapping: '{detail}',
  recordsEmpty: 'the {what} file is empty',
  recordsNoColumn: 'the {what} file has no {field} column (looked for {names}; header: {header})',
  forecastSpacing: 'the forecast\'s intervals are {minutes} minutes apart: add an "interval minutes" column (5, 15, 30 or 60)',
  // The dataset cache: where it keeps datasets when IndexedDB will not (a warning on the dataset, not an error).
  cacheNone: 'No IndexedDB here (a private window?): datasets are kept in memory only and are gone after a reload.',
  cacheUpgrading: 'Another tab is upgrading the dataset cache: datasets are kept in memory in this tab until it is reloaded.',
  cacheNotOpened: 'The dataset cache could not be opened ({detail}): datasets are kept in memory only.',
  cacheFull: 'The browser\'s storage quota is full: new datasets are kept in memory only (delete old ones to free space).',
  cacheFailed: 'The dataset cache failed ({detail}): datasets are kept in memory only.',
  // Scorecards: what stops one from being evaluated.
  slaInvalid: '{detail}',
  periodInvalid: '{detail}',
  noContactsYet: 'no contacts yet, so there is no period to evaluate',
  noSla: 'no SLA document: give the source an sla="…json" attribute or an slaDocument',
  noSourceData: 'no data: give the source a src, stream, file or dataset',
  slaNotLoaded: 'the SLA document {url} could not be loaded (HTTP {status})',
  slaNotJson: 'the SLA document {url} is not JSON',
  /** A dataset asked for by id that the browser's cache no longer holds. */
  datasetGone: 'the dataset {id} is no longer in this browser\'s cache: load the file again',
  /** The engine worker stopped while it was reading (it is restarted; the reading can be tried again). */
  workerRestarted: 'the engine stopped while it read the file: try again',
  readStopped: 'the reading was stopped: nothing of this file was kept',
  /** A parts table (docs/parts.md) that cannot be read as one. */
  notPartsTable: 'not a parts table (docs/parts.md): missing the columns {columns} (header: {header})',
  partsEmpty: 'the parts file is empty: no header and no rows',
  partsNoRows: 'no row of the parts file could be read (line {line}: {reason})',
  partsSlot: 'these parts are kept in {slot}-minute slots: they cannot give {interval}-minute intervals (make them with 5-minute slots)',
  parquetUnreadable: 'the Parquet file cannot be read here ({detail}): write it uncompressed or with Snappy, or give the parts as CSV or NDJSON',
  /** Figures that need a wait the source counted at other thresholds only (docs/parts.md, "Vendor aggregates"). */
  slThresholdNotGiven: '{source} counted the contacts answered within {given} only: a service level at {threshold} s cannot be computed from its figures. Set the threshold to one it counted, or export the count at {threshold} s',
  slTimeUnknown: '{source} counts the contacts answered within each queue\'s own service-level time, which its figures do not say: give that time (sla-widgets: --source-threshold; <sla-source>: source-threshold)',
  shortAbandonTimeUnknown: '{source} counted short abandons at each queue\'s own short-abandon time, which its figures do not say: give that time (sla-widgets: --source-short-abandon; <sla-source>: source-short-abandon), or set short abandon to 0 to count every abandon',
  slAbandonsNotGiven: '{source} counted the abandons within {given} only: the service level "{preset}" needs the abandons within {threshold} s. Export that count, or use a service level that does not count them',
  shortAbandonNotGiven: '{source} counted the abandons within {given} only: short abandons of {short} s cannot be told apart. Set short abandon to one it counted, or to 0 to count every abandon',
  slNotCounted: '{source} gave no count of the contacts answered within a time: a service level cannot be computed from its figures (export the count at {threshold} s)',
  shortAbandonNotCounted: '{source} gave no count of the abandons within a time: short abandons of {short} s cannot be told apart. Set short abandon to 0 to count every abandon, or export the abandons within {short} s',
  slAbandonsNotCounted: '{source} gave no count of the abandons within a time: the service level "{preset}" needs the abandons within {threshold} s. Export that count, or use a service level that does not count them',
  aggregatesEmpty: '{source}: the saved response holds no results (no interval of any queue)',
  aggregatesTooLarge: 'a saved response over {mib} MiB: save it in pages (one file per page, or one page per line) and load them one by one',
  aggregatesAsContacts: 'the file is {source}\'s saved aggregates, not contacts: load it as parts (<sla-source parts>, or the drop)',
  metricNotGiven: '{source} does not give {metric} (no wait histogram, or no answer-wait seconds): the agreement\'s target on it cannot be judged from these figures. Judge it from the contacts or a parts table made from them; for ASA, export the average answer time too',
  /** A file given by address that did not download. */
  loadFailed: 'cannot load {url}: {detail}',
  /** Anything else, in the words it came with (an engine bug, a browser's own error). */
  message: '{text}',
} as const;

export type ErrorCode = keyof typeof ERRORS;

const WORDS = wordTable<ErrorCode>(ERRORS);

/** An error as data. */
export const error = WORDS.said;

/** An error in English words. */
export const errorText = WORDS.text;

/** A file the kit cannot read as a whole: its words in English (`message`) and as data (`said`). */
export class IngestError extends Error {
  constructor(readonly said: Said<ErrorCode>) {
    super(errorText(said));
  }
}

/** Any thrown value as data: what an error carries (an IngestError, the page's SaidError), else its message under `message`. */
export function saidOf(e: unknown): Said<ErrorCode> {
  const said = (e as { said?: Said<ErrorCode> } | null)?.said;
  if (said && typeof said.code === 'string' && said.code in ERRORS) return said;
  return error('message', { text: (e as Error)?.message ?? String(e) });
}
