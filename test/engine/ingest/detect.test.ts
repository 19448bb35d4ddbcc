import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { ContactIngest } from '../../../src/engine/ingest/index.js';
import { sampleBlocks } from '../../../src/engine/ingest/sample-blocks.js';
import { IngestError, errorText } from '../../../src/engine/ingest/errors.js';
import { nameWords } from '../../../src/engine/ingest/presets.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
import { noteText } from '../../../src/engine/ingest/notes.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

describe('detection: names read by their words, values that say what a column is', () => {
  it('names by their words: snake_case, camelCase, dotted, units and filler at the end', () => {
    assert.deepEqual(nameWords('arrived_at'), { stem: 'arrived', unit: null });
    assert.deepEqual(nameWords('talk_sec'), { stem: 'talk', unit: 's' });
    assert.deepEqual(nameWords('Wait (ms)'), { stem: 'wait', unit: 'ms' });
    assert.deepEqual(nameWords('holdTimeInSeconds'), { stem: 'holdtime', unit: 's' });
    assert.deepEqual(nameWords('queue.wait_min'), { stem: 'queuewait', unit: 'min' });
    assert.deepEqual(nameWords('Duración'), { stem: 'duracion', unit: null });
    assert.deepEqual(nameWords('s'), { stem: 's', unit: null }, 'a name that is only a unit stays itself');
    // A name with a unit is a duration: "Answered (s)" is no answered flag, "Queue (min)" no queue.
    const a = analyzeText(['id,queue,arrived,Answered (s),Queue (min),outcome', 'a,Q,2026-03-02T09:00:00Z,12,3,answered'].join('\n'));
    assert.equal(a.mapping.fields.answeredFlag, undefined);
    assert.equal(a.mapping.fields.queue, 'queue');
  });

  it('a plain export the synonyms missed (arrived_at, talk_sec …) is read whole, with no mapping file', () => {
    const csv = [
      'contact_id,queue,agent,customer_id,arrived_at,answered_at,ended_at,outcome,talk_sec,hold_sec,wrap_sec,csat',
      'c1,Sales,ann,cu1,2026-03-02T09:00:00Z,2026-03-02T09:00:12Z,2026-03-02T09:05:00Z,answered,250,20,30,5',
      'c2,Sales,,cu2,2026-03-02T09:01:00Z,,2026-03-02T09:02:00Z,abandoned,,,,',
      'c3,Support,bob,cu3,2026-03-02T09:02:00Z,2026-03-02T09:02:40Z,2026-03-02T09:08:00Z,answered,300,0,18,4',
    ].join('\n');
    const a = analyzeText(csv);
    assert.equal(a.validation.rowsAccepted, 3);
    const t = query(a.parts, defaultDefinitions('UTC')).totals;
    // By hand: answered waits 12 s and 40 s → ASA 26 s; AHT ((250+20+30) + (300+0+18)) / 2 = 309 s;
    // SL 80/20: 1 of 3 (the 12 s answer; the 60 s abandon counts against) → 1/3.
    assert.equal(t.offered, 3);
    assert.equal(t.asa, 26);
    assert.equal(t.aht, 309);
    assert.close(t.serviceLevel, 1 / 3);
    assert.equal(t.csat, 1, 'ratings 5 and 4 are both satisfied');
  });

  it('a worded export: a time-only answer column takes the date column; "Missed" is an abandon; a CDR duration is not talk', () => {
    const csv = [
      'Call Date,Call Time,Time Answered,Caller,Duration,Call Outcome',
      '02/03/2026,09:00:00,09:00:15,5551234,240,Answered',
      '02/03/2026,09:05:00,,5551235,,Missed',
      '13/03/2026,10:00:00,10:00:05,5551236,120,Answered',
    ].join('\n');
    const a = analyzeText(csv, { inputTimeZone: 'UTC' });
    assert.equal(a.validation.rowsRejected, 0);
    assert.deepEqual(a.mapping.fields.answered, { date: 'Call Date', time: 'Time Answered', dateFormat: 'auto' });
    assert.deepEqual(a.mapping.fields.outcome, { column: 'Call Outcome', values: { Answered: 'answered', Missed: 'abandoned' } });
    assert.equal(a.mapping.fields.talk, undefined, 'a call\'s duration includes ringing: not talk');
    const t = query(a.parts, defaultDefinitions('UTC')).totals;
    // Waits 15 s and 5 s answered, one abandon of unknown wait (after T): SL 2 / 3, ASA 10 s.
    assert.equal(t.answered, 2);
    assert.equal(t.abandoned, 1);
    assert.equal(t.asa, 10);
    assert.close(t.serviceLevel, 2 / 3);
    assert.equal(t.aht, null, 'no handle time in this file');
  });

  it('digits-only dates read as yymmdd or yyyymmdd; a date alone is no arrival time, and the file is refused in one true sentence', () => {
    const bankLike = [
      'vru+line\tcall_id\tcustomer_id\ttype\tdate\tvru_entry\tq_start\toutcome\tser_start\tserver',
      'AA0101\t34536\t0\tPS\t990201\t7:02:47\t0:00:00\tAGENT\t7:02:55\tDORIT',
      'AA0101\t34537\t0\tPS\t990201\t7:31:45\t7:31:50\tHANG\t0:00:00\tNO_SERVER',
    ].join('\n');
    let said: IngestError | null = null;
    try { analyzeText(bankLike); } catch (e) { said = e as IngestError; }
    assert.ok(said instanceof IngestError);
    assert.equal(said!.said.code, 'headerNoArrival');
    assert.match(errorText(said!.said), /but no arrival time/);
    assert.ok(!/day\/month/.test(errorText(said!.said)), 'not a day/month message');
    const dated = analyzeText(['id,queue,date,time,outcome', 'a,Q,990201,07:02:47,abandoned', 'b,Q,990202,08:00:00,abandoned'].join('\n'), { inputTimeZone: 'UTC' });
    assert.deepEqual(dated.mapping.fields.arrived, { date: 'date', time: 'time', dateFormat: 'yymmdd' });
    assert.equal(dated.parts.firstArrival, Date.UTC(1999, 1, 1, 7, 2, 47));
  });

  it('a column named "answered" that holds times is the answer time, not a flag', () => {
    const a = analyzeText(['id,queue,arrived,answered', 'a,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:09Z'].join('\n'));
    assert.equal(a.mapping.fields.answered, 'answered');
    assert.equal(query(a.parts, defaultDefinitions('UTC')).totals.asa, 9);
    const flags = analyzeText(['Call Id,Date,Time,Answered (Y/N)', 'a,2026-03-02,09:00:00,Y'].join('\n'), { inputTimeZone: 'UTC' });
    assert.equal(flags.mapping.fields.answeredFlag, 'Answered (Y/N)');
  });

  it('the day/month order is found from a row far down, each held row looked at once', () => {
    const rows = ['id,queue,Date,Time,wait,outcome'];
    for (let i = 0; i < 5000; i++) rows.push(`r${i},Q,0${1 + (i % 9)}/02/2026,09:00:00,5,abandoned`);
    rows.push('last,Q,25/02/2026,09:00:00,5,abandoned');
    const a = analyzeText(rows.join('\n'), { inputTimeZone: 'UTC' });
    assert.equal(a.mapping.dayMonthOrder, 'dmy');
    assert.equal(a.validation.rowsAccepted, 5001);
  });
  it('one name rule everywhere: a mapping that names "Duracion" finds the file\'s "Duración"', () => {
    const a = analyzeText(['id,queue,arrived,answered,Duración', 'a,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,95'].join('\n'), {
      mapping: validateMapping({ preset: 'custom', fields: { id: 'id', queue: 'queue', arrived: 'arrived', answered: 'answered', talk: 'Duracion' } }),
    });
    assert.equal(a.validation.rowsAccepted, 1);
    assert.equal(query(a.parts, defaultDefinitions('UTC')).totals.aht, 95);
  });
  it('a column named CSAT is a CSAT column in every layout (here a Genesys export with a survey column)', () => {
    const csv = [
      'Conversation ID,Date,Queue,Total Queue,Total Talk,Abandoned,Survey - CSAT',
      'g1,2026-03-02T09:00:00.000Z,Sales,5000,120000,NO,5',
      'g2,2026-03-02T09:01:00.000Z,Sales,8000,90000,NO,3',
    ].join('\n');
    const a = analyzeText(csv);
    assert.equal(a.mapping.preset, 'genesys-cloud');
    assert.equal(a.mapping.fields.csat, 'Survey - CSAT');
    assert.equal(query(a.parts, defaultDefinitions('UTC')).totals.csat, 0.5, 'ratings 5 and 3: one satisfied of two');
  });
  it('months by name and a zone after the time: "Sat, 31 Oct 2026 00:14:29 +0100", "Oct 31, 2026 12:14:29 AM", "31-Oct-26"', () => {
    const at = (rows: string[]) => {
      const a = analyzeText(['id,queue,arrived,wait,outcome', ...rows.map((r) => `${r},abandoned`)].join('\n'), { inputTimeZone: 'UTC' });
      assert.equal(a.validation.rowsRejected, 0, JSON.stringify(a.validation.rejections));
      return [a.parts.firstArrival, a.parts.lastArrival];
    };
    // By hand: 00:14:29 at +01:00 is 23:14:29 UTC the day before; 12:14:29 AM is 00:14:29; 1:14:29 PM is 13:14:29.
    assert.deepEqual(at(['1,Q,"Sat, 31 Oct 2026 00:14:29 +0100",5', '2,Q,"Sun, 01 Nov 2026 10:00:00 GMT",5']), [Date.UTC(2026, 9, 30, 23, 14, 29), Date.UTC(2026, 10, 1, 10)]);
    assert.deepEqual(at(['1,Q,"Oct 31, 2026 12:14:29 AM",5', '2,Q,"Nov 1, 2026 1:14:29 PM",5']), [Date.UTC(2026, 9, 31, 0, 14, 29), Date.UTC(2026, 10, 1, 13, 14, 29)]);
    assert.deepEqual(at(['1,Q,31-Oct-26 10:00:00,5', '2,Q,01-Nov-26 10:00:00,5']), [Date.UTC(2026, 9, 31, 10), Date.UTC(2026, 10, 1, 10)]);
  });
  it('a date format left to "auto" reads year-first dates and months by name without asking the day/month order', () => {
    const m = (spec: object) => validateMapping({ preset: 'custom', fields: { id: 'id', queue: 'queue', arrived: { column: 'arrived', format: 'datetime', dateFormat: 'auto', ...spec }, wait: 'wait', outcome: 'outcome' } });
    const iso = analyzeText(['id,queue,arrived,wait,outcome', '1,Q,2026/03/02 09:00:00,5,abandoned', '2,Q,2026/03/03 09:00:00,5,abandoned'].join('\n'), { mapping: m({}), inputTimeZone: 'UTC' });
    assert.equal(iso.validation.rowsAccepted, 2);
    assert.equal(iso.parts.firstArrival, Date.UTC(2026, 2, 2, 9));
    const named = analyzeText(['id,queue,arrived,wait,outcome', '1,Q,"Oct 31, 2026 9:00 AM",5,abandoned', '2,Q,31 Oct 2026 10:00:00,5,abandoned'].join('\n'), { mapping: m({}), inputTimeZone: 'UTC' });
    assert.equal(named.validation.rowsAccepted, 2, JSON.stringify(named.validation.rejections));
    assert.deepEqual([named.parts.firstArrival, named.parts.lastArrival], [Date.UTC(2026, 9, 31, 9), Date.UTC(2026, 9, 31, 10)]);
  });
  it('exports nobody here wrote, in five languages and as many namings, each read whole with no mapping file', () => {
    // Each file: one call answered after 12 s (talk 168 s), one abandoned after 40 s. By hand: offered 2,
    // answered 1, SL 80/20 = 1 / 2, ASA 12 s, abandon rate 1 / 2, AHT 168 s where the file has a talk time.
    const files: [string, string[]][] = [
      ['plain words', ['Call ID,Caller Number,Queue Name,Call Start,Answered At,Call End,Wait Seconds,Talk Seconds,Disposition', '1,555,Sales,2026-03-02 09:00:00,2026-03-02 09:00:12,2026-03-02 09:03:00,12,168,Answered', '2,556,Sales,2026-03-02 09:01:00,,2026-03-02 09:01:40,40,,Abandoned']],
      ['terse names with units', ['ticket,line,start,pickup,hangup,queue_secs,handle_secs,result', 'T1,Help,2026-03-02T09:00:00Z,2026-03-02T09:00:12Z,2026-03-02T09:03:00Z,12,168,ok', 'T2,Help,2026-03-02T09:01:00Z,,2026-03-02T09:01:40Z,40,,hangup']],
      ['Spanish', ['CallId;Fecha;Hora;Cola;Espera (s);Conversación (s);Resultado', '1;02/03/2026;09:00:00;Ventas;12;168;Atendida', '2;13/03/2026;09:01:00;Ventas;40;;Abandonada']],
      ['German', ['Anruf-ID;Datum;Uhrzeit;Warteschlange;Wartezeit;Gesprächsdauer;Status', '1;02.03.2026;09:00:00;Vertrieb;12;168;angenommen', '2;02.03.2026;09:01:00;Vertrieb;40;;abgebrochen']],
      ['French', ['ID appel;Date;Heure;File;Attente (s);Durée conversation;Statut', '1;02/03/2026;09:00:00;Ventes;12;168;répondu', '2;13/03/2026;09:01:00;Ventes;40;;abandonné']],
      ['camelCase', ['callId,queueName,enqueuedAt,answeredAt,endedAt,holdSeconds,wrapSeconds,talkSeconds', 'c1,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:12Z,2026-03-02T09:03:00Z,0,0,168', 'c2,Q,2026-03-02T09:01:00Z,,2026-03-02T09:01:40Z,,,']],
      ['flags and a "time" of date-times', ['call,queue,time,answered,abandoned,wait,talk', '1,Q,2026-03-02T09:00:00Z,Y,N,12,168', '2,Q,2026-03-02T09:01:00Z,N,Y,40,']],
    ];
    for (const [what, lines] of files) {
      const a = analyzeText(lines.join('\n'), { inputTimeZone: 'UTC' });
      assert.equal(a.validation.rowsRejected, 0, `${what}: ${JSON.stringify(a.validation.rejections)}`);
      const t = query(a.parts, defaultDefinitions('UTC')).totals;
      assert.deepEqual([t.offered, t.answered, t.abandoned, t.asa, t.aht], [2, 1, 1, 12, 168], what);
      assert.close(t.serviceLevel, 0.5);
    }
  });

  it('outcome words the kit does not know, with nothing else to tell the outcome: rejected by name and said, never guessed', () => {
    const a = analyzeText(['llamada,cola,inicio,espera,estado', '1,Q,2026-03-02T09:00:00Z,12,OK', '2,Q,2026-03-02T09:01:00Z,40,KO', '3,Q,2026-03-02T09:02:00Z,8,atendida'].join('\n'));
    assert.equal(a.validation.rowsAccepted, 1, 'the row with a known word');
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.value, r.code]), [[2, 'OK', 'unknownValue'], [3, 'KO', 'unknownValue']]);
    assert.match((a.mapping.notes ?? []).map(noteText).join(' '), /"estado" are mostly not outcome words the kit knows \(OK, KO\)/);
  });

  it('a wait alone, in a file with no answer time and no outcome, is no abandon: the row says it has no outcome', () => {
    const a = analyzeText(['id,queue,arrived,wait', '1,Q,2026-03-02T09:00:00Z,12'].join('\n'));
    assert.equal(a.validation.rowsRejected, 1);
    assert.equal(a.validation.rejections[0].code, 'noOutcome');
  });
  it('each field says how it was found and how sure: by name, by the words of a name, by values alone, by a layout', () => {
    const a = analyzeText(['ticket,line,start,pickup,hangup,queue_secs,result', 'T1,Help,2026-03-02T09:00:00Z,2026-03-02T09:00:12Z,2026-03-02T09:03:00Z,12,answered'].join('\n'));
    const by = Object.fromEntries((a.mapping.detected ?? []).map((d) => [d.field, `${d.by} ${d.confidence}`]));
    assert.equal(by.arrived, 'name high');
    assert.equal(by.wait, 'words medium', 'queue_secs: "queue" and a unit');
    const v = analyzeText(['ref,desk,stamp,outcome,wait', 'r1,North,2026-03-02T09:00:00Z,answered,12'].join('\n'));
    const arrived = (v.mapping.detected ?? []).find((d) => d.field === 'arrived');
    assert.deepEqual(arrived, { field: 'arrived', column: 'stamp', by: 'values', confidence: 'low' });
    assert.match((v.mapping.notes ?? []).map(noteText).join(' '), /"stamp" is taken for it/);
    assert.ok(validateMapping(JSON.parse(JSON.stringify(v.mapping))), 'a mapping echoed with what detection said is a valid mapping file');
  });
  it('blocks from further into the file tell the day/month order before any row is held, and join the samples', async () => {
    const rows = ['id,queue,Date,Time,wait,outcome'];
    for (let i = 0; i < 20_000; i++) rows.push(`r${i},Q,${i < 19_000 ? `0${1 + (i % 9)}` : '25'}/02/2026,09:00:00,5,abandoned`);
    const bytes = new TextEncoder().encode(rows.join('\n') + '\n');
    const blocks = await sampleBlocks(bytes.length, async (o, n) => bytes.subarray(o, o + n));
    assert.equal(blocks.length, 8);
    const ingest = new ContactIngest({ inputTimeZone: 'UTC', sampleBlocks: blocks, onContact: () => undefined });
    ingest.push(bytes.subarray(0, 70_000));
    assert.ok(ingest.decided, 'decided from the head and the blocks, with no row held for a date past the 12th');
    ingest.push(bytes.subarray(70_000));
    const r = ingest.end();
    assert.equal(r.mapping.dayMonthOrder, 'dmy');
    assert.equal(r.validation.rowsAccepted, 20_000);
    assert.match((r.mapping.notes ?? []).map(noteText).join(' '), /Day\/month order dmy detected from "25\/02\/2026" in "Date", further into the file/);
  });
});
