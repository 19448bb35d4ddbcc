import { assert } from '../helpers/assert.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';
import { BusinessHours } from '../../src/engine/calendar.js';
import { CONTACT_FIELDS } from '../../src/engine/ingest/mapping.js';

const NY = 'America/New_York';
// Monday 2026-03-02 in New York (EST, UTC−5): 08:55 before opening, 09:00 and 17:45 inside, 18:00 after closing;
// Saturday 2026-03-07 10:00 closed all day; 2026-03-03 09:30 is a holiday.
const rows = [
  'id,queue,arrived,answered,outcome',
  'a,Q,2026-03-02T13:55:00Z,2026-03-02T13:56:00Z,answered', // 08:55, 60 s — outside
  'b,Q,2026-03-02T14:00:00Z,2026-03-02T14:00:10Z,answered', // 09:00, 10 s — inside
  'c,Q,2026-03-02T22:45:00Z,2026-03-02T22:46:00Z,answered', // 17:45, 60 s — inside
  'd,Q,2026-03-02T23:00:00Z,2026-03-02T23:00:05Z,answered', // 18:00, 5 s — outside
  'e,Q,2026-03-07T15:00:00Z,2026-03-07T15:00:02Z,answered', // Saturday — outside
  'f,Q,2026-03-03T14:30:00Z,2026-03-03T14:35:00Z,answered', // holiday — outside
].join('\n');

describe('business hours (businessHoursOnly)', () => {
  const bh = new BusinessHours({ week: { monday: [['09:00', '18:00']], tuesday: [['09:00', '18:00']] }, holidays: ['2026-03-03'] });
  it('only contacts that arrived inside the calendar enter the service level; counts and ASA keep every contact', () => {
    const a = analyzeText(rows);
    const defs = defaultDefinitions(NY);
    const all = query(a.parts, defs).totals;
    assert.close(all.serviceLevel, 3 / 6, 1e-12, 'b, d and e within 20 s');
    defs.serviceLevel.businessHoursOnly = true;
    const t = query(a.parts, defs, { businessHours: bh }).totals;
    assert.close(t.serviceLevel, 1 / 2, 1e-12, 'b within, c not');
    assert.equal(t.answered, 6);
    assert.close(t.asa, (60 + 10 + 60 + 5 + 2 + 300) / 6);
  });
  it('needs a calendar, and boundaries on slot edges', () => {
    const a = analyzeText(rows);
    const defs = defaultDefinitions(NY);
    defs.serviceLevel.businessHoursOnly = true;
    assert.throws(() => query(a.parts, defs), /needs a business-hours calendar/);
    const odd = new BusinessHours({ week: { monday: [['09:10', '18:00']] } });
    assert.throws(() => query(a.parts, defs, { businessHours: odd }), /monday opens at 09:10, which is not on a 15-minute slot edge/);
    assert.throws(() => new BusinessHours({ week: { funday: [['09:00', '10:00']] } } as never), /"week.funday" is no weekday/);
    assert.throws(() => new BusinessHours({ week: { monday: [['18:00', '09:00']] } }), /closes before it opens/);
  });
});

describe('interval lengths', () => {
  const data = ['id,queue,arrived,answered,outcome', '1,Q,2026-03-02T14:03:00Z,2026-03-02T14:03:01Z,answered', '2,Q,2026-03-02T14:07:00Z,2026-03-02T14:07:01Z,answered', '3,Q,2026-03-02T14:52:00Z,2026-03-02T14:52:01Z,answered'].join('\n');
  it('5-minute parts give 5-minute intervals; 15, 30 and 60 are unions of slots', () => {
    const five = analyzeText(data, { slotMinutes: 5 });
    const d = defaultDefinitions('UTC');
    d.intervalMinutes = 5;
    assert.deepEqual(query(five.parts, d, { by: ['interval'] }).groups.map((g) => g.key), ['2026-03-02T14:00+00:00', '2026-03-02T14:05+00:00', '2026-03-02T14:50+00:00']);
    for (const [m, keys] of [[15, ['14:00', '14:45']], [30, ['14:00', '14:30']], [60, ['14:00']]] as const) {
      d.intervalMinutes = m;
      assert.deepEqual(query(five.parts, d, { by: ['interval'] }).groups.map((g) => g.key.slice(11, 16)), [...keys], `${m} min`);
    }
  });
  it('5-minute intervals cannot come from 15-minute parts', () => {
    const d = defaultDefinitions('UTC');
    d.intervalMinutes = 5;
    assert.throws(() => query(analyzeText(data).parts, d, { by: ['interval'] }), /not a multiple/);
  });
  it('30-minute intervals in a zone with a half-hour offset (Asia/Kolkata, UTC+5:30)', () => {
    const d = defaultDefinitions('Asia/Kolkata');
    d.intervalMinutes = 30;
    // 14:03Z = 19:33 local, 14:52Z = 20:22 local
    assert.deepEqual(query(analyzeText(data).parts, d, { by: ['interval'] }).groups.map((g) => [g.key, g.offered]), [['2026-03-02T19:30+05:30', 2], ['2026-03-02T20:00+05:30', 1]]);
  });
});

describe('groupings by agent, tier and channel, and their combinations', () => {
  const data = [
    'id,queue,channel,tier,agent,arrived,answered,outcome',
    '1,Sales,voice,gold,ann,2026-03-02T14:00:00Z,2026-03-02T14:00:05Z,answered',
    '2,Sales,chat,gold,bob,2026-03-02T14:00:00Z,2026-03-02T14:00:50Z,answered',
    '3,Sales,voice,silver,ann,2026-03-02T14:00:00Z,2026-03-02T14:00:30Z,answered',
    '4,Help,voice,gold,,2026-03-02T14:00:00Z,,abandoned',
  ].join('\n');
  const parts = analyzeText(data, { dimensions: ['channel', 'tier', 'agent'] }).parts;
  it('agent × channel', () => {
    const g = query(parts, defaultDefinitions('UTC'), { by: ['agent', 'channel'] }).groups;
    assert.deepEqual(g.map((x) => [x.key, x.answered, x.asa]), [['(none) · voice', 0, null], ['ann · voice', 2, 17.5], ['bob · chat', 1, 50]]);
  });
  it('tier × queue keeps the order of --by', () => {
    const g = query(parts, defaultDefinitions('UTC'), { by: ['tier', 'queue'] }).groups;
    assert.deepEqual(g.map((x) => x.key), ['gold · Help', 'gold · Sales', 'silver · Sales']);
  });
});

describe('the mapping schema and the engine agree', () => {
  it('schema/mapping.schema.json names exactly the contact fields', async () => {
    const schema = await (await fetch('/schema/mapping.schema.json')).json();
    assert.deepEqual(Object.keys(schema.properties.fields.properties).sort(), [...CONTACT_FIELDS].sort());
  });
});
