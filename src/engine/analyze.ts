/**
 * One call from chunks of CSV to parts and validation: what the CLI, the worker and tests share.
 */
import { ContactIngest, type IngestOptions, type IngestResult } from './ingest/index.js';
import { ContactParts, type Dimension } from './parts.js';
import type { Mapping } from './ingest/mapping.js';
import type { IdSet } from './ingest/id-set.js';
import type { AgentState } from './types.js';

export interface AnalyzeOptions {
  mapping?: Mapping;
  inputTimeZone?: string;
  /** Slot length of the parts: 5 for 5-minute intervals, else 15. */
  slotMinutes?: 5 | 15;
  dimensions?: readonly Dimension[];
  keepRepeats?: boolean;
  maxRejections?: number;
  /** Parts to add to (several files into one dataset); new parts when absent. */
  parts?: ContactParts;
  /** Ids shared across the files of one dataset (duplicates across files are rejected). */
  ids?: IdSet;
  /** Day/month order of ambiguous dates, whatever the mapping. */
  dayMonthOrder?: 'dmy' | 'mdy';
  /** Receives agent states found beside the contacts (queue_log agent events). */
  onAgentState?: (s: AgentState) => void;
  /** Receives every rejected row (IngestOptions.onRejection). */
  onRejection?: IngestOptions['onRejection'];
  /** Blocks from further into the file, for detection and the day/month order (IngestOptions.sampleBlocks). */
  sampleBlocks?: Uint8Array[];
  /** Called after each chunk with what has been read so far (progress while a large file is read). */
  onChunk?: (read: { bytes: number; rows: number; rejected: number }) => void;
}

export interface Analysis extends IngestResult {
  parts: ContactParts;
}

/** What the parts do not keep need not be read. */
export function unneeded(parts: ContactParts): ('id' | 'channel' | 'tier' | 'agent' | 'customer')[] {
  const skip: ('id' | 'channel' | 'tier' | 'agent' | 'customer')[] = ['id'];
  for (const d of ['channel', 'tier', 'agent'] as const) if (!parts.opts.dimensions.includes(d)) skip.push(d);
  if (!parts.opts.keepRepeats) skip.push('customer');
  return skip;
}

function pipeline(opts: AnalyzeOptions): { parts: ContactParts; ingest: ContactIngest } {
  const parts = opts.parts ?? new ContactParts({ slotMinutes: opts.slotMinutes, dimensions: opts.dimensions, keepRepeats: opts.keepRepeats });
  const ingest = new ContactIngest({
    mapping: opts.mapping,
    inputTimeZone: opts.inputTimeZone,
    maxRejections: opts.maxRejections,
    skip: unneeded(parts),
    ids: opts.ids,
    dayMonthOrder: opts.dayMonthOrder,
    onAgentState: opts.onAgentState,
    sampleBlocks: opts.sampleBlocks,
    onRejection: opts.onRejection,
    onContact: (c) => parts.add(c),
  });
  return { parts, ingest };
}

export async function analyze(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: AnalyzeOptions = {},
): Promise<Analysis> {
  const { parts, ingest } = pipeline(opts);
  for await (const chunk of chunks) {
    ingest.push(chunk);
    opts.onChunk?.({ bytes: ingest.bytesRead, rows: ingest.validation.rowsRead, rejected: ingest.validation.rowsRejected });
  }
  return { ...ingest.end(), parts };
}

/** Synchronous variant for in-memory text (tests, small samples). */
export function analyzeText(text: string | string[], opts: AnalyzeOptions = {}): Analysis {
  const { parts, ingest } = pipeline(opts);
  for (const chunk of Array.isArray(text) ? text : [text]) ingest.push(chunk);
  return { ...ingest.end(), parts };
}
