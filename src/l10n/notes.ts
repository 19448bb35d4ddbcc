/** What the engine says — notes on how a file is read — in every language (src/l10n/<language>/notes.ts), from its code and values. */
import { saidWords, words } from './index.js';
import { notes as en } from './en/notes.js';
import { notes as es } from './es/notes.js';
import { notes as de } from './de/notes.js';
import type { MappingNote } from '../engine/ingest/notes.js';

export const NOTE_WORDS = words(en, es, de);

/** A note on how a file is read (a mapping author's own note as written), in the locale's words. */
export const noteWords = (n: MappingNote, locale: string): string => saidWords(NOTE_WORDS, locale, n);
