/**
 * Vendor aggregates read as parts (docs/parts.md, "Vendor aggregates"): the JSON saved from Amazon Connect's
 * GetMetricDataV2 and from Genesys Cloud's conversation aggregate query, 15-minute intervals × queue (× channel,
 * × agent). Their counts and sums become the cells of `ContactParts`; their "answered within T" counts are kept
 * per threshold as given (`ContactParts.addWithin`), so the figures come out exactly at those thresholds and are
 * refused in words at any other (rollup.ts, `checkWaitsGiven`). Each entry of the file is one row: a bad one is
 * rejected with its line and reason, the others kept, and rows read = accepted + rejected.
 */
import { IngestError, error } from '../ingest/errors.js';
import { SOURCE_NAMES, AggregateRows, type AggregateOptions, type AggregateSource } from './rows.js';
import type { ContactParts } from '../parts.js';
import type { Validation } from '../ingest/index.js';
import { readConnect } from './connect.js';
import { readGenesys } from './genesys.js';

export { SOURCE_NAMES, type AggregateOptions, type AggregateSource };
export { aggregateSourceOf } from './source.js';

/** The words for a saved response with no entry at all (no interval of any queue). */
export const emptyAggregates = (source: AggregateSource): IngestError => new IngestError(error('aggregatesEmpty', { source: SOURCE_NAMES[source] }));

/** What reading a vendor's file gives: its parts (null when no entry could be read) and how it read. */
export interface AggregatesRead {
  source: AggregateSource;
  parts: ContactParts | null;
  validation: Validation;
}

/**
 * Reads a vendor's saved response (one, an array of pages, or one per line); entries that cannot be read are
 * rejected with their line and reason. A response with no entry reads nothing (rows read 0): one page of many may
 * be empty; `emptyAggregates` says so in words where it is the only one.
 */
export function readAggregates(text: string, source: AggregateSource, opts: AggregateOptions = {}): AggregatesRead {
  const rows = new AggregateRows(source, opts.onRejection);
  if (source === 'connect') readConnect(text, rows, opts);
  else readGenesys(text, rows, opts);
  return { source, parts: rows.parts(opts), validation: rows.validation };
}
