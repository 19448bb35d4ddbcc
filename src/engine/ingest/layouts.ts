/**
 * Vendor layouts: the call-log and contact exports of ACDs and cloud phone systems, each recognised from the
 * columns that only it has (never by position) and read with its own outcome vocabulary onto
 * docs/metrics.md §1–2. docs/mapping.md lists them with the public documentation each follows and what each
 * cannot give. Flow-outs, voicemails, IVR-only calls and outbound calls are never abandons: each is mapped to
 * its outcome or counted apart with its reason.
 */
import type { FieldSpec, Mapping, OutcomeRule, CountedApartRule } from './mapping.js';
import { note, type MappingNote } from './notes.js';
import { normalizeName } from './names.js';
import { dateFormatOf, instantSpec } from './instants.js';
import type { Outcome } from '../types.js';

/** A header and its sample rows, with lookups by normalized name. */
export class Columns {
  private readonly byNorm = new Map<string, number>();
  constructor(readonly header: string[], readonly samples: string[][]) {
    header.forEach((h, i) => {
      const n = normalizeName(h);
      if (!this.byNorm.has(n)) this.byNorm.set(n, i);
    });
  }
  /** The header's own spelling of the first of these names it has. */
  col(...names: string[]): string | undefined {
    for (const n of names) {
      const i = this.byNorm.get(normalizeName(n));
      if (i !== undefined) return this.header[i];
    }
    return undefined;
  }
  has(...names: string[]): boolean {
    return names.every((n) => this.byNorm.has(normalizeName(n)));
  }
  /** Non-blank sample values of a column. */
  values(name: string): string[] {
    const i = this.header.indexOf(name);
    return i < 0 ? [] : this.samples.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
  }
  /** How an instant column is written, from its samples (the detection's own rule); undefined for no column. */
  instantAt(name: string | undefined): FieldSpec | string | undefined {
    return name === undefined ? undefined : instantSpec(name, this.values(name));
  }
  /** The first of these columns present, read as instants; undefined when none is. */
  instantOf(...names: string[]): FieldSpec | string | undefined {
    return this.instantAt(this.col(...names));
  }
  /** The first of these columns present, read as a duration; undefined when none is. */
  durationOf(...names: string[]): FieldSpec | undefined {
    return this.durationAt(this.col(...names));
  }
  /** A column read as a duration (in `unit` unless its samples show h:mm:ss); undefined for no column. */
  durationAt(name: string | undefined, unit: 's' | 'ms' | 'min' = 's'): FieldSpec | undefined {
    return name === undefined ? undefined : this.duration(name, unit);
  }
  /** A duration column: h:mm:ss where the samples show colons, else the unit given. */
  duration(name: string, unit: 's' | 'ms' | 'min' = 's', nulls?: string[]): FieldSpec {
    const vs = this.values(name);
    const spec: FieldSpec = { column: name };
    if (vs.some((v) => v.includes(':'))) spec.unit = 'h:mm:ss';
    else if (unit !== 's') spec.unit = unit;
    if (nulls) spec.null = nulls;
    return spec;
  }
}

export interface Layout {
  /** The preset name a mapping carries (`"preset": "five9"`). */
  name: string;
  /** Who makes the export, and which one. */
  title: string;
  /** The public documentation its columns and values follow. */
  source: string;
  /** Columns that must all be there (any case, spacing or punctuation): the ones only this export has. */
  signature: string[];
  /** The mapping for a header that has the signature. */
  build(c: Columns): Mapping;
}

const apart = (column: string | undefined, values: string[], reason: string): CountedApartRule[] => (column ? [{ column, values, reason }] : []);
const when = (column: string | undefined, values: string[], outcome: Outcome): OutcomeRule[] => (column ? [{ column, values, outcome }] : []);
const OUTBOUND = 'outbound contact';
const NEVER_QUEUED = 'never queued (ended in the IVR, out of hours or before any queue)';

/** A layout's mapping: the fields it found, its rules where it has some, the note of what it was read as. */
function finish(layout: Layout, c: Columns, m: Omit<Mapping, 'preset'>, extra: MappingNote[] = []): Mapping {
  const { countedApart, outcomeWhen, ...rest } = m;
  const fields = Object.fromEntries(Object.entries(m.fields).filter(([, v]) => v !== undefined)) as Mapping['fields'];
  return {
    preset: layout.name,
    ...rest,
    fields,
    ...(countedApart?.length ? { countedApart } : {}),
    ...(outcomeWhen?.length ? { outcomeWhen } : {}),
    notes: [note('layoutDetected', { layout: layout.title, columns: layout.signature.map((s) => c.col(s)).join(', ') }), ...extra],
  };
}


export const LAYOUTS: Layout[] = [
  {
    name: 'aircall',
    title: 'Aircall calls (API fields)',
    source: 'https://developer.aircall.io/api-references/#call (Call object: started_at, answered_at, ended_at, missed_call_reason)',
    signature: ['missed_call_reason', 'started_at', 'answered_at'],
    build(c) {
      const reason = c.col('missed_call_reason')!;
      const started = c.col('started_at')!;
      return finish(this, c, {
        neverQueued: 'counted-apart',
        fields: {
          id: c.col('id'),
          // Aircall has no queue: the line (number) the caller dialled stands for it.
          queue: c.col('number_name', 'number.name', 'line', 'number_digits') ?? { const: 'all' },
          agent: c.col('user_name', 'user.name', 'user'),
          customer: c.col('raw_digits'),
          arrived: c.instantAt(started)!,
          answered: c.instantAt(c.col('answered_at')!)!,
          ended: c.instantOf('ended_at'),
          outcome: { column: reason, values: { short_abandoned: 'abandoned', no_available_agent: 'abandoned', agents_did_not_answer: 'flowout' } },
        },
        countedApart: [
          ...apart(reason, ['abandoned_in_ivr', 'out_of_opening_hours', 'abandoned_in_classic'], NEVER_QUEUED),
          ...apart(c.col('direction'), ['outbound'], OUTBOUND),
        ],
      }, [note('waitFromStart'), note('noHandleTimes')]);
    },
  },
  {
    name: 'five9',
    title: 'Five9 Call Log report',
    source: 'https://documentation.five9.com (Reporting: Call Log report fields — TIMESTAMP, SKILL, DISPOSITION, QUEUE WAIT TIME …)',
    signature: ['CALL ID', 'TIMESTAMP', 'QUEUE WAIT TIME', 'AFTER CALL WORK TIME'],
    build(c) {
      const ts = c.col('TIMESTAMP')!;
      const disposition = c.col('DISPOSITION');
      return finish(this, c, {
        fields: {
          id: c.col('CALL ID'),
          queue: { column: c.col('SKILL') ?? c.col('CAMPAIGN')!, null: ['[None]'] },
          agent: c.col('AGENT NAME', 'AGENT') ? { column: c.col('AGENT NAME', 'AGENT')!, null: ['[None]'] } : undefined,
          customer: c.col('ANI'),
          arrived: c.instantAt(ts)!,
          wait: c.duration(c.col('QUEUE WAIT TIME')!),
          talk: c.durationOf('TALK TIME'),
          hold: c.durationOf('HOLD TIME'),
          wrap: c.duration(c.col('AFTER CALL WORK TIME')!),
          outcome: c.col('ABANDONED') ? { column: c.col('ABANDONED')!, values: { '1': 'abandoned', '0': 'answered' } } : undefined,
        },
        neverQueued: 'counted-apart',
        outcomeWhen: [
          ...when(disposition, ['Sent To Voicemail', 'Voicemail Processed', 'Voicemail Returned', 'Voicemail Dump'], 'voicemail'),
          ...when(disposition, ['Queue Callback Timeout'], 'callback'),
        ],
        countedApart: [
          ...apart(c.col('CALL TYPE'), ['Outbound', 'Autodial', 'Manual', 'Preview', 'Agent', 'Internal', 'Test', 'Outbound Preview', 'Outbound Voicemail'], OUTBOUND),
        ],
      }, [note('five9')]);
    },
  },
  {
    name: 'talkdesk',
    title: 'Talkdesk Explore calls report',
    source: 'https://support.talkdesk.com (Explore: Calls report; call types inbound, missed, abandoned, short_abandoned, voicemail, outbound)',
    signature: ['Talkdesk Phone Number', 'Call Type', 'Start Time'],
    build(c) {
      const start = c.col('Start Time')!;
      const type = c.col('Call Type')!;
      return finish(this, c, {
        fields: {
          id: c.col('Interaction ID', 'Call ID'),
          queue: c.col('Ring Groups', 'Ring Group', 'Phone Display Name', 'Talkdesk Phone Number')!,
          agent: c.col('Handling Agent', 'Agent Name'),
          customer: c.col('Customer Phone Number'),
          arrived: c.instantAt(start)!,
          ended: c.instantOf('End Time'),
          wait: c.durationOf('Waiting Time'),
          // Talkdesk's talk time holds the hold time: talk alone, hold not added again.
          talk: c.durationOf('Talk Time'),
          csat: c.col('CSAT Score'),
          transferred: c.col('Transfer?') ? { column: c.col('Transfer?')! } : undefined,
          outcome: { column: type, values: { inbound: 'answered', abandoned: 'abandoned', short_abandoned: 'abandoned', missed: 'abandoned', voicemail: 'voicemail' } },
        },
        countedApart: [
          ...apart(type, ['outbound', 'outbound_missed'], OUTBOUND),
          ...apart(c.col('Hangup'), ['ivr'], NEVER_QUEUED),
        ],
      }, [note('talkIncludesHold'), note('noWrap')]);
    },
  },
  {
    name: 'twilio-flex',
    title: 'Twilio Flex Insights conversations report',
    source: 'https://www.twilio.com/docs/flex/developer/insights (Conversations data model: Kind, Abandoned, Abandoned Phase, Queue Time, Wrap Up Time)',
    signature: ['Conversation ID', 'Kind', 'Abandoned', 'Queue Time'],
    build(c) {
      const date = c.col('Date')!;
      const time = c.col('Time', 'Start Time');
      const arrived: FieldSpec | string = time ? { date, time, dateFormat: dateFormatOf(c.values(date)) } : c.instantAt(date)!;
      return finish(this, c, {
        fields: {
          id: c.col('Conversation ID'),
          queue: c.col('Queue')!,
          agent: c.col('Agent', 'Agent Name'),
          customer: c.col('Customer Phone', 'Customer Phone Number'),
          arrived,
          wait: c.duration(c.col('Queue Time')!),
          talk: c.durationOf('Talk Time'),
          hold: c.durationOf('Hold Time'),
          wrap: c.durationOf('Wrap Up Time'),
          outcome: { column: c.col('Abandoned')!, values: { yes: 'abandoned', no: 'answered' } },
        },
        outcomeWhen: when(c.col('Abandoned Phase'), ['Voicemail'], 'voicemail'),
        countedApart: [
          ...apart(c.col('Direction'), ['Outbound'], OUTBOUND),
          ...apart(c.col('Kind'), ['Agent Status', 'Agent Status in Progress', 'Missed Conversation', 'Conversation in Progress'], 'not a conversation row (agent status, a missed offer to one agent, or still in progress)'),
        ],
      }, [note('talkIncludesHoldUnknown')]);
    },
  },
  {
    name: '3cx',
    title: '3CX call history',
    source: 'https://www.3cx.com/docs/manual/call-reports/ (Call History: Call Time, From, To, Direction, Status, Ringing, Talking)',
    signature: ['Call Time', 'Direction', 'Status', 'Ringing', 'Talking'],
    build(c) {
      const time = c.col('Call Time')!;
      const status = c.col('Status')!;
      return finish(this, c, {
        fields: {
          id: c.col('Call ID'),
          queue: c.col('Queue', 'To', 'Destination')!,
          agent: c.col('Agent'),
          customer: c.col('From', 'Caller ID'),
          arrived: instantSpec(time, c.values(time).filter((v) => !/^totals?$/i.test(v))),
          // 3CX's ringing is the time before the answer (or before the caller gave up): the wait.
          wait: c.duration(c.col('Ringing')!),
          talk: { ...c.duration(c.col('Talking')!), null: ['00:00:00'] },
          outcome: { column: status, values: { answered: 'answered', unanswered: 'abandoned', missed: 'abandoned', abandoned: 'abandoned', voicemail: 'voicemail', 'redirected': 'flowout' } },
        },
        countedApart: [
          ...apart(c.col('Direction'), ['Outbound', 'Internal'], OUTBOUND),
          ...apart(time, ['Totals', 'Total'], 'totals row (not a call)'),
        ],
      }, [note('waitFromRinging'), note('talkIncludesHold'), note('noWrap')]);
    },
  },
  {
    name: 'asterisk-cdr',
    title: 'Asterisk / FreePBX CDR',
    source: 'https://docs.asterisk.org/Configuration/Reporting/Call-Detail-Records-CDR/ (cdr_csv fields; FreePBX CDR Reports CSV export)',
    signature: ['calldate', 'dcontext', 'lastapp', 'billsec', 'disposition'],
    build(c) {
      return cdrMapping(this, c, {
        start: c.col('calldate')!, answer: c.col('answer'), end: c.col('end'), dst: c.col('dst') ?? c.col('dcontext')!,
        src: c.col('src'), lastapp: c.col('lastapp')!, billsec: c.col('billsec')!, disposition: c.col('disposition')!,
        dcontext: c.col('dcontext')!, id: c.col('uniqueid', 'linkedid'), agent: c.col('dstchannel'),
      });
    },
  },
  {
    name: 'zendesk-talk',
    title: 'Zendesk Talk calls',
    source: 'https://support.zendesk.com/hc/en-us/articles/4408835500186 (Talk: completion status values; wait, IVR, talk, hold and wrap-up times)',
    signature: ['Call ID', 'Call completion status'],
    build(c) {
      return zendeskMapping(this, c, {
        id: c.col('Call ID')!, status: c.col('Call completion status')!, created: c.col('Call created at', 'Call date', 'Created at', 'Date')!,
        time: c.col('Call time', 'Time'), direction: c.col('Call direction'), group: c.col('Call group', 'Group'),
        agent: c.col('Call agent name', 'Agent name', 'Agent'), customer: c.col('Call customer phone number', 'Customer phone number'),
        wait: c.col('Call wait time'), talk: c.col('Call talk time'), hold: c.col('Call hold time'), wrap: c.col('Call wrap-up time', 'Call wrap up time'),
        csat: c.col('CSAT'),
      });
    },
  },
  {
    name: 'zendesk-talk-api',
    title: 'Zendesk Talk calls (API fields)',
    source: 'https://developer.zendesk.com/api-reference/voice/talk-api/incremental_exports/ (calls: completion_status, wait_time, ivr_time_spent …)',
    signature: ['completion_status', 'wait_time', 'ivr_time_spent'],
    build(c) {
      return zendeskMapping(this, c, {
        id: c.col('id')!, status: c.col('completion_status')!, created: c.col('created_at')!, direction: c.col('direction'),
        group: c.col('default_group', 'ivr_destination_group_name', 'line'), agent: c.col('agent_id', 'agent_name'), customer: c.col('phone_number'),
        wait: c.col('wait_time'), talk: c.col('talk_time'), hold: c.col('hold_time'), wrap: c.col('wrap_up_time'),
      });
    },
  },
  {
    name: 'nice-cxone',
    title: 'NICE CXone call detail',
    source: 'https://help.nice-incontact.com (Reporting: Call Detail data download — Contact_ID, Master_Contact_ID, Skill_Name, PreQueue, InQueue, Agent_Time, ACW_Time, Abandon)',
    signature: ['Contact_ID', 'Master_Contact_ID', 'Skill_Name'],
    build(c) {
      const date = c.col('Start_Date', 'Contact Start', 'contactStart')!;
      const time = c.col('Start_Time');
      const arrived: FieldSpec | string = time ? { date, time, dateFormat: dateFormatOf(c.values(date)) } : c.instantAt(date)!;
      const abandon = c.col('Abandon', 'Abandoned');
      const media = c.col('Media_Name', 'Media Type', 'mediaTypeName');
      const yes = { y: 'abandoned', yes: 'abandoned', true: 'abandoned', '1': 'abandoned', n: 'answered', no: 'answered', false: 'answered', '0': 'answered' };
      return finish(this, c, {
        fields: {
          id: c.col('Contact_ID'),
          queue: c.col('Skill_Name')!,
          channel: media ? { column: media, values: { call: 'voice', voice: 'voice', 'phone call': 'voice', chat: 'chat', email: 'email', sms: 'sms', 'work item': 'task' }, otherwise: 'other' } : undefined,
          agent: c.col('Agent_Name'),
          customer: c.col('ANI_DIALNUM', 'ANI', 'fromAddr'),
          arrived,
          wait: c.durationOf('InQueue', 'inQueueSeconds'),
          talk: c.durationOf('Agent_Time', 'agentSeconds'),
          hold: c.durationOf('Hold_Time', 'holdSeconds'),
          wrap: c.durationOf('ACW_Time', 'ACWSeconds'),
          outcome: abandon ? { column: abandon, values: yes } : undefined,
        },
        outcomeWhen: when(c.col('Disp_Name', 'Disposition_Name'), ['Voicemail', 'Left Voicemail', 'Sent to Voicemail'], 'voicemail'),
        countedApart: apart(c.col('isOutbound', 'Outbound', 'Direction'), ['Y', 'Yes', 'True', 'Outbound'], OUTBOUND),
      }, [note('niceCxone')]);
    },
  },
  {
    name: 'cisco-uccx',
    title: 'Cisco UCCX detailed call, CSQ, agent report',
    source: 'https://www.cisco.com/c/en/us/support/customer-collaboration/unified-contact-center-express/products-user-guide-list.html (Historical Reporting: Detailed Call, CSQ, Agent report; contact dispositions)',
    signature: ['Node ID - Session ID - Sequence No.', 'Contact Disposition'],
    build(c) {
      const start = c.col('Call Start Time', 'Start Time')!;
      return finish(this, c, {
        fields: {
          id: c.col('Node ID - Session ID - Sequence No.'),
          queue: { column: c.col('CSQ Names', 'CSQ Name', 'Call Skills')!, null: ['-', 'N/A'] },
          agent: c.col('Agent Name') ? { column: c.col('Agent Name')!, null: ['-', 'N/A'] } : undefined,
          customer: c.col('Originator DN', 'ANI', 'Calling Number'),
          arrived: c.instantAt(start)!,
          ended: c.instantOf('Call End Time', 'End Time'),
          wait: c.durationOf('Queue Time'),
          talk: c.durationOf('Talk Time'),
          hold: c.durationOf('Hold Time'),
          wrap: c.durationOf('Work Time'),
          outcome: { column: c.col('Contact Disposition')!, values: { handled: 'answered', '2': 'answered', abandoned: 'abandoned', '1': 'abandoned' } },
        },
        neverQueued: 'counted-apart',
        countedApart: [
          ...apart(c.col('Contact Type'), ['Outgoing', 'Outbound Preview', 'Internal', '2', '3', '6'], OUTBOUND),
          ...apart(c.col('Contact Disposition'), ['Aborted', 'Rejected', '4', '5'], 'aborted or rejected by the system (no queue contact)'),
        ],
      }, [note('ciscoUccx')]);
    },
  },
  {
    name: 'freshcaller',
    title: 'Freshcaller calls (API fields)',
    source: 'https://developers.freshcaller.com/api/#calls (calls, participants and call_metrics: assigned_call_queue_name, answering_speed, *_unit)',
    signature: ['assigned_call_queue_name', 'created_time', 'talk_time_unit'],
    build(c) {
      const created = c.col('created_time')!;
      return finish(this, c, {
        fields: {
          id: c.col('id', 'call_id'),
          queue: c.col('assigned_call_queue_name')!,
          agent: c.col('assigned_agent_name'),
          customer: c.col('caller_number', 'participants.caller_number'),
          arrived: c.instantAt(created)!,
          wait: c.durationOf('answering_speed', 'wait_time'),
          talk: c.durationOf('talk_time'),
          hold: c.durationOf('hold_duration'),
          wrap: c.durationOf('call_work_time'),
          outcome: c.col('call_status', 'participants.call_status') ? { column: c.col('call_status', 'participants.call_status')!, values: { '1': 'answered', completed: 'answered', '3': 'abandoned', abandoned: 'abandoned', missed: 'abandoned', voicemail: 'voicemail' } } : undefined,
        },
        neverQueued: 'counted-apart',
        countedApart: apart(c.col('direction'), ['outgoing', 'outbound'], OUTBOUND),
      }, [note('freshcaller')]);
    },
  },
  {
    name: 'dialpad',
    title: 'Dialpad call records (Analytics export)',
    source: 'https://help.dialpad.com/hc/en-us/articles/209411166-Analytics-Glossary and https://developers.dialpad.com/docs/stats-api-dialpad-analytics (records export)',
    signature: ['date_started', 'master_call_id', 'categories'],
    build(c) {
      const queued = c.col('date_queued');
      const cats = c.col('categories')!;
      const at = (h: string | undefined) => c.instantAt(h);
      return finish(this, c, {
        fields: {
          id: c.col('call_id'),
          queue: c.col('entry_point_target_name', 'target_name', 'entry_point_target_id')!,
          agent: c.col('name', 'email'),
          customer: c.col('external_number'),
          // The queue entry is the arrival: a call that never queued has none (IVR, closed hours, direct voicemail).
          arrived: at(queued ?? c.col('date_started')),
          answered: at(c.col('date_connected')),
          ended: at(c.col('date_ended')),
          // Dialpad writes durations in minutes; its talk holds the hold time.
          talk: c.durationAt(c.col('talk_duration'), 'min'),
          wrap: c.durationAt(c.col('wrapup_duration'), 'min'),
        },
        neverQueued: 'counted-apart',
        outcomeWhen: [
          ...when(cats, ['voicemail', 'in_queue_voicemail', 'direct_to_voicemail', 'transfer_voicemail'], 'voicemail'),
          ...when(cats, ['callback_requested'], 'callback'),
        ],
        countedApart: apart(c.col('direction'), ['outbound'], OUTBOUND),
      }, [note('dialpad'), note('talkIncludesHold')]);
    },
  },
  {
    name: 'ringcentral',
    title: 'RingCentral call log',
    source: 'https://developers.ringcentral.com/guide/voice/call-log/understanding-call-log (action, result and reason values)',
    signature: ['Action', 'Action Result', 'Result Description'],
    build(c) {
      const date = c.col('Date')!;
      const time = c.col('Time')!;
      return finish(this, c, {
        fields: {
          queue: c.col('Queue', 'Name', 'To', 'Extension')!,
          customer: c.col('From', 'Phone Number'),
          arrived: { date, time, dateFormat: dateFormatOf(c.values(date)) },
          outcome: {
            column: c.col('Action Result')!,
            values: { accepted: 'answered', 'call connected': 'answered', missed: 'abandoned', 'no answer': 'abandoned', 'hang up': 'abandoned', abandoned: 'abandoned', voicemail: 'voicemail', 'sent to voicemail': 'voicemail' },
          },
        },
        countedApart: [
          ...apart(c.col('Direction'), ['Outbound'], OUTBOUND),
          ...apart(c.col('Action Result'), ['Stopped'], 'another phone of the group answered (one leg of an answered call)'),
          ...apart(c.col('Type'), ['Fax', 'SMS', 'Text'], 'not a voice call'),
        ],
      }, [note('ringcentral')]);
    },
  },
];


interface CdrColumns { start: string; answer?: string; end?: string; dst: string; src?: string; lastapp: string; billsec: string; disposition: string; dcontext: string; id?: string; agent?: string }

/**
 * An Asterisk CDR (FreePBX's export, or cdr_csv's Master.csv without a header): one row per call leg, no queue
 * wait. The wait is answer − start where the answer time is there (it includes the IVR); billsec is talk.
 */
function cdrMapping(layout: Layout, c: Columns, k: CdrColumns): Mapping {
  const at = (h: string | undefined) => c.instantAt(h);
  return finish(layout, c, {
    fields: {
      id: k.id,
      queue: k.dst,
      customer: k.src,
      agent: k.agent,
      arrived: at(k.start),
      answered: at(k.answer),
      ended: at(k.end),
      talk: k.billsec,
      outcome: { column: k.disposition, values: { answered: 'answered', 'no answer': 'abandoned' } },
    },
    outcomeWhen: when(k.lastapp, ['VoiceMail', 'Voicemail'], 'voicemail'),
    countedApart: [
      ...apart(k.lastapp, ['BackGround', 'Playback', 'Read', 'WaitExten', 'Hangup', 'IVR'], NEVER_QUEUED),
      ...apart(k.disposition, ['BUSY', 'FAILED', 'CONGESTION'], 'the call did not go through (busy, failed or congested)'),
      ...apart(k.dcontext, ['from-internal'], OUTBOUND),
    ],
  }, [k.answer ? note('waitFromStart') : note('noWait'), note('talkIncludesHold'), note('noWrap')]);
}

/** Asterisk's cdr_csv Master.csv has no header: its fields by position (docs/mapping.md). */
export function looksLikeAsteriskCdr(first: string[]): boolean {
  const ts = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
  return first.length >= 16 && ts.test(first[9]) && (first[10] === '' || ts.test(first[10])) && ts.test(first[11])
    && /^\d+$/.test(first[12]) && /^\d+$/.test(first[13]) && /^(ANSWERED|NO ANSWER|BUSY|FAILED|CONGESTION|UNKNOWN)$/.test(first[14]);
}

export function asteriskMasterCsv(columnCount: number, samples: string[][]): Mapping {
  const header = Array.from({ length: columnCount }, (_, i) => String(i + 1));
  const c = new Columns(header, samples);
  const layout = LAYOUTS.find((l) => l.name === 'asterisk-cdr')!;
  const m = cdrMapping({ ...layout, signature: [] }, c, {
    start: '10', answer: '11', end: '12', dst: '3', src: '2', lastapp: '8', billsec: '14', disposition: '15', dcontext: '4', id: columnCount >= 17 ? '17' : undefined, agent: '7',
  });
  return ({ ...m, preset: 'asterisk-cdr', header: false, notes: [note('layoutDetected', { layout: 'Asterisk cdr_csv Master.csv', columns: 'no header; start, answer, end, duration, billsec, disposition in columns 10–15' }), ...(m.notes ?? []).slice(1)] });
}

interface ZendeskColumns { id: string; status: string; created: string; time?: string; direction?: string; group?: string; agent?: string; customer?: string; wait?: string; talk?: string; hold?: string; wrap?: string; csat?: string }

function zendeskMapping(layout: Layout, c: Columns, k: ZendeskColumns): Mapping {
  const arrived: FieldSpec | string = k.time ? { date: k.created, time: k.time, dateFormat: dateFormatOf(c.values(k.created)) } : c.instantAt(k.created)!;
  const statusValues: Record<string, string> = {};
  for (const [v, o] of [['completed', 'answered'], ['abandoned in queue', 'abandoned'], ['abandoned_in_queue', 'abandoned'], ['abandoned on hold', 'answered'], ['abandoned_on_hold', 'answered'], ['abandoned in voicemail', 'voicemail'], ['abandoned_in_voicemail', 'voicemail'], ['pending voicemail', 'voicemail'], ['voicemail', 'voicemail'], ['not answered', 'abandoned'], ['not_answered', 'abandoned']]) statusValues[v] = o;
  return finish(layout, c, {
    fields: {
      id: k.id,
      queue: k.group ?? { const: 'all' },
      agent: k.agent,
      customer: k.customer,
      arrived,
      wait: c.durationAt(k.wait),
      talk: c.durationAt(k.talk),
      hold: c.durationAt(k.hold),
      wrap: c.durationAt(k.wrap),
      csat: k.csat,
      outcome: { column: k.status, values: statusValues },
    },
    countedApart: [
      ...apart(k.status, ['abandoned in ivr', 'abandoned_in_ivr', 'failed'], NEVER_QUEUED),
      ...apart(k.direction, ['outbound'], OUTBOUND),
    ],
  }, [note('zendeskTalk')]);
}

/** The layout whose signature a header has, most specific first; null when none. */
export function layoutFor(header: string[], samples: string[][]): Mapping | null {
  const c = new Columns(header, samples);
  const fits = LAYOUTS.filter((l) => c.has(...l.signature)).sort((a, b) => b.signature.length - a.signature.length);
  return fits.length ? fits[0].build(c) : null;
}

export function layoutNamed(name: string, header: string[], samples: string[][]): Mapping | null {
  const l = LAYOUTS.find((x) => x.name === name);
  if (!l) return null;
  const c = new Columns(header, samples);
  return c.has(...l.signature) ? l.build(c) : null;
}
