import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { REASONS, reason, reasonOf, type ReasonCode } from '../../../src/engine/ingest/reasons.js';
import { NOTES, note, noteOf, type NoteCode } from '../../../src/engine/ingest/notes.js';

describe('rejection reasons: one table of English words, and their codes found again', () => {
  it('every reason\'s words give back its code and values', () => {
    for (const code of Object.keys(REASONS) as ReasonCode[]) {
      const values = { count: 7, columns: 6, from: 12, to: 40, field: 'csat', lo: 1, hi: 5 };
      const text = reason(code, values);
      assert.ok(!/\{\w+\}/.test(text), `${code}: every place filled`);
      const back = reasonOf(text);
      assert.equal(back?.code, code, text);
      for (const [k, v] of Object.entries(back!.values)) assert.equal(v, String(values[k as keyof typeof values]), `${code}.${k}`);
    }
    assert.equal(reasonOf('outbound contact'), null, 'a mapping\'s own words are not the engine\'s');
  });

  it('every reason a file with many kinds of bad rows gets is in the table', () => {
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
    const reasons = Object.keys(v.byReason);
    assert.ok(reasons.length >= 8, reasons.join(' | '));
    for (const r of reasons) assert.ok(reasonOf(r) !== null, `the engine's own reason: ${r}`);
  });
});

describe('mapping notes: one table of English words, and their codes found again', () => {
  it('every note\'s words give back its code and values', () => {
    for (const code of Object.keys(NOTES) as NoteCode[]) {
      const values = { order: 'dmy', value: '13/02/2021', line: 3, fields: 'outcome, wait' };
      const text = note(code, values);
      assert.ok(!/\{\w+\}/.test(text), `${code}: every place filled`);
      const back = noteOf(text);
      assert.equal(back?.code, code, text);
      for (const [k, v] of Object.entries(back!.values)) assert.equal(v, String(values[k as keyof typeof values]), `${code}.${k}`);
    }
  });

  it('the notes a worded spreadsheet export gets are all in the table', () => {
    const csv = [
      'Call Id,Agent,Date,Time,Answered (Y/N),Resolved,Speed of answer in seconds,Talk Duration,Satisfaction rating',
      'ID0001,Diane,01/02/2021,9:12:58,Y,Y,109,0:02:23,3',
      'ID0002,Becky,13/02/2021,10:00:00,Y,N,10,0:04:02,5',
    ].join('\n');
    const notes = analyzeText(csv, { inputTimeZone: 'Europe/London' }).mapping.notes!;
    assert.ok(notes.length >= 3, notes.join(' | '));
    assert.deepEqual(notes.map((n) => noteOf(n)?.code), ['noQueue', 'blankWaitAbandons', 'noHoldOrWrap', 'dayMonthDetected']);
    assert.deepEqual(noteOf(notes[3])!.values, { order: 'dmy', value: '13/02/2021', line: '3' });
  });
});
