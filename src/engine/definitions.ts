/** The definitions every figure is computed under (docs/metrics.md §2–3), echoed with every result. */

export const SL_PRESETS = ['answered', 'answered-and-abandoned', 'abandons-after-threshold', 'abandons-within-threshold-met'] as const;
export type ServiceLevelPreset = (typeof SL_PRESETS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const INTERVAL_MINUTES = [5, 15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVAL_MINUTES)[number];

export interface ServiceLevelDefinition {
  preset: ServiceLevelPreset;
  /** T: answered within T seconds (wait ≤ T). */
  thresholdSec: number;
  /** Target as a fraction (0.8). */
  target: number;
  /** Abandons with wait ≤ this are short abandons (in no rate). */
  shortAbandonSec: number;
  includeFlowouts: boolean;
  includeCallbacks: boolean;
  businessHoursOnly: boolean;
}

export interface Definitions {
  timeZone: string;
  intervalMinutes: IntervalMinutes;
  weekStart: Weekday;
  serviceLevel: ServiceLevelDefinition;
  abandonRate: { denominator: 'answered-and-abandoned' | 'offered' };
  /**
   * FCR's method (docs/metrics.md §3): `auto` (the default) is the flag where the data carries a resolved flag,
   * else repeat where it carries customer ids, else none — the query says which it used (`fcrMethod`).
   */
  fcr: { method: 'auto' | 'flag' | 'repeat'; windowDays: number };
}

export function defaultDefinitions(timeZone: string): Definitions {
  return {
    timeZone,
    intervalMinutes: 15,
    weekStart: 'monday',
    serviceLevel: {
      preset: 'answered-and-abandoned',
      thresholdSec: 20,
      target: 0.8,
      shortAbandonSec: 5,
      includeFlowouts: false,
      includeCallbacks: false,
      businessHoursOnly: false,
    },
    abandonRate: { denominator: 'answered-and-abandoned' },
    fcr: { method: 'auto', windowDays: 7 },
  };
}
