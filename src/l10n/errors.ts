/** What the engine says — why a file cannot be read — in every language (src/l10n/<language>/errors.ts), from its code and values. */
import { saidWords, words } from './index.js';
import { errors as en } from './en/errors.js';
import { errors as es } from './es/errors.js';
import { errors as de } from './de/errors.js';
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';

export const ERROR_WORDS = words(en, es, de);

/** Why a file or a dataset cannot be read, in the locale's words. */
export const errorWords = (e: Said<ErrorCode>, locale: string): string => saidWords(ERROR_WORDS, locale, e);
