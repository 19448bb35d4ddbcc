import { assert, inWords } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { ContactIngest } from '../../../src/engine/ingest/index.js';

/** Reads bytes as a file would arrive (no string step), into parts. */
function analyze1(bytes: Uint8Array) {
  const parts = new ContactParts({ slotMinutes: 15, dimensions: [], keepRepeats: false });
  const ingest = new ContactIngest({ onContact: (c) => parts.add(c) });
  ingest.push(bytes);
  return { ...ingest.end(), parts };
}
import { ContactParts, Dict } from '../../../src/engine/parts.js';
import { validateMapping } from '../../../src/engine/ingest/mapping.js';
import { noteText } from '../../../src/engine/ingest/notes.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

/** Limits per row, never per file (docs/mapping.md "Bounds"). */
describe('bounds: one value costs its row, never the file', () => {
  it('70,000 distinct queues, 40 channels and 30 tiers are read (the parts once stopped at 65,535 and 15)', () => {
    const rows = ['id,queue,channel,tier,arrived,wait,outcome'];
    for (let i = 0; i < 70_000; i++) rows.push(`c${i},Q${i},ch${i % 40},t${i % 30},2026-03-02T09:00:00Z,5,answered`);
    const a = analyzeText(rows.join('\n'), { dimensions: ['channel', 'tier'] });
    assert.equal(a.validation.rowsAccepted, 70_000);
    assert.equal(a.parts.queues.size, 70_000);
    assert.equal(query(a.parts, defaultDefinitions('UTC'), { by: ['channel'] }).groups.length, 40);
  });

  it('an id or a name past 1,024 characters rejects its row, with the field named', () => {
    const csv = ['id,queue,arrived,wait,outcome', `a,${'q'.repeat(2000)},2026-03-02T09:00:00Z,5,answered`, `${'i'.repeat(70_000)},Q,2026-03-02T09:00:00Z,5,answered`, 'b,Q,2026-03-02T09:00:00Z,5,answered'].join('\n');
    const a = analyzeText(csv);
    assert.equal(a.validation.rowsAccepted, 1);
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.column, r.reason]), [[2, 'queue', 'queue longer than 1024 characters'], [3, 'id', 'id longer than 1024 characters']]);
  });

  it('a dimension past what the parts hold rejects the row that brings one more value', () => {
    const parts = new ContactParts({ slotMinutes: 15, dimensions: ['channel'], keepRepeats: false });
    parts.channels = new Dict(3, 'channel'); // two values, for the test
    const csv = ['id,queue,channel,arrived,wait,outcome', ...['voice', 'chat', 'email', 'voice'].map((ch, i) => `c${i},Q,${ch},2026-03-02T09:00:00Z,5,answered`)].join('\n');
    const a = analyzeText(csv, { parts, dimensions: ['channel'] });
    assert.equal(a.validation.rowsRead, 4);
    assert.equal(a.validation.rowsAccepted, 3);
    assert.deepEqual(inWords(a.validation.rejections), [{ line: 4, column: null, value: null, reason: 'too many distinct channel values (at most 2)' }]);
  });

  it('a mapping file cannot overflow the stack or the reader: a 20,000-deep fallback and a 200 KB date format are refused with words', () => {
    let spec: object = { column: 'a' };
    for (let i = 0; i < 20_000; i++) spec = { column: 'a', fallback: spec };
    assert.throws(() => validateMapping({ preset: 'custom', fields: { queue: 'q', arrived: spec } }), /falls back more than 8 deep/);
    assert.throws(() => validateMapping({ preset: 'custom', fields: { queue: 'q', arrived: { column: 'a', format: 'datetime', dateFormat: 'y'.repeat(200_000) } } }), /dateFormat must be a date format/);
  });

  it('text as written: a quoted value keeps its spaces (" Sales" and "Sales" are two queues); two columns of one name are said', () => {
    const csv = ['id,queue,arrived,wait,outcome,queue', 'a," Sales",2026-03-02T09:00:00Z,5,answered,x', 'b,"Sales",2026-03-02T09:00:00Z,5,answered,y', 'c,  Sales  ,2026-03-02T09:00:00Z,5,answered,z'].join('\n');
    const a = analyzeText(csv);
    assert.equal(a.validation.rowsAccepted, 3);
    assert.deepEqual(a.parts.queues.values.slice(1).sort(), [' Sales', 'Sales'], 'the unquoted one is trimmed, the quoted ones kept as written');
    assert.match((a.mapping.notes ?? []).map(noteText).join(' '), /The header names "queue" twice \(columns 2 and 6\): column 2 is read\./);
  });

  it('text as written: Windows-1252 is told from UTF-8 and read right (said in a note); a broken UTF-8 sequence rejects its row, never U+FFFD', () => {
    const latin = Uint8Array.from([...'id,queue,arrived,wait,outcome\na,Caf'].map((c) => c.charCodeAt(0)).concat([0xe9], [...',2026-03-02T09:00:00Z,5,answered\n'].map((c) => c.charCodeAt(0))));
    const a = analyze1(latin);
    assert.deepEqual(a.parts.queues.values.slice(1), ['Café']);
    assert.match((a.mapping.notes ?? []).map(noteText).join(' '), /read as Windows-1252/);
    const enc = new TextEncoder();
    const utf = new Uint8Array([...enc.encode('id,queue,arrived,wait,outcome\na,Café,2026-03-02T09:00:00Z,5,answered\nb,Caf'), 0xe9, ...enc.encode(',2026-03-02T09:00:00Z,5,answered\n')]);
    const u = analyze1(utf);
    assert.deepEqual(u.parts.queues.values.slice(1), ['Café']);
    assert.deepEqual(u.validation.rejections.map((r) => [r.line, r.reason]), [[3, 'bytes that are not UTF-8 in field 2 (the file is UTF-8 elsewhere)']]);
    assert.ok(!u.parts.queues.values.some((q) => q.includes('\ufffd')));
  });

  it('a delimiter that changes half way is named with its line; a time in the repeated hour is counted and said', () => {
    const csv = ['id,queue,arrived,wait,outcome', 'a,Q,2026-11-01 01:30:00,5,answered', 'b;Q;2026-11-01 02:30:00;5;answered', 'c,Q,2026-11-01 03:30:00,5,answered'].join('\n');
    const a = analyzeText(csv, { inputTimeZone: 'America/New_York' });
    assert.deepEqual(a.validation.rejections.map((r) => [r.line, r.reason]), [[3, 'the line is split by ;, not by the delimiter of the file: the delimiter changes here']]);
    // 01:30 on 1 November 2026 in New York happened twice (EDT, then EST): read as the earlier, and counted.
    assert.equal(a.validation.ambiguousLocalTimes, 1);
    assert.equal(a.parts.firstArrival, Date.UTC(2026, 10, 1, 5, 30));
    assert.match((a.mapping.notes ?? []).map(noteText).join(' '), /Rows with a local time in the hour the clocks went back \(a time that happened twice\), each read as the earlier instant: 1\./);
  });
  it('a mapping raises the bounds for a file that needs them: a note of 150 lines, a record of 2 MiB', () => {
    // A quoted note spanning 150 lines, then a row with a 2 MiB note: both past the defaults (100 lines, 1 MiB).
    const note = Array.from({ length: 150 }, (_, i) => `line ${i + 1} of the note`).join('\n');
    const csv = ['id,queue,arrived,wait,outcome,note', `a,Q,2026-03-02T09:00:00Z,5,answered,"${note}"`, `b,Q,2026-03-02T09:01:00Z,5,answered,"${'n'.repeat(2 << 20)}"`, 'c,Q,2026-03-02T09:02:00Z,5,answered,short'].join('\n');
    const mapping = { preset: 'custom', fields: { id: 'id', queue: 'queue', arrived: 'arrived', wait: 'wait', outcome: 'outcome' } };
    const lines = csv.split('\n');
    const noteOnly = analyzeText(lines.slice(0, 151).join('\n'), { mapping: validateMapping(mapping) });
    assert.equal(noteOnly.validation.rejections[0].reason, 'quoted field runs past 100 lines from line 2: a stray quote? (reading goes on at the next line)');
    const bigOnly = analyzeText([lines[0], ...lines.slice(151)].join('\n'), { mapping: validateMapping(mapping) });
    assert.deepEqual(bigOnly.validation.rejections.map((r) => [r.line, r.reason]), [[2, 'record longer than 1048576 bytes (reading goes on at the next line)']]);
    assert.equal(bigOnly.validation.rowsAccepted, 1);
    const raised = analyzeText(csv, { mapping: validateMapping({ ...mapping, maxQuotedLines: 200, maxRecordBytes: 4 << 20 }) });
    assert.deepEqual([raised.validation.rowsRead, raised.validation.rowsAccepted, raised.validation.rowsRejected], [3, 3, 0]);
    // How far a mapping may raise them, said by the validator.
    assert.throws(() => validateMapping({ ...mapping, maxQuotedLines: 0 }), /"maxQuotedLines" must be a whole number from 1 to 1,000,000/);
    assert.throws(() => validateMapping({ ...mapping, maxRecordBytes: 1 << 30 }), /"maxRecordBytes" must be a whole number of bytes from 1024 to 268,435,456 \(256 MiB\)/);
  });
});
