/**
 * What the kit says about how it reads a file (a mapping's notes, and what a header lacks when nothing maps),
 * in one table of English templates. Like the rejection reasons (reasons.ts), a note is data — a code and its
 * values — worded where it is shown: in English by the CLI (`noteText`), in the page's language by the widgets.
 * Notes a mapping file brings itself are plain text and stay as written.
 */
import { wordTable, type Said } from '../words.js';

export const NOTES = {
  noQueue: 'No queue column: every contact is counted in one queue named "all".',
  noWait: 'No wait or answer time: service level and ASA cannot be computed.',
  blankWaitAbandons: 'Abandons whose wait column is blank count as abandoned after the threshold; short abandons can be told apart only where the wait is given.',
  noAbandonWait: 'No abandon wait: abandons count as abandoned after the threshold, and short abandons cannot be told apart.',
  noHoldOrWrap: 'No hold or wrap column: AHT holds only the parts present.',
  noHold: 'No hold column: AHT holds only the parts present.',
  noWrap: 'No wrap column: AHT holds only the parts present.',
  noId: 'No id column: duplicate contacts cannot be detected; rows are numbered.',
  amazonConnect: 'Amazon Connect: an unanswered contact with CUSTOMER_DISCONNECT is an abandon, CONTACT_FLOW_DISCONNECT a flow-out; no enqueue time means the contact never queued.',
  genesysCloud: 'Genesys Cloud counts flow-outs inside its own "Offered"; this kit does not: offered = answered + abandoned + short abandons, flow-outs apart.',
  asteriskQueueLog: 'Asterisk queue_log: lines folded per callid; talk includes hold; no wrap is logged.',
  dayMonthDetected: 'Day/month order {order} detected from "{value}" on line {line}.',
  encodingWindows1252: 'The file is not UTF-8: it is read as Windows-1252 (Latin-1), the encoding spreadsheet exports write, so "Café" stays "Café".',
  ambiguousTimes: 'Rows with a local time in the hour the clocks went back (a time that happened twice), each read as the earlier instant: {n}.',
  duplicateColumn: 'The header names "{name}" twice (columns {first} and {second}): column {first} is read.',
  dayMonthFurtherIn: 'Day/month order {order} detected from "{value}" in "{column}", further into the file.',
  dayMonthBySpan: 'Day/month order {order} assumed for "{column}": no date has a day over 12, and its dates span {days} days that way against {other} the other way.',
  emptyFile: 'the file is empty',
  noArrival: 'found {fields}, but no arrival time (a column such as arrived, start time, or date + time)',
  nothingKnown: 'no column name is one the kit knows',
  intervalReport: 'this is an interval report (one row per interval with counts and averages), not one row per contact; the page reads contact exports, and `sla-widgets report` totals an interval report',
  mappedByHand: 'Mapped by hand in the CSV drop, starting from the {from} preset.',
  layoutDetected: 'Read as {layout}, recognised by its columns {columns}.',
  arrivalByValues: 'No column is named as an arrival time: "{column}" is taken for it, the column of date-times that comes first on most rows.',
  outcomeWordsUnknown: 'The values of "{column}" are mostly not outcome words the kit knows ({values}): rows with them are rejected until they are mapped (in the page, or "values" in a mapping file).',
  waitFromStart: 'No queue wait in this export: the wait is the time from the call\'s start to its answer (or end), so it includes any IVR and ringing time.',
  waitFromRinging: 'The wait is the export\'s ringing time (before the answer, or before the caller gave up).',
  noHandleTimes: 'No talk, hold or wrap time in this export: AHT cannot be computed.',
  talkIncludesHold: 'Talk includes hold in this export: AHT is talk + wrap, hold not added twice.',
  talkIncludesHoldUnknown: 'Whether talk includes hold is not documented for this export: AHT adds talk, hold and wrap.',
  five9: 'Five9: ABANDONED 1 is an abandon, voicemail dispositions are voicemails; a call with no skill ([None]) never queued; outbound, autodial and preview calls are counted apart.',
  niceCxone: 'NICE CXone: InQueue is the wait; Abandon Y is an abandon (an abandon before the queue has InQueue 0 and counts as a short abandon).',
  ciscoUccx: 'Cisco UCCX: Handled is answered, Abandoned an abandon; a call with no CSQ never queued (UCCX counts IVR hang-ups as abandoned); aborted and rejected calls are counted apart.',
  freshcaller: 'Freshcaller: call status 1 is answered, 3 unanswered (an abandon); the answering speed is the wait; a call with no queue never queued.',
  dialpad: 'Dialpad: the queue entry (date_queued) is the arrival, a call without one never queued; durations are in minutes.',
  ringcentral: 'RingCentral call log: no wait and no talk time (Duration includes ringing and the IVR): service level, ASA and AHT cannot be computed; Accepted is answered, Missed and Hang Up are abandons.',
  zendeskTalk: 'Zendesk Talk: Completed is answered, Abandoned in queue an abandon, Abandoned in IVR never queued, voicemail statuses are voicemails.',
} as const;

export type NoteCode = keyof typeof NOTES;

const WORDS = wordTable<NoteCode>(NOTES);

/** A note as data. */
export const note = WORDS.said;

/** A mapping's note: the kit's own as data, or a mapping file's as its author wrote it. */
export type MappingNote = Said<NoteCode> | string;

/** A note in English words (a mapping file's own as written). */
export function noteText(n: MappingNote): string {
  return typeof n === 'string' ? n : WORDS.text(n);
}
