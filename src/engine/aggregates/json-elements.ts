/**
 * The entries of a vendor's saved JSON response, found without parsing the whole file (docs/parts.md, "Vendor
 * aggregates"): every element of an array whose key is one of `keys` comes out as its own text with the line
 * it starts on, so one broken entry is rejected alone and the others are read. The top level may be one
 * response, an array of responses (pages), or one response per line (NDJSON). Arrays under these keys inside
 * an entry are left in the entry.
 */

export interface JsonEntry {
  /** The entry's JSON text; null when the file ends inside it. */
  text: string | null;
  /** When the file ends inside the entry: what there is of it, to the end. */
  partial?: string;
  /** 1-based line of the entry's first character. */
  line: number;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, COLON = 0x3a, COMMA = 0x2c, NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d;

/** The end of the string whose opening quote is at `i` (the index of its closing quote), or -1. */
function stringEnd(text: string, i: number): number {
  let j = i;
  for (;;) {
    j = text.indexOf('"', j + 1);
    if (j < 0) return -1;
    // A quote preceded by an odd number of backslashes is escaped.
    let k = j - 1, slashes = 0;
    while (k > i && text.charCodeAt(k) === BACKSLASH) { k--; slashes++; }
    if (slashes % 2 === 0) return j;
  }
}

/** Yields the entries of the arrays under `keys`, in file order. */
export function* jsonEntries(text: string, keys: ReadonlySet<string>, firstLine = 1): Generator<JsonEntry> {
  // Per open container: 1 object, 2 array, 3 an array whose elements are entries.
  const stack: number[] = [];
  let line = firstLine;
  // The next newline not yet counted in `line`: each is found once, so a file on one line is read in one pass.
  let nextNewline = text.indexOf('\n');
  const lineAt = (pos: number): number => {
    while (nextNewline >= 0 && nextNewline < pos) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  let lastString = '';
  let key: string | null = null; // the key whose value comes next
  let entryStart = -1; // start of the entry being read (inside an entries array)
  let entryDepth = -1; // stack depth of the entries array
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      if (entryDepth >= 0 && entryStart < 0 && stack.length === entryDepth) entryStart = i;
      const end = stringEnd(text, i);
      if (end < 0) break;
      if (entryStart < 0) lastString = text.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === COLON) {
      key = lastString;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (entryDepth >= 0 && entryStart < 0 && stack.length === entryDepth) entryStart = i;
      const entries = c === OPEN_ARRAY && entryStart < 0 && key !== null && keys.has(key);
      stack.push(c === OPEN_OBJECT ? 1 : entries ? 3 : 2);
      if (entries) entryDepth = stack.length;
      key = null;
      continue;
    }
    if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      const top = stack.pop();
      if (top === 3) {
        if (entryStart >= 0) { yield { text: text.slice(entryStart, i), line: lineAt(entryStart) }; entryStart = -1; }
        entryDepth = -1;
      }
      key = null;
      continue;
    }
    if (c === COMMA) {
      if (entryDepth >= 0 && stack.length === entryDepth && entryStart >= 0) {
        yield { text: text.slice(entryStart, i), line: lineAt(entryStart) };
        entryStart = -1;
      }
      key = null;
      continue;
    }
    // A scalar entry (a number, a string handled above, true/false/null) starts here.
    if (entryDepth >= 0 && entryStart < 0 && stack.length === entryDepth && c > 0x20 && c !== NEWLINE) entryStart = i;
  }
  if (entryStart >= 0) yield { text: null, line: lineAt(entryStart), partial: text.slice(entryStart) };
}
