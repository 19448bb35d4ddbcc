/**
 * Staffing against what happened: per interval, the agents the observed volume and AHT required (Erlang C
 * at the service-level target) beside the agents the states show handling or available (docs/metrics.md §8).
 */
import { query } from '../rollup.js';
import { TimeLabels } from '../rollup.js';
import { WEEKDAYS, type Definitions } from '../definitions.js';
import { zoneNamed } from '../time/zone.js';
import type { ContactParts } from '../parts.js';
import type { EfficiencyParts } from '../efficiency.js';
import { requiredAgents } from './erlang-c.js';

export interface ObservedStaffing {
  interval: string;
  offered: number;
  aht: number | null;
  trafficErlangs: number | null;
  /** Least agents for the SL target at this volume and AHT (null without an AHT). */
  requiredAgents: number | null;
  /** Agents on the phones on average: (handling + available seconds) / interval length; null without states. */
  presentAgents: number | null;
  /** present − required. */
  gap: number | null;
}

export function observedStaffing(contacts: ContactParts, defs: Definitions, efficiency?: EfficiencyParts | null): ObservedStaffing[] {
  const intervalSec = defs.intervalMinutes * 60;
  const groups = query(contacts, defs, { by: ['interval'] }).groups;
  const overallAht = query(contacts, defs).totals.aht;
  const present = new Map<string, number>();
  if (efficiency) {
    const labels = new TimeLabels(zoneNamed(defs.timeZone), defs.intervalMinutes, WEEKDAYS.indexOf(defs.weekStart), efficiency.slotMs);
    const { groups: eg } = efficiency.summarize((slot) => labels.label('interval', slot)[0]);
    for (const [k, m] of eg) present.set(k, (m.handlingSec + m.availableSec) / intervalSec);
  }
  return groups.map((g) => {
    const aht = g.aht ?? overallAht;
    let required: number | null = null;
    let traffic: number | null = null;
    if (aht !== null && aht > 0) {
      const r = requiredAgents({ contacts: g.offered, intervalSec, ahtSec: aht, target: defs.serviceLevel.target, thresholdSec: defs.serviceLevel.thresholdSec });
      required = g.offered > 0 ? r.agents : 0;
      traffic = r.trafficErlangs;
    }
    const p = efficiency ? present.get(g.key) ?? 0 : null;
    return { interval: g.key, offered: g.offered, aht, trafficErlangs: traffic, requiredAgents: required, presentAgents: p, gap: p !== null && required !== null ? p - required : null };
  });
}
