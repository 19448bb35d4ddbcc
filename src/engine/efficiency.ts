/**
 * Efficiency metrics from agent states and schedules (docs/metrics.md §4): seconds per state category and
 * scheduled / adherent seconds, kept per slot × agent like every other part, so occupancy, utilization and
 * adherence roll up to any interval, period, agent or team by sums, then one division.
 */
import { CellIndex } from './cell-index.js';
import type { AgentState, ScheduleEntry, StateCategory } from './types.js';
import { Dict } from './parts.js';
import { normalizeName } from './ingest/names.js';

export const STATE_CATEGORIES: readonly StateCategory[] = ['handling', 'available', 'productive-off-phone', 'unproductive', 'logged-out'];

/** Default categories of common state and activity names (normalized: lowercase letters and digits). */
const DEFAULT_CATEGORIES: [StateCategory | 'on-phones', string[]][] = [
  ['handling', ['talk', 'talking', 'oncall', 'incall', 'onacall', 'busy', 'hold', 'onhold', 'wrap', 'wrapup', 'acw', 'aftercallwork', 'aftercontactwork', 'handling', 'oncontact', 'interacting', 'ringing', 'dialing', 'outbound']],
  ['available', ['available', 'idle', 'ready', 'waiting', 'online', 'free']],
  ['productive-off-phone', ['training', 'coaching', 'meeting', 'teammeeting', 'project', 'backoffice', 'email', 'admin', 'onetoone', '1to1', 'offline work', 'offlinework']],
  ['unproductive', ['break', 'lunch', 'personal', 'away', 'aux', 'notready', 'unavailable', 'paused', 'pause', 'restroom', 'system', 'other']],
  ['logged-out', ['loggedout', 'logout', 'offline', 'signedout', 'off', 'dayoff', 'vacation', 'holiday', 'sick', 'absent']],
  ['on-phones', ['phones', 'onphones', 'phone', 'open', 'queue', 'inbound', 'calls', 'work', 'shift', 'scheduled']],
];

const norm = normalizeName;

/**
 * Resolves state and activity names to categories: the mapping's names first, then the defaults.
 * Unknown names are returned as null so that the row can be rejected with its name.
 */
export class Categories {
  private readonly map = new Map<string, StateCategory | 'on-phones'>();
  constructor(custom: Record<string, StateCategory | 'on-phones'> = {}) {
    for (const [cat, names] of DEFAULT_CATEGORIES) for (const n of names) this.map.set(n, cat);
    for (const [name, cat] of Object.entries(custom)) this.map.set(norm(name), cat);
  }
  state(name: string): StateCategory | null {
    const c = this.map.get(norm(name));
    return c === undefined ? null : c === 'on-phones' ? 'available' : c;
  }
  activity(name: string): StateCategory | 'on-phones' | null {
    return this.map.get(norm(name)) ?? null;
  }
}

/** Offsets in a cell of EfficiencyParts. */
export const E = { handling: 0, available: 1, offPhone: 2, unproductive: 3, loggedOut: 4, scheduled: 5, adherent: 6 } as const;
export const NE = 7;
const CATEGORY_FIELD: Record<StateCategory, number> = {
  handling: E.handling, available: E.available, 'productive-off-phone': E.offPhone, unproductive: E.unproductive, 'logged-out': E.loggedOut,
};

/** Whether an actual category keeps to a scheduled one (available and handling both keep to "on phones"). */
export function adheres(actual: StateCategory, scheduled: StateCategory | 'on-phones'): boolean {
  if (scheduled === 'on-phones') return actual === 'available' || actual === 'handling';
  return actual === scheduled;
}

export interface EfficiencyMetrics {
  occupancy: number | null;
  utilization: number | null;
  adherence: number | null;
  /** Seconds per category, and scheduled / adherent seconds (the parts behind the figures). */
  handlingSec: number;
  availableSec: number;
  loggedInSec: number;
  scheduledSec: number;
  adherentSec: number;
}

export class EfficiencyParts {
  readonly slotMs: number;
  readonly agents = new Dict(2 ** 26, 'agent');
  readonly teams = new Dict(2 ** 20, 'team');
  /** Team of each agent (by agent index; the latest seen). */
  agentTeam: number[] = [0];
  private readonly cellIndex = new CellIndex();
  cellSlot: number[] = [];
  cellAgent: number[] = [];
  values = new Float64Array(256 * NE);
  cellCount = 0;

  constructor(slotMinutes: 5 | 15 = 15) {
    this.slotMs = slotMinutes * 60_000;
  }

  private cell(slot: number, agent: number): number {
    let c = this.cellIndex.get(slot, agent);
    if (c < 0) {
      c = this.cellCount++;
      if (c * NE >= this.values.length) {
        const v = new Float64Array(this.values.length * 2);
        v.set(this.values);
        this.values = v;
      }
      this.cellSlot.push(slot);
      this.cellAgent.push(agent);
      this.cellIndex.add(slot, agent, c);
    }
    return c;
  }

  /** Adds `field` seconds over [start, end), split across the slots it spans. */
  private spread(agent: number, start: number, end: number, field: number): void {
    let t = start;
    while (t < end) {
      const slot = Math.floor(t / this.slotMs);
      const slotEnd = (slot + 1) * this.slotMs;
      const until = Math.min(end, slotEnd);
      // The cell first: creating it may replace this.values with a larger array.
      const cell = this.cell(slot, agent);
      this.values[cell * NE + field] += (until - t) / 1000;
      t = until;
    }
  }

  private agentOf(name: string, team: string | undefined): number {
    const a = this.agents.id(name);
    if (team !== undefined && team !== '') this.agentTeam[a] = this.teams.id(team);
    else if (this.agentTeam[a] === undefined) this.agentTeam[a] = 0;
    return a;
  }

  /**
   * Adds agent states and schedules. States without an end last until the agent's next state; the last open
   * state of an agent ends at `openUntil` (default: the latest time in the states). Adherence compares each
   * scheduled second with the state the agent was in.
   */
  add(states: readonly AgentState[], schedules: readonly ScheduleEntry[] = [], openUntil?: number): void {
    const byAgent = new Map<string, AgentState[]>();
    let latest = -Infinity;
    for (const s of states) {
      let l = byAgent.get(s.agent);
      if (!l) byAgent.set(s.agent, (l = []));
      l.push(s);
      latest = Math.max(latest, s.start, s.end ?? -Infinity);
    }
    const until = openUntil ?? latest;
    const timelines = new Map<string, [number, number, StateCategory][]>();
    for (const [name, list] of byAgent) {
      list.sort((a, b) => a.start - b.start);
      const tl: [number, number, StateCategory][] = [];
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        const end = Math.min(s.end ?? (i + 1 < list.length ? list[i + 1].start : until), i + 1 < list.length ? list[i + 1].start : Infinity);
        if (end <= s.start) continue;
        tl.push([s.start, end, s.category]);
        const a = this.agentOf(name, s.team);
        this.spread(a, s.start, end, CATEGORY_FIELD[s.category]);
      }
      timelines.set(name, tl);
    }
    for (const sch of schedules) {
      if (sch.category === 'logged-out') continue; // time off is not scheduled time
      const a = this.agentOf(sch.agent, sch.team);
      this.spread(a, sch.start, sch.end, E.scheduled);
      for (const [s, e, cat] of timelines.get(sch.agent) ?? []) {
        const lo = Math.max(s, sch.start), hi = Math.min(e, sch.end);
        if (hi > lo && adheres(cat, sch.category)) this.spread(a, lo, hi, E.adherent);
      }
    }
  }

  /** Sums cells into metrics, optionally by a key of each cell (agent, team, a time label …). */
  summarize(keyOf?: (slot: number, agent: string, team: string) => string | null): { totals: EfficiencyMetrics; groups: Map<string, EfficiencyMetrics> } {
    const total = new Float64Array(NE);
    const sums = new Map<string, Float64Array>();
    for (let c = 0; c < this.cellCount; c++) {
      const agent = this.cellAgent[c];
      const key = keyOf ? keyOf(this.cellSlot[c], this.agents.values[agent], this.teams.values[this.agentTeam[agent] ?? 0] || '(none)') : null;
      if (keyOf && key === null) continue;
      const o = c * NE;
      for (let f = 0; f < NE; f++) total[f] += this.values[o + f];
      if (key !== null) {
        let s = sums.get(key);
        if (!s) sums.set(key, (s = new Float64Array(NE)));
        for (let f = 0; f < NE; f++) s[f] += this.values[o + f];
      }
    }
    const groups = new Map<string, EfficiencyMetrics>();
    for (const [k, s] of sums) groups.set(k, finishEfficiency(s));
    return { totals: finishEfficiency(total), groups };
  }
}

export function finishEfficiency(v: Float64Array): EfficiencyMetrics {
  const loggedIn = v[E.handling] + v[E.available] + v[E.offPhone] + v[E.unproductive];
  const r = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    occupancy: r(v[E.handling], v[E.handling] + v[E.available]),
    utilization: r(v[E.handling] + v[E.offPhone], loggedIn),
    adherence: r(v[E.adherent], v[E.scheduled]),
    handlingSec: v[E.handling],
    availableSec: v[E.available],
    loggedInSec: loggedIn,
    scheduledSec: v[E.scheduled],
    adherentSec: v[E.adherent],
  };
}
