/**
 * Live figures (docs/agreement.md): the projected service level of the running interval, and thresholds on
 * queue state that raise an alert once per crossing and clear it once, with the hysteresis of statuses.
 */
import { liveStatus, type Status } from './status.js';
import { directionFor } from '../metric-info.js';

/**
 * The running interval's service level if every contact still waiting longer than T is counted as missed
 * (contacts waiting ≤ T may still be answered in time, so they are left out). null with nothing to count.
 */
export function projectedServiceLevel(met: number, base: number, waitingAgesSec: readonly number[], thresholdSec: number): number | null {
  let over = 0;
  for (const a of waitingAgesSec) if (a > thresholdSec) over++;
  const den = base + over;
  return den > 0 ? met / den : null;
}

export type LiveMetric = 'waiting' | 'longestWait' | 'projectedServiceLevel' | 'serviceLevel' | 'abandonRate' | 'asa';

export interface Threshold {
  metric: LiveMetric;
  /** The value that must not be crossed: waiting > 20, longestWait > 120 s, projected SL < 0.8. */
  threshold: number;
  /** Margin of the near-threshold warning and of the hysteresis; default 10 % of the threshold. */
  margin?: number;
  /** Queues it watches (all when absent). */
  queues?: string[];
}


export interface AlertEvent {
  queue: string;
  metric: LiveMetric;
  /** `near` on entering the margin, `breach` on crossing, `clear` on coming back past the hysteresis bound. */
  kind: 'near' | 'breach' | 'clear';
  from: Status | null;
  to: Status;
  value: number;
  threshold: number;
  margin: number;
  /** Stream time of the update (ms). */
  at: number;
}

/** Watches live values per queue and metric; each crossing gives one event. */
export class AlertMonitor {
  private readonly last = new Map<string, Status>();
  /** The alert standing per threshold and queue: raised once, cleared once. */
  private readonly raised = new Map<string, 'near' | 'breach'>();
  constructor(private readonly thresholds: readonly Threshold[]) {}

  /** Feeds one value; returns the events it causes (none while the status holds). */
  update(queue: string, metric: LiveMetric, value: number | null, at: number): AlertEvent[] {
    const events: AlertEvent[] = [];
    this.thresholds.forEach((t, i) => {
      if (t.metric !== metric || (t.queues && !t.queues.includes(queue)) || value === null) return;
      const margin = t.margin ?? Math.abs(t.threshold) * 0.1;
      const key = `${i}\u0000${queue}`;
      const prev = this.last.get(key) ?? null;
      const next = liveStatus(value, { target: t.threshold, margin, direction: directionFor(metric) }, prev);
      if (next === null || next === prev) return;
      this.last.set(key, next);
      const standing = this.raised.get(key);
      let kind: AlertEvent['kind'] | null = null;
      if (next === 'breach') { kind = 'breach'; this.raised.set(key, 'breach'); }
      else if (standing === 'breach') { kind = 'clear'; this.raised.delete(key); } // out of the breach: cleared, once
      else if (next === 'warn' && !standing) { kind = 'near'; this.raised.set(key, 'near'); }
      else if (next === 'ok' && standing === 'near') { kind = 'clear'; this.raised.delete(key); }
      if (kind) events.push({ queue, metric, kind, from: prev, to: next, value, threshold: t.threshold, margin, at });
    });
    return events;
  }

  /** Alerts standing now: raised and not yet cleared. */
  standing(): { threshold: Threshold; queue: string; kind: 'near' | 'breach' }[] {
    const out: { threshold: Threshold; queue: string; kind: 'near' | 'breach' }[] = [];
    for (const [key, kind] of this.raised) {
      const [i, queue] = key.split('\u0000');
      out.push({ threshold: this.thresholds[+i], queue, kind });
    }
    return out;
  }
}
