/**
 * What the kit says, as data (docs/protocol.md): a code from one of its tables and the values in its places.
 * The engine hands out `Said` values; words are made where they are shown — in English by the CLI and in JSON
 * (`text`), in the page's language by the widgets, each from its own table with the same codes. Nothing reads
 * words back into codes.
 */

export interface Said<C extends string = string> {
  readonly code: C;
  readonly values: Readonly<Record<string, string | number>>;
}

/** A template's `{name}` places filled from `values`; a place with no value is left as it is. */
export function fill(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  // Most words have no place to fill (a widget's labels, every second of a wallboard).
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** A table of English templates with `{name}` places: `said` makes the data, `text` its English words. */
export interface WordTable<C extends string> {
  said<K extends C>(code: K, values?: Record<string, string | number>): Said<K>;
  text(s: Said<C>): string;
}

export function wordTable<C extends string>(templates: Record<C, string>): WordTable<C> {
  return {
    said: <K extends C>(code: K, values: Record<string, string | number> = {}): Said<K> => ({ code, values }),
    text: (s) => fill(templates[s.code], s.values),
  };
}
