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
  emptyFile: 'the file is empty',
  noArrival: 'found {fields}, but no arrival time (a column such as arrived, start time, or date + time)',
  nothingKnown: 'no column name is one the kit knows',
  mappedByHand: 'Mapped by hand in the CSV drop, starting from the {from} preset.',
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
