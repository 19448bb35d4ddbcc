/**
 * Datasets as the page sees them across the worker boundary (docs/protocol.md): how one is opened, its
 * status while it loads or streams, and what the cache lists. Plain data, structured-clone-able.
 */
import type { Dimension } from '../engine/parts.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { ErrorCode } from '../engine/ingest/errors.js';
import type { Said } from '../engine/words.js';

export interface DatasetOptions {
  /** A name for people (the file name). */
  name?: string;
  mapping?: Mapping;
  /** Zone of timestamps written without one (default: timeZone). */
  inputTimeZone?: string;
  /** The zone the numbers are shown in (echoed in every view). */
  timeZone: string;
  intervalMinutes?: 5 | 15 | 30 | 60;
  /** Optional dimensions kept (default: channel, tier, agent). */
  dimensions?: Dimension[];
  /**
   * Keep what FCR by repeat contact needs, each contact's customer (default true). `auto`: keep it unless the
   * file's first rows carry a resolved flag — FCR `auto` then counts by the flag, and the customers would cost
   * reading time and cache for nothing (docs/protocol.md).
   */
  keepRepeats?: boolean | 'auto';
  /** Day/month order of ambiguous dates. */
  dayMonthOrder?: 'dmy' | 'mdy';
  /**
   * Keep the file itself in the cache beside its parts (default false: the parts alone reopen the dataset, a
   * small part of the file's size; the file is kept only where a page wants to read it again, e.g. re-mapped).
   */
  keepFile?: boolean;
  /**
   * A vendor's saved aggregates read as parts (docs/parts.md, "Vendor aggregates"): the seconds it counted
   * "answered within" and short abandons with, where its figures do not say them (Genesys Cloud: the queues' own).
   */
  sourceThresholdSec?: number;
  sourceShortAbandonSec?: number;
}

export type DatasetState = 'empty' | 'loading' | 'ready' | 'error';

export type StreamKind = 'ws' | 'sse' | 'ndjson';

/** A live dataset's stream, as the worker's stream reader reports it. */
export interface StreamStatus {
  state: 'connecting' | 'live' | 'stale' | 'error' | 'closed';
  kind: StreamKind;
  url: string;
  /** Wall-clock ms of the last event or heartbeat received. */
  lastEventAt: number | null;
  /** Since when the stream is stale (wall-clock ms), or null. */
  staleSince: number | null;
  reconnects: number;
  error: string | null;
  /** Events taken, ignored as duplicates and rejected (with the first rejected ones: their seq and why). */
  events?: {
    applied: number; duplicates: number; rejected: number;
    /** Streams begun again (a new stream id), seq jumps refused, events found missing in gaps. */
    resets: number; jumps: number; gapped: number;
    /** Contacts the source lost track of (their outcome unknown): in neither the figures nor the queue. */
    lost: number;
    /** Events still missing after replays (a gap the server could not fill): the figures lack them. */
    missing: number;
    /** Messages that were no events (not JSON). */
    malformed: number;
    rejections: { seq: number | null; reason: string }[];
  };
}

export interface DatasetStatus {
  id: string;
  name: string;
  state: DatasetState;
  /** While loading: bytes read of the total, rows read, rows rejected so far. */
  /**
   * A reading under way: bytes read of the total, rows and rejected rows so far; `counted`, where it differs from
   * `bytes`, the bytes the figures so far count (a file read on helpers shows its first megabyte's figures while the
   * helpers read the rest).
   */
  progress: { bytes: number; totalBytes: number | null; rows: number; rejected: number; counted?: number } | null;
  /** Whether the numbers came from the cache (no parse). */
  fromCache: boolean;
  /** Why the dataset could not be read, as data: the page words it (docs/protocol.md). */
  error: Said<ErrorCode> | null;
  /** A warning to show, as data (the cache fell back to memory, …): the page words it. */
  warning: Said<ErrorCode> | null;
  /** For a live dataset: the stream's state (connecting, live, stale since …, error). */
  stream: StreamStatus | null;
}

export interface DatasetInfo {
  id: string;
  name: string;
  bytes: number;
  contacts: number;
  createdAt: number;
  lastUsed: number;
}
