/**
 * The records beside contacts that an agreement needs now: forecasts and outages (docs/metrics.md §1), read with
 * the same CSV reader and the same accounting as contacts: every row accepted or rejected with its line,
 * column, value and reason. Columns are found by normalized names and synonyms.
 */
import { CsvReader, type CsvRecord } from './csv.js';
import { TimeError, lastTimeError, parseFlag, parseIsoInstant, parseNumber } from './values.js';
import type { Zone } from '../time/zone.js';
import type { AgentState, Exclusion, ForecastEntry, IntervalSummary, Outage, ScheduleEntry } from '../types.js';
import type { Categories } from '../efficiency.js';
import type { Rejection } from './contacts.js';
import type { Validation } from './index.js';
import { IngestError, error } from './errors.js';
import { ReasonTally, reason, type ReasonCode } from './reasons.js';
import type { Said } from '../words.js';
import { normalizeName } from './names.js';

const norm = normalizeName;

interface Column { name: string; index: number }

function findColumn(header: string[], names: string[]): Column | null {
  const n = header.map(norm);
  for (const name of names) {
    const i = n.indexOf(name);
    if (i >= 0) return { name: header[i], index: i };
  }
  return null;
}

/** A rejected row (a class, so that a record with a `reason` field of its own is not mistaken for one). */
class Rejected {
  constructor(readonly column: string | null, readonly value: string | null, readonly reason: Said<ReasonCode>) {}
}
const bad = (column: string | null, value: string | null, why: Said<ReasonCode>): Rejected => new Rejected(column, value, why);

abstract class RecordReader<T> {
  readonly validation: Validation = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, byReason: {}, byCode: [], countedApart: { total: 0, byReason: {}, byCode: [] }, rejections: [], contacts: 0 };
  private readonly tally = new ReasonTally(this.validation.byReason, this.validation.byCode);
  readonly records: T[] = [];
  private header: string[] | null = null;
  private readonly csv = new CsvReader({ onRecord: (r) => this.onRecord(r) });
  constructor(protected readonly zone: Zone | null, private readonly what: string) {}

  push(chunk: Uint8Array | string): void {
    this.csv.push(chunk);
  }
  end(): { records: T[]; validation: Validation } {
    this.csv.end();
    if (!this.header) throw new IngestError(error('recordsEmpty', { what: this.what }));
    return { records: this.records, validation: this.validation };
  }

  protected abstract compile(header: string[]): void;
  /** Returns the record, or a rejection without its line. */
  protected abstract read(r: CsvRecord): T | Rejected;

  private onRecord(r: CsvRecord): void {
    if (!this.header) {
      this.header = r.texts();
      this.compile(this.header);
      return;
    }
    const v = this.validation;
    v.rowsRead++;
    const res = r.malformed
      ? bad(null, null, r.malformed)
      : r.count !== this.header.length
        ? bad(null, null, reason('fieldCount', { count: r.count, columns: this.header.length }))
        : this.read(r);
    if (res instanceof Rejected) {
      v.rowsRejected++;
      const text = this.tally.add(res.reason);
      if (v.rejections.length < 100) v.rejections.push({ line: r.line, column: res.column, value: res.value, reason: text, code: res.reason.code, values: res.reason.values });
    } else {
      v.rowsAccepted++;
      this.records.push(res as T);
    }
  }

  protected need(header: string[], field: string, names: string[]): Column {
    const c = findColumn(header, names);
    if (!c) throw new IngestError(error('recordsNoColumn', { what: this.what, field, names: names.join(', '), header: header.join(', ') }));
    return c;
  }

  protected instant(r: CsvRecord, c: Column): number | Rejected {
    const v = parseIsoInstant(r.buf, r.starts[c.index], r.ends[c.index], this.zone);
    if (Number.isNaN(v)) {
      return bad(c.name, r.text(c.index), reason(lastTimeError === TimeError.DstGap ? 'dstGap' : lastTimeError === TimeError.NoZone ? 'noZone' : 'unparseableTime'));
    }
    return v;
  }
}

/**
 * Forecast CSV: queue, interval start, [interval length in minutes], volume, [aht]. Without a length column the
 * length is the spacing of the rows (the smallest step between a queue's interval starts: 5, 15, 30 or 60),
 * so that each row is compared at its own length.
 */
export class ForecastReader extends RecordReader<ForecastEntry> {
  override end(): { records: ForecastEntry[]; validation: Validation } {
    const r = super.end();
    if (!this.cols.length && r.records.length) {
      const starts = new Map<string, number[]>();
      for (const f of r.records) (starts.get(f.queue) ?? starts.set(f.queue, []).get(f.queue)!).push(f.intervalStart);
      let step = Infinity;
      for (const list of starts.values()) {
        list.sort((a, b) => a - b);
        for (let i = 1; i < list.length; i++) if (list[i] > list[i - 1]) step = Math.min(step, list[i] - list[i - 1]);
      }
      const minutes = [5, 15, 30, 60].find((m) => m * 60_000 === step) ?? (step === Infinity ? this.defaultMinutes : null);
      if (minutes === null) throw new IngestError(error('forecastSpacing', { minutes: Math.round(step / 60_000) }));
      for (const f of r.records) f.intervalMinutes = minutes;
    }
    return r;
  }

  private cols!: { queue: Column; start: Column; length: Column | null; volume: Column; aht: Column | null };
  constructor(zone: Zone | null, private readonly defaultMinutes = 30) {
    super(zone, 'forecast');
  }
  protected compile(h: string[]): void {
    this.cols = {
      queue: this.need(h, 'queue', ['queue', 'queuename', 'skill', 'split']),
      start: this.need(h, 'interval start', ['intervalstart', 'interval', 'start', 'starttime', 'datetime', 'time']),
      length: findColumn(h, ['intervalminutes', 'intervallength', 'length', 'minutes']),
      volume: this.need(h, 'volume', ['volume', 'forecast', 'forecastvolume', 'contacts', 'calls', 'offered']),
      aht: findColumn(h, ['aht', 'forecastaht', 'handletime']),
    };
  }
  protected read(r: CsvRecord): ForecastEntry | Rejected {
    const c = this.cols;
    const queue = r.text(c.queue.index);
    if (!queue) return bad(c.queue.name, '', reason('missingQueue'));
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    const len = c.length ? parseNumber(r.buf, r.starts[c.length.index], r.ends[c.length.index]) : this.defaultMinutes;
    if (!(len === 5 || len === 15 || len === 30 || len === 60)) return bad(c.length?.name ?? null, c.length ? r.text(c.length.index) : null, reason('badIntervalLength'));
    const volume = parseNumber(r.buf, r.starts[c.volume.index], r.ends[c.volume.index]);
    if (!(volume >= 0)) return bad(c.volume.name, r.text(c.volume.index), reason(Number.isNaN(volume) ? 'notANumber' : 'negativeVolume'));
    let aht: number | undefined;
    if (c.aht && r.text(c.aht.index) !== '') {
      aht = parseNumber(r.buf, r.starts[c.aht.index], r.ends[c.aht.index]);
      if (!(aht >= 0)) return bad(c.aht.name, r.text(c.aht.index), reason('notADuration'));
    }
    return { queue, intervalStart: start, intervalMinutes: len, volume, aht };
  }
}

/** Outage CSV: system, start, end, [planned Y/N]. */
export class OutageReader extends RecordReader<Outage> {
  private cols!: { system: Column; start: Column; end: Column; planned: Column | null };
  constructor(zone: Zone | null) {
    super(zone, 'outage');
  }
  protected compile(h: string[]): void {
    this.cols = {
      system: this.need(h, 'system', ['system', 'service', 'component', 'application']),
      start: this.need(h, 'start', ['start', 'starttime', 'began', 'from', 'down']),
      end: this.need(h, 'end', ['end', 'endtime', 'ended', 'to', 'up', 'resolved']),
      planned: findColumn(h, ['planned', 'maintenance', 'scheduled']),
    };
  }
  protected read(r: CsvRecord): Outage | Rejected {
    const c = this.cols;
    const system = r.text(c.system.index);
    if (!system) return bad(c.system.name, '', reason('missingSystem'));
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    const end = this.instant(r, c.end);
    if (typeof end !== 'number') return end;
    if (end < start) return bad(c.end.name, r.text(c.end.index), reason('endedBeforeStarted'));
    let planned = false;
    if (c.planned && r.text(c.planned.index) !== '') {
      const f = parseFlag(r.buf, r.starts[c.planned.index], r.ends[c.planned.index]);
      if (f < 0) return bad(c.planned.name, r.text(c.planned.index), reason('notYesNo'));
      planned = f === 1;
    }
    return { system, start, end, planned };
  }
}

export function readForecastText(text: string, zone: Zone | null): { records: ForecastEntry[]; validation: Validation } {
  const r = new ForecastReader(zone);
  r.push(text);
  return r.end();
}

export function readOutagesText(text: string, zone: Zone | null): { records: Outage[]; validation: Validation } {
  const r = new OutageReader(zone);
  r.push(text);
  return r.end();
}

/** Agent-state CSV: agent, [team], state, start, [end]. State names map to categories (unknown names are rejected). */
export class AgentStateReader extends RecordReader<AgentState> {
  private cols!: { agent: Column; team: Column | null; state: Column; start: Column; end: Column | null };
  constructor(zone: Zone | null, private readonly categories: Categories) {
    super(zone, 'agent-state');
  }
  protected compile(h: string[]): void {
    this.cols = {
      agent: this.need(h, 'agent', ['agent', 'agentname', 'agentid', 'user', 'username', 'employee']),
      team: findColumn(h, ['team', 'teamname', 'group', 'supervisor']),
      state: this.need(h, 'state', ['state', 'status', 'agentstate', 'reason', 'reasoncode', 'presence']),
      start: this.need(h, 'start', ['start', 'starttime', 'from', 'time', 'timestamp', 'changed', 'since']),
      end: findColumn(h, ['end', 'endtime', 'to', 'until']),
    };
  }
  protected read(r: CsvRecord): AgentState | Rejected {
    const c = this.cols;
    const agent = r.text(c.agent.index);
    if (!agent) return bad(c.agent.name, '', reason('missingAgent'));
    const state = r.text(c.state.index);
    const category = this.categories.state(state);
    if (category === null) return bad(c.state.name, state, reason('stateWithoutCategory'));
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    let end: number | undefined;
    if (c.end && r.text(c.end.index) !== '') {
      const e = this.instant(r, c.end);
      if (typeof e !== 'number') return e;
      if (e < start) return bad(c.end.name, r.text(c.end.index), reason('endedBeforeStarted'));
      end = e;
    }
    const team = c.team ? r.text(c.team.index) || undefined : undefined;
    return { agent, team, state, category, start, end };
  }
}

/** Schedule CSV (WFM export): agent, [team], activity, start, end. */
export class ScheduleReader extends RecordReader<ScheduleEntry> {
  private cols!: { agent: Column; team: Column | null; activity: Column; start: Column; end: Column };
  constructor(zone: Zone | null, private readonly categories: Categories) {
    super(zone, 'schedule');
  }
  protected compile(h: string[]): void {
    this.cols = {
      agent: this.need(h, 'agent', ['agent', 'agentname', 'agentid', 'user', 'username', 'employee']),
      team: findColumn(h, ['team', 'teamname', 'group']),
      activity: this.need(h, 'activity', ['activity', 'scheduledactivity', 'activityname', 'segment', 'task']),
      start: this.need(h, 'start', ['start', 'starttime', 'from']),
      end: this.need(h, 'end', ['end', 'endtime', 'to', 'until']),
    };
  }
  protected read(r: CsvRecord): ScheduleEntry | Rejected {
    const c = this.cols;
    const agent = r.text(c.agent.index);
    if (!agent) return bad(c.agent.name, '', reason('missingAgent'));
    const activity = r.text(c.activity.index);
    const category = this.categories.activity(activity);
    if (category === null) return bad(c.activity.name, activity, reason('activityWithoutCategory'));
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    const end = this.instant(r, c.end);
    if (typeof end !== 'number') return end;
    if (end <= start) return bad(c.end.name, r.text(c.end.index), reason('endsBeforeStarts'));
    const team = c.team ? r.text(c.team.index) || undefined : undefined;
    return { agent, team, activity, category, start, end };
  }
}

/** Exclusion CSV (CRM downtime, force majeure, agreed maintenance): start, end, [queue], reason. */
export class ExclusionReader extends RecordReader<Exclusion> {
  private cols!: { start: Column; end: Column; queue: Column | null; reason: Column };
  constructor(zone: Zone | null) {
    super(zone, 'exclusion');
  }
  protected compile(h: string[]): void {
    this.cols = {
      start: this.need(h, 'start', ['start', 'starttime', 'from']),
      end: this.need(h, 'end', ['end', 'endtime', 'to', 'until']),
      queue: findColumn(h, ['queue', 'queuename']),
      reason: this.need(h, 'reason', ['reason', 'cause', 'description', 'note']),
    };
  }
  protected read(r: CsvRecord): Exclusion | Rejected {
    const c = this.cols;
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    const end = this.instant(r, c.end);
    if (typeof end !== 'number') return end;
    if (end <= start) return bad(c.end.name, r.text(c.end.index), reason('endsBeforeStarts'));
    const why = r.text(c.reason.index);
    if (!why) return bad(c.reason.name, '', reason('exclusionWithoutReason'));
    const queue = c.queue ? r.text(c.queue.index) || undefined : undefined;
    return { start, end, queue, reason: why };
  }
}

/**
 * Interval summary CSV: queue, interval start, [interval minutes], offered (or incoming), answered, abandoned,
 * and optionally the average answer speed, the average talk/handle time, and answered within T (a count) or a
 * service level per row (then answered within T = SL × offered, rounded). Decimal commas are read.
 */
export class SummaryReader extends RecordReader<IntervalSummary> {
  private cols!: Record<'queue' | 'start' | 'offered' | 'answered' | 'abandoned', Column> & Record<'length' | 'asa' | 'aht' | 'within' | 'sl', Column | null>;
  constructor(zone: Zone | null, private readonly thresholdSec: number | undefined, private readonly defaultMinutes = 30) {
    super(zone, 'interval summary');
  }
  protected compile(h: string[]): void {
    this.cols = {
      queue: findColumn(h, ['queue', 'queuename', 'skill', 'split']) ?? { name: '(all)', index: -1 },
      start: this.need(h, 'interval start', ['intervalstart', 'interval', 'start', 'starttime', 'datetime', 'time', 'period']),
      length: findColumn(h, ['intervalminutes', 'intervallength', 'length', 'minutes']),
      offered: this.need(h, 'offered', ['offered', 'incoming', 'incomingcalls', 'callsoffered', 'contactsoffered', 'calls']),
      answered: this.need(h, 'answered', ['answered', 'answeredcalls', 'callsanswered', 'handled', 'contactshandled']),
      abandoned: this.need(h, 'abandoned', ['abandoned', 'abandonedcalls', 'callsabandoned', 'abandons']),
      asa: findColumn(h, ['asa', 'averagespeedofanswer', 'avgspeedofanswer', 'averageanswerspeed', 'answerspeed', 'avganswerspeed', 'avgwait', 'averagewait']),
      aht: findColumn(h, ['aht', 'averagehandletime', 'avghandletime', 'avgtalk', 'averagetalktime', 'avgtalktime', 'talk', 'avgtalkduration']),
      within: findColumn(h, ['answeredwithinthreshold', 'answeredwithinsl', 'withinsl', 'answeredwithin', 'answeredintime']),
      sl: findColumn(h, ['servicelevel', 'sl', 'servicelevelpct', 'slpct']),
    };
  }
  private num(r: CsvRecord, c: Column, what: string): number | Rejected {
    const v = parseNumber(r.buf, r.starts[c.index], r.ends[c.index], true);
    if (!(v >= 0)) return bad(c.name, r.text(c.index), reason(Number.isNaN(v) ? 'countNotANumber' : 'negativeCount', { what }));
    return v;
  }
  protected read(r: CsvRecord): IntervalSummary | Rejected {
    const c = this.cols;
    const queue = c.queue.index < 0 ? 'all' : r.text(c.queue.index);
    if (!queue) return bad(c.queue.name, '', reason('missingQueue'));
    const start = this.instant(r, c.start);
    if (typeof start !== 'number') return start;
    const values: number[] = [];
    for (const [col, what] of [[c.offered, 'offered'], [c.answered, 'answered'], [c.abandoned, 'abandoned']] as const) {
      const v = this.num(r, col, what);
      if (typeof v !== 'number') return v;
      values.push(v);
    }
    const [offered, answered, abandoned] = values;
    const out: IntervalSummary = { queue, intervalStart: start, intervalMinutes: this.defaultMinutes, offered, answered, abandoned };
    if (c.length) {
      const len = parseNumber(r.buf, r.starts[c.length.index], r.ends[c.length.index]);
      if (!(len === 5 || len === 15 || len === 30 || len === 60)) return bad(c.length.name, r.text(c.length.index), reason('badIntervalLength'));
      out.intervalMinutes = len;
    }
    const blank = (col: Column | null) => !col || r.text(col.index) === '';
    if (!blank(c.asa)) { const v = this.num(r, c.asa!, 'answer speed'); if (typeof v !== 'number') return v; out.waitSum = v * answered; }
    if (!blank(c.aht)) { const v = this.num(r, c.aht!, 'handle time'); if (typeof v !== 'number') return v; out.handleSum = v * answered; }
    if (!blank(c.within)) {
      const v = this.num(r, c.within!, 'answered within threshold'); if (typeof v !== 'number') return v;
      out.answeredWithinThreshold = v;
    } else if (!blank(c.sl)) {
      const raw = r.text(c.sl!.index);
      let v = parseNumber(r.buf, r.starts[c.sl!.index], r.ends[c.sl!.index], true);
      if (raw.endsWith('%')) v = parseNumber(new TextEncoder().encode(raw.slice(0, -1)), 0, raw.length - 1, true) / 100;
      else if (v > 1) v = v / 100;
      if (!(v >= 0 && v <= 1)) return bad(c.sl!.name, raw, reason('serviceLevelOutOfRange'));
      out.answeredWithinThreshold = Math.round(v * offered);
    }
    if (out.answeredWithinThreshold !== undefined && this.thresholdSec !== undefined) out.thresholdSec = this.thresholdSec;
    return out;
  }
}

/** The kind of records a CSV header holds, for commands that take several kinds of files. */
export type RecordKind = 'contacts' | 'agent-states' | 'schedules' | 'forecast' | 'outages' | 'summaries';

export function recordKind(header: string[]): RecordKind {
  const n = new Set(header.map(norm));
  const any = (...names: string[]) => names.some((x) => n.has(x));
  if (any('activity', 'scheduledactivity', 'activityname') && any('agent', 'agentname', 'agentid', 'user', 'username', 'employee') && any('end', 'endtime', 'to', 'until')) return 'schedules';
  if (any('state', 'agentstate', 'status', 'presence', 'reasoncode') && any('agent', 'agentname', 'agentid', 'user', 'username', 'employee') && !any('queue', 'queuename', 'arrived', 'callid', 'contactid', 'id')) return 'agent-states';
  if (any('system', 'service', 'component', 'application') && any('start', 'starttime', 'began', 'from', 'down') && !any('queue', 'arrived')) return 'outages';
  if (any('volume', 'forecast', 'forecastvolume') && any('intervalstart', 'interval')) return 'forecast';
  if (any('intervalstart', 'interval', 'period') && any('offered', 'incoming', 'incomingcalls', 'callsoffered') && any('answered', 'answeredcalls', 'callsanswered', 'handled') && !any('id', 'callid', 'contactid', 'arrived')) return 'summaries';
  return 'contacts';
}
