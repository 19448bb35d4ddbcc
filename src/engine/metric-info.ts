/**
 * Every metric's name, unit and direction in one table (docs/metrics.md §9): the CLI, the agreement's
 * validation, the worker and the widgets all read it, so a metric's unit or which way is better is written once.
 */
import type { ContactMetrics } from './metrics.js';

/** How a metric's value reads: fractions show as %, seconds as time, points and scores as numbers. */
export type MetricUnit = 'count' | 'fraction' | 'seconds' | 'rating' | 'points' | 'erlangs';
/** Which way is better: higher (service level) or lower (ASA); null for counts that carry no target. */
export type MetricDirection = 'higher' | 'lower';

export interface MetricInfo {
  unit: MetricUnit;
  direction: MetricDirection | null;
  /** The values a target may take, in the metric's unit (null: no target). */
  range: readonly [number, number] | null;
}

const count = { unit: 'count', direction: null, range: null } as const;
const fraction = (direction: MetricDirection) => ({ unit: 'fraction', direction, range: [0, 1] }) as const;
const seconds = (direction: MetricDirection) => ({ unit: 'seconds', direction, range: [0, 86_400] }) as const;

export const METRIC_INFO = {
  offered: count, answered: count, abandoned: count, shortAbandoned: count, flowout: count, callback: count, voicemail: count,
  serviceLevelMet: count, serviceLevelBase: count, agents: count, scheduledAgents: count,
  waiting: { unit: 'count', direction: 'lower', range: [0, 1e6] },
  serviceLevel: fraction('higher'), projectedServiceLevel: fraction('higher'), fcr: fraction('higher'), csat: fraction('higher'),
  occupancy: fraction('higher'), utilization: fraction('higher'), adherence: fraction('higher'), uptime: fraction('higher'),
  abandonRate: fraction('lower'), probabilityOfWaiting: { unit: 'fraction', direction: null, range: null },
  asa: seconds('lower'), aht: seconds('lower'), longestWait: seconds('lower'), waitP50: seconds('lower'), waitP90: seconds('lower'), waitP95: seconds('lower'),
  csatMean: { unit: 'rating', direction: 'higher', range: [1, 5] },
  nps: { unit: 'points', direction: 'higher', range: [-100, 100] },
  qa: { unit: 'points', direction: 'higher', range: [0, 100] },
  trafficErlangs: { unit: 'erlangs', direction: null, range: null },
} as const satisfies Record<string, MetricInfo>;

export type MetricName = keyof typeof METRIC_INFO;

export function isMetricName(s: string): s is MetricName {
  return Object.prototype.hasOwnProperty.call(METRIC_INFO, s);
}

/** A metric's unit; a name the kit does not know reads as a count. */
export function unitOf(metric: string): MetricUnit {
  return isMetricName(metric) ? METRIC_INFO[metric].unit : 'count';
}

/** Which way is better for a metric; null for one that carries no direction. */
export function directionOf(metric: string): MetricDirection | null {
  return isMetricName(metric) ? METRIC_INFO[metric].direction : null;
}

/** The direction a widget or a threshold uses: the one given, else the metric's, else higher. */
export function directionFor(metric: string, given?: MetricDirection | null): MetricDirection {
  return given ?? directionOf(metric) ?? 'higher';
}

/**
 * A metric of a result (totals, a group, a live queue) by a name given as text (an attribute): null when the
 * result lacks it or it has no value.
 */
export function figureOf(m: Partial<ContactMetrics> | object | null | undefined, metric: string): number | null {
  if (!m || !Object.prototype.hasOwnProperty.call(m, metric)) return null;
  const v = (m as Record<string, unknown>)[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
