// A deterministic, realistic contact center in the kit's own contact CSV format.
//
// How the numbers come about, so that they behave like a real center's:
// - Demand: a weekly and intraday arrival profile in local time (open ~07:00–21:00 with a morning and an
//   afternoon peak, lighter weekends; e-mail arrives around the clock). The requested number of contacts is split
//   over 5-minute slots by sequential binomial draws (a multinomial): each slot's count is Poisson-like and the
//   total is exact. The actual profile carries day noise, correlated slot noise and now and then an incident,
//   none of which the staffing plan sees: that is where bad intervals come from.
// - Supply: each queue has a live team (voice and chat) and an e-mail team. Live staffing is planned per
//   15-minute interval with Erlang C at 80/20, covered greedily by shifts of 4–8 hours with breaks; some shifts
//   are lost to absence; shifts go round-robin to a roster of named agents.
// - Service: each team is an exact multi-server FIFO queue with impatient callers, simulated contact by contact
//   in arrival order. A contact takes the agent who is free first (the longest idle one when several are idle)
//   unless its patience, a callback or voicemail offer or the queue timeout runs out first. Because contacts are
//   served in arrival order, a contact's fate is known the moment it arrives: rows stream out in arrival order
//   with only per-team state in memory.

import { Zone } from '../engine/time/zone.js';
import { MS_PER_DAY, civilFromDays, daysFromCivil, formatDate, isoWeekday, pad2 } from '../engine/time/civil.js';
import { Rng, WeightedChoice, logNormalFromMean, mix32, type LogNormal } from './random.js';

export interface GenerateOptions {
  /** Number of contacts (rows) to generate; a whole number ≥ 0. */
  contacts: number;
  /** The same options give the same bytes. A number is the same seed as its decimal string. */
  seed: string | number;
  /** First local day, `YYYY-MM-DD` (default `2026-01-05`, a Monday). */
  start?: string;
  /** Number of local days (default: about 4,500 contacts a day, at least one day). */
  days?: number;
  /** Number of queues (default 4). */
  queues?: number;
  /**
   * Size of the agent roster (distinct agent ids), shared by the queues' live and e-mail teams in proportion to
   * their workload, at least one per team. Default: what the forecast needs with each agent working about five
   * days a week. Fewer agents than that means fewer shifts and a worse service level.
   */
  agents?: number;
  /** IANA zone of the opening hours and shifts (default `America/New_York`). Timestamps are written in UTC. */
  timeZone?: string;
}

export const CONTACT_COLUMNS: readonly string[] = Object.freeze([
  'id', 'queue', 'channel', 'tier', 'agent', 'customer', 'arrived', 'answered', 'ended', 'outcome',
  'talk', 'hold', 'wrap', 'resolved', 'csat', 'nps', 'qa', 'transferred',
]);

const DEFAULT_START = '2026-01-05';
const DEFAULT_QUEUES = 4;
const DEFAULT_TIME_ZONE = 'America/New_York';
const CONTACTS_PER_DAY = 4500;
const ROWS_PER_CHUNK = 1000;

export const SLOT_SEC = 300;
const INTERVAL_SEC = 900;
const INTERVALS_PER_DAY = 96;

// ---------------------------------------------------------------------------------------------------------------
// Demand (local time)

/** Relative daily volume, Monday first: Mondays are busiest, weekends light. */
const DAY_VOLUME = [1.15, 1.05, 1.0, 0.98, 0.92, 0.45, 0.3];
/** Live opening hours [open, close) per weekday, Monday first. */
const LIVE_HOURS: ReadonlyArray<readonly [number, number]> = [
  [7, 21], [7, 21], [7, 21], [7, 21], [7, 21], [8, 20], [9, 18],
];
/** Share of all contacts that are e-mails. */
const EMAIL_SHARE = 0.06;
/** Hours the e-mail teams work [start, end), on weekdays and at weekends. */
const EMAIL_WEEKDAY_HOURS = [8, 18] as const;
const EMAIL_WEEKEND_HOURS = [9, 15] as const;

/** Forecast error the plan does not see: per day, and per 5-minute slot (correlated, so surges last a while). */
const DAY_NOISE = 0.05;
const SLOT_NOISE = 0.12;
const SLOT_NOISE_MEMORY = 0.7;
/** Chance that a day has an incident (an outage, a mailing, a storm) that floods the lines for an hour or two. */
const INCIDENT_CHANCE = 0.25;

const bell = (h: number, mu: number, sd: number): number => Math.exp(-0.5 * ((h - mu) / sd) ** 2);

/** Live (voice and chat) arrival rate at local hour h, relative units. */
export function liveRate(weekday: number, h: number): number {
  const [open, close] = LIVE_HOURS[weekday];
  if (h < open || h >= close) return 0;
  let r = 0.25 + bell(h, 10.5, 1.3) + 0.75 * bell(h, 14.75, 1.6);
  // Callers who waited for the lines to open; an evening that tails off towards closing.
  if (h < open + 0.5) r *= 1.3;
  if (h > close - 2) r *= 0.55 + 0.45 * ((close - h) / 2);
  return r * DAY_VOLUME[weekday];
}

/** E-mail arrival rate at local hour h, before scaling to EMAIL_SHARE: round the clock, highest at midday. */
export function emailShape(weekday: number, h: number): number {
  return (0.2 + 0.8 * bell(h, 12.5, 3.5)) * (weekday >= 5 ? 0.5 : 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Queues, handling and callers

export interface QueueKind {
  name: string;
  /** Relative volume. */
  volume: number;
  /** Handle-time factor. */
  handle: number;
  /** Share of the queue's live contacts that are chats. */
  chat: number;
  /** Probability that a contact with a known result was resolved. */
  resolve: number;
  /** Probability that an answered contact was transferred. */
  transfer: number;
  /** Seconds in queue after which voice callers are offered a callback (null: never). */
  callbackAfter: number | null;
  /** Seconds in queue after which voice callers may leave a voicemail (null: never). */
  voicemailAfter: number | null;
  /** Seconds a live contact may queue before the queue sends it on (to another site or queue): a flow-out. */
  timeout: number;
}

type QueueRow = [string, number, number, number, number, number, number | null, number | null, number];
const QUEUE_TABLE: readonly QueueRow[] = [
  // name         volume handle chat  resolve transfer callback voicemail timeout
  ['Billing',     1.00,  0.95,  0.15, 0.82,   0.06,    60,      null,     600],
  ['Sales',       0.85,  0.90,  0.22, 0.78,   0.05,    null,    60,       120],
  ['Support',     0.80,  1.15,  0.18, 0.72,   0.10,    60,      null,     600],
  ['Retention',   0.45,  1.20,  0.05, 0.70,   0.08,    45,      null,     180],
  ['Claims',      0.50,  1.10,  0.08, 0.68,   0.09,    null,    90,       480],
  ['Tech',        0.60,  1.30,  0.25, 0.66,   0.12,    60,      null,     600],
  ['Onboarding',  0.35,  1.05,  0.20, 0.80,   0.05,    90,      null,     420],
  ['Collections', 0.40,  0.85,  0.05, 0.75,   0.04,    null,    120,      240],
  ['Returns',     0.45,  0.80,  0.30, 0.85,   0.04,    60,      null,     480],
  ['Shipping',    0.40,  0.75,  0.30, 0.86,   0.04,    60,      null,     480],
  ['Accounts',    0.50,  1.00,  0.12, 0.80,   0.07,    60,      null,     600],
  ['Fraud',       0.20,  1.40,  0.02, 0.60,   0.15,    null,    null,     900],
  ['Loyalty',     0.25,  0.90,  0.15, 0.84,   0.05,    90,      null,     180],
  ['Payments',    0.55,  0.85,  0.12, 0.83,   0.05,    60,      120,      420],
  ['Warranty',    0.30,  1.10,  0.10, 0.74,   0.08,    null,    90,       600],
  ['Renewals',    0.30,  0.95,  0.10, 0.80,   0.05,    90,      null,     180],
];

/** Queue i: the table in order, then again with a number (`Billing2`, …) for more queues than it has. */
function queueKind(i: number): QueueKind {
  const [name, volume, handle, chat, resolve, transfer, callbackAfter, voicemailAfter, timeout] =
    QUEUE_TABLE[i % QUEUE_TABLE.length];
  const round = Math.floor(i / QUEUE_TABLE.length);
  return {
    name: round === 0 ? name : name + (round + 1),
    volume, handle, chat, resolve, transfer, callbackAfter, voicemailAfter, timeout,
  };
}

type Channel = 'voice' | 'chat' | 'email';

/** Handle-time parts of a channel, each lognormal (right-skewed, as real handle times are). */
interface HandleProfile {
  talk: LogNormal;
  talkMean: number;
  /** Share of contacts put on hold at all. */
  holdShare: number;
  hold: LogNormal;
  wrap: LogNormal;
  /** Mean talk + hold + wrap, for the staffing plan. */
  mean: number;
}

function handleProfile(talk: number, holdShare: number, hold: number, wrap: number): HandleProfile {
  return {
    talk: logNormalFromMean(talk, 0.9),
    talkMean: talk,
    holdShare,
    hold: logNormalFromMean(hold, 1.0),
    wrap: logNormalFromMean(wrap, 0.8),
    mean: talk + holdShare * hold + wrap,
  };
}

const HANDLE: Readonly<Record<Channel, HandleProfile>> = {
  voice: handleProfile(235, 0.3, 55, 35),
  chat: handleProfile(420, 0, 0, 25),
  email: handleProfile(300, 0, 0, 40),
};
/** A transferred contact talks longer (a warm hand-over). */
const TRANSFER_TALK = 1.3;

/**
 * Patience in seconds, a mixture as seen in real queues: a few callers hang up within seconds whatever happens
 * (short abandons), most give up after a couple of minutes, some hold on for many.
 */
const VOICE_PATIENCE = 120;
const CHAT_PATIENCE = 240;
const PATIENT_PATIENCE = 480;
const PATIENT_SHARE = 0.35;
const IMPATIENT_SHARE = 0.035;
/** Share of voice callers who take a callback, or leave a voicemail, when it is offered. */
const CALLBACK_TAKE = 0.3;
const VOICEMAIL_TAKE = 0.2;

/**
 * The staffing plan: Erlang C agents at 80/20 for the forecast raised by a small safety margin. Breaks are not
 * grossed up: overlapping 8-hour shifts leave slack off-peak, so breaks bite at the peaks, as in real centers.
 */
const PLAN_TARGET = 0.8;
const PLAN_UPLIFT = 1.03;
/** E-mail is worked as a backlog: agent hours in the staffed window for the day's mail plus this margin. */
const EMAIL_PLAN_MARGIN = 1.4;
/** Live teams look this far ahead for agents (beyond the longest queue timeout). */
const LIVE_LOOKAHEAD_SEC = 1200;
/** An e-mail waits for the next staffed day, across a weekend if need be. */
const EMAIL_LOOKAHEAD_SEC = 4 * 86_400;

/** Tiers: 15 % gold, 35 % silver, 50 % bronze; u is uniform in [0, 1). */
const tierAt = (u: number): string => (u < 0.15 ? 'gold' : u < 0.5 ? 'silver' : 'bronze');

/** Survey answers (CSAT 1…5) of happy contacts (resolved, short wait) and unhappy ones. */
const CSAT_HAPPY = new WeightedChoice([0.04, 0.04, 0.1, 0.3, 0.52]);
const CSAT_UNHAPPY = new WeightedChoice([0.2, 0.15, 0.22, 0.25, 0.18]);
const SURVEY_SHARE = 0.2;
const QA_SHARE = 0.05;
const RESOLVED_UNKNOWN = 0.1;

/** Repeat contacts: how many come back, and how soon (mostly the same day or the next few). */
const REPEAT_SHARE = 0.16;
const REPEAT_WINDOW_SEC = 7 * 86_400;
const SAME_QUEUE_REPEAT = 0.8;
/** A resolved contact comes back this much less often than an unresolved one. */
const RESOLVED_REPEAT = 0.35;
/** Voice callers with a withheld number: no customer id. */
const ANONYMOUS_VOICE = 0.02;
/** Recent contacts kept for repeats; beyond that, repeats come from a shorter window than seven days. */
const HISTORY_CAPACITY = 1 << 17;

// ---------------------------------------------------------------------------------------------------------------
// Time

/** The UTC second of a local wall-clock minute of a local day; a time inside a DST gap moves on by the gap. */
export function localToUtcSec(zone: Zone, day: number, minute: number): number {
  const wall = day * MS_PER_DAY + minute * 60_000;
  for (let shift = 0; shift <= 180; shift += 15) {
    const utc = zone.toUtc(wall + shift * 60_000);
    if (utc !== null) return Math.floor(utc / 1000);
  }
  throw new RangeError(`no local time near day ${day} minute ${minute} in ${zone.name}`);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 60 }, (_, i) => pad2(i));

/** ISO 8601 UTC with whole seconds; the date part is cached, as consecutive values share their day. */
export class IsoFormatter {
  private day = NaN;
  private prefix = '';

  format(sec: number): string {
    const day = Math.floor(sec / 86_400);
    if (day !== this.day) {
      this.day = day;
      this.prefix = formatDate(civilFromDays(day)) + 'T';
    }
    let s = sec - day * 86_400;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    return this.prefix + TWO_DIGITS[h] + ':' + TWO_DIGITS[m] + ':' + TWO_DIGITS[s] + 'Z';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Staffing

/**
 * Least number of agents reaching `target` service level within `thresholdSec` (Erlang C). The Erlang B
 * recursion runs once upward, testing each n on the way, so large traffic costs O(n), not O(n²).
 */
function erlangAgents(traffic: number, ahtSec: number, thresholdSec: number, target: number): number {
  if (traffic <= 0) return 0;
  let b = 1;
  for (let n = 1; ; n++) {
    b = (traffic * b) / (n + traffic * b);
    if (n <= traffic) continue;
    const pWait = (n * b) / (n - traffic * (1 - b));
    if (1 - pWait * Math.exp((-(n - traffic) * thresholdSec) / ahtSec) >= target) return n;
  }
}

interface Shift {
  /** Local minute of the day the shift starts. */
  start: number;
  /** Length in minutes. */
  length: number;
}

/** Covers a day's requirement (agents per 15-minute interval) greedily with shifts of 4 to 8 hours. */
function coverWithShifts(required: ArrayLike<number>): Shift[] {
  let close = 0;
  for (let i = 0; i < INTERVALS_PER_DAY; i++) if (required[i] > 0) close = i + 1;
  const covered = new Int32Array(INTERVALS_PER_DAY);
  const shifts: Shift[] = [];
  for (let i = 0; i < close; i++) {
    while (covered[i] < required[i]) {
      let start = i;
      let length = Math.min(32, close - i);
      // Late in the day a full shift would run past closing: a 4-hour one ending at closing instead.
      if (length < 16) {
        start = Math.max(0, close - 16);
        length = close - start;
      }
      for (let k = start; k < start + length; k++) covered[k]++;
      shifts.push({ start: start * 15, length: length * 15 });
    }
  }
  return shifts;
}

/** Breaks of a shift, [start, end) minutes from its start: two short breaks and a lunch in a full shift. */
function breaksOf(length: number, rng: Rng): Array<[number, number]> {
  const jitter = (): number => 5 * rng.int(-6, 6);
  if (length >= 450) {
    const b1 = 120 + jitter(), lunch = 240 + 2 * jitter(), b2 = 360 + jitter();
    return [[b1, b1 + 15], [lunch, lunch + 30], [b2, b2 + 15]];
  }
  if (length >= 300) {
    const b1 = 120 + jitter(), b2 = length - 120 + jitter();
    return [[b1, b1 + 15], [b2, b2 + 15]];
  }
  if (length >= 180) {
    const b = Math.floor(length / 10) * 5 + jitter();
    return [[b, b + 15]];
  }
  return [];
}

/** Min-heap of working segments: (free from, agent, end of the segment), seconds. */
class AvailabilityHeap {
  readonly key: number[] = [];
  readonly agent: number[] = [];
  readonly end: number[] = [];

  get size(): number {
    return this.key.length;
  }

  push(key: number, agent: number, end: number): void {
    this.key.push(key);
    this.agent.push(agent);
    this.end.push(end);
    let i = this.key.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): void {
    const last = this.key.length - 1;
    this.swap(0, last);
    this.key.pop();
    this.agent.pop();
    this.end.pop();
    if (last > 0) this.siftDown(0);
  }

  siftDown(i: number): void {
    const n = this.key.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.before(r, l) ? r : l;
      if (!this.before(c, i)) return;
      this.swap(c, i);
      i = c;
    }
  }

  // Ties go to the lower agent index, so the order never depends on the heap's history.
  private before(i: number, j: number): boolean {
    const a = this.key[i], b = this.key[j];
    return a < b || (a === b && this.agent[i] < this.agent[j]);
  }

  private swap(i: number, j: number): void {
    const k = this.key[i]; this.key[i] = this.key[j]; this.key[j] = k;
    const a = this.agent[i]; this.agent[i] = this.agent[j]; this.agent[j] = a;
    const e = this.end[i]; this.end[i] = this.end[j]; this.end[j] = e;
  }
}

/**
 * Watches the simulation without changing it (no draws from its generators): the shifts as they are planned and
 * every contact an agent takes. `generateCenter` builds agent states and schedules from it.
 */
export interface SimRecorder {
  /**
   * A shift of an agent (global index) of team `team` on a local day: start and length in local minutes, its
   * breaks in minutes from the start, and the working segments the simulation staffs, as UTC second pairs.
   */
  shift(team: number, agent: number, day: number, start: number, length: number,
    breaks: ReadonlyArray<readonly [number, number]>, segments: readonly number[]): void;
  /** An agent took a contact: offered at `offer`, answered at `answer` (UTC seconds), then talk, hold, wrap. */
  handled(agent: number, offer: number, answer: number, talk: number, hold: number, wrap: number): void;
}

/** What a team needs from the simulation: the seed and the calendar. */
interface TeamContext {
  readonly seed: string | number;
  localDayOf(sec: number): number;
  utcSecOf(day: number, minute: number): number;
}

/**
 * The agents serving one queue's live contacts (voice and chat) or its e-mails: one FIFO multi-server queue.
 * Each day's working segments (shifts cut by breaks) enter the heap when the day comes within the lookahead;
 * an agent's own busy time is kept apart, so a call that runs into a break just shortens the break.
 */
export class Team {
  private readonly heap = new AvailabilityHeap();
  /** Per weekday, the shifts that cover the plan. */
  private readonly templates: Shift[][] = [];
  /** Planned shifts per week, and on the busiest day, for sizing the roster. */
  readonly weeklyShifts: number;
  readonly peakShifts: number;
  private roster = 0;
  /** Global index of the team's first agent. */
  firstAgent = 0;
  private busyUntil = new Float64Array(0);
  private nextDay: number;
  private rotation = 0;
  /** Told of every planned shift (null: nobody listens). */
  recorder: SimRecorder | null = null;

  constructor(
    readonly index: number,
    private readonly lookaheadSec: number,
    required: Uint16Array,
    firstDay: number,
  ) {
    let weekly = 0, peak = 0;
    for (let w = 0; w < 7; w++) {
      const shifts = coverWithShifts(required.subarray(w * INTERVALS_PER_DAY, (w + 1) * INTERVALS_PER_DAY));
      this.templates.push(shifts);
      weekly += shifts.length;
      peak = Math.max(peak, shifts.length);
    }
    this.weeklyShifts = weekly;
    this.peakShifts = peak;
    this.nextDay = firstDay;
  }

  setRoster(size: number, firstAgent: number): void {
    this.roster = size;
    this.firstAgent = firstAgent;
    this.busyUntil = new Float64Array(size);
  }

  /**
   * The agent (team index) who can take a contact arriving at t first, or −1 if nobody works within the
   * lookahead; `freeAt` then tells from when. Stale segments are fixed lazily: an agent still busy moves back,
   * a segment that ends before its agent could start is dropped.
   */
  firstFree(t: number, ctx: TeamContext): number {
    const lastDay = ctx.localDayOf(t + this.lookaheadSec);
    while (this.nextDay <= lastDay) this.scheduleDay(this.nextDay++, ctx);
    const heap = this.heap;
    while (heap.size > 0) {
      const busy = this.busyUntil[heap.agent[0]];
      if (heap.key[0] < busy) {
        heap.key[0] = busy;
        heap.siftDown(0);
      } else if (Math.max(heap.key[0], t) >= heap.end[0]) {
        heap.pop();
      } else {
        return heap.agent[0];
      }
    }
    return -1;
  }

  /** Plans every day up to `lastDay` not planned yet (after the last contact: it changes no contact). */
  scheduleThrough(lastDay: number, ctx: TeamContext): void {
    while (this.nextDay <= lastDay) this.scheduleDay(this.nextDay++, ctx);
  }

  /** When the agent found by `firstFree` is free. */
  get freeAt(): number {
    return this.heap.key[0];
  }

  /** The agent found by `firstFree` takes a contact that keeps them busy until `until`. */
  occupy(until: number): void {
    this.busyUntil[this.heap.agent[0]] = until;
    this.heap.key[0] = until;
    this.heap.siftDown(0);
  }

  private scheduleDay(day: number, ctx: TeamContext): void {
    if (this.roster === 0) return;
    const rng = new Rng(ctx.seed, 'shifts', this.index, day);
    // Absence varies from day to day (a flu week, a quiet Tuesday): 2–12 % of the shifts are lost.
    const absence = rng.range(0.02, 0.12);
    const shifts = this.templates[isoWeekday(day)].filter(() => !rng.chance(absence));
    while (shifts.length > this.roster) shifts.splice(rng.int(0, shifts.length - 1), 1);
    for (let j = 0; j < shifts.length; j++) {
      const { start, length } = shifts[j];
      const agent = (this.rotation + j) % this.roster;
      const breaks = breaksOf(length, rng);
      const segments: number[] | null = this.recorder ? [] : null;
      let from = 0;
      for (const [breakStart, breakEnd] of [...breaks, [length, length]]) {
        const segStart = ctx.utcSecOf(day, start + from);
        const segEnd = ctx.utcSecOf(day, start + breakStart);
        if (segEnd > segStart) {
          this.heap.push(segStart, agent, segEnd);
          segments?.push(segStart, segEnd);
        }
        from = breakEnd;
      }
      if (segments) this.recorder!.shift(this.index, this.firstAgent + agent, day, start, length, breaks, segments);
    }
    this.rotation = (this.rotation + shifts.length) % this.roster;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Options

export interface Settings {
  contacts: number;
  seed: string | number;
  firstDay: number;
  days: number;
  queues: number;
  agents: number | undefined;
  zone: Zone;
}

function wholeNumber(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

function parseStart(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const y = +m[1], mo = +m[2], d = +m[3];
    const day = daysFromCivil(y, mo, d);
    const back = civilFromDays(day);
    if (back.year === y && back.month === mo && back.day === d) return day;
  }
  throw new RangeError(`start must be a date YYYY-MM-DD, got "${text}"`);
}

export function settingsOf(opts: GenerateOptions): Settings {
  const contacts = wholeNumber('contacts', opts.contacts, 0);
  const seed = opts.seed;
  if (typeof seed !== 'string' && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new RangeError('seed must be a string or a finite number');
  }
  return {
    contacts,
    seed,
    firstDay: parseStart(opts.start ?? DEFAULT_START),
    days: opts.days === undefined
      ? Math.max(1, Math.ceil(contacts / CONTACTS_PER_DAY))
      : wholeNumber('days', opts.days, 1),
    queues: wholeNumber('queues', opts.queues ?? DEFAULT_QUEUES, 1),
    agents: opts.agents === undefined ? undefined : wholeNumber('agents', opts.agents, 1),
    zone: new Zone(opts.timeZone ?? DEFAULT_TIME_ZONE),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The center

export interface QueueModel {
  kind: QueueKind;
  live: Team;
  email: Team;
  /** The plan's handle times (seconds) of the live team (voice and chat mixed) and of the e-mail team. */
  liveAht: number;
  emailAht: number;
}

/** Local day, weekday and fractional hour of a UTC second. */
export function localClock(zone: Zone, sec: number): { day: number; weekday: number; hour: number } {
  const local = zone.toLocal(sec * 1000);
  const day = Math.floor(local / MS_PER_DAY);
  return { day, weekday: isoWeekday(day), hour: (local - day * MS_PER_DAY) / 3_600_000 };
}

/** Splits `total` into whole parts proportional to `weights`, each at least 1 (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const spare = Math.max(0, total - weights.length);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (spare * w) / sum);
  const parts = exact.map((x) => 1 + Math.floor(x));
  let left = Math.max(weights.length, total) - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((_, i) => i).sort((a, b) => (exact[b] % 1) - (exact[a] % 1) || a - b);
  for (let k = 0; left > 0; k++, left--) parts[order[k % order.length]]++;
  return parts;
}

export class ContactCenter implements TeamContext {
  readonly seed: string | number;
  readonly contacts: number;
  readonly zone: Zone;
  readonly firstDay: number;
  readonly days: number;
  readonly queues: QueueModel[] = [];
  readonly agentNames: string[] = [];
  readonly teams: Team[] = [];

  /** The forecast behind the plan: contacts per unit of weight, and the e-mail weight's scale (see the slots). */
  readonly perWeight: number;
  readonly emailScale: number;
  /** Incidents the plan did not see: UTC second of the start and length in hours, in order. */
  readonly incidents: Array<{ start: number; hours: number }> = [];
  /** Told of every contact an agent takes (null: nobody listens). */
  private recorder: SimRecorder | null = null;

  /** Arrival slots: UTC start of the first; per slot the actual weight, suffix sums, e-mail share, local day. */
  readonly firstSlotSec: number;
  readonly slotWeight: Float64Array;
  readonly slotSuffix: Float64Array;
  private readonly slotEmail: Float32Array;
  private readonly slotDay: Int32Array;

  private readonly rng: Rng;
  private readonly idWidth: number;
  private readonly customerWidth: number;
  private readonly customerModulus: number;
  private readonly customerSalt: number;
  private customerCounter = 0;
  private sequence = 0;
  private readonly queueVolumes: number[];
  private queueMixDay = NaN;
  private queueMix: WeightedChoice;

  // Recent contacts that have a customer, a ring ordered by arrival: where repeat contacts come from.
  private readonly histTime = new Float64Array(HISTORY_CAPACITY);
  private readonly histCustomer = new Float64Array(HISTORY_CAPACITY);
  private readonly histQueue = new Uint16Array(HISTORY_CAPACITY);
  private readonly histResolved = new Uint8Array(HISTORY_CAPACITY);
  private histStart = 0;
  private histSize = 0;

  private readonly fmtArrived = new IsoFormatter();
  private readonly fmtAnswered = new IsoFormatter();
  private readonly fmtEnded = new IsoFormatter();

  constructor(s: Settings) {
    this.zone = s.zone;
    this.firstDay = s.firstDay;
    this.days = s.days;
    this.seed = s.seed;
    this.contacts = s.contacts;
    this.rng = new Rng(s.seed, 'contacts');
    this.idWidth = Math.max(6, String(s.contacts).length);
    this.customerWidth = Math.max(7, String(s.contacts).length);
    this.customerModulus = 10 ** this.customerWidth;
    this.customerSalt = new Rng(s.seed, 'customers').next32();
    this.queueVolumes = Array.from({ length: s.queues }, (_, i) => queueKind(i).volume);
    this.queueMix = new WeightedChoice(this.queueVolumes);

    // E-mail is scaled to be EMAIL_SHARE of a typical week's contacts.
    let weekLive = 0, weekEmail = 0;
    for (let w = 0; w < 7; w++) {
      for (let m = 2.5; m < 1440; m += 5) {
        weekLive += liveRate(w, m / 60);
        weekEmail += emailShape(w, m / 60);
      }
    }
    const emailScale = (EMAIL_SHARE / (1 - EMAIL_SHARE)) * (weekLive / weekEmail);
    this.emailScale = emailScale;

    // Per 5-minute UTC slot: the forecast weight (for the plan) and the actual one (for the arrivals).
    const noise = new Rng(s.seed, 'noise');
    this.firstSlotSec = localToUtcSec(this.zone, s.firstDay, 0);
    const endSec = localToUtcSec(this.zone, s.firstDay + s.days, 0);
    const slots = Math.ceil((endSec - this.firstSlotSec) / SLOT_SEC);
    this.slotWeight = new Float64Array(slots);
    this.slotSuffix = new Float64Array(slots + 1);
    this.slotEmail = new Float32Array(slots);
    this.slotDay = new Int32Array(slots);
    let forecastTotal = 0;
    let noiseDay = NaN, dayFactor = 1, surge = 0;
    let incidentFrom = 0, incidentHours = 0, incidentPeak = 0;
    for (let i = 0; i < slots; i++) {
      const { day, weekday, hour } = localClock(this.zone, this.firstSlotSec + i * SLOT_SEC + SLOT_SEC / 2);
      if (day !== noiseDay) {
        noiseDay = day;
        dayFactor = Math.exp(DAY_NOISE * noise.normal() - DAY_NOISE ** 2 / 2);
        const incident = noise.chance(INCIDENT_CHANCE);
        incidentFrom = noise.range(9, 18);
        incidentHours = incident ? noise.range(0.75, 2.5) : 0;
        incidentPeak = noise.range(0.6, 1.8);
        if (incident) {
          this.incidents.push({ start: localToUtcSec(this.zone, day, Math.floor(incidentFrom * 60)), hours: incidentHours });
        }
      }
      // An AR(1) process with unit variance: surges and lulls that last a few slots.
      surge = SLOT_NOISE_MEMORY * surge + Math.sqrt(1 - SLOT_NOISE_MEMORY ** 2) * noise.normal();
      const since = hour - incidentFrom;
      // An incident rises within 15 minutes, then fades out over its length.
      const incident = since >= 0 && since < incidentHours
        ? 1 + incidentPeak * Math.min(1, 4 * since) * (1 - since / incidentHours)
        : 1;
      const live = liveRate(weekday, hour);
      const email = emailScale * emailShape(weekday, hour);
      forecastTotal += live + email;
      const actualLive = live * incident;
      const actual = actualLive + email;
      this.slotWeight[i] = actual * dayFactor * Math.exp(SLOT_NOISE * surge - SLOT_NOISE ** 2 / 2);
      this.slotEmail[i] = actual > 0 ? email / actual : 0;
      this.slotDay[i] = day;
    }
    for (let i = slots - 1; i >= 0; i--) this.slotSuffix[i] = this.slotWeight[i] + this.slotSuffix[i + 1];

    // The plan, from the forecast: expected contacts per team, weekday and 15-minute interval.
    const perWeight = forecastTotal > 0 ? s.contacts / forecastTotal : 0;
    this.perWeight = perWeight;
    const volumeTotal = this.queueVolumes.reduce((a, b) => a + b, 0);
    const teams = this.teams;
    for (let q = 0; q < s.queues; q++) {
      const kind = queueKind(q);
      const perSlot = perWeight * (this.queueVolumes[q] / volumeTotal) * (INTERVAL_SEC / SLOT_SEC);
      const ahtOf = (p: HandleProfile): number =>
        kind.handle * (p.mean + kind.transfer * (TRANSFER_TALK - 1) * p.talkMean);
      const liveAht = (1 - kind.chat) * ahtOf(HANDLE.voice) + kind.chat * ahtOf(HANDLE.chat);
      const emailAht = ahtOf(HANDLE.email);
      const liveReq = new Uint16Array(7 * INTERVALS_PER_DAY);
      const emailReq = new Uint16Array(7 * INTERVALS_PER_DAY);
      for (let w = 0; w < 7; w++) {
        let emailWork = 0;
        for (let k = 0; k < INTERVALS_PER_DAY; k++) {
          const hour = (k + 0.5) / 4;
          emailWork += perSlot * emailScale * emailShape(w, hour) * emailAht;
          const liveContacts = perSlot * liveRate(w, hour);
          if (liveContacts === 0) continue;
          const agents = erlangAgents((liveContacts * PLAN_UPLIFT * liveAht) / INTERVAL_SEC, liveAht, 20, PLAN_TARGET);
          liveReq[w * INTERVALS_PER_DAY + k] = Math.max(1, agents);
        }
        const [from, to] = w >= 5 ? EMAIL_WEEKEND_HOURS : EMAIL_WEEKDAY_HOURS;
        const agents = Math.max(1, Math.ceil((emailWork * EMAIL_PLAN_MARGIN) / ((to - from) * 3600)));
        emailReq.fill(agents, w * INTERVALS_PER_DAY + from * 4, w * INTERVALS_PER_DAY + to * 4);
      }
      const live = new Team(teams.length, LIVE_LOOKAHEAD_SEC, liveReq, s.firstDay);
      const email = new Team(teams.length + 1, EMAIL_LOOKAHEAD_SEC, emailReq, s.firstDay);
      teams.push(live, email);
      this.queues.push({ kind, live, email, liveAht, emailAht });
    }

    // The roster: enough for the plan with five working days a week each, or the requested number.
    const needed = teams.map((t) => Math.max(1, t.peakShifts, Math.ceil((t.weeklyShifts / 5) * 1.05)));
    const sizes = s.agents === undefined ? needed : apportion(s.agents, needed);
    const total = sizes.reduce((a, b) => a + b, 0);
    let first = 0;
    teams.forEach((team, i) => {
      team.setRoster(sizes[i], first);
      first += sizes[i];
    });
    const width = Math.max(3, String(total).length);
    for (let a = 1; a <= total; a++) this.agentNames.push('agent' + String(a).padStart(width, '0'));
  }

  /** Listens to the simulation from now on (before the first contact). */
  attach(recorder: SimRecorder): void {
    this.recorder = recorder;
    for (const team of this.teams) team.recorder = recorder;
  }

  /** The name of team i: the queue's live team (voice and chat) or its e-mail team. */
  teamName(i: number): string {
    return this.queues[i >> 1].kind.name + (i % 2 === 0 ? ' live' : ' email');
  }

  utcSecOf(day: number, minute: number): number {
    return localToUtcSec(this.zone, day, minute);
  }

  /** The local day of an arrival slot. */
  slotDayOf(slot: number): number {
    return this.slotDay[slot];
  }

  localDayOf(sec: number): number {
    return Math.floor(this.zone.toLocal(sec * 1000) / MS_PER_DAY);
  }

  /** The queue mix of a local day: each queue's share moves by some percent from day to day. */
  private queueMixOf(day: number): WeightedChoice {
    if (day !== this.queueMixDay) {
      this.queueMixDay = day;
      const rng = new Rng(this.seed, 'queue-mix', day);
      this.queueMix = new WeightedChoice(this.queueVolumes.map((v) => v * Math.exp(0.12 * rng.normal())));
    }
    return this.queueMix;
  }

  // ---- customers

  /** A customer never seen before: an affine permutation of a counter, unique yet not sequential-looking. */
  private freshCustomer(): number {
    this.customerCounter++;
    return (611_953 * this.customerCounter + this.customerSalt) % this.customerModulus;
  }

  /** A customer's tier follows from the customer, so it is the same on every contact. */
  private tierOf(customer: number): string {
    return tierAt(mix32((customer ^ this.customerSalt) >>> 0) / 4294967296);
  }

  /** A recent contact to come back about (its place in the history ring), or −1. Unresolved ones come back more. */
  private repeatOf(t: number): number {
    if (this.histSize === 0) return -1;
    const rng = this.rng;
    const mask = HISTORY_CAPACITY - 1;
    for (let attempt = 0; attempt < 3; attempt++) {
      const gap = 600 + (rng.chance(0.45) ? rng.exponential(3 * 3600) : rng.exponential(2 * 86_400));
      if (gap > REPEAT_WINDOW_SEC - 60) continue;
      // The last contact that arrived at or before t − gap.
      const target = t - gap;
      let lo = 0, hi = this.histSize;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.histTime[(this.histStart + mid) & mask] <= target) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      const idx = (this.histStart + lo - 1) & mask;
      if (this.histResolved[idx] === 1 && !rng.chance(RESOLVED_REPEAT)) continue;
      return idx;
    }
    return -1;
  }

  private remember(t: number, customer: number, queue: number, resolved: boolean): void {
    const mask = HISTORY_CAPACITY - 1;
    let idx: number;
    if (this.histSize < HISTORY_CAPACITY) {
      idx = (this.histStart + this.histSize) & mask;
      this.histSize++;
    } else {
      idx = this.histStart;
      this.histStart = (this.histStart + 1) & mask;
    }
    this.histTime[idx] = t;
    this.histCustomer[idx] = customer;
    this.histQueue[idx] = queue;
    this.histResolved[idx] = resolved ? 1 : 0;
  }

  private customerText(customer: number): string {
    return customer < 0 ? '' : 'CU' + String(customer).padStart(this.customerWidth, '0');
  }

  // ---- one contact

  /** Simulates the contact arriving at UTC second t in the given slot and returns its CSV row. */
  contact(t: number, slot: number): string {
    const rng = this.rng;
    const id = 'C' + String(++this.sequence).padStart(this.idWidth, '0');
    const isEmail = rng.chance(this.slotEmail[slot]);

    // Who, and about what: a repeat contact mostly returns to the queue of the contact it follows up.
    let customer = -1;
    let queueIndex = -1;
    if (isEmail || !rng.chance(ANONYMOUS_VOICE)) {
      const back = rng.chance(REPEAT_SHARE) ? this.repeatOf(t) : -1;
      if (back >= 0) {
        customer = this.histCustomer[back];
        if (rng.chance(SAME_QUEUE_REPEAT)) queueIndex = this.histQueue[back];
      } else {
        customer = this.freshCustomer();
      }
    }
    if (queueIndex < 0) queueIndex = this.queueMixOf(this.slotDay[slot]).pick(rng);
    const { kind, live, email } = this.queues[queueIndex];
    const channel: Channel = isEmail ? 'email' : rng.chance(kind.chat) ? 'chat' : 'voice';
    const tier = customer >= 0 ? this.tierOf(customer) : tierAt(rng.uniform());
    const head = id + ',' + kind.name + ',' + channel + ',' + tier + ',';
    const arrived = this.fmtArrived.format(t);

    // Queueing: the first free agent of the team takes the contact, unless the contact leaves first.
    const team = isEmail ? email : live;
    const agent = team.firstFree(t, this);
    let answeredAt = Infinity;
    let offeredAt = Infinity;
    if (agent >= 0) {
      const pickup = isEmail ? rng.int(0, 60) : channel === 'chat' ? rng.int(0, 2) : rng.int(0, 3);
      offeredAt = Math.max(t, team.freeAt);
      answeredAt = offeredAt + pickup;
    }
    let outcome = 'answered';
    let leaveAt = Infinity;
    if (agent < 0) {
      // Nobody logged in: the queue sends the contact on at once.
      outcome = 'flowout';
      leaveAt = t + rng.int(0, 2);
    } else if (!isEmail) {
      const meanPatience = rng.chance(PATIENT_SHARE)
        ? PATIENT_PATIENCE
        : channel === 'chat' ? CHAT_PATIENCE : VOICE_PATIENCE;
      const patience = rng.chance(IMPATIENT_SHARE) ? rng.int(1, 7) : 1 + Math.round(rng.exponential(meanPatience));
      leaveAt = t + patience;
      outcome = 'abandoned';
      if (channel === 'voice' && kind.callbackAfter !== null && rng.chance(CALLBACK_TAKE)) {
        const at = t + kind.callbackAfter + rng.int(4, 15);
        if (at < leaveAt) [leaveAt, outcome] = [at, 'callback'];
      }
      if (channel === 'voice' && kind.voicemailAfter !== null && rng.chance(VOICEMAIL_TAKE)) {
        const at = t + kind.voicemailAfter + rng.int(5, 20);
        if (at < leaveAt) [leaveAt, outcome] = [at, 'voicemail'];
      }
      if (t + kind.timeout < leaveAt) [leaveAt, outcome] = [t + kind.timeout, 'flowout'];
      if (answeredAt <= leaveAt) outcome = 'answered';
    }

    if (outcome !== 'answered') {
      if (customer >= 0) this.remember(t, customer, queueIndex, false);
      return head + ',' + this.customerText(customer) + ',' + arrived + ',,' + this.fmtEnded.format(leaveAt) + ',' +
        outcome + ',,,,,,,,N';
    }

    // Handling.
    const profile = HANDLE[channel];
    const transferred = rng.chance(kind.transfer);
    const talk = Math.max(5, Math.round(rng.logNormal(profile.talk) * kind.handle * (transferred ? TRANSFER_TALK : 1)));
    const hold = rng.chance(profile.holdShare) ? Math.max(1, Math.round(rng.logNormal(profile.hold) * kind.handle)) : 0;
    const wrap = Math.round(rng.logNormal(profile.wrap));
    const endedAt = answeredAt + talk + hold;
    team.occupy(endedAt + wrap);
    this.recorder?.handled(team.firstAgent + agent, offeredAt, answeredAt, talk, hold, wrap);

    // Results: resolution suffers from transfers and long waits; satisfaction follows both.
    const wait = answeredAt - t;
    const longWait = isEmail ? wait > 86_400 : wait > 120;
    let resolved = '';
    if (!rng.chance(RESOLVED_UNKNOWN)) {
      resolved = rng.chance(kind.resolve - (transferred ? 0.2 : 0) - (longWait ? 0.08 : 0)) ? 'Y' : 'N';
    }
    let csat = '', nps = '', qa = '';
    if (rng.chance(SURVEY_SHARE)) {
      const score = 1 + (resolved === 'N' || longWait ? CSAT_UNHAPPY : CSAT_HAPPY).pick(rng);
      // Respondents skip a question now and then.
      if (rng.chance(0.95)) csat = String(score);
      if (rng.chance(0.85)) nps = String(npsFor(score, rng));
    }
    if (rng.chance(QA_SHARE)) qa = String(Math.max(0, Math.min(100, Math.round(84 + 9 * rng.normal()))));
    if (customer >= 0) this.remember(t, customer, queueIndex, resolved === 'Y');

    return head + this.agentNames[team.firstAgent + agent] + ',' + this.customerText(customer) + ',' + arrived + ',' +
      this.fmtAnswered.format(answeredAt) + ',' + this.fmtEnded.format(endedAt) + ',answered,' + talk + ',' + hold +
      ',' + wrap + ',' + resolved + ',' + csat + ',' + nps + ',' + qa + ',' + (transferred ? 'Y' : 'N');
  }
}

/** NPS (0–10) of a respondent who gave `csat`: promoters mostly among the fives, detractors among the low scores. */
function npsFor(csat: number, rng: Rng): number {
  switch (csat) {
    case 5: return rng.chance(0.8) ? rng.int(9, 10) : rng.int(7, 8);
    case 4: return rng.chance(0.3) ? rng.int(9, 10) : rng.int(6, 8);
    case 3: return rng.int(4, 7);
    case 2: return rng.int(1, 5);
    default: return rng.int(0, 3);
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Streams a generated contact file: the header line, then chunks of up to 1,000 rows, each chunk ending with a
 * newline. Rows are in arrival order; only per-team state is kept, so a million rows need little memory.
 * Options are checked at once (a RangeError), before the first chunk is asked for.
 */
export function generateContactsCsv(opts: GenerateOptions): Generator<string> {
  return stream(new ContactCenter(settingsOf(opts)), false) as Generator<string>;
}

/**
 * The contact file's chunks (strings). With `days`, also the local day number (a number) whenever the arrivals
 * reach a new local day, before any contact of that day is simulated: where `generateCenter` writes what the
 * days before have settled. Without it nothing but strings, the bytes `generateContactsCsv` has always written.
 */
export function* stream(center: ContactCenter, days: boolean): Generator<string | number> {
  yield CONTACT_COLUMNS.join(',') + '\n';
  let day = NaN;
  const rng = new Rng(center.seed, 'arrivals');
  let remaining = center.contacts;
  let rows: string[] = [];
  const times: number[] = [];
  for (let slot = 0; slot < center.slotWeight.length && remaining > 0; slot++) {
    if (days && center.slotDayOf(slot) !== day) yield (day = center.slotDayOf(slot));
    const w = center.slotWeight[slot];
    if (w === 0) continue;
    // A sequential binomial split of what is left: Poisson-like per slot, exact in total. The last slot with
    // any weight has p = 1 exactly (its suffix sum is its own weight), so nothing is left over.
    const n = rng.binomial(remaining, w / center.slotSuffix[slot]);
    if (n === 0) continue;
    remaining -= n;
    const from = center.firstSlotSec + slot * SLOT_SEC;
    times.length = 0;
    for (let k = 0; k < n; k++) times.push(from + Math.floor(rng.uniform() * SLOT_SEC));
    times.sort((a, b) => a - b);
    for (let k = 0; k < n; k++) {
      rows.push(center.contact(times[k], slot));
      if (rows.length === ROWS_PER_CHUNK) {
        yield rows.join('\n') + '\n';
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield rows.join('\n') + '\n';
}
