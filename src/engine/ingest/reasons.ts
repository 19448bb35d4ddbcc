/**
 * Why a row is rejected: every reason the contact reader, the CSV reader and the queue_log folder give, in
 * one table of English templates. The engine reports the English words (the CLI, JSON, `byReason`); a page
 * that speaks another language finds the reason's code and values again with `reasonOf` and words it from
 * its own table with the same codes (components/csv-drop). One list, so the two cannot drift apart.
 */
export const REASONS = {
  fieldCount: 'has {count} fields, the header has {columns}',
  emptyRow: 'empty row',
  unclosedQuote: 'unclosed quote',
  unclosedQuoteToEnd: 'unclosed quote: the field runs to the end of the file (lines {from}–{to})',
  textAfterQuote: 'text after a closing quote',
  quoteInUnquoted: 'quote inside an unquoted field',
  missingId: 'missing id',
  duplicateId: 'duplicate id',
  missingQueue: 'missing queue',
  missingArrival: 'missing arrival time',
  unknownValue: 'unknown {field} value',
  unparseableTime: 'unparseable time',
  dstGap: 'local time in a DST gap',
  noZone: 'time without zone and no input zone',
  timeOutOfRange: 'time out of range (before 1970 or after 2099: a wrong format or unit?)',
  unparseableDuration: 'unparseable duration',
  notANumber: 'not a number',
  notYesNo: 'not a yes/no value',
  negativeDuration: 'negative duration',
  implausibleDuration: 'implausible duration (over 30 days: a wrong unit?)',
  scoreOutOfRange: '{field} out of range {lo}–{hi}',
  noOutcomeFlag: 'no outcome: the answered/abandoned flag is blank',
  noOutcome: 'no outcome: neither answered nor ended',
  answeredWithoutEntry: 'answered without queue entry or answer time',
  answeredWithoutTime: 'answered, but no answer time or wait',
  answeredBeforeArrived: 'answered before arrived',
  endedBeforeArrived: 'ended before arrived',
  endedBeforeAnswered: 'ended before answered',
  notQueueLog: 'not a queue_log line (fewer than 5 fields)',
  callWithoutEnterQueue: 'call without ENTERQUEUE',
  unparseableWait: 'unparseable wait',
  completedWithoutConnect: 'completed call without CONNECT',
  callWithoutEnd: 'no outcome: the call has no end in the file',
} as const;

export type ReasonCode = keyof typeof REASONS;

/** A reason in English words, its `{name}` places filled. */
export function reason(code: ReasonCode, values: Record<string, string | number> = {}): string {
  return REASONS[code].replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MATCHERS = (Object.keys(REASONS) as ReasonCode[]).map((code) => {
  const names: string[] = [];
  const source = REASONS[code].split(/(\{\w+\})/).map((part) => {
    const m = /^\{(\w+)\}$/.exec(part);
    if (!m) return escape(part);
    names.push(m[1]);
    return '(.+?)';
  }).join('');
  return { code, names, re: new RegExp(`^${source}$`) };
});

/** The code and values of a reason the engine gave in English; null for words it does not know (a mapping's own). */
export function reasonOf(text: string): { code: ReasonCode; values: Record<string, string> } | null {
  for (const m of MATCHERS) {
    const hit = m.re.exec(text);
    if (!hit) continue;
    const values: Record<string, string> = {};
    m.names.forEach((n, i) => { values[n] = hit[i + 1]; });
    return { code: m.code, values };
  }
  return null;
}
