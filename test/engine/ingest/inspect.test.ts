import { assert } from '../../helpers/assert.js';
import { noteText } from '../../../src/engine/ingest/notes.js';
import { errorText } from '../../../src/engine/ingest/errors.js';
import { inspectHead } from '../../../src/engine/ingest/inspect.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
import { ContactIngest } from '../../../src/engine/ingest/index.js';

/** The first look the CSV drop shows before a file is read: header, sample rows, the detected mapping or what is missing. */
describe('inspectHead: a first look at a file, as data', () => {
  it('the kit\'s own header: sla-widgets preset, the columns mapped by name, the first rows as samples', () => {
    const csv = [
      'id,queue,channel,arrived,answered,ended,outcome,wait,talk',
      'a1,Sales,voice,2026-03-02T10:00:00Z,2026-03-02T10:00:12Z,2026-03-02T10:03:00Z,answered,12,168',
      'a2,Sales,voice,2026-03-02T10:01:00Z,,2026-03-02T10:01:40Z,abandoned,40,',
      'a3,Help,chat,2026-03-02T10:02:00Z,2026-03-02T10:02:05Z,2026-03-02T10:04:00Z,answered,5,115',
      '',
    ].join('\n');
    const h = inspectHead(csv);
    assert.equal(h.delimiter, ',');
    assert.deepEqual(h.header, ['id', 'queue', 'channel', 'arrived', 'answered', 'ended', 'outcome', 'wait', 'talk']);
    assert.equal(h.samples.length, 3);
    assert.equal(h.samples[1][0], 'a2');
    assert.equal(h.problem, null);
    assert.equal(h.mapping!.preset, 'sla-widgets');
    assert.deepEqual(h.mapping!.fields, {
      id: 'id', queue: 'queue', channel: 'channel', arrived: 'arrived', answered: 'answered', ended: 'ended',
      outcome: { column: 'outcome' }, wait: 'wait', talk: 'talk',
    });
    // What the drop shows is a mapping the engine accepts as it is.
    validateMapping(structuredClone(h.mapping));
  });

  it('keeps at most `rows` sample rows', () => {
    const csv = ['id,queue,arrived', ...Array.from({ length: 20 }, (_, i) => `c${i},Q,2026-03-02T10:00:${String(i).padStart(2, '0')}Z`), ''].join('\n');
    assert.equal(inspectHead(csv).samples.length, 5);
    assert.equal(inspectHead(csv, 8).samples.length, 8);
  });

  it('Genesys Cloud Interactions export (BOM, every field quoted, CRLF): genesys-cloud preset, durations in ms', () => {
    const csv = '\ufeff' + [
      '"Full Export Completed","Partial Result Timestamp","Filters","Media Type","Users - Interacted","Date","Direction","Queue","Wrap-up","Conversation ID","Transferred","Abandoned","Non-ACD","First Queue","Disconnect Type","Flow-Out Type","Total Queue","Total Alert","Total Talk","Total Hold","Total ACW","Total Handle","Transfers"',
      '"YES","","","voice","Ann Lee","2024-03-05T14:05:00.000Z","inbound","Billing","Resolved","g-1","YES","NO","NO","Billing","peer","","15000","3000","200000","10000","30000","240000","1"',
      '"YES","","","voice","","2024-03-05T14:07:00.000Z","inbound","Billing","","g-2","NO","YES","NO","Billing","customer","","25000","","","","","","0"',
      '',
    ].join('\r\n');
    const h = inspectHead(new TextEncoder().encode(csv));
    assert.equal(h.header[0], 'Full Export Completed', 'the BOM is not part of the first name');
    assert.equal(h.header.length, 23);
    assert.equal(h.samples.length, 2);
    assert.equal(h.mapping!.preset, 'genesys-cloud');
    assert.equal(h.mapping!.fields.id, 'Conversation ID');
    assert.equal(h.mapping!.fields.queue, 'Queue');
    assert.deepEqual(h.mapping!.fields.wait, { column: 'Total Queue', unit: 'ms' });
    assert.deepEqual(h.mapping!.fields.talk, { column: 'Total Talk', unit: 'ms' });
    assert.equal(h.mapping!.neverQueued, 'counted-apart');
    assert.equal(h.problem, null);
  });

  it('Amazon Connect contact records flattened to CSV: amazon-connect preset, answer time first', () => {
    const csv = [
      'ContactId,Channel,InitiationMethod,InitiationTimestamp,Queue.Name,Queue.EnqueueTimestamp,Queue.DequeueTimestamp,Queue.Duration,Agent.Username,Agent.ConnectedToAgentTimestamp,Agent.AgentInteractionDuration,DisconnectReason,DisconnectTimestamp',
      'c-1,VOICE,INBOUND,2022-04-08T15:00:49Z,Sales,2022-04-08T15:01:00Z,2022-04-08T15:01:30Z,30,jo,2022-04-08T15:01:30Z,100,CUSTOMER_DISCONNECT,2022-04-08T15:03:10Z',
      '',
    ].join('\n');
    const h = inspectHead(csv);
    assert.equal(h.mapping!.preset, 'amazon-connect');
    assert.equal(h.mapping!.fields.arrived, 'Queue.EnqueueTimestamp');
    assert.equal(h.mapping!.fields.answered, 'Agent.ConnectedToAgentTimestamp');
    assert.equal(h.mapping!.outcomeRule, 'answer-time-first');
    assert.deepEqual(h.mapping!.countedApart, [{ column: 'InitiationMethod', values: ['OUTBOUND', 'API'], reason: 'outbound contact' }]);
  });

  it('a semicolon-separated interval-style export with worded headers and decimal commas', () => {
    const csv = [
      'Call Id;Queue;Date;Time;Speed of answer in seconds;Talk Duration',
      'k1;Sales;05/03/2024;09:00:12;12,5;0:02:10',
      'k2;Sales;05/03/2024;09:01:40;3,0;0:01:00',
      '',
    ].join('\n');
    const h = inspectHead(csv);
    assert.equal(h.delimiter, ';');
    assert.deepEqual(h.header, ['Call Id', 'Queue', 'Date', 'Time', 'Speed of answer in seconds', 'Talk Duration']);
    assert.deepEqual(h.samples[0], ['k1', 'Sales', '05/03/2024', '09:00:12', '12,5', '0:02:10']);
    assert.equal(h.mapping!.preset, 'synonyms');
    assert.deepEqual(h.mapping!.fields.arrived, { date: 'Date', time: 'Time', dateFormat: 'auto' });
    assert.deepEqual(h.mapping!.fields.wait, { column: 'Speed of answer in seconds', decimalComma: true });
    assert.deepEqual(h.mapping!.fields.talk, { column: 'Talk Duration', unit: 'h:mm:ss' });
  });

  it('a header the kit does not know: no mapping, and a problem that says what is missing', () => {
    const h = inspectHead('foo,bar,baz\n1,2,3\n');
    assert.equal(h.mapping, null);
    assert.deepEqual(h.header, ['foo', 'bar', 'baz']);
    assert.equal(noteText(h.problem!), 'no column name is one the kit knows');
    const partial = inspectHead('Agent,Queue,Talk Time\nann,Sales,120\n');
    assert.equal(partial.mapping, null);
    assert.match(noteText(partial.problem!), /^found queue, agent, talk, but no arrival time/);
  });

  it('empty input: no header, no mapping, "the file is empty"', () => {
    for (const empty of ['', new Uint8Array(0), '\n\n']) {
      const h = inspectHead(empty);
      assert.deepEqual(h.header, []);
      assert.deepEqual(h.samples, []);
      assert.equal(h.mapping, null);
      assert.equal(noteText(h.problem!), 'the file is empty');
    }
  });

  it('a truncated last line (the 64 KB head ends mid-record) is ignored, not shown as a sample', () => {
    const full = 'id,queue,arrived\nc1,Sales,2026-03-02T10:00:00Z\nc2,Sales,2026-03-02T10:00:05Z\n';
    const h = inspectHead(full + 'c3,Sa');
    assert.equal(h.samples.length, 2);
    assert.deepEqual(h.samples.map((r) => r[0]), ['c1', 'c2']);
  });

  it('an Asterisk queue_log: no header, the queue_log preset, the lines as samples', () => {
    const h = inspectHead('1700000000|NONE|NONE|NONE|QUEUESTART|\n1700000100|1700000100.1|support|NONE|ENTERQUEUE||5551234|1\n');
    assert.equal(h.mapping!.preset, 'asterisk-queue-log');
    assert.equal(h.mapping!.format, 'queue_log');
    assert.deepEqual(h.header, []);
    assert.equal(h.samples.length, 2);
  });

  it('input that is no CSV text is refused with one sentence saying what to do', () => {
    // Said as data (it crosses the worker boundary whole); the English words are the engine's.
    const said = (bytes: number[]) => errorText(inspectHead(new Uint8Array(bytes)).unreadable!);
    assert.match(said([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0x0a]), /gzip-compressed: unpack it first/);
    assert.match(said([0x50, 0x4b, 3, 4, 0x0a, 0x0a]), /ZIP archive \(an \.xlsx workbook\?\)/);
    assert.match(said([0xff, 0xfe, 0x69, 0, 0x64, 0, 0x0a, 0]), /UTF-16/);
    assert.equal(inspectHead(new Uint8Array([0x1f, 0x8b, 8, 0, 0x0a])).mapping, null);
  });

  it('the detected mapping, given back unchanged, reads the file as detection would', () => {
    const csv = 'id,queue,arrived,answered,outcome\na,Q,2026-03-02T10:00:00Z,2026-03-02T10:00:10Z,answered\nb,Q,2026-03-02T10:01:00Z,,abandoned\n';
    const h = inspectHead(csv);
    const run = (mapping?: ReturnType<typeof validateMapping>) => {
      const ing = new ContactIngest({ mapping, onContact: () => undefined });
      ing.push(csv);
      return ing.end();
    };
    const auto = run();
    const given = run(validateMapping(structuredClone(h.mapping)));
    assert.deepEqual(given.validation, auto.validation);
    assert.deepEqual(given.mapping.fields, auto.mapping.fields);
  });
});

describe('inspectHead: a head cut inside a quoted field', () => {
  it('leaves out the half record instead of showing it as a sample', () => {
    const head = 'id,queue,arrived,answered,outcome,note\nC1,Sales,2026-03-02T10:00:00Z,2026-03-02T10:00:05Z,answered,ok\nC2,Sales,2026-03-02T10:01:00Z,,abandoned,"a note that\nspans lines and was cut';
    const r = inspectHead(head);
    assert.equal(r.samples.length, 1);
    assert.equal(r.samples[0][0], 'C1');
  });
  it('an interval report dropped where contacts are read is named for what it is, not "no column the kit knows"', () => {
    const r = inspectHead('Incoming Calls;Answered Calls;Abandoned Calls;Answer Speed (AVG);Service Level (20 Seconds)\n120;110;10;00:00:15;85,5%\n');
    assert.equal(r.mapping, null);
    assert.equal(r.problem?.code, 'intervalReport');
    assert.match(noteText(r.problem!), /interval report/);
  });
  it('a header-less Asterisk Master.csv is read by position', () => {
    const line = '"","5551234","400","from-queue","""Al"" <5551234>","PJSIP/trunk-1","PJSIP/ana-1","Queue","400,t","2026-03-07 09:00:00","2026-03-07 09:00:12","2026-03-07 09:05:00",300,288,"ANSWERED","DOCUMENTATION","1772895600.1",""\n';
    const r = inspectHead(line + line);
    assert.equal(r.mapping?.preset, 'asterisk-cdr');
    assert.equal(r.mapping?.header, false);
  });
});
