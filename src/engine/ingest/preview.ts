/**
 * The first rows of a file read with a mapping, before the whole file is: what the person sees while they map
 * (the CSV drop's preview). The head a first look kept (64 KB, whole lines only) goes through the same reader,
 * validation and outcome rules as the file will; nothing is kept. As data: the page words the reasons.
 */
import { ContactIngest } from './index.js';
import { IngestError, saidOf, type ErrorCode } from './errors.js';
import type { Mapping } from './mapping.js';
import type { ReasonCode } from './reasons.js';
import type { Said } from '../words.js';
import type { Outcome } from '../types.js';

export interface Preview {
  /** Rows read from the head (whole lines only). */
  rows: number;
  accepted: number;
  rejected: number;
  /** Accepted rows that are no queue contact (counted apart), part of `accepted`. */
  apart: number;
  /** Contacts by outcome. */
  outcomes: Record<Outcome, number>;
  /** The first rejections: line, column, value and why (a code and its values). */
  rejections: { line: number; column: string | null; value: string | null; code: ReasonCode; values: Said<ReasonCode>['values'] }[];
  /** Why the file cannot be read with this mapping at all (a column it names is missing …), or null. */
  error: Said<ErrorCode> | null;
  /** The head was the whole file: these are all its rows. */
  whole: boolean;
}

/** Reads the head of a file with a mapping; `whole` when the head is the whole file. */
export function previewHead(head: Uint8Array, whole: boolean, mapping: Mapping, inputTimeZone?: string, maxRejections = 5): Preview {
  const outcomes: Record<Outcome, number> = { answered: 0, abandoned: 0, flowout: 0, callback: 0, voicemail: 0 };
  const empty = (error: Said<ErrorCode> | null): Preview => ({ rows: 0, accepted: 0, rejected: 0, apart: 0, outcomes, rejections: [], error, whole });
  // Whole lines only: a record cut by the end of the head is no rejection.
  const lf = whole ? head.length - 1 : head.lastIndexOf(0x0a);
  if (lf < 0) return empty(null);
  const ingest = new ContactIngest({ mapping: structuredClone(mapping), inputTimeZone, maxRejections, onContact: (c) => { outcomes[c.outcome]++; } });
  try {
    ingest.push(head.subarray(0, lf + 1));
    const { validation: v } = ingest.end();
    return {
      rows: v.rowsRead, accepted: v.rowsAccepted, rejected: v.rowsRejected, apart: v.countedApart.total, outcomes,
      rejections: v.rejections.map(({ line, column, value, code, values }) => ({ line, column, value, code, values })),
      error: null, whole,
    };
  } catch (e) {
    if (e instanceof IngestError) return empty(e.said);
    return empty(saidOf(e));
  }
}
