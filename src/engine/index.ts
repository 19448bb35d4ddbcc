/** The metric engine: no DOM; runs in the worker, in Node and in tests. */
export * from './types.js';
export * from './definitions.js';
export * from './parts.js';
export * from './metrics.js';
export * from './rollup.js';
export * from './calendar.js';
export * from './histogram.js';
export { Zone, zoneNamed } from './time/zone.js';
export { CsvReader, CsvRecord, type Delimiter } from './ingest/csv.js';
export { ContactIngest, IngestError, type IngestOptions, type IngestResult, type Validation } from './ingest/index.js';
export { validateMapping, CONTACT_FIELDS, type Mapping, type FieldSpec } from './ingest/mapping.js';
export { detectMapping } from './ingest/presets.js';
export type { Rejection } from './ingest/contacts.js';
export { analyze, analyzeText, unneeded, type AnalyzeOptions, type Analysis } from './analyze.js';
export { sampleBlocks } from './ingest/sample-blocks.js';
export { LiveContacts, type StreamEvent, type ContactEvent } from './live/live-contacts.js';
