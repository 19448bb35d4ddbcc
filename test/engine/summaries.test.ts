import { assert, inWords } from '../helpers/assert.js';
import { SummaryReader, recordKind } from '../../src/engine/ingest/records.js';
import { summarize, summarizeBy } from '../../src/engine/summaries.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';
import { zoneNamed } from '../../src/engine/time/zone.js';

function read(text: string) {
  const r = new SummaryReader(zoneNamed('UTC'), 20);
  r.push(text);
  return r.end();
}

describe('interval summaries roll up through their parts, never by averaging rows', () => {
  // 10:00: 10 offered, all answered in 5 s on average, SL 100 %. 10:30: 90 offered, 80 answered (ASA 40 s), 10 abandoned, SL 50 %.
  const text = 'Interval;Queue;Incoming;Answered;Abandoned;Avg answer speed;Avg talk;Service level\n' +
    '2026-03-02 10:00;Q;10;10;0;5;120,5;100%\n' +
    '2026-03-02 10:30;Q;90;80;10;40;200;50 %\n' +
    '2026-03-02 11:00;Q;ten;0;0;;;\n';
  it('is told from a contact export by its header', () => {
    assert.equal(recordKind(['Interval', 'Queue', 'Incoming', 'Answered', 'Abandoned']), 'summaries');
  });
  it('the day: SL 55 / 100 (not the 75 % mean of rows), ASA (10 × 5 + 80 × 40) / 90, a bad row rejected with its line', () => {
    const { records, validation } = read(text);
    assert.equal(validation.rowsRead, 3);
    assert.deepEqual(inWords(validation.rejections), [{ line: 4, column: 'Incoming', value: 'ten', reason: 'offered is not a number' }]);
    const m = summarize(records);
    assert.equal(m.offered, 100);
    assert.close(m.serviceLevel, 0.55);
    assert.close(m.asa, (10 * 5 + 80 * 40) / 90);
    assert.close(m.aht, (10 * 120.5 + 80 * 200) / 90);
    assert.close(m.abandonRate, 10 / (90 + 10));
    assert.deepEqual(m.thresholdSec, [20]);
  });
  it('by hour: each hour sums its own rows', () => {
    const g = summarizeBy(read(text).records, defaultDefinitions('UTC'), ['hour']);
    assert.deepEqual(g.map((x) => [x.key, x.metrics.serviceLevel]), [['2026-03-02T10:00+00:00', 0.55]]);
  });
});
