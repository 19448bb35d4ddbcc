// One generated contact center, every record type of docs/metrics.md §1 the kit reads, from one simulation run:
// contacts, agent states, schedules, the forecast and outages. The contacts are the bytes `generateContactsCsv`
// writes for the same options; everything else watches that simulation (SimRecorder) and draws its own
// randomness from generators of its own, so it never changes a contact.
//
// - Schedules are the plan the simulation staffed from: each shift's phone time with its breaks and lunch, as a
//   WFM tool writes them (on the quarter hour), a weekly team meeting before the shift on the team's meeting day,
//   and now and then a training block.
// - Agent states are what the agents did: the simulation's working segments, its contacts (Talk, Hold, Talk,
//   Wrap), its breaks (a contact that runs into a break shortens it). On top, the deviations of real agents, only
//   ever where the simulation had them idle, so no caller waits while the states say an agent was available:
//   logging in late and out early, going to a break early or coming back late, stepping away (Personal). The
//   breaks were taken at the simulation's times, up to 5 minutes off the plan's quarter hours: with the
//   deviations, adherence lands around 90 %.
// - The forecast is the arrival profile's expected value per queue and local half hour, the number the plan was
//   built from: the realised volume differs by chance, by day-to-day noise and on incident days by far more.
// - Outages: planned maintenance of the ACD and the CRM at night, a rare short unplanned ACD failure while the
//   lines are closed, and now and then a CRM failure just before an incident's surge of contacts.
//
// Memory: contacts stream as before; agent states and schedules are written per agent once a shift can take no
// more contacts, so only about a day of contacts is held (as numbers), whatever the number of contacts.

import { isoWeekday } from '../engine/time/civil.js';
import { Rng } from './random.js';
import {
  CONTACT_COLUMNS, ContactCenter, IsoFormatter, SLOT_SEC, emailShape, liveRate, localClock, settingsOf, stream,
  type GenerateOptions, type SimRecorder,
} from './generate.js';

export type CenterFile = 'contacts' | 'agentStates' | 'schedules' | 'forecast' | 'outages';

/** The files of a generated center: key, file name (what `generate --out` writes) and columns. */
export const CENTER_FILES: ReadonlyArray<{ readonly file: CenterFile; readonly name: string; readonly columns: readonly string[] }> =
  Object.freeze([
    { file: 'contacts', name: 'contacts.csv', columns: CONTACT_COLUMNS },
    { file: 'agentStates', name: 'agent-states.csv', columns: Object.freeze(['agent', 'team', 'state', 'start', 'end']) },
    { file: 'schedules', name: 'schedules.csv', columns: Object.freeze(['agent', 'team', 'activity', 'start', 'end']) },
    { file: 'forecast', name: 'forecast.csv', columns: Object.freeze(['queue', 'interval start', 'interval minutes', 'volume', 'aht']) },
    { file: 'outages', name: 'outages.csv', columns: Object.freeze(['system', 'start', 'end', 'planned']) },
  ] as const);

/** A piece of one of the files: whole lines, each ending with a newline; `rows` of them are records (not the header). */
export interface CenterChunk {
  file: CenterFile;
  text: string;
  rows: number;
}

const ROWS_PER_CHUNK = 1000;
const FORECAST_MINUTES = 30;

// ---------------------------------------------------------------------------------------------------------------
// States and activities (every name has a default category in efficiency.ts)

const LOGGED_OUT = 0, AVAILABLE = 1, TALK = 2, HOLD = 3, WRAP = 4, BREAK = 5, LUNCH = 6, TRAINING = 7, MEETING = 8,
  PERSONAL = 9, PHONES = 10;
/** Internal only: available and idle, where a deviation may go (written as Available). */
const IDLE = 11;
const NAMES = ['Logged Out', 'Available', 'Talk', 'Hold', 'Wrap', 'Break', 'Lunch', 'Training', 'Meeting', 'Personal', 'Phones', 'Available'];
const isBreak = (s: number): boolean => s === BREAK || s === LUNCH;

/** The weekly team meeting (minutes, before the shift) and training blocks (before long shifts, after short ones). */
const MEETING_MINUTES = 30;
const TRAINING_SHARE = 0.07;
const TRAINING_BEFORE_MINUTES = 60;
const SHORT_SHIFT_MINUTES = 390;

/**
 * Deviations from the plan, per agent and day: how often and how long (seconds; exponential beyond a minimum).
 * Each is cut to the idle time the simulation left there, so the realised ones are shorter.
 */
const LATE_SHARE = 0.5, LATE_MIN = 30, LATE_MEAN = 240, LATE_MAX = 1200;
const EARLY_SHARE = 0.4, EARLY_MIN = 30, EARLY_MEAN = 300, EARLY_MAX = 1200;
const BREAK_EARLY_SHARE = 0.4, BREAK_EARLY_MIN = 15, BREAK_EARLY_MEAN = 120;
const BREAK_LATE_SHARE = 0.7, BREAK_LATE_MIN = 30, BREAK_LATE_MEAN = 300;
/** Personal time (unscheduled away): up to three spells a day, each on fewer days than the one before. */
const PERSONAL_SHARES = [0.7, 0.4, 0.2], PERSONAL_MIN = 180, PERSONAL_MEAN = 420, PERSONAL_MAX = 1800;
/** Personal time goes into an idle stretch at least this long (seconds), never at the edge of a contact. */
const PERSONAL_ROOM = 180;

// Outages per system: planned windows (chance per week, at night), unplanned failures.
const SYSTEMS = ['ACD', 'CRM'] as const;
const PLANNED_PER_WEEK: Record<(typeof SYSTEMS)[number], number> = { ACD: 0.5, CRM: 0.7 };
/** Chance per day of an unplanned ACD failure, placed between 00:30 and 05:30 local when the lines are closed. */
const ACD_FAILURE_PER_DAY = 1 / 40;
/** Chance that an incident (a surge the plan did not see) began with a CRM failure. */
const CRM_FAILURE_PER_INCIDENT = 0.4;

// ---------------------------------------------------------------------------------------------------------------

/** A list of contiguous pieces [start, end) with a state; a piece that continues the last one's state extends it. */
class Pieces {
  state: number[] = [];
  start: number[] = [];
  end: number[] = [];
  n = 0;
  /** No piece starts before this. */
  private floor = -Infinity;

  clear(floor = -Infinity): void {
    this.n = 0;
    this.floor = floor;
  }

  add(state: number, start: number, end: number): void {
    const n = this.n;
    start = Math.max(start, n > 0 ? this.end[n - 1] : this.floor);
    if (end <= start) return;
    if (n > 0 && this.state[n - 1] === state && this.end[n - 1] === start) {
      this.end[n - 1] = end;
      return;
    }
    this.state[n] = state;
    this.start[n] = start;
    this.end[n] = end;
    this.n = n + 1;
  }
}

interface ShiftRecord {
  team: number;
  day: number;
  /** Local minute of the start and length in minutes. */
  start: number;
  length: number;
  breaks: ReadonlyArray<readonly [number, number]>;
  /** The simulation's working segments, UTC second pairs. */
  segments: readonly number[];
}

/** Builds agent states and schedules from what the simulation does, agent by agent, shift by shift. */
class Workforce implements SimRecorder {
  private readonly shifts: ShiftRecord[][];
  /** Per agent, the contacts taken and not written yet: offer, answer, talk, hold, wrap (from `takenFrom` on). */
  private readonly taken: number[][];
  private readonly takenFrom: Int32Array;
  /** Per agent: the team of their last shift written. */
  private readonly teamOf: Int32Array;
  /** Per agent: from when they are logged out (UTC second), and whether they appeared at all. */
  private readonly loggedOutSince: Float64Array;
  private readonly seen: Uint8Array;
  private readonly meetingWeekday: number[];
  private readonly teamNames: string[];
  readonly periodStart: number;
  readonly periodEnd: number;
  private readonly endDay: number;

  private readonly raw = new Pieces();
  private readonly out = new Pieces();
  private readonly base = new Pieces();
  private readonly fmtStart = new IsoFormatter();
  private readonly fmtEnd = new IsoFormatter();
  stateRows: string[] = [];
  scheduleRows: string[] = [];

  constructor(private readonly center: ContactCenter) {
    const n = center.agentNames.length;
    this.shifts = Array.from({ length: n }, () => []);
    this.taken = Array.from({ length: n }, () => []);
    this.takenFrom = new Int32Array(n);
    this.teamOf = new Int32Array(n);
    this.periodStart = center.utcSecOf(center.firstDay, 0);
    this.periodEnd = center.utcSecOf(center.firstDay + center.days, 0);
    this.endDay = center.firstDay + center.days;
    this.loggedOutSince = new Float64Array(n).fill(this.periodStart);
    this.seen = new Uint8Array(n);
    const rng = new Rng(center.seed, 'team-meetings');
    this.meetingWeekday = center.teams.map(() => rng.int(0, 4));
    this.teamNames = center.teams.map((_, i) => center.teamName(i));
  }

  shift(team: number, agent: number, day: number, start: number, length: number,
    breaks: ReadonlyArray<readonly [number, number]>, segments: readonly number[]): void {
    if (segments.length > 0) this.shifts[agent].push({ team, day, start, length, breaks, segments });
  }

  handled(agent: number, offer: number, answer: number, talk: number, hold: number, wrap: number): void {
    this.taken[agent].push(offer, answer, talk, hold, wrap);
  }

  /** Writes every shift that can take no more contacts: those ending by `now` (UTC second). */
  *settle(now: number): Generator<CenterChunk> {
    for (let a = 0; a < this.shifts.length; a++) {
      const list = this.shifts[a];
      while (list.length > 0 && shiftEnd(list[0]) <= now) {
        this.write(a, list.shift()!, Infinity);
        yield* this.drain(false);
      }
    }
  }

  /**
   * After the last contact: every shift left. Shifts of the period are written whole. A later shift (planned
   * for e-mails that arrived late in the period) is written only if the agent took one of those contacts, and
   * only up to the end of the last of them: the files end where the period's work ends.
   */
  *finish(): Generator<CenterChunk> {
    for (const team of this.center.teams) team.scheduleThrough(this.endDay - 1, this.center);
    for (let a = 0; a < this.shifts.length; a++) {
      for (const s of this.shifts[a]) {
        if (s.day < this.endDay) {
          this.write(a, s, Infinity);
        } else {
          const h = this.taken[a];
          let cut = -Infinity;
          for (let i = this.takenFrom[a]; i < h.length && h[i] < shiftEnd(s); i += 5) cut = h[i + 1] + h[i + 2] + h[i + 3] + h[i + 4];
          if (cut > -Infinity) this.write(a, s, cut);
        }
        yield* this.drain(false);
      }
      this.shifts[a].length = 0;
    }
    // Everyone who worked is logged out until the period ends.
    for (let a = 0; a < this.shifts.length; a++) {
      if (this.seen[a] && this.loggedOutSince[a] < this.periodEnd) {
        this.stateRows.push(this.row(a, this.teamOf[a], LOGGED_OUT, this.loggedOutSince[a], this.periodEnd));
      }
    }
    yield* this.drain(true);
  }

  private *drain(all: boolean): Generator<CenterChunk> {
    if (this.stateRows.length >= ROWS_PER_CHUNK || (all && this.stateRows.length > 0)) {
      yield { file: 'agentStates', text: this.stateRows.join('\n') + '\n', rows: this.stateRows.length };
      this.stateRows = [];
    }
    if (this.scheduleRows.length >= ROWS_PER_CHUNK || (all && this.scheduleRows.length > 0)) {
      yield { file: 'schedules', text: this.scheduleRows.join('\n') + '\n', rows: this.scheduleRows.length };
      this.scheduleRows = [];
    }
  }

  private row(agent: number, team: number, state: number, start: number, end: number): string {
    return this.center.agentNames[agent] + ',' + this.teamNames[team] + ',' + NAMES[state] + ',' +
      this.fmtStart.format(start) + ',' + this.fmtEnd.format(end);
  }

  /** Writes one shift of agent `a`: its schedule and the agent's states from the last logout on; `cut` ends both. */
  private write(a: number, s: ShiftRecord, cut: number): void {
    const c = this.center;
    const seg = s.segments;
    const S = seg[0], E = seg[seg.length - 1];
    const later = cut < Infinity;
    const rng = new Rng(c.seed, 'agent-day', a, s.day);

    // The plan around the phones: the team's weekly meeting before the shift, a training block now and then.
    const training = rng.chance(TRAINING_SHARE);
    const trainingMinutes = 30 * rng.int(2, 4);
    let before = 0, beforeState = MEETING, after = 0;
    if (!later) {
      if (isoWeekday(s.day) === this.meetingWeekday[s.team]) before = MEETING_MINUTES;
      if (training && s.length <= SHORT_SHIFT_MINUTES) after = trainingMinutes;
      else if (training && before === 0) [before, beforeState] = [TRAINING_BEFORE_MINUTES, TRAINING];
    }
    // The deviations of the day (drawn whatever happens, so that each day's draws are its own).
    const draw = (share: number, min: number, mean: number, max: number): number =>
      rng.chance(share) ? Math.min(max, Math.round(min + rng.exponential(mean))) : 0;
    const late = draw(LATE_SHARE, LATE_MIN, LATE_MEAN, LATE_MAX);
    const early = draw(EARLY_SHARE, EARLY_MIN, EARLY_MEAN, EARLY_MAX);
    // Personal spells: length and the point of the shift after which each is taken (in order).
    const personal = PERSONAL_SHARES.map((share) => [rng.uniform(), draw(share, PERSONAL_MIN, PERSONAL_MEAN, PERSONAL_MAX)]);
    personal.sort((x, y) => x[0] - y[0]);
    const breakEarly: number[] = [], breakLate: number[] = [];
    for (let k = 0; k < 4; k++) {
      breakEarly.push(draw(BREAK_EARLY_SHARE, BREAK_EARLY_MIN, BREAK_EARLY_MEAN, Infinity));
      breakLate.push(draw(BREAK_LATE_SHARE, BREAK_LATE_MIN, BREAK_LATE_MEAN, Infinity));
    }

    // ---- the schedule: breaks on the quarter hour and lunch on the half hour (local) nearest the simulation's
    // (Breaks the simulation lets overlap are one break; one moved onto the next by rounding starts after it.)
    const simBreaks = s.breaks.map(([bs, be]) => [bs, be, be - bs >= 30 ? LUNCH : BREAK]).sort((x, y) => x[0] - y[0]);
    const plan: Array<[number, number, number]> = [];
    const at = (minute: number): number => c.utcSecOf(s.day, s.start + minute);
    if (before > 0) plan.push([beforeState, at(-before), S]);
    let from = 0;
    for (let i = 0; i < simBreaks.length; i++) {
      let [bs, be, label] = simBreaks[i];
      for (; i + 1 < simBreaks.length && simBreaks[i + 1][0] < be; i++) {
        be = Math.max(be, simBreaks[i + 1][1]);
        if (simBreaks[i + 1][2] === LUNCH) label = LUNCH;
      }
      const grid = label === LUNCH ? 30 : 15;
      const start = Math.max(from + 15, Math.round((s.start + bs) / grid) * grid - s.start);
      const end = Math.min(s.length, start + (be - bs));
      if (end <= start) continue;
      plan.push([PHONES, at(from), at(start)]);
      plan.push([label, at(start), at(end)]);
      from = end;
    }
    if (s.length > from) plan.push([PHONES, at(from), at(s.length)]);
    if (after > 0) plan.push([TRAINING, at(s.length), at(s.length + after)]);
    for (const [activity, start, end] of plan) {
      if (start >= cut) break;
      this.scheduleRows.push(this.row(a, s.team, activity, start, Math.min(end, cut)));
    }

    // ---- what the simulation did: its segments and breaks (base), and the contacts over them (raw)
    const base = this.base;
    base.clear();
    const lunches: number[] = [];
    for (const [bs, be] of s.breaks) if (be - bs >= 30) lunches.push(at(bs), at(be));
    for (let i = 0; i < seg.length; i += 2) {
      base.add(IDLE, seg[i], seg[i + 1]);
      if (i + 2 < seg.length) {
        let label = BREAK;
        for (let j = 0; j < lunches.length; j += 2) if (lunches[j] < seg[i + 2] && seg[i + 1] < lunches[j + 1]) label = LUNCH;
        base.add(label, seg[i + 1], seg[i + 2]);
      }
    }
    const raw = this.raw;
    raw.clear();
    let p = 0;
    const gap = (from: number, to: number): void => {
      while (p < base.n && base.end[p] <= from) p++;
      for (let i = p; i < base.n && base.start[i] < to; i++) {
        raw.add(base.state[i], Math.max(from, base.start[i]), Math.min(to, base.end[i]));
      }
    };
    const h = this.taken[a];
    let i = this.takenFrom[a];
    let t = S;
    for (; i < h.length && h[i] < E; i += 5) {
      const offer = h[i], answer = h[i + 1], talk = h[i + 2], hold = h[i + 3], wrap = h[i + 4];
      if (offer > t) gap(t, offer);
      raw.add(AVAILABLE, offer, answer); // ringing: the agent has it, picks it up in a moment
      if (hold > 0) {
        // On hold in the middle of the conversation.
        const first = Math.max(1, Math.min(talk - 1, Math.round(talk * rng.range(0.3, 0.7))));
        raw.add(TALK, answer, answer + first);
        raw.add(HOLD, answer + first, answer + first + hold);
        raw.add(TALK, answer + first + hold, answer + talk + hold);
      } else {
        raw.add(TALK, answer, answer + talk);
      }
      raw.add(WRAP, answer + talk + hold, answer + talk + hold + wrap);
      t = Math.max(t, answer + talk + hold + wrap);
    }
    this.takenFrom[a] = i;
    if (i === h.length) {
      h.length = 0;
      this.takenFrom[a] = 0;
    }
    if (t < E) gap(t, E);
    const workEnd = Math.max(t, E);

    // ---- what the agent did: the simulation, with the day's deviations where the agent was idle
    const out = this.out;
    const since = this.loggedOutSince[a];
    out.clear(since);
    if (before > 0) {
      const start = at(-before);
      const login = start + Math.min(late, (before * 60) / 2);
      out.add(LOGGED_OUT, since, login);
      out.add(beforeState, login, S);
    } else {
      out.add(LOGGED_OUT, since, S);
    }
    let next = 0;
    while (next < personal.length && personal[next][1] === 0) next++;
    if (later) next = personal.length;
    let k = 0;
    for (let r = 0; r < raw.n; r++) {
      const st = raw.state[r], a0 = raw.start[r], b0 = raw.end[r];
      if (st !== IDLE) {
        out.add(st, a0, b0);
        if (isBreak(st)) k++;
        continue;
      }
      let lo = a0, hi = b0;
      // Head: a late login, or back late from a break.
      if (r === 0 && a0 === S && before === 0 && late > 0) {
        const d = Math.min(late, hi - lo);
        out.add(LOGGED_OUT, lo, lo + d);
        lo += d;
      } else if (r > 0 && isBreak(raw.state[r - 1]) && raw.end[r - 1] === a0 && k > 0) {
        const d = Math.min(breakLate[(k - 1) % 4], hi - lo);
        out.add(raw.state[r - 1], lo, lo + d);
        lo += d;
      }
      // Tail: leaving early, or off to a break early.
      let tail = -1, d = 0;
      if (r === raw.n - 1 && b0 === E && after === 0 && early > 0) {
        tail = LOGGED_OUT;
        d = Math.min(early, hi - lo);
      } else if (r + 1 < raw.n && isBreak(raw.state[r + 1])) {
        tail = raw.state[r + 1];
        d = Math.min(breakEarly[k % 4], hi - lo);
      }
      hi -= d;
      // Stepping away in a quiet spell.
      if (next < personal.length && lo >= S + personal[next][0] * (E - S) && hi - lo >= PERSONAL_ROOM) {
        const ps = lo + 20, pe = Math.min(ps + personal[next][1], hi - 10);
        out.add(AVAILABLE, lo, ps);
        out.add(PERSONAL, ps, pe);
        out.add(AVAILABLE, pe, hi);
        next++;
        while (next < personal.length && personal[next][1] === 0) next++;
      } else {
        out.add(AVAILABLE, lo, hi);
      }
      if (d > 0) out.add(tail, hi, hi + d);
    }
    let end = workEnd;
    if (after > 0) {
      end = Math.max(workEnd, at(s.length + after));
      out.add(TRAINING, workEnd, end);
    }

    // Rows, up to the cut; the last logout stays open for the next shift.
    let n = out.n;
    let loggedOut = end;
    if (out.state[n - 1] === LOGGED_OUT) {
      loggedOut = out.start[n - 1];
      n--;
    }
    for (let r = 0; r < n && out.start[r] < cut; r++) {
      this.stateRows.push(this.row(a, s.team, out.state[r], out.start[r], Math.min(out.end[r], cut)));
    }
    this.loggedOutSince[a] = later ? cut : loggedOut;
    this.seen[a] = 1;
    this.teamOf[a] = s.team;
  }
}

const shiftEnd = (s: ShiftRecord): number => s.segments[s.segments.length - 1];

// ---------------------------------------------------------------------------------------------------------------
// Forecast and outages

/**
 * The forecast rows of local day `day`: per local half hour the lines are open and per queue, the expected
 * volume (voice, chat and e-mail) and the planned AHT (their mix).
 */
function forecastRows(c: ContactCenter, day: number, fmt: IsoFormatter): string[] {
  const rows: string[] = [];
  const dayStart = c.utcSecOf(day, 0), dayEnd = c.utcSecOf(day + 1, 0);
  const volumes = c.queues.map((q) => q.kind.volume);
  const volumeTotal = volumes.reduce((x, y) => x + y, 0);
  for (let t = dayStart; t < dayEnd; t += FORECAST_MINUTES * 60) {
    // The same expected weights per 5-minute slot as the plan's (slot midpoints in local time).
    let live = 0, email = 0;
    for (let u = t; u < Math.min(t + FORECAST_MINUTES * 60, dayEnd); u += SLOT_SEC) {
      const { weekday, hour } = localClock(c.zone, u + SLOT_SEC / 2);
      live += liveRate(weekday, hour);
      email += c.emailScale * emailShape(weekday, hour);
    }
    // The planner forecasts the hours the lines are open (e-mail arriving at night waits for the morning).
    if (live === 0) continue;
    const start = fmt.format(t);
    for (let q = 0; q < c.queues.length; q++) {
      const share = c.perWeight * (volumes[q] / volumeTotal);
      const volume = Math.round(share * (live + email) * 100) / 100;
      const { liveAht, emailAht } = c.queues[q];
      const aht = Math.round((live * liveAht + email * emailAht) / (live + email));
      rows.push(c.queues[q].kind.name + ',' + start + ',' + FORECAST_MINUTES + ',' + volume + ',' + aht);
    }
  }
  return rows;
}

/** The outages of the period, in order of their start: planned maintenance at night, rare unplanned failures. */
function outageRows(c: ContactCenter): string[] {
  const rng = new Rng(c.seed, 'outages');
  const endDay = c.firstDay + c.days;
  const periodStart = c.utcSecOf(c.firstDay, 0), periodEnd = c.utcSecOf(endDay, 0);
  const list: Array<{ system: string; start: number; end: number; planned: boolean }> = [];
  const overlaps = (system: string, start: number, end: number): boolean =>
    list.some((o) => o.system === system && o.start < end && start < o.end);
  for (const system of SYSTEMS) {
    // Maintenance: some weeks, one night, starting between 01:00 and 03:00 local, 30 minutes to 2 hours.
    for (let week = c.firstDay; week < endDay; week += 7) {
      const planned = rng.chance(PLANNED_PER_WEEK[system]);
      const day = week + rng.int(0, Math.min(7, endDay - week) - 1);
      const minute = 60 + 15 * rng.int(0, 8);
      const length = 30 * rng.int(1, 4);
      if (planned) list.push({ system, start: c.utcSecOf(day, minute), end: c.utcSecOf(day, minute + length), planned: true });
    }
  }
  // The ACD fails now and then at night, for minutes.
  for (let day = c.firstDay; day < endDay; day++) {
    const fails = rng.chance(ACD_FAILURE_PER_DAY);
    const start = c.utcSecOf(day, 30) + rng.int(0, 5 * 3600);
    const end = start + rng.int(120, 1200);
    if (fails && !overlaps('ACD', start, end)) list.push({ system: 'ACD', start, end, planned: false });
  }
  // Some incidents begin with the CRM failing: customers who cannot do it themselves call in.
  for (const incident of c.incidents) {
    const fails = rng.chance(CRM_FAILURE_PER_INCIDENT);
    const start = incident.start - rng.int(120, 900);
    const end = start + rng.int(300, 2400);
    if (fails && !overlaps('CRM', start, end)) list.push({ system: 'CRM', start, end, planned: false });
  }
  const fmtStart = new IsoFormatter(), fmtEnd = new IsoFormatter();
  return list
    .filter((o) => o.start >= periodStart && o.start < periodEnd)
    .sort((x, y) => x.start - y.start || (x.system < y.system ? -1 : x.system > y.system ? 1 : 0))
    .map((o) => o.system + ',' + fmtStart.format(o.start) + ',' + fmtEnd.format(o.end) + ',' + (o.planned ? 'Y' : 'N'));
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Generates one consistent contact center: its contacts (the very bytes of `generateContactsCsv` with the same
 * options), agent states, schedules, forecast and outages, as one stream of chunks tagged with their file.
 * Each file's header comes first; after that the files' chunks interleave as the simulation produces them, so
 * a consumer writes each chunk to its file as it comes (memory stays bounded: about a day of contacts).
 * Options are checked at once (a RangeError), before the first chunk is asked for. No Node APIs: it runs in
 * browsers and workers as well.
 */
export function generateCenter(opts: GenerateOptions): Generator<CenterChunk> {
  return run(new ContactCenter(settingsOf(opts)));
}

function* chunked(file: CenterFile, rows: string[]): Generator<CenterChunk> {
  for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
    const part = rows.slice(i, i + ROWS_PER_CHUNK);
    yield { file, text: part.join('\n') + '\n', rows: part.length };
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function* run(center: ContactCenter): Generator<CenterChunk> {
  const workforce = new Workforce(center);
  center.attach(workforce);
  for (const { file, columns } of CENTER_FILES) {
    if (file !== 'contacts') yield { file, text: columns.join(',') + '\n', rows: 0 };
  }
  yield* chunked('outages', outageRows(center));
  const fmtForecast = new IsoFormatter();
  const endDay = center.firstDay + center.days;
  let forecastDay = center.firstDay;
  let first = true;
  for (const part of stream(center, true)) {
    if (typeof part === 'number') {
      // A new local day: the shifts of the days before are settled, and the day's forecast is due.
      yield* workforce.settle(center.utcSecOf(part, 0));
      for (; forecastDay <= part && forecastDay < endDay; forecastDay++) yield* chunked('forecast', forecastRows(center, forecastDay, fmtForecast));
      continue;
    }
    yield { file: 'contacts', text: part, rows: first ? 0 : countLines(part) };
    first = false;
  }
  for (; forecastDay < endDay; forecastDay++) yield* chunked('forecast', forecastRows(center, forecastDay, fmtForecast));
  yield* workforce.finish();
}
