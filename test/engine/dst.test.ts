import { assert, inWords } from '../helpers/assert.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

const NY = 'America/New_York';
const answered = (id: string, arrived: string) => `${id},Q,${arrived},${arrived},answered`;

describe('DST days in America/New_York', () => {
  it('spring forward (2026-03-08): 23 hours; 01:00 EST is followed by 03:00 EDT', () => {
    const data = ['id,queue,arrived,answered,outcome', answered('1', '2026-03-08T06:30:00Z'), answered('2', '2026-03-08T07:30:00Z'), answered('3', '2026-03-09T04:59:59Z')].join('\n');
    const a = analyzeText(data);
    const defs = defaultDefinitions(NY);
    const hours = query(a.parts, defs, { by: ['hour'] }).groups.map((g) => g.key);
    assert.deepEqual(hours, ['2026-03-08T01:00-05:00', '2026-03-08T03:00-04:00', '2026-03-09T00:45-04:00'.replace('00:45', '00:00')]);
    const days = query(a.parts, defs, { by: ['day'] }).groups;
    assert.deepEqual(days.map((g) => [g.key, g.offered]), [['2026-03-08', 2], ['2026-03-09', 1]]);
  });
  it('fall back (2026-11-01): 01:00 happens twice, as two intervals with their offsets; the day has 25 hours', () => {
    const data = ['id,queue,arrived,answered,outcome', answered('1', '2026-11-01T05:30:00Z'), answered('2', '2026-11-01T06:30:00Z'), answered('3', '2026-11-02T04:30:00Z')].join('\n');
    const a = analyzeText(data);
    const defs = defaultDefinitions(NY);
    const iv = query(a.parts, defs, { by: ['interval'] }).groups.map((g) => g.key);
    assert.deepEqual(iv, ['2026-11-01T01:30-04:00', '2026-11-01T01:30-05:00', '2026-11-01T23:30-05:00']);
    const days = query(a.parts, defs, { by: ['day'] }).groups;
    assert.deepEqual(days.map((g) => [g.key, g.offered]), [['2026-11-01', 3]]);
  });
  it('local times: a time in the spring-forward gap is rejected; an ambiguous one is the earlier instant', () => {
    const data = ['id,queue,arrived,answered,outcome', '1,Q,2026-03-08 02:30:00,2026-03-08 03:01:00,answered', '2,Q,2026-11-01 01:30:00,2026-11-01 01:30:10,answered'].join('\n');
    const a = analyzeText(data, { inputTimeZone: NY });
    assert.equal(a.validation.rowsRejected, 1);
    assert.deepEqual(inWords(a.validation.rejections)[0], { line: 2, column: 'arrived', value: '2026-03-08 02:30:00', reason: 'local time in a DST gap' });
    const g = query(a.parts, defaultDefinitions(NY), { by: ['interval'] }).groups;
    assert.deepEqual(g.map((x) => x.key), ['2026-11-01T01:30-04:00']);
    assert.equal(g[0].asa, 10);
  });
  it('the same contacts in another zone fall on other days', () => {
    const data = ['id,queue,arrived,answered,outcome', answered('1', '2026-03-08T04:30:00Z')].join('\n');
    const a = analyzeText(data);
    assert.equal(query(a.parts, defaultDefinitions(NY), { by: ['day'] }).groups[0].key, '2026-03-07');
    assert.equal(query(a.parts, defaultDefinitions('UTC'), { by: ['day'] }).groups[0].key, '2026-03-08');
  });
});

describe('calendar groupings', () => {
  const data = ['id,queue,arrived,answered,outcome', answered('1', '2026-01-01T12:00:00Z'), answered('2', '2025-12-29T12:00:00Z'), answered('3', '2026-03-31T12:00:00Z'), answered('4', '2026-04-01T12:00:00Z')].join('\n');
  const a = analyzeText(data);
  it('ISO weeks (2025-12-29 and 2026-01-01 are both in 2026-W01), months, quarters', () => {
    const defs = defaultDefinitions('UTC');
    assert.deepEqual(query(a.parts, defs, { by: ['week'] }).groups.map((g) => [g.key, g.offered]), [['2026-W01', 2], ['2026-W14', 2]]);
    assert.deepEqual(query(a.parts, defs, { by: ['month'] }).groups.map((g) => g.key), ['2025-12', '2026-01', '2026-03', '2026-04']);
    assert.deepEqual(query(a.parts, defs, { by: ['quarter'] }).groups.map((g) => [g.key, g.offered]), [['2025-Q4', 1], ['2026-Q1', 2], ['2026-Q2', 1]]);
  });
  it('weeks starting on Sunday are named by their first day', () => {
    const defs = defaultDefinitions('UTC');
    defs.weekStart = 'sunday';
    assert.deepEqual(query(a.parts, defs, { by: ['week'] }).groups.map((g) => g.key), ['2025-12-28', '2026-03-29']);
  });
  it('combinations: queue × day keys are joined with " · "', () => {
    const r = query(a.parts, defaultDefinitions('UTC'), { by: ['queue', 'month'] });
    assert.equal(r.groups[0].key, 'Q · 2025-12');
    assert.deepEqual(r.groups[0].by, { queue: 'Q', month: '2025-12' });
  });
});
