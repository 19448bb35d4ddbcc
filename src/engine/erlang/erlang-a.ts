/**
 * Erlang A (docs/metrics.md §8): Palm's M/M/N+M queue — Poisson arrivals, exponential handle times, N agents,
 * and callers who hang up after an exponential patience of mean P. Where Erlang C lets every caller wait for
 * ever (and overstates waiting), Erlang A counts the abandons the data already holds.
 *
 * Exact, with no approximation but a tail cut below 1e-15 of the mass:
 * - the states n ≥ N follow from the Erlang B recursion (π_N relative to the states below) and the product
 *   λ / (Nμ + jθ) for j callers waiting;
 * - a caller who finds j waiting ahead is served when all of them move on before it hangs up: from position i
 *   it moves on at rate Nμ + iθ and hangs up at rate θ;
 * - the service level is P(served within T), by uniformisation of that chain of positions.
 */
import { erlangB, requiredAgents, scheduled, trafficErlangs, type StaffingInput } from './erlang-c.js';
import { F, H_ABANDONED, NF, type ContactParts } from '../parts.js';
import { bucketUpper, bucketWidth } from '../histogram.js';

export interface ErlangAFigures {
  agents: number;
  /** P(a caller waits at all). */
  probabilityOfWaiting: number;
  /** P(a caller hangs up before an agent answers). */
  abandonment: number;
  /** Answered within T / every caller (abandons included, as the default service-level preset counts them). */
  serviceLevel: number;
  /** Mean wait of answered callers (s). */
  asa: number;
  /** Mean wait of every caller, answered or not (s). */
  meanWait: number;
  /** Agents' busy share: answered load / N. */
  occupancy: number;
}

const TAIL = 1e-15;
const MAX_QUEUE = 1_000_000;

/**
 * The figures of N agents for λ callers a second, a mean handle time and a mean patience (seconds), and a
 * service-level threshold T (seconds).
 */
export function erlangA(n: number, lambda: number, ahtSec: number, patienceSec: number, thresholdSec: number): ErlangAFigures {
  if (!(n >= 1) || !Number.isInteger(n)) throw new RangeError('Erlang A needs a whole number of agents ≥ 1');
  if (!(lambda >= 0) || !(ahtSec > 0) || !(patienceSec > 0) || !(thresholdSec >= 0)) throw new RangeError('Erlang A needs an arrival rate ≥ 0, an AHT > 0, a patience > 0 and a threshold ≥ 0');
  if (lambda === 0) return { agents: n, probabilityOfWaiting: 0, abandonment: 0, serviceLevel: 1, asa: 0, meanWait: 0, occupancy: 0 };
  const mu = 1 / ahtSec, theta = 1 / patienceSec, nmu = n * mu;
  const b = erlangB(n, lambda / mu); // π_N, with the states 0 … N summing to 1
  // t_j = Π_{k=1..j} λ / (Nμ + kθ): the weight of N + j relative to N.
  const t: number[] = [1];
  let s = 1, sq = 0;
  for (let j = 1; j < MAX_QUEUE; j++) {
    const next = (t[j - 1] * lambda) / (nmu + j * theta);
    t.push(next);
    s += next;
    sq += j * next;
    if (nmu + j * theta > lambda && next < TAIL * s) break;
  }
  const z = 1 + b * (s - 1); // every state: 0 … N (1) and N+1 … (b · Σ_{j≥1} t_j)
  const wait = (b * s) / z;
  // Callers who find j waiting ahead (PASTA): p_j; served with probability ps_j, their mean wait if served h_j.
  const J = t.length;
  const p = new Float64Array(J);
  for (let j = 0; j < J; j++) p[j] = (b * t[j]) / z;
  let served = 1 - wait, waitServed = 0, ps = 1, h = 0;
  for (let j = 0; j < J; j++) {
    const out = nmu + (j + 1) * theta;
    ps *= (nmu + j * theta) / out;
    h += 1 / out;
    served += p[j] * ps;
    waitServed += p[j] * ps * h;
  }
  const abandonment = 1 - served;
  const meanWait = (b * sq) / z / lambda; // Little: E[W] = E[queue] / λ
  return {
    agents: n,
    probabilityOfWaiting: wait,
    abandonment,
    serviceLevel: 1 - wait + servedWithin(p, nmu, theta, thresholdSec),
    asa: served > 0 ? waitServed / served : 0,
    meanWait,
    occupancy: Math.min(1, (lambda * served) / nmu),
  };
}

/**
 * P(served within T) of callers who wait, by uniformisation: positions 0 … J (callers ahead), each leaving at
 * rate Nμ + (i+1)θ — forward at Nμ + iθ (from 0: answered), away at θ; steps counted by a Poisson of mean ΛT.
 */
function servedWithin(p: Float64Array, nmu: number, theta: number, T: number): number {
  const J = p.length;
  if (T === 0) return 0;
  const rate = nmu + J * theta; // the fastest position's rate
  const m = rate * T;
  let u = Float64Array.from(p);
  let v = new Float64Array(J);
  let answered = 0, total = 0;
  // Poisson(k; m) in logs (m may be in the thousands): summed until all but 1e-13 of it is counted.
  const logM = Math.log(m);
  let logW = -m, cum = 0;
  for (let k = 0; ; k++) {
    const w = Math.exp(logW);
    cum += w;
    total += w * answered;
    if ((k > m && 1 - cum < 1e-13) || k > m + 50 * Math.sqrt(m) + 100) break;
    // One step of the chain: what is answered now is answered for good.
    v.fill(0);
    for (let i = 0; i < J; i++) {
      const x = u[i];
      if (x === 0) continue;
      const fwd = nmu + i * theta, stay = 1 - (fwd + theta) / rate;
      v[i] += x * stay;
      if (i === 0) answered += (x * fwd) / rate;
      else v[i - 1] += (x * fwd) / rate;
    }
    [u, v] = [v, u];
    logW += logM - Math.log(k + 1);
  }
  // Mass past the last step counted (below 1e-13) is left out: the figure is a lower bound by at most that.
  return total;
}

export interface ErlangAInput extends StaffingInput {
  /** Mean patience of callers in seconds (estimated from the data: `patienceFrom`). */
  patienceSec: number;
}

export interface ErlangAResult extends ErlangAFigures {
  trafficErlangs: number;
  scheduledAgents: number;
  model: 'erlang-a';
  patienceSec: number;
}

/** The least N that meets the SL target (and the occupancy cap and ASA target when given), under Erlang A. */
export function requiredAgentsA(input: ErlangAInput): ErlangAResult {
  if (!(input.patienceSec > 0)) throw new RangeError('the mean patience must be more than 0 s');
  const c = requiredAgents(input); // checks the input; an upper bound
  const lambda = input.contacts / input.intervalSec;
  const fig = (n: number) => erlangA(n, lambda, input.ahtSec, input.patienceSec, input.thresholdSec);
  const meets = (f: ErlangAFigures) => f.serviceLevel >= input.target
    && (input.maxOccupancy === undefined || f.occupancy <= input.maxOccupancy)
    && (input.asaSec === undefined || f.asa <= input.asaSec);
  // Every figure improves with N: the least N is found by halving between 1 and Erlang C's (never fewer met there).
  let lo = 1, hi = Math.max(1, c.agents);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (meets(fig(mid))) hi = mid;
    else lo = mid + 1;
  }
  return { ...fig(lo), trafficErlangs: trafficErlangs(input.contacts, input.ahtSec, input.intervalSec), scheduledAgents: scheduled(lo, input.shrinkage ?? 0), model: 'erlang-a', patienceSec: input.patienceSec };
}

/** Staffing levels around the required one (from max(1, N − below) to N + above) under Erlang A, for a table. */
export function staffingTableA(input: ErlangAInput, below = 3, above = 3): { required: ErlangAResult; rows: ErlangAFigures[] } {
  const required = requiredAgentsA(input);
  const lambda = input.contacts / input.intervalSec;
  const rows: ErlangAFigures[] = [];
  for (let n = Math.max(1, required.agents - below); n <= required.agents + above; n++) rows.push(erlangA(n, lambda, input.ahtSec, input.patienceSec, input.thresholdSec));
  return { required, rows };
}

export interface PatienceEstimate {
  /** Callers' mean patience in seconds, or null when no one hung up after a known wait. */
  meanSec: number | null;
  /** Abandons with a known wait (short ones too: the model counts every hang-up). */
  abandons: number;
  /** Seconds every caller of known wait spent waiting, answered or not. */
  waitedSec: number;
}

/**
 * The callers' mean patience from the data (docs/metrics.md §8): with exponential patience every second a caller
 * waits is a chance to hang up, so mean patience = seconds waited by all callers (answered and abandoned) /
 * abandons. Answered waits are summed exactly; abandoned waits from their histogram at each bucket's middle
 * (within half a second up to 10 minutes). Contacts of unknown wait are in neither sum.
 */
export function patienceFrom(parts: ContactParts): PatienceEstimate {
  let waited = 0, abandons = 0;
  const v = parts.values;
  for (let c = 0; c < parts.cellCount; c++) waited += v[c * NF + F.answerWaitSum];
  const h = parts.histograms();
  for (let r = 0; r < h.keys.length; r++) {
    if (h.keys[r] >>> 16 !== H_ABANDONED) continue;
    const b = h.keys[r] & 0xffff, n = h.counts[r];
    const upper = bucketUpper(b);
    const mid = b === 0 ? 0 : Number.isFinite(upper) ? upper - bucketWidth(b) / 2 : 86_400;
    waited += n * mid;
    abandons += n;
  }
  return { meanSec: abandons > 0 ? waited / abandons : null, abandons, waitedSec: waited };
}
