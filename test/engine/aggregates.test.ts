// Vendor aggregates as parts (docs/parts.md, "Vendor aggregates"), in the engine: the entry scanner on hostile
// JSON, what parts that know waits only at given thresholds keep through the cache and through merges, and
// the figures they refuse. Expected values are the test's own counts of the hand-written entries.
import { assert } from '../helpers/assert.js';
import { jsonEntries } from '../../src/engine/aggregates/json-elements.js';
import { aggregateSourceOf, readAggregates } from '../../src/engine/aggregates/index.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { ContactParts } from '../../src/engine/parts.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

const KEYS = new Set(['MetricResults']);

describe('the entry scanner finds each entry with its line, whatever is in the strings', () => {
  it('quotes, brackets and commas inside strings do not end an entry', () => {
    const text = '{"MetricResults": [\n{"a": "x \\"], {y"},\n  {"b": ["[", "\\\\"]},\n{"c": 1}\n]}';
    const got = [...jsonEntries(text, KEYS)];
    assert.deepEqual(got.map((e) => e.line), [2, 3, 4]);
    assert.deepEqual(got.map((e) => JSON.parse(e.text!)), [{ a: 'x "], {y' }, { b: ['[', '\\'] }, { c: 1 }]);
  });

  it('an array under the same key inside an entry stays in the entry; pages as an array and one per line are all read', () => {
    const nested = '{"MetricResults": [{"MetricResults": [1, 2]}, {"d": 3}]}';
    assert.deepEqual([...jsonEntries(nested, KEYS)].map((e) => JSON.parse(e.text!)), [{ MetricResults: [1, 2] }, { d: 3 }]);
    const pages = '[{"MetricResults": [{"p": 1}]}, {"MetricResults": [{"p": 2}, {"p": 3}]}]';
    assert.deepEqual([...jsonEntries(pages, KEYS)].map((e) => JSON.parse(e.text!).p), [1, 2, 3]);
    const ndjson = '{"MetricResults": [{"p": 1}]}\n{"MetricResults": [{"p": 2}]}\n';
    assert.deepEqual([...jsonEntries(ndjson, KEYS)].map((e) => [e.line, JSON.parse(e.text!).p]), [[1, 1], [2, 2]]);
  });

  it('a file cut inside an entry, or inside a string, gives that entry as unended', () => {
    assert.deepEqual([...jsonEntries('{"MetricResults": [{"a": 1},\n {"b": [1,', KEYS)], [{ text: '{"a": 1}', line: 1 }, { text: null, line: 2, partial: '{"b": [1,' }]);
    assert.deepEqual([...jsonEntries('{"MetricResults": [{"a": "never closed', KEYS)], [{ text: null, line: 1, partial: '{"a": "never closed' }]);
  });

  it('a file on one line is read in one pass: 200,000 entries, each with its line (1)', () => {
    const text = JSON.stringify({ MetricResults: Array.from({ length: 200_000 }, (_, i) => ({ i })) });
    let n = 0;
    for (const e of jsonEntries(text, KEYS)) { assert.equal(e.line, 1); n++; }
    assert.equal(n, 200_000);
  });

  it('tells Connect from Genesys from anything else by the first characters', () => {
    assert.equal(aggregateSourceOf('\uFEFF {\n  "MetricResults": ['), 'connect');
    assert.equal(aggregateSourceOf('[{"NextToken": "x"'), 'connect');
    assert.equal(aggregateSourceOf('{"results":[{"group"'), 'genesys');
    assert.equal(aggregateSourceOf('{"parts_version":1,"part":"counts"'), null);
    assert.equal(aggregateSourceOf('queue,arrived'), null);
  });
});

/** One Connect entry: a 15-minute interval of a queue with the counts given. */
const entry = (start: string, queue: string, handled: number, abandoned: number, in20: number, ab5: number, asa: number | null) => ({
  Dimensions: { QUEUE: queue },
  MetricInterval: { Interval: 'FIFTEEN_MIN', StartTime: start, EndTime: new Date(Date.parse(start) + 900_000).toISOString() },
  Collections: [
    { Metric: { Name: 'CONTACTS_HANDLED' }, Value: handled },
    { Metric: { Name: 'CONTACTS_ABANDONED' }, Value: abandoned },
    { Metric: { Name: 'SUM_CONTACTS_ANSWERED_IN_X', Threshold: [{ Comparison: 'LT', ThresholdValue: 20 }] }, Value: in20 },
    { Metric: { Name: 'SUM_CONTACTS_ABANDONED_IN_X', Threshold: [{ Comparison: 'LT', ThresholdValue: 5 }] }, Value: ab5 },
    { Metric: { Name: 'AVG_QUEUE_ANSWER_TIME' }, Value: asa },
  ],
});
const connect = (entries: unknown[]) => readAggregates(JSON.stringify({ MetricResults: entries }), 'connect').parts!;

describe('vendor times and counts', () => {
  it('reads epoch seconds and milliseconds, ISO with T or a space and any offset; refuses no offset and no real date', async () => {
    const { vendorInstant, withoutOffset } = await import('../../src/engine/aggregates/rows.js');
    const t = Date.UTC(2026, 2, 9, 14, 0);
    for (const raw of [t / 1000, t, String(t / 1000), '2026-03-09T14:00:00Z', '2026-03-09 14:00:00+00:00', '2026-03-09T15:00:00+01:00', '2026-03-09T15:00+0100', '2026-03-09T19:45:00+05:45', '2026-03-09T16:00:00+02', '2026-03-09T09:00:00.000-05:00']) {
      assert.equal(vendorInstant(raw), t, String(raw));
    }
    for (const raw of ['2026-03-09T14:00:00', '2026-02-30T14:00:00Z', '2026-03-09T24:00:00Z', 'yesterday', null, -5]) assert.equal(vendorInstant(raw), null, String(raw));
    assert.ok(withoutOffset('2026-03-09 14:00:00') && !withoutOffset('2026-03-09T14:00:00Z'));
  });
});

describe('parts from vendor aggregates', () => {
  const defs = defaultDefinitions('UTC'); // 80/20, short abandon 5 s, answered-and-abandoned
  const parts = () => connect([
    entry('2026-03-02T09:00:00Z', 'Sales', 10, 4, 7, 1, 12),
    entry('2026-03-02T09:15:00Z', 'Sales', 6, 0, 6, 0, 3),
    entry('2026-03-02T09:00:00Z', 'Support', 3, 2, 0, 2, 40),
  ]);

  it('give the figures of their counts: SL = answered within T / (answered + abandoned not short), ASA from the averages', () => {
    const t = query(parts(), defs).totals;
    // Hand count: answered 19, within 20 s 13; abandoned 6, of them 3 within 5 s (short).
    assert.equal(t.answered, 19);
    assert.equal(t.shortAbandoned, 3);
    assert.equal(t.abandoned, 3);
    assert.equal(t.serviceLevelMet, 13);
    assert.equal(t.serviceLevelBase, 22);
    assert.close(t.asa, (10 * 12 + 6 * 3 + 3 * 40) / 19);
    assert.equal(t.waitP90, null);
  });

  it('keep their thresholds and counts through the cache (a snapshot and back)', () => {
    const p = parts();
    const back = ContactParts.fromSnapshot(structuredClone(p.toSnapshot()));
    assert.deepEqual(back.waitsGiven, p.waitsGiven);
    assert.deepEqual(query(back, defs, { by: ['queue', 'interval'] }), query(p, defs, { by: ['queue', 'interval'] }));
  });

  it('merged with contacts read from rows, add up, and still answer only at the thresholds the vendor counted', () => {
    const rows = analyzeText('id,queue,arrived,answered,ended,outcome\nR1,Sales,2026-03-02T09:20:00Z,2026-03-02T09:20:08Z,2026-03-02T09:25:00Z,answered\nR2,Sales,2026-03-02T09:21:00Z,,2026-03-02T09:21:30Z,abandoned\n', { dimensions: [], keepRepeats: false }).parts;
    const merged = new ContactParts({ dimensions: [], keepRepeats: false });
    merged.merge(rows);
    merged.merge(parts());
    assert.deepEqual(merged.waitsGiven?.answeredWithinSec, [20]);
    const t = query(merged, defs).totals;
    assert.equal(t.answered, 20);
    assert.equal(t.serviceLevelMet, 14, 'the row answered in 8 s counts within 20 s from its wait');
    assert.equal(t.serviceLevelBase, 24, 'the row abandoned after 30 s is in the base');
    assert.throws(() => query(merged, { ...defs, serviceLevel: { ...defs.serviceLevel, thresholdSec: 30 } }), /Amazon Connect counted the contacts answered within 20 s only/);
  });

  it('an empty average where contacts were handled and none answered within a threshold: those contacts are of unknown wait', () => {
    const p = connect([entry('2026-03-02T09:00:00Z', 'Sales', 10, 0, 8, 0, 5), entry('2026-03-02T09:15:00Z', 'Sales', 4, 0, 0, 0, null)]);
    const t = query(p, defs).totals;
    assert.equal(t.answered, 14);
    assert.equal(t.serviceLevelBase, 10, 'the 4 of unknown wait are in no service level');
    assert.equal(t.asa, 5);
    const read = readAggregates(JSON.stringify({ MetricResults: [entry('2026-03-02T09:00:00Z', 'Sales', 4, 0, 2, 0, null)] }), 'connect');
    assert.equal(read.validation.rowsRejected, 1, 'an empty average beside answers within 20 s is a contradiction');
    assert.match(read.validation.rejections[0].reason, /AVG_QUEUE_ANSWER_TIME is empty where 4 contacts were handled/);
  });

  it('an entry whose count within a time exceeds its total is rejected, not shown as SL over 100 % or negative abandons', () => {
    const read = readAggregates(JSON.stringify({ MetricResults: [
      entry('2026-03-02T09:00:00Z', 'Sales', 10, 4, 7, 1, 12),
      entry('2026-03-02T09:15:00Z', 'Sales', 3, 0, 5, 0, 3),
      entry('2026-03-02T09:30:00Z', 'Sales', 3, 1, 2, 4, 3),
    ] }), 'connect');
    assert.deepEqual(read.validation.rejections.map((r) => r.reason), ['answered within 20 s (5) is more than answered (3)', 'abandoned within 5 s (4) is more than abandoned (1)']);
    assert.equal(read.validation.rowsAccepted, 1);
    const t = query(read.parts!, defs).totals;
    assert.equal(t.serviceLevelMet, 7);
    assert.equal(t.abandoned, 3);
  });

  it('an entry without a threshold most entries count is rejected with its line; a threshold few entries count is not the file\'s', () => {
    const lacking = entry('2026-03-02T09:30:00Z', 'Sales', 5, 2, 4, 1, 8);
    lacking.Collections = lacking.Collections.filter((m) => m.Metric.Name !== 'SUM_CONTACTS_ABANDONED_IN_X');
    const extra = entry('2026-03-02T09:45:00Z', 'Sales', 5, 0, 4, 0, 8);
    extra.Collections.push({ Metric: { Name: 'SUM_CONTACTS_ANSWERED_IN_X', Threshold: [{ Comparison: 'LT', ThresholdValue: 30 }] }, Value: 5 });
    const text = JSON.stringify({ MetricResults: [entry('2026-03-02T09:00:00Z', 'Sales', 10, 4, 7, 1, 12), entry('2026-03-02T09:15:00Z', 'Sales', 6, 3, 6, 0, 3), lacking, extra] }, null, 1);
    const read = readAggregates(text, 'connect');
    assert.equal(read.validation.rowsRead, 4);
    assert.equal(read.validation.rowsRejected, 1);
    const r = read.validation.rejections[0];
    assert.equal(r.reason, 'no SUM_CONTACTS_ABANDONED_IN_X at 5 s, which the other entries count: a figure at 5 s would miss this interval\'s contacts');
    const starts = text.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    assert.equal(r.line, starts[2], 'the line where the third entry begins');
    assert.deepEqual(read.parts!.waitsGiven, { source: 'Amazon Connect', answeredWithinSec: [20], abandonedWithinSec: [5], answerWaitSums: true });
  });
});
