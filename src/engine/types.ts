/**
 * The records the engine ingests (docs/metrics.md §1). Instants are epoch milliseconds in UTC;
 * durations are seconds. Optional fields are `undefined` when the source does not have them.
 */

export const OUTCOMES = ['answered', 'abandoned', 'flowout', 'callback', 'voicemail'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const CHANNELS = ['voice', 'chat', 'email', 'sms', 'social'] as const;

/** A contact that entered a queue. */
export interface Contact {
  id: string;
  queue: string;
  channel?: string;
  tier?: string;
  agent?: string;
  customer?: string;
  /** Entered the queue (UTC ms). */
  arrived: number;
  answered?: number;
  ended?: number;
  outcome: Outcome;
  /** Seconds in queue; undefined when unknown (an abandon without an end time or wait column). */
  wait?: number;
  talk?: number;
  hold?: number;
  wrap?: number;
  resolved?: boolean;
  csat?: number;
  nps?: number;
  qa?: number;
  transferred?: boolean;
}

/** State categories of docs/metrics.md §4. */
export type StateCategory = 'handling' | 'available' | 'productive-off-phone' | 'unproductive' | 'logged-out';

export interface AgentState {
  agent: string;
  team?: string;
  /** The state's name as the source wrote it. */
  state: string;
  category: StateCategory;
  start: number;
  end?: number;
}

export interface ScheduleEntry {
  agent: string;
  team?: string;
  activity: string;
  category: StateCategory | 'on-phones';
  start: number;
  end: number;
}

export interface Outage {
  system: string;
  start: number;
  end: number;
  planned: boolean;
}

export interface Exclusion {
  start: number;
  end: number;
  queue?: string;
  reason: string;
}

export interface ForecastEntry {
  queue: string;
  intervalStart: number;
  intervalMinutes: number;
  volume: number;
  aht?: number;
}

/** A pre-aggregated interval row: only its additive parts roll up. */
export interface IntervalSummary {
  queue: string;
  intervalStart: number;
  intervalMinutes: number;
  offered: number;
  answered: number;
  abandoned: number;
  answeredWithinThreshold?: number;
  thresholdSec?: number;
  waitSum?: number;
  handleSum?: number;
}
