/**
 * Mapping presets for the exports in docs/mapping.md, detected from the header (never by position),
 * and a synonym matcher for worded headers. Sample records refine what a header alone cannot tell
 * (ISO or day/month dates, h:mm:ss or seconds, flags or times).
 */
import type { ContactField, DetectedField, FieldSpec, Mapping } from './mapping.js';
import { note, type MappingNote } from './notes.js';
import type { Said } from '../words.js';
import { normalizeName } from './names.js';
import { LAYOUTS, asteriskMasterCsv, layoutFor, layoutNamed, looksLikeAsteriskCdr } from './layouts.js';
import { instantSpec, dateFormatOf } from './instants.js';

export { instantSpec };

/** A name without case, accents, spaces or punctuation: "Speed of answer (s)" → "speedofanswers", "Duración" → "duracion". */
const norm = normalizeName;

/** Units a name may end with, and the unit they mean. */
const UNIT_WORDS: Record<string, 's' | 'ms' | 'min'> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's', segundos: 's', sekunden: 's', secondes: 's',
  ms: 'ms', msec: 'ms', millis: 'ms', millisecond: 'ms', milliseconds: 'ms',
  min: 'min', mins: 'min', minute: 'min', minutes: 'min', minutos: 'min', minuten: 'min',
};
/** Words a name may end with that say nothing of the field: arrived_at, answer_ts, start_utc, wait_in_seconds. */
const FILLER_WORDS = new Set(['at', 'ts', 'utc', 'local', 'in', 'en', 'de', 'the']);

/**
 * A column name read by its words (snake_case, camelCase, dotted, hyphens, spaces, a unit in brackets): the
 * name without the trailing units and filler words, and the unit they named. `arrived_at` → arrived;
 * `talk_sec` → talk, s; `Wait (ms)` → wait, ms; `holdTimeInSeconds` → holdtime, s.
 */
export function nameWords(name: string): { stem: string; unit: 's' | 'ms' | 'min' | null } {
  const words = name
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let unit: 's' | 'ms' | 'min' | null = null;
  while (words.length > 1) {
    const last = words[words.length - 1];
    if (UNIT_WORDS[last] && !unit) unit = UNIT_WORDS[last];
    else if (!FILLER_WORDS.has(last)) break;
    words.pop();
  }
  return { stem: words.join(''), unit };
}

export const KIT_COLUMNS = [
  'id', 'queue', 'channel', 'tier', 'agent', 'customer', 'arrived', 'answered', 'ended', 'outcome',
  'wait', 'talk', 'hold', 'wrap', 'resolved', 'csat', 'nps', 'qa', 'transferred',
] as const;

function has(header: string[], ...names: string[]): boolean {
  const set = new Set(header.map(norm));
  return names.every((n) => set.has(norm(n)));
}
function find(header: string[], ...names: string[]): string | undefined {
  for (const n of names) {
    const h = header.find((x) => norm(x) === norm(n));
    if (h !== undefined) return h;
  }
  return undefined;
}

/** The kit's own format (README "Contact CSV format"). */
export function kitMapping(header: string[], samples: string[][] = []): Mapping {
  const fields: Mapping['fields'] = {};
  for (const c of KIT_COLUMNS) {
    // Durations also by the names of the normalized contacts table (docs/parts.md): wait_sec, talk_sec …
    const h = find(header, c) ?? (c === 'wait' || c === 'talk' || c === 'hold' || c === 'wrap' ? find(header, `${c}_sec`) : undefined);
    if (h === undefined) continue;
    if (c === 'outcome') fields.outcome = { column: h };
    // Instants in another writing than ISO (epoch, "Oct 31, 2026 12:14 AM") are read as the samples show.
    else if (c === 'arrived' || c === 'answered' || c === 'ended') {
      const i = header.indexOf(h);
      fields[c] = instantSpec(h, samples.map((r) => (r[i] ?? '').trim()).filter(Boolean));
    } else fields[c] = h;
  }
  return { preset: 'sla-widgets', fields };
}

export function amazonConnectMapping(header: string[]): Mapping {
  const f: Mapping['fields'] = {
    id: 'ContactId',
    queue: 'Queue.Name',
    arrived: 'Queue.EnqueueTimestamp',
  };
  const opt = (field: ContactField, spec: FieldSpec | string, col: string) => { if (find(header, col)) f[field] = spec; };
  opt('channel', { column: 'Channel', values: { VOICE: 'voice', CHAT: 'chat', TASK: 'task', EMAIL: 'email' } }, 'Channel');
  opt('agent', 'Agent.Username', 'Agent.Username');
  opt('customer', 'CustomerEndpoint.Address', 'CustomerEndpoint.Address');
  opt('answered', 'Agent.ConnectedToAgentTimestamp', 'Agent.ConnectedToAgentTimestamp');
  if (find(header, 'Queue.DequeueTimestamp')) f.ended = { column: 'Queue.DequeueTimestamp', ...(find(header, 'DisconnectTimestamp') ? { fallback: 'DisconnectTimestamp' } : {}) };
  else opt('ended', 'DisconnectTimestamp', 'DisconnectTimestamp');
  opt('wait', 'Queue.Duration', 'Queue.Duration');
  opt('talk', 'Agent.AgentInteractionDuration', 'Agent.AgentInteractionDuration');
  opt('hold', 'Agent.CustomerHoldDuration', 'Agent.CustomerHoldDuration');
  opt('wrap', 'Agent.AfterContactWorkDuration', 'Agent.AfterContactWorkDuration');
  opt('outcome', { column: 'DisconnectReason', values: { CUSTOMER_DISCONNECT: 'abandoned', CONTACT_FLOW_DISCONNECT: 'flowout' }, otherwise: 'abandoned' }, 'DisconnectReason');
  for (const [field, names] of [['csat', ['Attributes.csat', 'Attributes.CSAT', 'Attributes.satisfaction']], ['nps', ['Attributes.nps', 'Attributes.NPS']], ['resolved', ['Attributes.resolved', 'Attributes.fcr']]] as const) {
    const h = find(header, ...names);
    if (h) f[field] = h;
  }
  const m: Mapping = { preset: 'amazon-connect', outcomeRule: 'answer-time-first', neverQueued: 'counted-apart', fields: f, notes: [note('amazonConnect')] };
  if (find(header, 'InitiationMethod')) m.countedApart = [{ column: 'InitiationMethod', values: ['OUTBOUND', 'API'], reason: 'outbound contact' }];
  return m;
}

export function genesysMapping(header: string[]): Mapping {
  const f: Mapping['fields'] = {
    id: 'Conversation ID',
    queue: find(header, 'Queue') ? 'Queue' : 'First Queue',
    arrived: 'Date',
  };
  const opt = (field: ContactField, spec: FieldSpec | string, col: string) => { if (find(header, col)) f[field] = spec; };
  opt('channel', 'Media Type', 'Media Type');
  opt('agent', 'Users - Interacted', 'Users - Interacted');
  opt('customer', 'ANI', 'ANI');
  opt('wait', { column: 'Total Queue', unit: 'ms' }, 'Total Queue');
  opt('talk', { column: 'Total Talk', unit: 'ms' }, 'Total Talk');
  opt('hold', { column: 'Total Hold', unit: 'ms' }, 'Total Hold');
  opt('wrap', { column: 'Total ACW', unit: 'ms' }, 'Total ACW');
  opt('abandonedFlag', 'Abandoned', 'Abandoned');
  opt('outcome', { column: 'Flow-Out Type', values: {}, otherwise: 'flowout' }, 'Flow-Out Type');
  opt('transferred', { column: 'Transferred', values: { YES: 'Y', NO: 'N' } }, 'Transferred');
  const apart = [];
  if (find(header, 'Non-ACD')) apart.push({ column: 'Non-ACD', values: ['YES', 'TRUE', 'Y'], reason: 'non-ACD conversation (never queued)' });
  if (find(header, 'Direction')) apart.push({ column: 'Direction', values: ['outbound'], reason: 'outbound conversation' });
  return {
    preset: 'genesys-cloud',
    neverQueued: 'counted-apart',
    fields: f,
    ...(apart.length ? { countedApart: apart } : {}),
    notes: [note('genesysCloud')],
  };
}

/** Worded headers: each field's usual names, normalized (lowercase letters and digits). */
const SYNONYMS: [ContactField | 'date' | 'time', string[]][] = [
  ['id', ['id', 'callid', 'contactid', 'conversationid', 'interactionid', 'uniqueid', 'sessionid', 'ticketid', 'caseid', 'callreference', 'callref', 'anrufid', 'idappel', 'appelid', 'idllamada', 'llamadaid', 'idchamada', 'chamadaid', 'ticket']],
  ['queue', ['queue', 'queuename', 'skill', 'skillname', 'split', 'department', 'service', 'huntgroup', 'ringgroup', 'callgroup', 'acdgroup', 'skillgroup', 'csq', 'group', 'campaign', 'line', 'topic', 'cola', 'nombrecola', 'warteschlange', 'filedattente', 'fileattente', 'file', 'fila']],
  ['channel', ['channel', 'mediatype', 'media', 'contacttype']],
  ['tier', ['tier', 'priority', 'segment', 'customertier', 'customersegment']],
  ['agent', ['agent', 'agentname', 'agentid', 'user', 'username', 'rep', 'representative', 'employee', 'server', 'handledby', 'agente', 'mitarbeiter', 'atendente']],
  ['customer', ['customer', 'customerid', 'caller', 'callerid', 'callernumber', 'ani', 'phonenumber', 'phone', 'accountid', 'clientid']],
  ['arrived', ['arrived', 'arrivaltime', 'queuestart', 'queuestarttime', 'enqueuetime', 'enqueued', 'starttime', 'start', 'started', 'begin', 'begintime', 'received', 'datetime', 'timestamp', 'createdat', 'created', 'createdtime', 'calldatetime', 'callstart', 'callstarttime', 'calltimestamp', 'ankunft', 'ankunftszeit', 'beginn', 'startzeit', 'horadellegada', 'llegada', 'inicio', 'horainicio', 'fechahora', 'chegada', 'debut', 'heuredebut', 'dateheure']],
  ['date', ['date', 'calldate', 'day', 'fecha', 'datum', 'data']],
  ['time', ['time', 'calltime', 'timeofcall', 'hour', 'hora', 'uhrzeit', 'heure']],
  ['answered', ['answertime', 'answeredat', 'timeanswered', 'answeredtime', 'connected', 'connecttime', 'connectedtime', 'pickuptime', 'pickup', 'pickedup', 'answer', 'horaatencion', 'horarespuesta', 'annahme', 'annahmezeit', 'decroche', 'heuredecroche']],
  ['ended', ['ended', 'endtime', 'end', 'disconnecttime', 'hanguptime', 'hangup', 'disconnected', 'endedat', 'finished', 'ende', 'endzeit', 'fin', 'horafin', 'heurefin']],
  ['outcome', ['outcome', 'result', 'callresult', 'calloutcome', 'disposition', 'callstatus', 'status', 'resultado', 'estado', 'disposicion', 'ergebnis', 'resultat', 'statut']],
  ['answeredFlag', ['answered', 'answeredyn', 'isanswered', 'wasanswered', 'handled', 'handledyn']],
  ['abandonedFlag', ['abandoned', 'abandonedyn', 'isabandoned', 'abandon']],
  ['wait', ['wait', 'waittime', 'waitseconds', 'queuetime', 'queueduration', 'timeinqueue', 'speedofanswer', 'speedofanswerinseconds', 'speedofanswerseconds', 'timetoanswer', 'answerdelay', 'asa', 'totalqueue', 'holdtimeinqueue', 'qtime', 'queuewait', 'queue', 'espera', 'tiempodeespera', 'tiempoespera', 'wartezeit', 'attente', 'tempsdattente', 'tempsattente', 'tempodeespera']],
  // Not a CDR's "duration": it includes ringing (and the queue); an answered call's talk is "billsec".
  ['talk', ['talk', 'talktime', 'talkduration', 'avgtalkduration', 'talkseconds', 'totaltalk', 'conversationduration', 'servicetime', 'sertime', 'billsec', 'conversacion', 'tiempoconversacion', 'duracionconversacion', 'tiempohablado', 'gesprachszeit', 'gesprachsdauer', 'tempsdeconversation', 'tempsconversation', 'dureeconversation', 'tempodeconversa', 'handletime', 'handle', 'handlingtime']],
  ['hold', ['hold', 'holdtime', 'holdduration', 'totalhold', 'holdseconds', 'retencion', 'tiempoderetencion', 'haltezeit', 'halten', 'miseenattente']],
  ['wrap', ['wrap', 'wraptime', 'wrapup', 'wrapuptime', 'acw', 'totalacw', 'aftercallwork', 'aftercallworktime', 'acwtime', 'poscall', 'trabajoposllamada', 'nachbearbeitung', 'nacharbeit', 'posttraitement']],
  ['resolved', ['resolved', 'fcr', 'firstcallresolution', 'firstcontactresolution', 'issueresolved', 'resolvedyn']],
  ['csat', ['csat', 'satisfaction', 'satisfactionrating', 'satisfactionscore', 'rating', 'customersatisfaction', 'csatscore']],
  ['nps', ['nps', 'npsscore', 'likelihoodtorecommend', 'recommend']],
  ['qa', ['qa', 'qascore', 'qualityscore', 'evaluationscore', 'quality']],
  ['transferred', ['transferred', 'transfer', 'wastransferred', 'transferyn']],
];

/** Matches worded headers by normalized names and synonyms. Returns null when nothing usable maps. */
export function synonymMapping(header: string[], samples: string[][]): Mapping | null {
  const found = new Map<string, string>();
  const used = new Set<string>();
  // First whole names, then names by their words (arrived_at, talk_sec): a whole-name match always wins.
  const stems = new Map(header.map((h) => [h, nameWords(h)]));
  const unitOf = new Map<string, 's' | 'ms' | 'min'>();
  const how = new Map<string, 'name' | 'words' | 'values'>();
  for (const byWords of [false, true]) {
    for (const [field, names] of SYNONYMS) {
      if (found.has(field)) continue;
      for (const n of names) {
        // A name that ends in a unit ("Answered (s)", "Queue (min)") is a duration, whatever its words.
        const durations = field === 'wait' || field === 'talk' || field === 'hold' || field === 'wrap';
        const h = header.find((x) => !used.has(x) && (byWords ? stems.get(x)!.stem === n && (durations || !stems.get(x)!.unit) : norm(x) === n));
        if (h === undefined) continue;
        found.set(field, h);
        how.set(field, byWords ? 'words' : 'name');
        used.add(h);
        const u = stems.get(h)!.unit;
        if (u) unitOf.set(h, u);
        break;
      }
    }
  }
  const col = (h: string) => header.indexOf(h);
  const values = (h: string) => samples.map((r) => (r[col(h)] ?? '').trim()).filter((v) => v !== '');
  const looksLikeTime = (h: string) => {
    const vs = values(h);
    return vs.length > 0 && vs.every((v) => /\d{1,2}:\d{2}/.test(v) || /^\d{4}-\d{2}-\d{2}/.test(v));
  };
  // "Answered" by name may hold times, not flags: then it is the answer time.
  const flag = found.get('answeredFlag');
  if (flag !== undefined && !found.has('answered') && looksLikeTime(flag)) {
    found.delete('answeredFlag');
    found.set('answered', flag);
    how.set('answered', how.get('answeredFlag')!);
  }
  const fields: Mapping['fields'] = {};
  const notes: MappingNote[] = [];

  // Names checked against values: a name says what a column may be, its values whether it is.
  const mostly = (h: string, test: (v: string) => boolean) => { const vs = values(h); return vs.length === 0 || vs.filter(test).length / vs.length >= 0.8; };
  for (const f of ['arrived', 'answered', 'ended'] as const) {
    const h = found.get(f);
    if (h === undefined || mostly(h, (v) => looksInstant(v) || TIME_OF_DAY.test(v) || DATE_ONLY.test(v))) continue;
    found.delete(f);
    used.delete(h);
    // "Answer" holding Y/N is the answered flag.
    if (f === 'answered' && !found.has('answeredFlag') && mostly(h, (v) => FLAG.test(v))) { found.set('answeredFlag', h); how.set('answeredFlag', how.get('answered')!); }
  }
  for (const f of ['wait', 'talk', 'hold', 'wrap'] as const) {
    const h = found.get(f);
    if (h !== undefined && !mostly(h, (v) => DURATION.test(v))) { found.delete(f); used.delete(h); }
  }
  for (const f of ['answeredFlag', 'abandonedFlag', 'resolved', 'transferred'] as const) {
    const h = found.get(f);
    if (h !== undefined && f !== 'answeredFlag' && !mostly(h, (v) => FLAG.test(v))) { found.delete(f); used.delete(h); }
  }

  for (const [field, h] of found) {
    if (field === 'date' || field === 'time') continue;
    const vs = values(h);
    switch (field) {
      case 'arrived': case 'answered': case 'ended': {
        // A time of day only ("09:00:15") takes its date from the date column.
        const d = found.get('date');
        const timeOnly = vs.length > 0 && vs.every((v) => /^\d{1,2}:\d{2}(:\d{2})?$/.test(v));
        if (timeOnly && d) fields[field] = { date: d, time: h, dateFormat: dateFormatOf(values(d)) };
        else if (!timeOnly) fields[field] = instantSpec(h, vs);
        break;
      }
      case 'outcome': {
        // Mapped when the file's values are outcomes the kit can name (its own, or common words for them). When
        // they are not and nothing else can tell the outcome (no answer time, no flags), the column is kept with
        // the words it knows: the other values are rejected by name, for the person to map, never guessed.
        const spec = outcomeSpec(h, vs);
        if (spec) fields.outcome = spec;
        else if (!found.has('answered') && !found.has('answeredFlag') && !found.has('abandonedFlag')) {
          fields.outcome = knownWordsSpec(h, vs);
          const unknown = [...new Set(vs.filter((v) => OUTCOME_WORDS[outcomeKey(v)] === undefined && !(OUTCOMES as readonly string[]).includes(v.toLowerCase())))];
          notes.push(note('outcomeWordsUnknown', { column: h, values: unknown.slice(0, 6).join(', ') + (unknown.length > 6 ? ', …' : '') }));
        }
        break;
      }
      case 'wait': case 'talk': case 'hold': case 'wrap': {
        const spec: FieldSpec = { column: h };
        const named = unitOf.get(h);
        if (vs.some((v) => v.includes(':'))) spec.unit = 'h:mm:ss';
        else if (named === 'ms' || named === 'min') spec.unit = named;
        else if (/(^|[^a-z])ms$|millis/i.test(h.trim())) spec.unit = 'ms';
        if (vs.some((v) => /^-?\d+,\d+$/.test(v)) && !vs.some((v) => /^-?\d+\.\d+$/.test(v))) spec.decimalComma = true;
        fields[field] = Object.keys(spec).length === 1 ? h : spec;
        break;
      }
      case 'csat': case 'nps': case 'qa':
        fields[field] = vs.some((v) => /^\d+,\d+$/.test(v)) ? { column: h, decimalComma: true } : h;
        break;
      default:
        fields[field as ContactField] = h;
    }
  }
  // Date and time in separate columns.
  const d = found.get('date'), t = found.get('time');
  if (!fields.arrived && d) {
    const dv = values(d);
    if (t && dv.every((v) => !v.includes(':'))) fields.arrived = { date: d, time: t, dateFormat: dateFormatOf(dv) };
    // A date alone is no arrival time (every contact would arrive at midnight).
    else if (dv.some((v) => v.includes(':'))) fields.arrived = instantSpec(d, dv);
  }
  // A "time" column of whole date-times is the arrival.
  if (!fields.arrived && t && values(t).length && mostly(t, looksInstant)) { fields.arrived = instantSpec(t, values(t)); how.set('arrived', how.get('time')!); }
  // Still none: by values alone, the column of date-times that comes first on most rows (arrival precedes
  // answer and end), said in a note.
  if (!fields.arrived) {
    const taken = new Set(Object.values(fields).map((s) => (typeof s === 'string' ? s : s?.column ?? s?.date)));
    const candidates = header.filter((h) => !taken.has(h) && values(h).length > 0 && mostly(h, looksInstant) && !values(h).every((v) => /^\d+$/.test(v) && v.length < 9));
    if (candidates.length) {
      const ms = (h: string, r: string[]) => { const v = (r[col(h)] ?? '').trim(); const x = Date.parse(v.includes(' ') && /^\d{4}-/.test(v) ? v.replace(' ', 'T') : v); return Number.isNaN(x) ? (/^\d{9,13}$/.test(v) ? (v.length > 10 ? +v : +v * 1000) : NaN) : x; };
      const firsts = new Map(candidates.map((h) => [h, 0]));
      for (const r of samples) {
        let best: string | null = null, at = Infinity;
        for (const h of candidates) { const x = ms(h, r); if (x < at) { at = x; best = h; } }
        if (best) firsts.set(best, firsts.get(best)! + 1);
      }
      const pick = [...firsts].sort((a, b) => b[1] - a[1])[0][0];
      fields.arrived = instantSpec(pick, values(pick));
      how.set('arrived', 'values');
      notes.push(note('arrivalByValues', { column: pick }));
    }
  }
  // A flag-like "answered" column is a flag, a time-like one a time.
  if (!fields.queue) {
    fields.queue = { const: 'all' };
    notes.push(note('noQueue'));
  }
  if (!fields.arrived) return null;
  if (!fields.wait && !fields.answered) notes.push(note('noWait'));
  if (!fields.ended) {
    notes.push(note(fields.wait ? 'blankWaitAbandons' : 'noAbandonWait'));
  }
  if (!fields.hold || !fields.wrap) notes.push(note(!fields.hold && !fields.wrap ? 'noHoldOrWrap' : !fields.hold ? 'noHold' : 'noWrap'));
  if (!fields.id) notes.push(note('noId'));
  // How each field was chosen, and how sure: a name whose values agree is high, one with no values to check or
  // found by its words medium, values alone low.
  const detected: DetectedField[] = [];
  for (const [field, spec] of Object.entries(fields) as [ContactField, FieldSpec | string][]) {
    const s = typeof spec === 'string' ? { column: spec } : spec;
    if (s.const !== undefined) continue;
    const column = s.column ?? (s.date !== undefined ? `${s.date} + ${s.time}` : '');
    const by = how.get(field) ?? (s.date !== undefined ? how.get('date') ?? 'name' : 'name');
    const checked = s.column !== undefined ? values(s.column).length > 0 : true;
    detected.push({ field, column, by, confidence: by === 'values' ? 'low' : by === 'name' && checked ? 'high' : 'medium' });
  }
  return { preset: 'synonyms', fields, notes, detected };
}

/** What values look like (a column's profile). */
const TIME_OF_DAY = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(\s*[AaPp][Mm])?$/;
const DATE_ONLY = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{6}|\d{8})$/;
const FLAG = /^(y|n|yes|no|true|false|0|1|si|sí|ja|nein|oui|non|sim|nao|não)$/i;
const DURATION = /^(-?\d+([.,]\d+)?|-?\d*:\d{1,2}(:\d{2})?([.,]\d+)?)$/;
/** A whole instant: a date with a time (any common writing, a month by name), or epoch seconds / milliseconds. */
function looksInstant(v: string): boolean {
  return /^\d{9,13}(\.\d+)?$/.test(v)
    || /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[T ]+\d{1,2}:\d{2}/.test(v)
    || /(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,/-]+\d/i.test(v) && /\d{1,2}:\d{2}/.test(v)
    || /\d[\s/-]+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(v) && /\d{1,2}:\d{2}/.test(v);
}

const OUTCOMES = ['answered', 'abandoned', 'flowout', 'callback', 'voicemail'] as const;

/** An outcome column whose words the kit mostly does not know: the ones it knows mapped, the rest left to reject. */
function knownWordsSpec(h: string, vs: string[]): FieldSpec {
  const values: Record<string, string> = {};
  for (const v of new Set(vs)) {
    const o = OUTCOME_WORDS[outcomeKey(v)];
    if (o && v !== o) values[v] = o;
  }
  return Object.keys(values).length ? { column: h, values } : { column: h };
}

/** Common words for outcomes in exports (case does not matter); the kit's own five names are known anyway. */
const OUTCOME_WORDS: Record<string, 'answered' | 'abandoned' | 'flowout' | 'callback' | 'voicemail'> = {
  answered: 'answered', answer: 'answered', connected: 'answered', handled: 'answered', completed: 'answered', accepted: 'answered',
  abandoned: 'abandoned', abandon: 'abandoned', missed: 'abandoned', 'missed call': 'abandoned', 'no answer': 'abandoned', unanswered: 'abandoned', 'hung up': 'abandoned', 'caller hung up': 'abandoned',
  voicemail: 'voicemail', 'voice mail': 'voicemail', 'sent to voicemail': 'voicemail',
  callback: 'callback', 'callback requested': 'callback',
  flowout: 'flowout', overflow: 'flowout', timeout: 'flowout', 'timed out': 'flowout',
  hangup: 'abandoned', 'caller hangup': 'abandoned',
  // Spanish, Portuguese, German and French exports (accents aside).
  atendida: 'answered', atendido: 'answered', contestada: 'answered', contestado: 'answered', respondida: 'answered',
  abandonada: 'abandoned', abandonado: 'abandoned', perdida: 'abandoned', perdido: 'abandoned', 'no contestada': 'abandoned', 'nao atendida': 'abandoned',
  'buzon de voz': 'voicemail', 'mensaje de voz': 'voicemail', 'correio de voz': 'voicemail', 'caixa postal': 'voicemail',
  desborde: 'flowout', desbordada: 'flowout', desbordado: 'flowout', transbordo: 'flowout',
  'devolucion de llamada': 'callback', rellamada: 'callback', retorno: 'callback',
  angenommen: 'answered', beantwortet: 'answered', verbunden: 'answered',
  abgebrochen: 'abandoned', aufgelegt: 'abandoned', verpasst: 'abandoned', verloren: 'abandoned', unbeantwortet: 'abandoned',
  mailbox: 'voicemail', sprachnachricht: 'voicemail', uberlauf: 'flowout', ruckruf: 'callback',
  repondu: 'answered', repondue: 'answered', decroche: 'answered', traite: 'answered',
  abandonne: 'abandoned', abandonnee: 'abandoned', manque: 'abandoned', perdu: 'abandoned', raccroche: 'abandoned', 'non repondu': 'abandoned',
  messagerie: 'voicemail', 'messagerie vocale': 'voicemail', repondeur: 'voicemail', debordement: 'flowout', rappel: 'callback',
};

/** An outcome word as the table keys it: lower case, accents aside, single spaces. */
const outcomeKey = (v: string): string => v.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/**
 * An outcome column read through the common words: each distinct value mapped to its outcome. null when the
 * values are mostly words the kit does not know (then outcomes follow the answer and end times instead).
 */
function outcomeSpec(h: string, vs: string[]): FieldSpec | null {
  if (vs.length === 0) return { column: h };
  const distinct = [...new Set(vs)];
  const known = vs.filter((v) => OUTCOME_WORDS[outcomeKey(v)] !== undefined).length;
  if (known / vs.length < 0.9) return null;
  const values: Record<string, string> = {};
  for (const v of distinct) {
    const o = OUTCOME_WORDS[outcomeKey(v)];
    if (o && v !== o) values[v] = o;
  }
  return Object.keys(values).length ? { column: h, values } : { column: h };
}

export type PresetName = 'sla-widgets' | 'amazon-connect' | 'genesys-cloud' | 'asterisk-queue-log' | 'synonyms' | string;

/** Recognizes an Asterisk queue_log line: epoch|callid|queue|agent|EVENT|… */
export function looksLikeQueueLog(firstRecord: string[]): boolean {
  return firstRecord.length >= 5 && /^\d{9,11}(\.\d+)?$/.test(firstRecord[0].trim()) && /^[A-Z][A-Z_]+$/.test(firstRecord[4].trim());
}

export const PRESETS = ['sla-widgets', 'amazon-connect', 'genesys-cloud', 'synonyms'] as const;
/** Every name a mapping file may extend: the presets and the vendor layouts (docs/mapping.md). */
export const EXTENDABLE: readonly string[] = [...PRESETS, ...LAYOUTS.map((l) => l.name)];

/** A named preset applied to a header, or null when the header does not fit it. */
export function presetMapping(name: string, header: string[], samples: string[][]): Mapping | null {
  switch (name) {
    case 'sla-widgets':
      return has(header, 'id', 'queue', 'arrived') ? kitMapping(header, samples) : null;
    case 'amazon-connect':
      return has(header, 'ContactId') && (has(header, 'Queue.EnqueueTimestamp') || has(header, 'Agent.ConnectedToAgentTimestamp')) ? amazonConnectMapping(header) : null;
    case 'genesys-cloud': {
      // Twilio Flex Insights also has a Conversation ID and an Abandoned column: Genesys adds Total Queue or Media Type.
      if (!(has(header, 'Conversation ID') && (has(header, 'Total Queue') || has(header, 'Abandoned', 'Media Type')))) return null;
      const m = genesysMapping(header);
      const vs = samples.map((r) => (r[header.indexOf(find(header, 'Date')!)] ?? '').trim()).filter(Boolean);
      if (typeof m.fields.arrived === 'string') m.fields.arrived = instantSpec(m.fields.arrived, vs);
      return m;
    }
    case 'synonyms':
      return synonymMapping(header, samples);
    default:
      return layoutNamed(name, header, samples);
  }
}

/**
 * Survey columns named CSAT or NPS are read as such in every layout (a vendor's export carries them under its
 * own prefix: `Attributes.CSAT`, `Survey - CSAT`, `csat_score`), when the layout did not map them itself.
 */
function withSurveys(m: Mapping, header: string[]): Mapping {
  const named = (word: string) => header.find((h) => normalizeName(h) === word || new RegExp(`(^|[^a-z])${word}([^a-z]|$)`, 'i').test(h));
  const fields = { ...m.fields };
  for (const f of ['csat', 'nps'] as const) {
    if (fields[f] !== undefined) continue;
    const h = named(f);
    if (h !== undefined && !Object.values(fields).some((s) => s === h || (typeof s === 'object' && s?.column === h))) fields[f] = h;
  }
  return { ...m, fields };
}

/** Picks the mapping for a header (and sample rows). Returns null when nothing maps. */
export function detectMapping(header: string[], samples: string[][]): Mapping | null {
  for (const p of PRESETS) {
    // Vendor layouts are tried before worded headers: their columns say more than any synonym.
    const m = p === 'synonyms' ? layoutFor(header, samples) ?? presetMapping(p, header, samples) : presetMapping(p, header, samples);
    if (m) return withDetected(withSurveys(m, header));
  }
  return null;
}

/** A preset's or layout's fields, each chosen by the layout (high), unless detection said how already. */
function withDetected(m: Mapping): Mapping {
  const by = new Map((m.detected ?? []).map((d) => [d.field, d]));
  const detected: DetectedField[] = [];
  for (const [field, spec] of Object.entries(m.fields) as [ContactField, FieldSpec | string][]) {
    const s = typeof spec === 'string' ? { column: spec } : spec;
    if (s.const !== undefined) continue;
    detected.push(by.get(field) ?? { field, column: s.column ?? s.columns?.join(' + ') ?? `${s.date} + ${s.time}`, by: m.preset === 'synonyms' ? 'name' : 'layout', confidence: 'high' });
  }
  return { ...m, detected };
}

/**
 * A mapping file may name a preset and change only what differs (`{ "preset": "genesys-cloud",
 * "dayMonthOrder": "mdy" }`, or a few fields): the preset is applied to the header, then the file's settings
 * and fields win.
 */
export function extendPreset(explicit: Mapping, header: string[], samples: string[][]): Mapping {
  if (!EXTENDABLE.includes(explicit.preset)) return explicit;
  // The mapping echoed for Asterisk's header-less Master.csv names its columns by number.
  const base = explicit.preset === 'asterisk-cdr' && explicit.header === false && samples.length > 0 && looksLikeAsteriskCdr(samples[0])
    ? asteriskMasterCsv(header.length, samples)
    : presetMapping(explicit.preset, header, samples);
  if (!base) throw new Error(`the header does not look like a ${explicit.preset} export (${header.slice(0, 6).join(', ')}${header.length > 6 ? ', …' : ''})`);
  return { ...base, ...explicit, fields: { ...base.fields, ...(explicit.fields ?? {}) }, notes: [...(base.notes ?? []), ...(explicit.notes ?? [])] };
}

/** What a header lacks for a mapping: said when nothing maps. */
export function missingFields(header: string[]): Said<'noArrival' | 'nothingKnown'> {
  // Each column counted once, for the first field whose names hold it ("Queue" is the queue, not a wait).
  const taken = new Set(header.map((h) => SYNONYMS.find(([, names]) => names.includes(norm(h)))?.[0]).filter((f) => f !== undefined));
  const found = SYNONYMS.map(([f]) => f).filter((f) => taken.has(f));
  return found.length ? note('noArrival', { fields: found.join(', ') }) : note('nothingKnown');
}
