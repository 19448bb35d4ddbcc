/**
 * The alerts of <sla-alerts> as data (no DOM). The engine's AlertMonitor decides every crossing (docs/agreement.md:
 * near, breach, clear, one event per crossing, with hysteresis); this model only keeps what stands — one alert
 * per queue and threshold, raised once, escalated from near to breach, cleared once — plus the stream's own
 * alert (stale data), the acknowledgements, and the rate-limited announcements for the live region.
 */
import { AlertMonitor, type AlertEvent, type LiveMetric, type Threshold } from '../../engine/agreement/live.js';
import { directionFor } from '../../engine/metric-info.js';
import { dateTimeFormat, formatMetric } from '../common/format.js';
import { roughSpan, t } from '../common/i18n.js';
import { hasKey, t as tIn } from '../../l10n/index.js';
import { ALERTS, type AlertsKey } from '../../l10n/alerts.js';

export type { Threshold, AlertEvent, LiveMetric };

export type Severity = 'near' | 'breach' | 'stale';

/** One standing alert, as listed. */
export interface AlertItem {
  /** Stable key: one alert per queue and threshold (`metric|threshold|queue`), or `stale` for the stream. */
  id: string;
  severity: Severity;
  /** The queue (null for the stream's stale-data alert). */
  queue: string | null;
  metric: LiveMetric | null;
  /** The latest value while the alert stands (the crossing's value at first). */
  value: number | null;
  /** The threshold crossed and its warning margin, in the metric's unit. */
  threshold: number | null;
  margin: number | null;
  /**
   * Since when (ms): the stream time of the crossing (of the escalation, for a near alert that became a breach);
   * for the stale-data alert, the wall-clock time of the last event or heartbeat received.
   */
  since: number;
  /** A near alert that became a breach. */
  escalated?: boolean;
  /** Seen by someone: stays listed (dimmed) until it clears. */
  acknowledged: boolean;
}

/** Detail of `sla-alert` for the stream itself: it went stale, or data arrives again. */
export interface StreamAlertEvent {
  kind: 'stale' | 'recovered';
  queue: null;
  metric: null;
  /** Wall-clock ms of the last event or heartbeat before the stream went quiet. */
  since: number | null;
  /** Wall-clock ms when the widget saw the change. */
  at: number;
}

/** Detail of `sla-alert`: the engine's AlertEvent (near, breach, clear), or the stream's stale / recovered. */
export type SlaAlertDetail = AlertEvent | StreamAlertEvent;

/** A queue's live figures (a ViewResult's `live.queues`, optionally with the queue's figures so far). */
export interface LiveQueueInput {
  queue: string;
  waiting?: number | null;
  longestWait?: number | null;
  projectedServiceLevel?: number | null;
  serviceLevel?: number | null;
  abandonRate?: number | null;
  asa?: number | null;
}

export interface LiveInput {
  /** Stream time (ms) of this state; NaN before the first event. */
  now: number;
  queues: LiveQueueInput[];
}

/** What one update changed: the event (for `sla-alert`) and the alert raised, escalated or cleared. */
export interface AlertChange {
  detail: SlaAlertDetail;
  change: 'raise' | 'clear';
  item: AlertItem;
}

/**
 * The thresholds used when the page gives none, from the source's service-level definition (80/20 unless the
 * source says otherwise):
 * - projected service level of the running interval below the SL target (0.80), near within 5 points;
 * - longest wait above 3 × the SL threshold (60 s for 80/20), near within 10 % (54 s);
 * - more than 20 contacts waiting, near within 10 % (18).
 */
export function defaultThresholds(sl: { target: number; thresholdSec: number } = { target: 0.8, thresholdSec: 20 }): Threshold[] {
  return [
    { metric: 'projectedServiceLevel', threshold: sl.target, margin: 0.05 },
    { metric: 'longestWait', threshold: sl.thresholdSec * 3 },
    { metric: 'waiting', threshold: 20 },
  ];
}

export const alertId = (metric: string, threshold: number, queue: string): string => `${metric}|${threshold}|${queue}`;
export const STALE_ID = 'stale';


/**
 * A queue's value of a live metric. A queue where nobody waits has a longest wait of 0 s (the stream says
 * null), so a longest-wait alert clears when the queue empties; a missing figure is null (no status change).
 */
export function valueOf(q: LiveQueueInput, metric: LiveMetric): number | null {
  const v = q[metric];
  if (metric === 'longestWait' && (v === null || v === undefined) && q.waiting === 0) return 0;
  return v === undefined || v === null || Number.isNaN(v) ? null : v;
}

const SEVERITY_RANK: Record<Severity, number> = { stale: 0, breach: 1, near: 2 };

/** Newest first; the stream's stale alert on top (it qualifies every other figure); ties: breach first, then queue. */
export function sortAlerts(items: readonly AlertItem[]): AlertItem[] {
  return [...items].sort((a, b) => {
    if ((a.severity === 'stale') !== (b.severity === 'stale')) return a.severity === 'stale' ? -1 : 1;
    if (a.since !== b.since) return b.since - a.since;
    if (a.severity !== b.severity) return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
    const qa = a.queue ?? '', qb = b.queue ?? '';
    if (qa !== qb) return qa < qb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The standing alerts, fed with live states and the stream's state. */
export class AlertsModel {
  private monitor: AlertMonitor;
  private current: readonly Threshold[];
  private readonly items = new Map<string, AlertItem>();
  private lastInput: LiveInput | null = null;
  private staleState = false;
  /** Stream time of the last live state checked (null before one). */
  lastCheck: number | null = null;

  /** `now` gives wall-clock ms (for the stream's stale alert); a fake clock in tests. */
  constructor(thresholds: readonly Threshold[] = defaultThresholds(), private readonly now: () => number = () => Date.now()) {
    this.current = thresholds;
    this.monitor = new AlertMonitor(thresholds);
  }

  get thresholds(): readonly Threshold[] {
    return this.current;
  }

  /**
   * New thresholds, said by the page (no events): the standing alerts are worked out again from the last live
   * state; an alert that stands with the same severity keeps its time and its acknowledgement.
   */
  setThresholds(thresholds: readonly Threshold[]): void {
    this.current = thresholds;
    this.monitor = new AlertMonitor(thresholds);
    if (!this.lastInput) return; // no live state yet: a list the page gave stays as it is
    const old = new Map(this.items);
    for (const id of [...this.items.keys()]) if (id !== STALE_ID) this.items.delete(id);
    this.feed(this.lastInput);
    for (const [id, item] of this.items) {
      const was = old.get(id);
      if (was && was.severity === item.severity) { item.since = was.since; item.acknowledged = was.acknowledged; item.escalated = was.escalated; }
    }
  }

  /** Forgets everything (another dataset): no events. */
  reset(): void {
    this.monitor = new AlertMonitor(this.current);
    this.items.clear();
    this.lastInput = null;
    this.staleState = false;
    this.lastCheck = null;
  }

  /** A live state: the crossings it causes, each once. */
  update(input: LiveInput): AlertChange[] {
    if (!Number.isFinite(input.now)) return [];
    this.lastInput = input;
    this.lastCheck = input.now;
    return this.feed(input);
  }

  private feed(input: LiveInput): AlertChange[] {
    const metrics = [...new Set(this.current.map((x) => x.metric))];
    const changes: AlertChange[] = [];
    for (const q of input.queues) {
      for (const metric of metrics) {
        const value = valueOf(q, metric);
        for (const e of this.monitor.update(q.queue, metric, value, input.now)) changes.push(this.apply(e));
        // The latest figure of what stands (the monitor only speaks at crossings).
        if (value !== null) for (const x of this.current) if (x.metric === metric) {
          const item = this.items.get(alertId(metric, x.threshold, q.queue));
          if (item) item.value = value;
        }
      }
    }
    return changes;
  }

  private apply(e: AlertEvent): AlertChange {
    const id = alertId(e.metric, e.threshold, e.queue);
    const had = this.items.get(id);
    if (e.kind === 'clear') {
      this.items.delete(id);
      const item: AlertItem = had ? { ...had, value: e.value } : { id, severity: e.from === 'breach' ? 'breach' : 'near', queue: e.queue, metric: e.metric, value: e.value, threshold: e.threshold, margin: e.margin, since: e.at, acknowledged: false };
      return { detail: e, change: 'clear', item };
    }
    // A near alert that becomes a breach is new information: it moves up and wants a new acknowledgement.
    const item: AlertItem = { id, severity: e.kind, queue: e.queue, metric: e.metric, value: e.value, threshold: e.threshold, margin: e.margin, since: e.at, acknowledged: false, ...(had?.severity === 'near' && e.kind === 'breach' ? { escalated: true } : {}) };
    this.items.set(id, item);
    return { detail: e, change: 'raise', item: { ...item } };
  }

  /**
   * The stream's state: `stale` raises the stale-data alert once, `live` clears it once; other states
   * (connecting, error, closed) leave it as it is.
   */
  stream(state: string | null | undefined, staleSince: number | null): AlertChange[] {
    const at = this.now();
    if (state === 'stale' && !this.staleState) {
      this.staleState = true;
      const item: AlertItem = { id: STALE_ID, severity: 'stale', queue: null, metric: null, value: null, threshold: null, margin: null, since: staleSince ?? at, acknowledged: false };
      this.items.set(STALE_ID, item);
      return [{ detail: { kind: 'stale', queue: null, metric: null, since: staleSince, at }, change: 'raise', item: { ...item } }];
    }
    if (state === 'live' && this.staleState) {
      this.staleState = false;
      const had = this.items.get(STALE_ID);
      this.items.delete(STALE_ID);
      const item: AlertItem = had ?? { id: STALE_ID, severity: 'stale', queue: null, metric: null, value: null, threshold: null, margin: null, since: staleSince ?? at, acknowledged: false };
      return [{ detail: { kind: 'recovered', queue: null, metric: null, since: item.since, at }, change: 'clear', item }];
    }
    return [];
  }

  /** Marks an alert seen (or not); the alert it changed, or null when none stands with that id. */
  acknowledge(id: string, on = true): AlertItem | null {
    const item = this.items.get(id);
    if (!item) return null;
    item.acknowledged = on;
    return { ...item };
  }

  /** A finished list from the page: replaces what stands (no events). */
  load(items: readonly AlertItem[]): void {
    this.items.clear();
    for (const i of items) this.items.set(i.id, { ...i });
    this.staleState = this.items.has(STALE_ID);
  }

  /** The standing alerts, newest first (copies). */
  list(): AlertItem[] {
    return sortAlerts([...this.items.values()].map((i) => ({ ...i })));
  }
}

// ——— Announcements: queued, coalesced, at most one per interval ———

export interface PendingAnnouncement {
  change: 'raise' | 'clear';
  item: AlertItem;
}

/**
 * Queues what the live region should say and lets it speak at most once per `interval` ms: the first change
 * after a quiet interval is said at once; what comes within the interval waits and is said together. Per alert
 * only the latest change counts, and an alert raised and cleared before it was said is not said at all.
 */
export class Announcer {
  private readonly pending = new Map<string, PendingAnnouncement>();
  /** Alerts whose raise was said (and not yet their clear). */
  private readonly said = new Set<string>();
  private last = -Infinity;

  constructor(public interval = 2000, private readonly now: () => number = () => Date.now()) {}

  push(items: readonly PendingAnnouncement[]): void {
    for (const p of items) {
      const before = this.pending.get(p.item.id);
      // Raised and cleared before anyone heard it: nothing to say (unless an earlier raise was said).
      if (before && before.change === 'raise' && p.change === 'clear' && !this.said.has(p.item.id)) this.pending.delete(p.item.id);
      else {
        this.pending.delete(p.item.id); // the latest change goes to the end of the queue
        this.pending.set(p.item.id, p);
      }
    }
  }

  get size(): number {
    return this.pending.size;
  }

  /** Ms until something may be said (0: now); null when nothing waits. */
  wait(): number | null {
    if (this.pending.size === 0) return null;
    return Math.max(0, this.last + this.interval - this.now());
  }

  /** What is due now, all of it at once; null when nothing waits or the interval has not passed. */
  take(): PendingAnnouncement[] | null {
    const w = this.wait();
    if (w === null || w > 0) return null;
    const out = [...this.pending.values()];
    this.pending.clear();
    for (const p of out) if (p.change === 'raise') this.said.add(p.item.id); else this.said.delete(p.item.id);
    this.last = this.now();
    return out;
  }

  clear(): void {
    this.pending.clear();
    this.said.clear();
  }
}

// ——— Words ———

const s = (locale: string, key: AlertsKey, vars?: Record<string, string | number>) => tIn(ALERTS, locale, key, vars);

/** A live metric's name for people ("projected service level"). */
export function alertMetricName(metric: string | null, locale: string): string {
  if (!metric) return '';
  const key = `m_${metric}` as AlertsKey;
  return hasKey(ALERTS, key) ? s(locale, key) : metric;
}

/** "45 s", "3 min", "2 h". */
export function formatDuration(ms: number, locale: string): string {
  const { unit, n } = roughSpan(ms);
  return s(locale, unit === 's' ? 'durSec' : unit === 'min' ? 'durMin' : 'durHour', { n });
}

/** A time of day in a zone ("10:42:05"), formatters built once per locale and zone (UTC for a zone unknown). */
export function formatClock(ms: number | null, locale: string, timeZone: string): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  // The locale's own clock (12-hour with AM/PM in English, 24-hour in Spanish and German): the wallboard's
  // clock and the alerts' times read alike.
  const clock = { hour: '2-digit', minute: '2-digit', second: '2-digit' } as const;
  let f: Intl.DateTimeFormat;
  try {
    f = dateTimeFormat(locale, { ...clock, timeZone });
  } catch {
    f = dateTimeFormat(locale, { ...clock, timeZone: 'UTC' });
  }
  return f.format(ms);
}

/** "limit 1:00" or "target 80.0%", the threshold with the way it must not be crossed. */
export function limitText(item: AlertItem, locale: string): string {
  if (item.metric === null || item.threshold === null) return '';
  const higher = directionFor(item.metric) === 'higher';
  return s(locale, higher ? 'limitHigher' : 'limitLower', { value: `${higher ? '≥' : '≤'} ${formatMetric(item.metric, item.threshold, locale)}` });
}

/** One alert in a sentence: "Sales breach: projected service level 71.2%"; the stale alert's own sentence. */
export function alertSentence(item: AlertItem, locale: string, now: number): string {
  if (item.severity === 'stale') return s(locale, 'staleText', { duration: formatDuration(now - item.since, locale) });
  const sev = s(locale, item.severity === 'breach' ? 'wordBreach' : 'wordNear');
  return `${item.queue} ${sev}: ${alertMetricName(item.metric, locale)} ${formatMetric(item.metric!, item.value, locale)}`;
}

/** How many alerts an announcement names before "and N more". */
export const ANNOUNCE_NAMED = 3;

/**
 * The words of one announcement from a coalesced batch: "2 new alerts: Sales breach: projected service level
 * 71.2%, Support near: longest wait 58 s. 1 alert cleared: Billing contacts waiting."
 */
export function announcementText(batch: readonly PendingAnnouncement[], locale: string, now: number): string {
  const parts: string[] = [];
  const stale = batch.find((p) => p.item.severity === 'stale');
  if (stale) parts.push(stale.change === 'raise' ? alertSentence(stale.item, locale, now) : s(locale, 'recovered'));
  const list = (items: string[]) => items.length > ANNOUNCE_NAMED
    ? `${items.slice(0, ANNOUNCE_NAMED).join(', ')} ${s(locale, 'andMore', { n: items.length - ANNOUNCE_NAMED })}`
    : items.join(', ');
  const raised = sortAlerts(batch.filter((p) => p.change === 'raise' && p.item.severity !== 'stale').map((p) => p.item));
  if (raised.length) parts.push(s(locale, raised.length === 1 ? 'newAlerts1' : 'newAlertsN', { n: raised.length, list: list(raised.map((i) => alertSentence(i, locale, now))) }));
  const cleared = sortAlerts(batch.filter((p) => p.change === 'clear' && p.item.severity !== 'stale').map((p) => p.item));
  if (cleared.length) parts.push(s(locale, cleared.length === 1 ? 'cleared1' : 'clearedN', { n: cleared.length, list: list(cleared.map((i) => `${i.queue} ${alertMetricName(i.metric, locale)}`)) }));
  return parts.join('. ');
}

/** The rule behind an alert, for its tooltip: threshold, margin, hysteresis, zone. */
export function ruleText(item: AlertItem, locale: string, timeZone: string): string {
  if (item.severity === 'stale') return `${s(locale, 'ruleStale', { time: formatClock(item.since, locale, timeZone) })} (${timeZone})`;
  const higher = directionFor(item.metric!) === 'higher';
  const rule = s(locale, 'rule', {
    metric: alertMetricName(item.metric, locale), op: higher ? '<' : '>',
    threshold: formatMetric(item.metric!, item.threshold, locale), margin: formatMetric(item.metric!, item.margin, locale),
    half: formatMetric(item.metric!, item.margin === null ? null : item.margin / 2, locale),
  });
  return `${rule}; ${s(locale, 'ruleZone', { zone: timeZone })}`;
}
