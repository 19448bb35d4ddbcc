/**
 * Why a row is rejected, or counted apart: every reason the readers give (contacts, CSV, queue_log, and the
 * forecast, outage, agent-state, schedule, exclusion and summary files), in one table of English templates.
 * A rejection carries its code and values (docs/protocol.md); the CLI and JSON also carry the English words
 * (`reason`, `byReason`); a page words the code from its own table, typed by these codes, so a new reason
 * does not build until every language has its words.
 */
import { wordTable, type Said } from '../words.js';
import type { Validation } from './index.js';
import type { Rejection } from './contacts.js';

export const REASONS = {
  fieldCount: 'has {count} fields, the header has {columns}',
  emptyRow: 'empty row',
  unclosedQuote: 'unclosed quote',
  unclosedQuoteToEnd: 'unclosed quote: the field runs to the end of the file (lines {from}–{to})',
  textAfterQuote: 'text after a closing quote',
  quoteInUnquoted: 'quote inside an unquoted field',
  quoteRunaway: 'quoted field runs past {lines} lines from line {line}: a stray quote? (reading goes on at the next line)',
  recordTooLong: 'record longer than {bytes} bytes (reading goes on at the next line)',
  binaryByte: 'a NUL byte: binary data, not text',
  delimiterChanged: 'the line is split by {delimiter}, not by the delimiter of the file: the delimiter changes here',
  notUtf8: 'bytes that are not UTF-8 in field {field} (the file is UTF-8 elsewhere)',
  valueTooLong: '{field} longer than {chars} characters',
  tooManyValues: 'too many distinct {what} values (at most {limit})',
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
  // Forecasts, outages, agent states, schedules, exclusions, interval summaries
  missingSystem: 'missing system',
  missingAgent: 'missing agent',
  badIntervalLength: 'interval length must be 5, 15, 30 or 60 minutes',
  negativeVolume: 'negative volume',
  notADuration: 'not a duration',
  endedBeforeStarted: 'ended before it started',
  endsBeforeStarts: 'ends before it starts',
  stateWithoutCategory: 'state name with no category: give it one in a categories file (--categories)',
  activityWithoutCategory: 'activity name with no category: give it one in a categories file (--categories)',
  exclusionWithoutReason: 'an exclusion needs its reason',
  serviceLevelOutOfRange: 'service level must be 0–100 %',
  countNotANumber: '{what} is not a number',
  negativeCount: 'negative {what}',
  // Counted apart: valid records that are no queue contact
  neverQueued: 'never queued',
  neverQueuedNoQueue: 'never queued (no queue)',
  agentOrSystemEvent: 'agent or system event (not a contact)',
  eventAfterEnd: 'event after the call ended',
  outbound: 'outbound contact',
  // Parts tables (docs/parts.md)
  notJson: 'not JSON',
  notJsonObject: 'not a JSON object',
  wrongPart: '{what} on a {part} row: counts and sums go on counts rows, waits on waits rows',
  waitsWithoutCounts: 'waits of a slot and key with no counts row (missing or rejected): they are not counted without the contacts they belong to',
  partsVersion: 'parts version {version}: this kit reads version 1',
  partKind: 'part must be "counts" or "waits"',
  slotLength: 'slot length must be 5 or 15 minutes',
  slotLengthChanged: 'slot length {minutes} minutes: the rows before have {first}',
  slotNotAligned: 'slot start is not on a {minutes}-minute boundary (UTC)',
  waitEdge: 'not a wait bucket edge (whole seconds to 600, tens of seconds to 3600, minutes to 86400)',
  countNotWhole: '{what} is not a whole number',
  repeatWindowChanged: 'FCR repeat window of {days} days: the rows before have {first}',
  // Vendor aggregates read as parts (docs/parts.md, "Vendor aggregates")
  intervalLength: 'an interval of {minutes} minutes: the kit reads 15-minute intervals ({ask})',
  intervalMissing: 'no interval (start and end)',
  metricMissing: 'no {metric} in this entry',
  metricTwice: '{metric} is given twice (other filters or qualifiers?): the kit cannot tell which to count',
  withinNotRising: '{metric}: {lower} within {lowerSec} s is more than {upper} within {upperSec} s',
  averageWithoutValue: '{metric} is empty where {count} contacts were handled',
  thresholdComparison: '{metric}: the comparison "{comparison}" is not a count within a time (LT or LTE)',
  repeatedInterval: 'the same interval and key as line {line} (a page saved twice?): counted once',
  countAboveTotal: '{what} ({count}) is more than {total} ({totalCount})',
  countTooLarge: '{what} is too large for the contacts of one interval (2^31 or more)',
  timeWithoutOffset: 'a time without its offset (Z or ±hh:mm): which zone it is in, the file does not say',
  thresholdMissing: 'no {metric} at {seconds} s, which the other entries count: a figure at {seconds} s would miss this interval\'s contacts',
  entryUnended: 'the file ends inside this entry',
  /** A mapping's own reason for counting records apart, as its author wrote it. */
  mappingRule: '{text}',
} as const;

export type ReasonCode = keyof typeof REASONS;

const WORDS = wordTable<ReasonCode>(REASONS);

/** A reason as data: its code and the values in its places. */
export const reason = WORDS.said;

/** A reason in English words, the `{name}` places filled. */
export const reasonText = WORDS.text;

/** A reason and how many rows gave it. */
export interface ReasonCount extends Said<ReasonCode> {
  count: number;
}

/**
 * Counts reasons into a validation's English `byReason` and its coded `byCode` (one entry per distinct reason,
 * in the order first met), both plain data that cross to the page.
 */
export class ReasonTally {
  private readonly index = new Map<string, ReasonCount>();
  constructor(private readonly byReason: Record<string, number>, private readonly byCode: ReasonCount[]) {}

  /** Counts `n` rows with a reason; returns its English words. */
  add(r: Said<ReasonCode>, n = 1): string {
    const text = reasonText(r);
    this.byReason[text] = (this.byReason[text] ?? 0) + n;
    const known = this.index.get(text);
    if (known) known.count += n;
    else {
      const entry: ReasonCount = { code: r.code, values: r.values, count: n };
      this.index.set(text, entry);
      this.byCode.push(entry);
    }
    return text;
  }
}

/** A validation with nothing read yet: every reader starts from one (here, beside the reasons, so that a reader needs no more of the ingest), and merged validations add into one. */
export function newValidation(): Validation {
  return { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, byReason: {}, byCode: [], countedApart: { total: 0, byReason: {}, byCode: [] }, rejections: [], contacts: 0 };
}

/** Why a row is rejected: the column and value it is about (null when none), and the reason. */
export interface Bad {
  column: string | null;
  value: string | null;
  said: Said<ReasonCode>;
}

/**
 * Counts rows rejected after they were counted read, into a validation: its count, reasons in words and as
 * data, the first 100 rejections; each one also told to `onRejection` (a file of every rejected row).
 */
export class Rejections {
  private readonly tally: ReasonTally;
  constructor(private readonly validation: Validation, private readonly onRejection?: (r: Rejection) => void) {
    this.tally = new ReasonTally(validation.byReason, validation.byCode);
  }

  add(line: number, bad: Bad): void {
    const v = this.validation;
    v.rowsRejected++;
    const text = this.tally.add(bad.said);
    const r: Rejection = { line, column: bad.column, value: bad.value, reason: text, code: bad.said.code, values: bad.said.values };
    if (v.rejections.length < 100) v.rejections.push(r);
    this.onRejection?.(r);
  }
}
