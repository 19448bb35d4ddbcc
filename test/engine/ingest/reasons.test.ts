import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { REASONS, reasonText, type ReasonCode } from '../../../src/engine/ingest/reasons.js';
import { NOTES, noteText } from '../../../src/engine/ingest/notes.js';

describe('rejection reasons cross as data: a code from one table and its values', () => {
  it('a file with many kinds of bad rows: every rejection carries a code of the table, and the coded counts add up', () => {
    const csv = [
      'id,queue,arrived,answered,ended,outcome,wait,csat',
      'a1,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,10,5',
      'a2,Sales,yesterday,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,10,5',
      'a3,Sales,2026-03-02T09:00:00Z,2026-03-02T08:59:00Z,2026-03-02T09:03:00Z,answered,10,5',
      'a4,,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,10,5',
      'a1,Sales,2026-03-02T09:05:00Z,2026-03-02T09:05:10Z,2026-03-02T09:08:00Z,answered,10,5',
      'a5,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,-4,5',
      'a6,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,10,9',
      'a7,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z',
      ',,,,,,,',
      'a8,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,maybe,10,5',
      'a9,Sales,2026-03-02T09:00:00Z,2026-03-02T09:00:10Z,2026-03-02T09:03:00Z,answered,10,"5"x',
    ].join('\n') + '\n';
    const v = analyzeText(csv).validation;
    assert.equal(v.rowsRead, v.rowsAccepted + v.rowsRejected);
    assert.ok(v.byCode.length >= 8, v.byCode.map((r) => r.code).join(' | '));
    assert.equal(v.byCode.reduce((t, r) => t + r.count, 0), v.rowsRejected);
    for (const r of v.byCode) {
      assert.ok(r.code in REASONS, r.code);
      assert.equal(v.byReason[reasonText(r)], r.count, 'the English tally says the same');
    }
    for (const r of v.rejections) assert.equal(r.reason, reasonText(r), `line ${r.line}: the English words are the code's`);
    const fieldCount = v.rejections.find((r) => r.code === 'fieldCount')!;
    assert.deepEqual(fieldCount.values, { count: 4, columns: 8 });
    const score = v.byCode.find((r) => r.code === 'scoreOutOfRange')!;
    assert.deepEqual(score.values, { field: 'csat', lo: 1, hi: 5 });
    const codes = v.byCode.map((r) => r.code as ReasonCode);
    assert.ok(codes.includes('duplicateId') && codes.includes('missingQueue') && codes.includes('negativeDuration'), codes.join());
  });
});

describe('mapping notes cross as data too', () => {
  it('the notes a worded spreadsheet export gets are codes with their values', () => {
    const csv = [
      'Call Id,Agent,Date,Time,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Satisfaction rating',
      'ID0001,Diane,01/02/2021,9:12:58,Y,Y,109,0:02:23,3',
      'ID0002,Becky,13/02/2021,10:00:00,Y,N,10,0:04:02,5',
    ].join('\n');
    const notes = analyzeText(csv, { inputTimeZone: 'Europe/London' }).mapping.notes!;
    assert.deepEqual(notes.map((n) => (typeof n === 'string' ? n : n.code)), ['noQueue', 'blankWaitAbandons', 'noHoldOrWrap', 'dayMonthDetected']);
    const day = notes[3];
    assert.ok(typeof day !== 'string');
    assert.deepEqual(typeof day !== 'string' && day.values, { order: 'dmy', value: '13/02/2021', line: 3 });
    assert.equal(noteText(day), 'Day/month order dmy detected from "13/02/2021" on line 3.');
    assert.equal(noteText('A note of the mapping file\'s own.'), 'A note of the mapping file\'s own.');
    assert.ok(Object.keys(NOTES).length >= 15);
  });
});
