/** English: why a file cannot be read — the engine's own table (src/engine/ingest/errors.ts), by code. */
export { ERRORS as errors } from '../../engine/ingest/errors.js';
