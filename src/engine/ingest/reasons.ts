/**
 * Why a row is rejected: every reason the contact reader, the CSV reader and the queue_log folder give, in
 * one table of English templates. The engine reports the English words (the CLI, JSON, `byReason`); a page
 * that speaks another language finds the reason's code and values again with `reasonOf` and words it from
 * its own table with the same codes (components/csv-drop). One list, so the two cannot drift apart.
 */
import { wordTable } from '../words.js';

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

const WORDS = wordTable<ReasonCode>(REASONS);

/** In English words, the `{name}` places filled. */
export const reason = WORDS.say;

/** The code and values of words the engine said in English; null for words it did not say (a mapping's own). */
export const reasonOf = WORDS.find;
