/**
 * The queue board's rows as data (no DOM): each queue's figures, its status against the thresholds (the worst
 * of service level, waiting and longest wait, with the hysteresis of docs/agreement.md per queue), and the order.
 */
import { liveStatus, type Status } from '../../engine/agreement/status.js';

export interface QueueRow {
  queue: string;
  waiting: number | null;
  longestWait: number | null;
  /** Service level since the start of today, and projected for the running interval. */
  serviceLevelToday: number | null;
  serviceLevelInterval: number | null;
  abandonRate: number | null;
  asa: number | null;
  offered: number | null;
}

export interface BoardThresholds {
  serviceLevel?: { target: number; margin: number };
  waiting?: { threshold: number; margin?: number };
  longestWait?: { threshold: number; margin?: number };
}

export const COLUMNS = ['queue', 'waiting', 'longestWait', 'serviceLevelToday', 'serviceLevelInterval', 'abandonRate', 'asa', 'offered'] as const;
export type Column = (typeof COLUMNS)[number];

export interface BoardRow extends QueueRow {
  /** The row's status: the worst of its cells'. */
  status: Status | null;
  /** Each judged figure's own status, so the board marks the figures that are off, not the whole row. */
  cells: Partial<Record<Column, Status | null>>;
}

const RANK: Record<Status, number> = { ok: 0, warn: 1, breach: 2 };

function worst(a: Status | null, b: Status | null): Status | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Rows with their status, sorted. `previous` carries each queue's last statuses (per threshold) so the board
 * does not flap; it is updated in place.
 */
export function boardRows(rows: readonly QueueRow[], t: BoardThresholds, sort: { by: Column; dir: 'asc' | 'desc' }, previous = new Map<string, (Status | null)[]>()): BoardRow[] {
  const out = rows.map((r) => {
    const prev = previous.get(r.queue) ?? [null, null, null];
    const sl = t.serviceLevel ? liveStatus(r.serviceLevelToday, { target: t.serviceLevel.target, margin: t.serviceLevel.margin, direction: 'higher' }, prev[0]) : null;
    const w = t.waiting ? liveStatus(r.waiting, { target: t.waiting.threshold, margin: t.waiting.margin ?? t.waiting.threshold * 0.1, direction: 'lower' }, prev[1]) : null;
    const lw = t.longestWait ? liveStatus(r.longestWait, { target: t.longestWait.threshold, margin: t.longestWait.margin ?? t.longestWait.threshold * 0.1, direction: 'lower' }, prev[2]) : null;
    previous.set(r.queue, [sl ?? prev[0], w ?? prev[1], lw ?? prev[2]]);
    // The running interval's projection is judged against the same target, without memory (it restarts each interval).
    const sli = t.serviceLevel ? liveStatus(r.serviceLevelInterval, { target: t.serviceLevel.target, margin: t.serviceLevel.margin, direction: 'higher' }) : null;
    return { ...r, status: worst(worst(sl, w), lw), cells: { serviceLevelToday: sl, waiting: w, longestWait: lw, serviceLevelInterval: sli } };
  });
  const sign = sort.dir === 'asc' ? 1 : -1;
  out.sort((a, b) => {
    const x = a[sort.by], y = b[sort.by];
    // No data sorts last whichever way.
    if (x === null && y === null) return a.queue < b.queue ? -1 : 1;
    if (x === null) return 1;
    if (y === null) return -1;
    if (x === y) return a.queue < b.queue ? -1 : 1;
    return (x < y ? -1 : 1) * sign;
  });
  return out;
}
