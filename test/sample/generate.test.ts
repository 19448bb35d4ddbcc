import { assert } from '../helpers/assert.js';
import { CONTACT_COLUMNS, generateContactsCsv, type GenerateOptions } from '../../src/sample/generate.js';

const HEADER = 'id,queue,channel,tier,agent,customer,arrived,answered,ended,outcome,talk,hold,wrap,resolved,csat,nps,qa,transferred';
const OUTCOMES = new Set(['answered', 'abandoned', 'flowout', 'callback', 'voicemail']);
const WEEK_MS = 7 * 86_400_000;

const text = (opts: GenerateOptions): string => [...generateContactsCsv(opts)].join('');

interface Row {
  id: string;
  agent: string;
  customer: string;
  arrived: number;
  answered: number | null;
  ended: number | null;
  outcome: string;
}

function parse(csv: string): { header: string; rows: Row[] } {
  const lines = csv.split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a newline');
  const rows = lines.slice(1).map((line) => {
    const f = line.split(',');
    assert.equal(f.length, CONTACT_COLUMNS.length, `fields in "${line}"`);
    const time = (s: string): number | null => (s === '' ? null : Date.parse(s));
    return { id: f[0], agent: f[4], customer: f[5], arrived: Date.parse(f[6]), answered: time(f[7]), ended: time(f[8]), outcome: f[9] };
  });
  return { header: lines[0], rows };
}

describe('sample contact generator', () => {
  // One realistic sample shared by the statistical checks: five weekdays of about 4,000 contacts.
  let big: { header: string; rows: Row[] };
  before(() => {
    big = parse(text({ contacts: 20_000, seed: 'wallboard' }));
  });

  it('gives the same bytes for the same seed, and other bytes for another seed', () => {
    const opts = { contacts: 3_000, seed: 'same' };
    const a = text(opts);
    assert.equal(text(opts), a, 'same seed');
    assert.ok(text({ ...opts, seed: 'other' }) !== a, 'a different seed gives a different file');
  });

  it('streams the exact header first, then chunks of whole rows', () => {
    assert.equal(CONTACT_COLUMNS.join(','), HEADER);
    const chunks = [...generateContactsCsv({ contacts: 2_500, seed: 1 })];
    assert.equal(chunks[0], HEADER + '\n');
    assert.deepEqual(chunks.slice(1).map((c) => c.split('\n').length - 1), [1000, 1000, 500]);
    assert.ok(chunks.every((c) => c.endsWith('\n')), 'every chunk ends with a newline');
    assert.equal(text({ contacts: 0, seed: 1 }), HEADER + '\n');
  });

  it('writes exactly N rows with unique ids, in arrival order', () => {
    assert.equal(big.header, HEADER);
    assert.equal(big.rows.length, 20_000);
    assert.equal(new Set(big.rows.map((r) => r.id)).size, 20_000, 'unique ids');
    assert.ok(big.rows.every((r, i) => i === 0 || r.arrived >= big.rows[i - 1].arrived), 'arrival order');
  });

  it('gives every row a valid outcome and consistent timestamps', () => {
    for (const r of big.rows) {
      assert.ok(OUTCOMES.has(r.outcome), `outcome of ${r.id}: ${r.outcome}`);
      assert.ok(Number.isFinite(r.arrived), `arrived of ${r.id}`);
      if (r.outcome === 'answered') {
        assert.ok(r.answered !== null && r.answered >= r.arrived, `answered ≥ arrived for ${r.id}`);
        assert.ok(r.agent !== '', `agent of ${r.id}`);
        assert.ok(r.ended !== null && r.ended >= r.answered!, `ended ≥ answered for ${r.id}`);
      } else {
        assert.ok(r.answered === null && r.agent === '', `${r.id} was not answered`);
        assert.ok(r.ended !== null && r.ended >= r.arrived, `ended ≥ arrived for ${r.id}`);
      }
    }
  });

  it('lands the 80/20 service level in a realistic range, with short abandons', () => {
    let within = 0, answered = 0, abandoned = 0, shortAbandoned = 0;
    for (const r of big.rows) {
      if (r.outcome === 'answered') {
        answered++;
        if (r.answered! - r.arrived <= 20_000) within++;
      } else if (r.outcome === 'abandoned') {
        if (r.ended! - r.arrived <= 5_000) shortAbandoned++;
        else abandoned++;
      }
    }
    // The default preset of METRICS.md §2: answered within T / (answered + abandoned), short abandons left out.
    const sl = within / (answered + abandoned);
    assert.ok(sl > 0.5 && sl < 0.98, `service level ${sl}`);
    assert.ok(shortAbandoned > 0, 'some short abandons');
    assert.ok(abandoned > 0, 'some abandons after 5 s');
  });

  it('has customers who come back within 7 days', () => {
    const last = new Map<string, number>();
    let repeats = 0;
    for (const r of big.rows) {
      if (r.customer === '') continue;
      const before = last.get(r.customer);
      if (before !== undefined && r.arrived - before <= WEEK_MS) repeats++;
      last.set(r.customer, r.arrived);
    }
    assert.ok(repeats > 0.05 * big.rows.length, `repeat contacts: ${repeats}`);
  });

  it('rejects options it cannot honour', () => {
    assert.throws(() => generateContactsCsv({ contacts: -1, seed: 1 }), /contacts/);
    assert.throws(() => generateContactsCsv({ contacts: 10, seed: 1, start: '2026-02-30' }), /start/);
    assert.throws(() => generateContactsCsv({ contacts: 10, seed: 1, timeZone: 'Mars/Olympus' }), /time zone/);
  });
});
