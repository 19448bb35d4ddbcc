/**
 * The records beside contacts that an agreement needs now: forecasts and outages (docs/metrics.md §1), read with
 * the same CSV reader and the same accounting as contacts: every row accepted or rejected with its line,
 * column, value and reason. Columns are found by normalized names and synonyms.
 */
import { CsvReader, type CsvRecord } from './csv.js';
import { TimeError, lastTimeError, parseDuration, parseFlag, parseIsoInstant, parseNumber } from './values.js';
import type { Zone } from '../time/zone.js';
import type { AgentState, Exclusion, ForecastEntry, IntervalSummary, Outage, ScheduleEntry } from '../types.js';
import type { Categories } from '../efficiency.js';
import type { Rejection } from './contacts.js';
import type { Validation } from './index.js';
import { newValidation } from './reasons.js';
import { IngestError, error } from './errors.js';
import { Rejections, reason, type ReasonCode } from './reasons.js';
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
  readonly validation: Validation = newValidation();
  private readonly rejections = new Rejections(this.validation);
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
    if (res instanceof Rejected) this.rejections.add(r.line, { column: res.column, value: res.value, said: res.reason });
    else {
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

/** Column names of interval reports (docs/mapping.md "Interval reports"): plain sheets, Avaya CMS, Genesys Cloud, Amazon Connect, Cisco UCCX. */
const SUMMARY_NAMES = {
  start: ['intervalstart', 'startinterval', 'intervalstarttime', 'interval', 'starttime', 'start', 'datetime', 'time', 'period', 'halfhour', 'starttimeinterval'],
  date: ['date', 'rowdate', 'day', 'fecha', 'datum'],
  offered: ['offered', 'offer', 'incoming', 'incomingcalls', 'callsoffered', 'contactsoffered', 'contactsqueued', 'callspresented', 'calls', 'inboundcalls', 'nbcalls'],
  answered: ['answered', 'answer', 'answeredcalls', 'callsanswered', 'handled', 'contactshandled', 'acdcalls', 'callshandled', 'answeredcontacts'],
  abandoned: ['abandoned', 'abandon', 'abandonedcalls', 'callsabandoned', 'abandons', 'abancalls', 'contactsabandoned', 'abandonedcontacts'],
  asa: ['asa', 'averagespeedofanswer', 'avgspeedofanswer', 'averageanswerspeed', 'answerspeed', 'answerspeedavg', 'avganswerspeed', 'avgspeedans', 'averagequeueanswertime', 'avgqueuetime', 'avgwait', 'averagewait'],
  aht: ['aht', 'averagehandletime', 'avghandletime', 'avgtalk', 'averagetalktime', 'avgtalktime', 'talk', 'avgtalkduration', 'talkdurationavg'],
  within: ['answeredwithinthreshold', 'answeredwithinsl', 'withinsl', 'answeredwithin', 'answeredintime'],
  sl: ['servicelevel', 'sl', 'servicelevelpct', 'slpct', 'withinservicelevel', 'percentwithinservicelevel'],
};

/** A threshold written in a column name: "Service Level (20 Seconds)", "Service level 20 seconds", "Calls Answ <30 secs". */
function thresholdIn(name: string): number | undefined {
  const m = /(\d+)\s*(s|sec|secs|seconds|segundos|sekunden)?\b/i.exec(name);
  return m ? +m[1] : undefined;
}

/** A column whose name starts with one of the names and goes on with a threshold ("Service level 20 seconds"). */
function findPrefixed(header: string[], names: string[]): Column | null {
  const n = header.map(norm);
  for (const name of names) {
    const i = n.findIndex((h) => h.startsWith(name) && /\d/.test(h.slice(name.length)));
    if (i >= 0) return { name: header[i], index: i };
  }
  return null;
}

/**
 * Interval report CSV: one row per interval (× queue): offered (incoming, contacts queued, ACD calls offered …),
 * answered, abandoned, and optionally the average answer speed and handle time (seconds or h:mm:ss) and answered
 * within T (a count) or a service level per row (then answered within T = SL × offered, rounded); the threshold
 * is read from the column's name where it says one ("Service Level (20 Seconds)"). The interval is an instant,
 * a date + a time (or a range "08:00-08:30", its start taken), or absent (an index only: the rows still total).
 * Decimal commas and percent signs are read; "-" is blank.
 */
export class SummaryReader extends RecordReader<IntervalSummary> {
  private cols!: Record<'queue' | 'offered' | 'answered' | 'abandoned', Column> & Record<'start' | 'date' | 'length' | 'asa' | 'aht' | 'within' | 'sl', Column | null>;
  private threshold: number | undefined;
  constructor(zone: Zone | null, private readonly thresholdSec: number | undefined, private readonly defaultMinutes = 30) {
    super(zone, 'interval summary');
  }
  protected compile(h: string[]): void {
    const N = SUMMARY_NAMES;
    const within = findColumn(h, N.within) ?? findPrefixed(h, ['contactsansweredin', 'callsanswin', 'callsansweredin', 'answeredwithin']);
    const sl = findColumn(h, N.sl) ?? findPrefixed(h, ['servicelevel', 'sl']);
    this.cols = {
      queue: findColumn(h, ['queue', 'queuename', 'skill', 'split', 'splitskill', 'csqname', 'csqnamecallskills']) ?? { name: '(all)', index: -1 },
      start: findColumn(h, N.start),
      date: findColumn(h, N.date),
      length: findColumn(h, ['intervalminutes', 'intervallength', 'length', 'minutes', 'intrvl']),
      offered: this.need(h, 'offered', N.offered),
      answered: this.need(h, 'answered', N.answered),
      abandoned: this.need(h, 'abandoned', N.abandoned),
      asa: findColumn(h, N.asa),
      aht: findColumn(h, N.aht),
      within,
      sl,
    };
    this.threshold = this.thresholdSec ?? thresholdIn((within ?? sl)?.name ?? '');
  }
  private blank(r: CsvRecord, c: Column | null): boolean {
    if (!c) return true;
    const t = r.text(c.index).trim();
    return t === '' || t === '-';
  }
  private num(r: CsvRecord, c: Column, what: string): number | Rejected {
    const v = parseNumber(r.buf, r.starts[c.index], r.ends[c.index], true);
    if (!(v >= 0)) return bad(c.name, r.text(c.index), reason(Number.isNaN(v) ? 'countNotANumber' : 'negativeCount', { what }));
    return v;
  }
  /** An average duration: seconds, or h:mm:ss / m:ss (Avaya writes ":25" and "75:10"). */
  private seconds(r: CsvRecord, c: Column, what: string): number | Rejected {
    const raw = r.text(c.index).trim();
    const v = raw.includes(':') ? parseDuration(encoder.encode(raw.startsWith(':') ? '0' + raw : raw), 0, raw.length + (raw.startsWith(':') ? 1 : 0), 'h:mm:ss') : parseNumber(r.buf, r.starts[c.index], r.ends[c.index], true);
    if (!(v >= 0)) return bad(c.name, raw, reason(Number.isNaN(v) ? 'countNotANumber' : 'negativeCount', { what }));
    return v;
  }
  /** The interval's start: an instant, a date + a time of day, or a range whose start is taken; NaN without one. */
  private start(r: CsvRecord): number | Rejected {
    const c = this.cols;
    if (!c.start && !c.date) return NaN;
    let text = c.start ? r.text(c.start.index).trim() : '';
    // "08:00-08:30", "8:00 - 8:30 AM": the start of the range.
    const range = /^(\d{1,2}:\d{2}(?::\d{2})?)\s*(?:[AaPp][Mm])?\s*-\s*\d{1,2}:\d{2}/.exec(text);
    if (range) text = range[1];
    if (c.date && (!c.start || /^\d{1,2}:\d{2}(:\d{2})?$/.test(text))) {
      let d = r.text(c.date.index).trim();
      const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(d);
      if (dotted) d = `${dotted[3]}-${dotted[2].padStart(2, '0')}-${dotted[1].padStart(2, '0')}`;
      text = text ? `${d}T${text.length === 4 ? '0' + text : text}` : d;
    }
    const bytes = encoder.encode(text);
    const v = parseIsoInstant(bytes, 0, bytes.length, this.zone);
    const col = c.start ?? c.date!;
    if (Number.isNaN(v)) return bad(col.name, text, reason(lastTimeError === TimeError.DstGap ? 'dstGap' : lastTimeError === TimeError.NoZone ? 'noZone' : 'unparseableTime'));
    return v;
  }
  protected read(r: CsvRecord): IntervalSummary | Rejected {
    const c = this.cols;
    const queue = c.queue.index < 0 ? 'all' : r.text(c.queue.index);
    if (!queue) return bad(c.queue.name, '', reason('missingQueue'));
    const start = this.start(r);
    if (typeof start !== 'number') return start;
    const values: number[] = [];
    for (const [col, what] of [[c.offered, 'offered'], [c.answered, 'answered'], [c.abandoned, 'abandoned']] as const) {
      const v = this.blank(r, col) ? 0 : this.num(r, col, what);
      if (typeof v !== 'number') return v;
      values.push(v);
    }
    const [offered, answered, abandoned] = values;
    const out: IntervalSummary = { queue, intervalStart: start, intervalMinutes: this.defaultMinutes, offered, answered, abandoned };
    if (c.length && !this.blank(r, c.length)) {
      const len = parseNumber(r.buf, r.starts[c.length.index], r.ends[c.length.index]);
      if (!(len === 5 || len === 15 || len === 30 || len === 60)) return bad(c.length.name, r.text(c.length.index), reason('badIntervalLength'));
      out.intervalMinutes = len;
    }
    if (!this.blank(r, c.asa)) { const v = this.seconds(r, c.asa!, 'answer speed'); if (typeof v !== 'number') return v; out.waitSum = v * answered; }
    if (!this.blank(r, c.aht)) { const v = this.seconds(r, c.aht!, 'handle time'); if (typeof v !== 'number') return v; out.handleSum = v * answered; }
    if (!this.blank(r, c.within)) {
      const v = this.num(r, c.within!, 'answered within threshold'); if (typeof v !== 'number') return v;
      out.answeredWithinThreshold = v;
    } else if (!this.blank(r, c.sl)) {
      const raw = r.text(c.sl!.index).trim();
      let v = parseNumber(r.buf, r.starts[c.sl!.index], r.ends[c.sl!.index], true);
      if (raw.endsWith('%')) { const digits = encoder.encode(raw.slice(0, -1)); v = parseNumber(digits, 0, digits.length, true) / 100; }
      else if (v > 1) v = v / 100;
      if (!(v >= 0 && v <= 1)) return bad(c.sl!.name, raw, reason('serviceLevelOutOfRange'));
      out.answeredWithinThreshold = Math.round(v * offered);
    }
    if (out.answeredWithinThreshold !== undefined && this.threshold !== undefined) out.thresholdSec = this.threshold;
    return out;
  }
}

const encoder = new TextEncoder();

/** The kind of records a CSV header holds, for commands that take several kinds of files. */
export type RecordKind = 'contacts' | 'agent-states' | 'schedules' | 'forecast' | 'outages' | 'summaries';

export function recordKind(header: string[]): RecordKind {
  const n = new Set(header.map(norm));
  const any = (...names: string[]) => names.some((x) => n.has(x));
  if (any('activity', 'scheduledactivity', 'activityname') && any('agent', 'agentname', 'agentid', 'user', 'username', 'employee') && any('end', 'endtime', 'to', 'until')) return 'schedules';
  if (any('state', 'agentstate', 'status', 'presence', 'reasoncode') && any('agent', 'agentname', 'agentid', 'user', 'username', 'employee') && !any('queue', 'queuename', 'arrived', 'callid', 'contactid', 'id')) return 'agent-states';
  if (any('system', 'service', 'component', 'application') && any('start', 'starttime', 'began', 'from', 'down') && !any('queue', 'arrived')) return 'outages';
  if (any('volume', 'forecast', 'forecastvolume') && any('intervalstart', 'interval')) return 'forecast';
  // Interval reports: counts per row (offered, answered, abandoned), no call id; with or without an interval column.
  if (any(...SUMMARY_NAMES.offered) && any(...SUMMARY_NAMES.answered) && any(...SUMMARY_NAMES.abandoned)
    && !any('id', 'callid', 'contactid', 'conversationid', 'arrived', 'interactionid')
    && (any(...SUMMARY_NAMES.start) || [...n].some((h) => /^(incoming|offered|acd|contacts|calls)/.test(h)))) return 'summaries';
  return 'contacts';
}
