/**
 * CSV written for people to open in a spreadsheet (RFC 4180): numbers plain, text that could start a formula made
 * inert with a leading apostrophe, quoted where needed. One writer for the scorecard export, the CLI's
 * rejected rows and the page's. No DOM.
 */
export type CsvValue = string | number | boolean | null | undefined;

/** First characters a spreadsheet may take as the start of a formula (or that hide one after them). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell made inert: a leading apostrophe when it could start a formula. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A finite number as plain digits with a dot: no grouping, no exponent, at most 10 decimals; −0 is 0. */
export function plainNumber(v: number): string {
  const r = Math.round(v * 1e10) / 1e10;
  if (r === 0) return '0';
  if (Number.isInteger(r) && Math.abs(r) < 1e21) return String(r);
  const s = r.toFixed(10);
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** One field: numbers plain (empty when not finite), booleans TRUE/FALSE, text neutralized then quoted if needed. */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? plainNumber(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const text = neutralize(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records to CSV text: padded to one width, CRLF after every record. */
export function csvText(records: CsvValue[][]): string {
  // (a loop, not Math.max(...): more records than a call's arguments may be)
  let width = 1;
  for (const r of records) if (r.length > width) width = r.length;
  return records.map((r) => Array.from({ length: width }, (_, i) => csvField(r[i])).join(',') + '\r\n').join('');
}
