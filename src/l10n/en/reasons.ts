/** English: why a row was rejected or counted apart — the engine's own table (src/engine/ingest/reasons.ts), by code. */
export { REASONS as reasons } from '../../engine/ingest/reasons.js';
