/**
 * A live dataset's queue state at stream time, as a view shows it (docs/metrics.md §2, docs/agreement.md):
 * waiting and longest wait per queue, and each queue's projected service level for the running interval, in
 * the view's zone and interval.
 */
import { query } from '../rollup.js';
import { TimeLabels } from '../time/labels.js';
import { zoneNamed } from '../time/zone.js';
import { WEEKDAYS, type Definitions } from '../definitions.js';
import { projectedServiceLevel } from '../agreement/live.js';
import type { ContactParts } from '../parts.js';
import type { LiveContacts, LiveState } from './live-contacts.js';

/** A live dataset's queue state at stream time, each queue with its projected interval service level. */
export type LiveView = LiveState & {
  queues: (LiveState['queues'][number] & { projectedServiceLevel: number | null })[];
  lastSeq: number;
  /** Events taken, duplicates, rejected; streams begun again, seq jumps refused, found missing in gaps, still missing. */
  events: { applied: number; duplicates: number; rejected: number; resets: number; jumps: number; gapped: number; lost: number; missing: number };
};

/** The live view of the queues (all, or only `queues`), without the ages of every waiting contact. */
export function liveView(parts: ContactParts, live: LiveContacts, definitions: Definitions, queues: readonly string[] | null = null): LiveView {
  const state = live.state();
  const now = Number.isFinite(state.now) ? state.now : 0;
  // The running interval in the view's zone (30- and 60-minute intervals of half-hour zones are not UTC's).
  const labels = new TimeLabels(zoneNamed(definitions.timeZone), definitions.intervalMinutes, WEEKDAYS.indexOf(definitions.weekStart), parts.slotMs);
  const intervalStart = labels.label('interval', Math.floor(now / parts.slotMs))[1];
  const byQueue = new Map<string, { met: number; base: number }>();
  if (Number.isFinite(state.now)) {
    for (const g of query(parts, definitions, { by: ['queue'], from: intervalStart, to: now + 1 }).groups) {
      byQueue.set(g.by.queue!, { met: g.serviceLevelMet, base: g.serviceLevelBase });
    }
  }
  const T = definitions.serviceLevel.thresholdSec;
  const all = state.queues.map((q) => {
    const p = byQueue.get(q.queue) ?? { met: 0, base: 0 };
    return { ...q, projectedServiceLevel: projectedServiceLevel(p.met, p.base, q.waitingAges, T) };
  });
  for (const [queue, p] of byQueue) {
    if (!all.some((q) => q.queue === queue)) all.push({ queue, waiting: 0, longestWait: null, waitingAges: [], projectedServiceLevel: projectedServiceLevel(p.met, p.base, [], T) });
  }
  all.sort((a, b) => (a.queue < b.queue ? -1 : 1));
  // Only the view's queues cross to the page, and without the ages of every waiting contact (used here only).
  const only = queues ? new Set(queues) : null;
  const shown = all.filter((q) => !only || only.has(q.queue)).map((q) => ({ ...q, waitingAges: [] }));
  return { ...state, queues: shown, lastSeq: Number.isFinite(live.lastSeq) ? live.lastSeq : 0, events: { ...live.counts, missing: live.missing } };
}
