import { assert, inWords } from '../../helpers/assert.js';
import { noteText } from '../../../src/engine/ingest/notes.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
import { ContactIngest } from '../../../src/engine/ingest/index.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

const totals = (a: ReturnType<typeof analyzeText>, tz = 'UTC') => query(a.parts, defaultDefinitions(tz)).totals;

describe('presets detected from the header', () => {
  it('Amazon Connect CTR flattened to CSV: answer time wins over DisconnectReason; no enqueue = never queued', () => {
    const csv = [
      'ContactId,Channel,InitiationMethod,InitiationTimestamp,Queue.Name,Queue.EnqueueTimestamp,Queue.DequeueTimestamp,Queue.Duration,Agent.Username,Agent.ConnectedToAgentTimestamp,Agent.AgentInteractionDuration,Agent.CustomerHoldDuration,Agent.AfterContactWorkDuration,DisconnectReason,DisconnectTimestamp,CustomerEndpoint.Address',
      'c-3,VOICE,INBOUND,2022-04-08T15:00:00Z,Sales,2022-04-08T15:00:10Z,2022-04-08T15:00:40Z,30,jo,2022-04-08T15:00:40Z,100,10,20,CUSTOMER_DISCONNECT,2022-04-08T15:02:50Z,+15550001',
      'c-1,VOICE,INBOUND,2022-04-08T15:01:00Z,Sales,2022-04-08T15:01:05.500Z,2022-04-08T15:01:17.500Z,12,,,,,,CUSTOMER_DISCONNECT,2022-04-08T15:01:17.500Z,+15550002',
      'c-2,VOICE,INBOUND,2022-04-08T15:02:00Z,Sales,2022-04-08T15:02:05Z,2022-04-08T15:12:05Z,600,,,,,,CONTACT_FLOW_DISCONNECT,2022-04-08T15:12:05Z,+15550003',
      'c-4,VOICE,INBOUND,2022-04-08T15:03:00Z,,,,,,,,,,CUSTOMER_DISCONNECT,2022-04-08T15:03:30Z,+15550004',
      'c-5,VOICE,OUTBOUND,2022-04-08T15:04:00Z,Sales,,,,jo,2022-04-08T15:04:10Z,60,0,0,AGENT_DISCONNECT,2022-04-08T15:05:10Z,+15550005',
    ].join('\n');
    const a = analyzeText(csv);
    assert.equal(a.mapping.preset, 'amazon-connect');
    assert.equal(a.validation.rowsAccepted, 5);
    assert.deepEqual(a.validation.countedApart.byReason, { 'never queued (no queue)': 1, 'outbound contact': 1 });
    const t = totals(a);
    assert.equal(t.answered, 1);
    assert.equal(t.abandoned, 1);
    assert.equal(t.flowout, 1);
    assert.close(t.asa, 30);
    assert.close(t.aht, 130);
  });

  it('Genesys Cloud Interactions export: BOM, every field quoted, CRLF, durations in ms, newest first', () => {
    const csv = '\ufeff' + [
      '"Full Export Completed","Media Type","Users - Interacted","Date","Direction","Queue","Conversation ID","Transferred","Abandoned","Non-ACD","Flow-Out Type","Total Queue","Total Talk","Total Hold","Total ACW"',
      '"YES","voice","","2024-03-05T14:09:00.000Z","inbound","Billing","g-4","NO","NO","YES","","","","",""',
      '"YES","voice","","2024-03-05T14:08:00.000Z","inbound","Billing","g-3","NO","NO","NO","ACD Flow-Out","300000","","",""',
      '"YES","voice","","2024-03-05T14:07:00.000Z","inbound","Billing","g-2","NO","YES","NO","","25000","","",""',
      '"YES","voice","Ann Lee","2024-03-05T14:05:00.000Z","inbound","Billing","g-1","YES","NO","NO","","15000","200000","10000","30000"',
    ].join('\r\n');
    const a = analyzeText(csv);
    assert.equal(a.mapping.preset, 'genesys-cloud');
    assert.equal(a.validation.rowsRead, 4);
    assert.deepEqual(a.validation.countedApart.byReason, { 'non-ACD conversation (never queued)': 1 });
    const t = totals(a);
    assert.equal(t.answered, 1);
    assert.equal(t.abandoned, 1);
    assert.equal(t.flowout, 1);
    assert.close(t.asa, 15);
    assert.close(t.aht, 240);
    assert.close(t.serviceLevel, 1 / 2);
  });

  it('Asterisk queue_log: lines folded per call; agent events counted apart; lines add up', () => {
    const log = [
      '1700000000|NONE|NONE|NONE|QUEUESTART|',
      '1700000100|1700000100.1|support|NONE|ENTERQUEUE||5551234|1',
      '1700000100|NONE|support|Local/101@agents|ADDMEMBER|',
      '1700000112|1700000100.1|support|Local/101@agents|CONNECT|12|1700000112.2|3',
      '1700000200|1700000200.5|support|NONE|ENTERQUEUE||5559999|1',
      '1700000300|1700000100.1|support|Local/101@agents|COMPLETECALLER|12|188|1',
      '1700000240|1700000200.5|support|NONE|ABANDON|1|1|40',
      '1700000400|1700000400.7|support|NONE|ENTERQUEUE||5550000|1',
      '1700000430|1700000400.7|support|NONE|EXITWITHTIMEOUT|1|1|30',
      '1700000500|1700000500.9|support|NONE|ENTERQUEUE||5550001|1',
    ].join('\n');
    const a = analyzeText(log);
    assert.equal(a.mapping.preset, 'asterisk-queue-log');
    const v = a.validation;
    assert.equal(v.rowsRead, 10);
    assert.equal(v.rowsAccepted + v.rowsRejected, 10);
    assert.equal(v.contacts, 3);
    assert.equal(v.countedApart.total, 2);
    assert.deepEqual(inWords(v.rejections), [{ line: 10, column: '5', value: 'ENTERQUEUE', reason: 'no outcome: the call has no end in the file' }]);
    const t = totals(a);
    assert.equal(t.answered, 1);
    assert.equal(t.abandoned, 1);
    assert.equal(t.flowout, 1);
    assert.close(t.asa, 12);
    assert.close(t.aht, 188);
  });

  it('spreadsheet export with worded headers: Date + Time columns, h:mm:ss talk, day/month order from the data', () => {
    const csv = [
      'Call Id,Agent,Date,Time,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Satisfaction rating',
      'ID0001,Diane,01/02/2021,9:12:58,Y,Y,109,0:02:23,3',
      'ID0002,Becky,13/02/2021,10:00:00,Y,N,10,0:04:02,5',
      'ID0003,Stewart,14/02/2021,10:05:00,N,,,,',
    ].join('\n');
    const a = analyzeText(csv, { inputTimeZone: 'Europe/London' });
    assert.equal(a.mapping.preset, 'synonyms');
    assert.equal(a.mapping.dayMonthOrder, 'dmy');
    assert.ok(a.mapping.notes!.some((n) => /No queue column/.test(noteText(n))));
    assert.ok(a.mapping.notes!.some((n) => /hold or wrap/.test(noteText(n))));
    assert.equal(a.validation.rowsAccepted, 3);
    const r = query(a.parts, defaultDefinitions('Europe/London'), { by: ['day'] });
    assert.deepEqual(r.groups.map((g) => g.key), ['2021-02-01', '2021-02-13', '2021-02-14']);
    assert.close(r.totals.asa, (109 + 10) / 2);
    assert.close(r.totals.aht, (143 + 242) / 2);
    assert.equal(r.totals.abandoned, 1, 'an abandon of unknown wait is abandoned, not short');
  });

  it('fails with a message when day/month order cannot be decided', () => {
    const csv = ['Call Id,Date,Time,Answered (Y/N),Speed of answer in seconds', '1,01/02/2021,9:00:00,Y,5', '2,03/04/2021,9:00:00,Y,5'].join('\n');
    assert.throws(() => analyzeText(csv, { inputTimeZone: 'UTC' }), /cannot tell the day\/month order of "Date".*dayMonthOrder/);
  });

  it('a header nothing maps is an error, not an empty report', () => {
    assert.throws(() => analyzeText('foo,bar\n1,2\n'), /the header does not map to contacts: no column name is one the kit knows/);
    assert.throws(() => analyzeText('queue_name,handled\nQ,Y\n'), /found queue, answeredFlag, but no arrival time/);
  });
});

describe('mapping files', () => {
  it('joins id columns, splits date and time, reads null markers, value maps and two-digit years', () => {
    const mapping = validateMapping({
      delimiter: '\t',
      neverQueued: 'counted-apart',
      countedApart: [{ column: 'outcome', values: ['PHANTOM'], reason: 'ghost record' }],
      fields: {
        id: { columns: ['line', 'call'], join: '-' },
        queue: 'type',
        arrived: { date: 'date', time: 'q_start', dateFormat: 'yymmdd', null: ['0:00:00'] },
        answered: { date: 'date', time: 'ser_start', dateFormat: 'yymmdd', null: ['0:00:00'] },
        wait: 'q_time',
        outcome: { column: 'outcome', values: { AGENT: 'answered', HANG: 'abandoned' } },
        agent: { column: 'server', null: ['NO_SERVER'] },
      },
    });
    const tsv = [
      'line\tcall\ttype\tdate\tq_start\tq_time\toutcome\tser_start\tserver',
      'A\t1\tPS\t990201\t8:09:22\t5\tHANG\t0:00:00\tNO_SERVER',
      'A\t2\tPS\t990201\t0:00:00\t0\tAGENT\t8:10:00\tDORIT',
      'A\t3\tPS\t990201\t0:00:00\t0\tHANG\t0:00:00\tNO_SERVER',
      'A\t4\tPS\t990201\t8:11:00\t30\tAGENT\t8:11:29\tTOVA',
      'A\t5\tPS\t990201\t8:12:00\t0\tPHANTOM\t0:00:00\tNO_SERVER',
      'A\t1\tPS\t990201\t8:13:00\t3\tHANG\t0:00:00\tNO_SERVER',
      'A\t6\tPS\t990231\t8:13:00\t3\tHANG\t0:00:00\tNO_SERVER',
      'A\t7\tPS\t990201\t8:13:00\t-3\tHANG\t0:00:00\tNO_SERVER',
      'A\t8\tPS\t990201\t8:13:00\t3\tBUSY\t0:00:00\tNO_SERVER',
    ].join('\n');
    const a = analyzeText(tsv, { mapping, inputTimeZone: 'Asia/Jerusalem' });
    const v = a.validation;
    assert.equal(v.rowsRead, 9);
    assert.deepEqual(v.countedApart.byReason, { 'never queued': 1, 'ghost record': 1 });
    assert.deepEqual(inWords(v.rejections), [
      { line: 7, column: 'line', value: 'A-1', reason: 'duplicate id' },
      { line: 8, column: 'date', value: '990231', reason: 'unparseable time' },
      { line: 9, column: 'q_time', value: '-3', reason: 'negative duration' },
      { line: 10, column: 'outcome', value: 'BUSY', reason: 'unknown outcome value' },
    ]);
    const t = query(a.parts, defaultDefinitions('Asia/Jerusalem'), { by: ['day'] });
    assert.equal(t.groups[0].key, '1999-02-01');
    assert.equal(t.totals.answered, 2);
    assert.equal(t.totals.shortAbandoned, 1);
    assert.close(t.totals.asa, 15, 1e-12, 'the served-at-once call waited 0 s, the other 30 s (the wait column wins over ser_start)');
  });

  it('an invalid mapping names the bad field', () => {
    assert.throws(() => validateMapping({ fields: { queue: 'q', arrived: { column: 'a', unit: 'hours' } } }), /fields\.arrived\.unit/);
    assert.throws(() => validateMapping({ fields: { queue: 'q', arival: 'a' } }), /"fields\.arival" is no contact field/);
    assert.throws(() => validateMapping({ fields: { arrived: 'a' } }), /must map "queue"/);
  });

  it('a mapped column missing from the file fails the whole file with its name', () => {
    const mapping = validateMapping({ fields: { queue: 'Queue', arrived: 'Start' } });
    assert.throws(() => analyzeText('Queue,Begin\nQ,2026-01-01T00:00:00Z', { mapping }), /column "Start" \(for arrived\) is not in the file's header/);
  });

  it('epoch seconds, decimal commas and semicolons', () => {
    const mapping = validateMapping({ fields: { id: 'id', queue: 'q', arrived: { column: 't', format: 'epoch-s' }, wait: { column: 'w', decimalComma: true }, outcome: 'o' } });
    const a = analyzeText('id;q;t;w;o\n1;Q;1700000000;12,5;answered\n2;Q;1700000000;30,0;answered', { mapping });
    assert.close(totals(a).asa, 21.25);
    assert.close(totals(a).serviceLevel, 1 / 2);
  });
});

describe('what is wrong in a row is said, never guessed', () => {
  const H = 'id,queue,arrived,answered,ended,outcome,talk';
  it('outcome names in any case are read; anything else is rejected', () => {
    const a = analyzeText([H, '1,Q,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,,Answered,60', '2,Q,2026-01-01T10:00:00Z,,2026-01-01T10:01:00Z,ABANDONED,', '3,Q,2026-01-01T10:00:00Z,,2026-01-01T10:01:00Z,foo,'].join('\n'));
    assert.deepEqual(inWords(a.validation.rejections), [{ line: 4, column: 'outcome', value: 'foo', reason: 'unknown outcome value' }]);
    const t = totals(a);
    assert.equal(t.answered, 1);
    assert.equal(t.abandoned, 1);
  });
  it('quote errors are reported in the first rows too (where the header is still being matched)', () => {
    const a = analyzeText([H, '1,Q"x,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,,answered,60', '2,"Q"y,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,,answered,60', '3,"Q,2026-01-01T10:00:00Z', '4,Q,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,,answered,60'].join('\n'));
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.reason]), [
      [2, 'quote inside an unquoted field'], [3, 'text after a closing quote'], [4, 'unclosed quote: the field runs to the end of the file (lines 4–5)'],
    ]);
    assert.equal(a.validation.rowsRead, 3);
  });
  it('empty rows, a missing queue and a missing arrival are rejected in the kit format (not counted apart)', () => {
    const a = analyzeText([H, ',,,,,,', '1,,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,,answered,60', '2,Q,,,2026-01-01T10:01:00Z,abandoned,', '3,Q,,2026-01-01T10:00:05Z,,answered,60'].join('\n'));
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.column, r.reason]), [[2, null, 'empty row'], [3, 'queue', 'missing queue'], [4, 'arrived', 'missing arrival time']]);
    assert.equal(a.validation.countedApart.total, 0);
    assert.equal(a.validation.answeredWithoutQueueing, 1, 'reached an agent without queueing: answered with wait 0');
  });
  it('times out of 1970–2099, durations over 30 days and clock fields over 59 are rejected', () => {
    const m = validateMapping({ fields: { id: 'id', queue: 'q', arrived: { column: 't', format: 'epoch-s' }, wait: 'w', talk: { column: 'talk', unit: 'h:mm:ss' }, outcome: 'o' } });
    const a = analyzeText(['id,q,t,w,talk,o', '1,Q,1700000000000,5,0:01:00,answered', '2,Q,1700000000,100000000,0:01:00,answered', '3,Q,1700000000,5,0:61:00,answered', '4,Q,1700000000,5,1:02:03,answered'].join('\n'), { mapping: m });
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.column, r.reason]), [
      [2, 't', 'time out of range (before 1970 or after 2099: a wrong format or unit?)'],
      [3, 'w', 'implausible duration (over 30 days: a wrong unit?)'],
      [4, 'talk', 'unparseable duration'],
    ]);
    assert.close(totals(a).aht, 3723);
  });
});

describe('extending presets, and files that are no CSV', () => {
  const genesys = [
    '"Conversation ID","Date","Queue","Abandoned","Total Queue","Total Talk"',
    '"g-1","03/04/2024 10:00","Billing","NO","5000","60000"',
    '"g-2","03/04/2024 10:05","Billing","YES","25000",""',
  ].join('\r\n');
  it('a mapping file may name a preset and change only the day/month order', () => {
    assert.throws(() => analyzeText(genesys, { inputTimeZone: 'UTC' }), /cannot tell the day\/month order/);
    const a = analyzeText(genesys, { inputTimeZone: 'UTC', mapping: validateMapping({ preset: 'genesys-cloud', dayMonthOrder: 'mdy' }) });
    assert.equal(a.mapping.preset, 'genesys-cloud');
    assert.equal(query(a.parts, defaultDefinitions('UTC'), { by: ['day'] }).groups[0].key, '2024-03-04');
    const b = analyzeText(genesys, { inputTimeZone: 'UTC', dayMonthOrder: 'dmy' });
    assert.equal(query(b.parts, defaultDefinitions('UTC'), { by: ['day'] }).groups[0].key, '2024-04-03');
  });
  it('a preset named for a file that does not fit it says so', () => {
    assert.throws(() => analyzeText('id,queue,arrived\n1,Q,2026-01-01T00:00:00Z', { mapping: validateMapping({ preset: 'amazon-connect' }) }), /does not look like a amazon-connect export/);
  });
  it('the mapping reported for a queue_log can be given back', () => {
    const log = '1700000100|1.1|q|NONE|ENTERQUEUE||555|1\n1700000110|1.1|q|a|CONNECT|10|x|1\n1700000200|1.1|q|a|COMPLETEAGENT|10|90|1\n';
    const first = analyzeText(log);
    const again = analyzeText(log, { mapping: validateMapping(JSON.parse(JSON.stringify(first.mapping))) });
    assert.deepEqual(again.validation, first.validation);
  });
  it('decimal commas are found in a semicolon export with worded headers', () => {
    const a = analyzeText('Call Id;Queue;Start Time;Wait Time;Talk Time;Answered\n1;Q;2026-01-01T10:00:00Z;12,5;100,5;Y\n2;Q;2026-01-01T10:01:00Z;30,0;60,0;Y', { inputTimeZone: 'UTC' });
    assert.equal(a.validation.rowsAccepted, 2);
    assert.close(totals(a).asa, 21.25);
  });
  it('gzip, ZIP workbooks, UTF-16 and binary files are refused in one sentence', () => {
    const bytes = (...b: number[]) => new Uint8Array([...b, 0x61, 0x2c, 0x62, 0x0a]);
    const run = (b: Uint8Array) => () => {
      const ingest = new ContactIngest({ onContact: () => {} });
      ingest.push(b);
      ingest.end();
    };
    assert.throws(run(bytes(0x1f, 0x8b)), /gzip-compressed/);
    assert.throws(run(bytes(0x50, 0x4b, 0x03, 0x04)), /ZIP archive/);
    assert.throws(run(bytes(0xff, 0xfe)), /UTF-16/);
    assert.throws(run(bytes(0x61, 0x00)), /binary/);
  });
});

describe('Asterisk queue_log agent events', () => {
  it('become agent states: login, a call, a paused lunch, logout', async () => {
    const { EfficiencyParts } = await import('../../../src/engine/efficiency.js');
    const log = [
      '1700000000|NONE|support|Local/101@agents|ADDMEMBER|',
      '1700000100|1.1|support|NONE|ENTERQUEUE||5551234|1',
      '1700000112|1.1|support|Local/101@agents|CONNECT|12|x|3',
      '1700000300|1.1|support|Local/101@agents|COMPLETEAGENT|12|188|1',
      '1700000400|NONE|support|Local/101@agents|PAUSE|Lunch',
      '1700000700|NONE|support|Local/101@agents|UNPAUSE|',
      '1700001000|NONE|support|Local/101@agents|REMOVEMEMBER|',
    ].join('\n');
    const states: import('../../../src/engine/types.js').AgentState[] = [];
    const a = analyzeText(log, { onAgentState: (s) => states.push(s) });
    assert.equal(a.validation.contacts, 1);
    assert.deepEqual(states.map((s) => [s.state, s.category, (s.start / 1000) - 1700000000]), [
      ['Available', 'available', 0], ['Talk', 'handling', 112], ['Available', 'available', 300], ['Lunch', 'unproductive', 400], ['Available', 'available', 700], ['Logged Out', 'logged-out', 1000],
    ]);
    const eff = new EfficiencyParts();
    eff.add(states);
    const t = eff.summarize().totals;
    assert.close(t.occupancy, 188 / (188 + 112 + 100 + 300));
  });
});
