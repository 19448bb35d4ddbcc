/**
 * Erlang C staffing (docs/metrics.md §8). P(wait) comes from the Erlang B recursion, never from factorials,
 * so several hundred Erlangs work. N ≤ A means the queue grows without bound: P(wait) = 1, SL = 0, and ASA
 * is null with `unbounded: true` (JSON has no infinity).
 */

export interface StaffingInput {
  /** Contacts offered in the interval. */
  contacts: number;
  /** Interval length in seconds. */
  intervalSec: number;
  /** Average handle time in seconds. */
  ahtSec: number;
  /** Service-level target as a fraction (0.8) and its threshold T in seconds (20). */
  target: number;
  thresholdSec: number;
  /** Share of paid time agents are not available (0.3); scheduled = ⌈N / (1 − shrinkage)⌉. */
  shrinkage?: number;
  /** Most occupancy allowed (0.85), optional. */
  maxOccupancy?: number;
  /** Most ASA allowed in seconds, optional. */
  asaSec?: number;
}

export interface StaffingRow {
  agents: number;
  scheduledAgents: number;
  serviceLevel: number;
  asa: number | null;
  occupancy: number;
  probabilityOfWaiting: number;
  /** True when N ≤ A: the queue grows without bound. */
  unbounded: boolean;
}

export interface StaffingResult extends StaffingRow {
  trafficErlangs: number;
}

export function trafficErlangs(contacts: number, ahtSec: number, intervalSec: number): number {
  return (contacts * ahtSec) / intervalSec;
}

/** Erlang B blocking probability for N servers and A Erlangs, by the stable recursion. */
export function erlangB(n: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C probability of waiting; 1 when N ≤ A. */
export function erlangC(n: number, a: number): number {
  if (n <= a) return 1;
  const b = erlangB(n, a);
  return (n * b) / (n - a * (1 - b));
}

/** One staffing level's figures. */
export function staffingRow(n: number, a: number, ahtSec: number, thresholdSec: number, shrinkage = 0): StaffingRow {
  const scheduledAgents = scheduled(n, shrinkage);
  if (n <= a) {
    return { agents: n, scheduledAgents, serviceLevel: 0, asa: null, occupancy: n > 0 ? Math.min(1, a / n) : 1, probabilityOfWaiting: 1, unbounded: true };
  }
  const pw = erlangC(n, a);
  return {
    agents: n,
    scheduledAgents,
    serviceLevel: 1 - pw * Math.exp((-(n - a) * thresholdSec) / ahtSec),
    asa: (pw * ahtSec) / (n - a),
    occupancy: a / n,
    probabilityOfWaiting: pw,
    unbounded: false,
  };
}

/** Agents to schedule for N on the phones: ⌈N / (1 − shrinkage)⌉. */
export function scheduled(n: number, shrinkage: number): number {
  // The epsilon keeps 14 / 0.7 = 20.000000000000004 at 20.
  return Math.ceil(n / (1 - shrinkage) - 1e-9);
}

function check(input: StaffingInput): void {
  const bad = (what: string) => {
    throw new RangeError(what);
  };
  if (!(input.contacts >= 0) || !Number.isFinite(input.contacts)) bad('contacts must be a number ≥ 0');
  if (!(input.intervalSec > 0)) bad('the interval must be longer than 0 s');
  if (!(input.ahtSec > 0)) bad('AHT must be more than 0 s');
  if (!(input.target > 0 && input.target < 1)) bad('the service-level target must be a fraction between 0 and 1 (e.g. 0.8)');
  if (!(input.thresholdSec >= 0)) bad('the threshold must be ≥ 0 s');
  if (input.shrinkage !== undefined && !(input.shrinkage >= 0 && input.shrinkage < 1)) bad('shrinkage must be a fraction from 0 to below 1 (e.g. 0.3)');
  if (input.maxOccupancy !== undefined && !(input.maxOccupancy > 0 && input.maxOccupancy <= 1)) bad('the occupancy cap must be a fraction above 0 and at most 1');
  if (input.asaSec !== undefined && !(input.asaSec > 0)) bad('the ASA target must be more than 0 s');
}

/** The least N that meets the SL target (and the occupancy cap and ASA target when given). */
export function requiredAgents(input: StaffingInput): StaffingResult {
  check(input);
  const a = trafficErlangs(input.contacts, input.ahtSec, input.intervalSec);
  const meets = (r: StaffingRow) =>
    !r.unbounded &&
    r.serviceLevel >= input.target &&
    (input.maxOccupancy === undefined || r.occupancy <= input.maxOccupancy) &&
    (input.asaSec === undefined || (r.asa !== null && r.asa <= input.asaSec));
  let n = Math.max(1, Math.floor(a) + 1);
  // Each step is O(N) through the recursion; N grows by one, so this is O(N²) at worst: fine up to thousands.
  for (;;) {
    const r = staffingRow(n, a, input.ahtSec, input.thresholdSec, input.shrinkage ?? 0);
    if (meets(r)) return { trafficErlangs: a, ...r };
    n++;
  }
}

/** Staffing levels around the required one (from max(1, N − below) to N + above), for a table. */
export function staffingTable(input: StaffingInput, below = 3, above = 3): { required: StaffingResult; rows: StaffingRow[] } {
  const required = requiredAgents(input);
  const a = required.trafficErlangs;
  const rows: StaffingRow[] = [];
  for (let n = Math.max(1, required.agents - below); n <= required.agents + above; n++) {
    rows.push(staffingRow(n, a, input.ahtSec, input.thresholdSec, input.shrinkage ?? 0));
  }
  return { required, rows };
}
