/**
 * The kit's words in the page's language (docs/protocol.md, "words are made where they are shown"), all in
 * this module: a folder per language (en/, es/, de/) with the same files — common words, one file per widget,
 * and engine.ts for the engine's reasons, notes and errors by their codes. A key a language lacks falls back to
 * English; the engine's codes have words in every language (the types require it). `<section>.ts` beside this
 * file puts one section's languages together: a widget imports only its own sections, so its bundle holds
 * only their words (one module cannot be split across bundle chunks).
 */
import { fill, type Said } from '../engine/words.js';

export const LOCALES = ['en', 'es', 'de'] as const;
export type Locale = (typeof LOCALES)[number];

/** The table's language for a locale tag: `es-MX` → `es`; unknown → `en`. */
export function languageOf(locale: string): Locale {
  const l = locale.slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(l) ? (l as Locale) : 'en';
}

/** One section's words in every language: English whole, the others as far as they go. */
export interface Words<K extends string> {
  readonly en: Readonly<Record<K, string>>;
  readonly es: Readonly<Partial<Record<K, string>>>;
  readonly de: Readonly<Partial<Record<K, string>>>;
}

export function words<K extends string>(english: Record<K, string>, spanish: Partial<Record<K, string>>, german: Partial<Record<K, string>>): Words<K> {
  return { en: english, es: spanish, de: german };
}

/** A word of a section in the locale, its `{name}` places filled. */
export function t<K extends string>(table: Words<K>, locale: string, key: K, vars: Readonly<Record<string, string | number>> = {}): string {
  return fill(table[languageOf(locale)][key] ?? table.en[key], vars);
}

/** Whether a section has a key (a metric's name among the common words, say). */
export function hasKey<K extends string>(table: Words<K>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(table.en, key);
}

/** What the engine said (a reason, a note, an error) in the locale's words; a mapping author's own note as written. */
export function saidWords<K extends string>(table: Words<K>, locale: string, s: Said<K> | string): string {
  return typeof s === 'string' ? s : t(table, locale, s.code, s.values);
}
