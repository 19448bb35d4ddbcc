/**
 * What crosses between the page and the engine worker: small, typed, structured-clone-able values.
 * No rows ever cross to the page; a view's result is its totals and groups.
 */
import type { Definitions } from '../engine/definitions.js';
import type { Dimension } from '../engine/parts.js';
import type { ContactMetrics } from '../engine/metrics.js';
import type { Group, GroupBy, QueryOptions } from '../engine/rollup.js';
import type { Mapping } from '../engine/ingest/mapping.js';
import type { Validation } from '../engine/ingest/index.js';
import type { LiveState } from '../engine/live/live-contacts.js';
import type { StreamStatus } from './stream-source.js';

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
  /** Keep what FCR by repeat contact needs (default true). */
  keepRepeats?: boolean;
  /** Day/month order of ambiguous dates. */
  dayMonthOrder?: 'dmy' | 'mdy';
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A view: what a widget draws. Definitions default to the dataset's zone and interval and METRICS.md's defaults. */
export interface ViewSpec {
  by?: GroupBy[];
  definitions?: DeepPartial<Definitions>;
  filter?: QueryOptions['filter'];
  from?: number;
  to?: number;
}

export type DatasetState = 'empty' | 'loading' | 'ready' | 'error';

export interface DatasetStatus {
  id: string;
  name: string;
  state: DatasetState;
  /** While loading: bytes read of the total, rows read, rows rejected so far. */
  progress: { bytes: number; totalBytes: number | null; rows: number; rejected: number } | null;
  /** Whether the numbers came from the cache (no parse). */
  fromCache: boolean;
  error: string | null;
  /** A warning to show (the cache fell back to memory, …). */
  warning: string | null;
  /** For a live dataset: the stream's state (connecting, live, stale since …, error). */
  stream: StreamStatus | null;
}

export interface ViewResult {
  status: DatasetStatus;
  definitions: Definitions;
  totals: ContactMetrics | null;
  groups: Group[];
  validation: Validation | null;
  mapping: Mapping | null;
  /** Increases with every change of the dataset. */
  version: number;
  /** For a live dataset: queue state at stream time, with each queue's projected interval service level. */
  live: (LiveState & { queues: (LiveState['queues'][number] & { projectedServiceLevel: number | null })[]; lastSeq: number; events: { applied: number; duplicates: number; rejected: number } }) | null;
}

export interface DatasetInfo {
  id: string;
  name: string;
  bytes: number;
  contacts: number;
  createdAt: number;
  lastUsed: number;
}

/**
 * What a subscription sends: the whole result the first time, then only what changed — the groups whose
 * figures moved, the keys that went away, and the order when the set of groups changed. The client puts the
 * whole result back together, so a widget always gets a full ViewResult; a live view of many intervals
 * sends one or two groups per update instead of all of them.
 */
export type ViewUpdate =
  | { kind: 'full'; result: ViewResult }
  | { kind: 'delta'; result: Omit<ViewResult, 'groups'>; changed: Group[]; removed: string[]; order: string[] | null };
