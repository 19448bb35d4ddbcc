/**
 * An error that carries what the engine said ({ code, values }) on the page: made by the client from what the
 * worker sent as data (an error's own fields do not survive the worker boundary). The page words it.
 */
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';

export class SaidError extends Error {
  /** `message`: the engine's English words when it sent them (for logs and developers), else the code. */
  constructor(readonly said: Said<ErrorCode>, message?: string) {
    super(message ?? said.code);
    this.name = 'SaidError';
  }
}
