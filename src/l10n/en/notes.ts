/** English: notes on how a file is read — the engine's own table (src/engine/ingest/notes.ts), by code. */
export { NOTES as notes } from '../../engine/ingest/notes.js';
