/**
 * Everything that crosses between the page and the engine worker (docs/protocol.md): small, typed,
 * structured-clone-able values. No rows ever cross to the page; a view's result is its totals and groups.
 * This folder imports nothing but engine types.
 */
export type { DatasetInfo, DatasetOptions, DatasetState, DatasetStatus, StreamKind, StreamStatus } from './dataset.js';
export { SaidError } from './said-error.js';
export { applyUpdate, ViewUpdates, type LiveView, type ViewResult, type ViewSpec, type ViewUpdate } from './view.js';
