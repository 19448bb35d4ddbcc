/**
 * Status against a target with a warning margin (docs/agreement.md, "Two kinds of status").
 *
 * - A **live** status (today so far, the running interval, live thresholds, alerts) has hysteresis, so a
 *   figure hovering at a bound does not flap: worsening takes effect at once; improving must clear a further
 *   half margin.
 * - A **closed** status (a scorecard's day, week, month or quarter) is judged on the period's own value alone,
 *   with no memory of the period before. Credits, the bonus and escalations follow it.
 */

export type Status = 'ok' | 'warn' | 'breach';
export type { MetricDirection as Direction } from '../metric-info.js';
import type { MetricDirection as Direction } from '../metric-info.js';
/** Which rule produced a status: `live` (with hysteresis) or `closed` (the period's own value). */
export type StatusKind = 'live' | 'closed';

export interface Target {
  /** t, in the metric's own unit (0.8 for 80 %, 30 for 30 s). */
  target: number;
  /** m, the warning margin in the same unit. */
  margin: number;
  direction: Direction;
}

/**
 * A live status: the status of v given the status shown before (null: none yet). null when there is no value:
 * "no data" is no status, and it does not reset the memory of the caller.
 */
export function liveStatus(v: number | null, t: Target, previous: Status | null = null): Status | null {
  if (v === null || Number.isNaN(v)) return null;
  // Mirror lower-is-better onto higher-is-better: distance above the target, in the better direction.
  const d = t.direction === 'higher' ? v - t.target : t.target - v;
  const m = t.margin;
  // Bounds are compared at the data's precision: 0.815 − 0.8 is 0.01499999… in binary floating point.
  const eps = 1e-9 * Math.max(1, Math.abs(t.target));
  if (d < -eps) return 'breach';
  if (previous === 'breach') return d < m / 2 - eps ? 'breach' : d <= m + eps ? 'warn' : 'ok'; // "ok-or-warn again from t + m/2"
  if (previous === 'warn' && d <= m + m / 2 + eps) return 'warn';
  return d <= m + eps ? 'warn' : 'ok';
}

/**
 * A closed period's status: from its own value alone — breach below the target, warn within the margin, ok
 * beyond it (mirrored for lower-is-better). null when there is no value.
 */
export function closedStatus(v: number | null, t: Target): Status | null {
  return liveStatus(v, t, null);
}

/** Follows a live sequence of values: the status after each, each remembering the last one shown. */
export function liveStatusSequence(values: (number | null)[], t: Target): (Status | null)[] {
  let prev: Status | null = null;
  return values.map((v) => {
    const s = liveStatus(v, t, prev);
    if (s !== null) prev = s;
    return s;
  });
}
