import { assert } from '../../helpers/assert.js';
import { analyzeText } from '../../../src/engine/analyze.js';
import { REASONS, reason, reasonOf, type ReasonCode } from '../../../src/engine/ingest/reasons.js';

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
