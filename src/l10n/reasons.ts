/** What the engine says — why a row was rejected or counted apart — in every language (src/l10n/<language>/reasons.ts), from its code and values. */
import { saidWords, words } from './index.js';
import { reasons as en } from './en/reasons.js';
import { reasons as es } from './es/reasons.js';
import { reasons as de } from './de/reasons.js';
import type { ReasonCode } from '../engine/ingest/reasons.js';
import type { Said } from '../engine/words.js';

export const REASON_WORDS = words(en, es, de);

/** Why a row was rejected or counted apart, in the locale's words. */
export const reasonWords = (r: Said<ReasonCode>, locale: string): string => saidWords(REASON_WORDS, locale, r);
