import { assert } from '../../helpers/assert.js';
import { LiveContacts, type StreamEvent } from '../../../src/engine/live/live-contacts.js';
import { ContactParts } from '../../../src/engine/parts.js';
import { query } from '../../../src/engine/rollup.js';
import { defaultDefinitions } from '../../../src/engine/definitions.js';

const T0 = Date.UTC(2026, 2, 2, 14, 0, 0);
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
let seq = 0;
const ev = (o: Record<string, unknown>): StreamEvent => ({ seq: ++seq, ...o }) as unknown as StreamEvent;

describe('contacts from a live stream', () => {
  const defs = defaultDefinitions('UTC');
  it('waiting and longest wait at stream time; an answer enters the service level at once; later events upsert', () => {
    const parts = new ContactParts({ dimensions: [] });
    const live = new LiveContacts(parts);
    live.apply(ev({ type: 'contact', time: at(0), id: 'a', queue: 'Sales', arrived: at(0) }));
    live.apply(ev({ type: 'contact', time: at(10), id: 'b', queue: 'Sales', arrived: at(10) }));
    live.apply(ev({ type: 'heartbeat', time: at(30) }));
    let s = live.state();
    assert.deepEqual(s.queues.map((q) => [q.queue, q.waiting, q.longestWait]), [['Sales', 2, 30]]);
    live.apply(ev({ type: 'contact', time: at(35), id: 'a', answered: at(35), agent: 'ann' }));
    s = live.state();
    assert.equal(s.queues[0].waiting, 1);
    assert.equal(query(parts, defs).totals.answered, 1);
    assert.equal(query(parts, defs).totals.serviceLevel, 0, 'answered after 35 s');
    // the end brings talk time and a survey: the contact is replaced, not counted twice
    live.apply(ev({ type: 'contact', time: at(200), id: 'a', ended: at(200), outcome: 'answered', talk: 150, wrap: 15, csat: 5 }));
    const t = query(parts, defs).totals;
    assert.equal(t.answered, 1);
    assert.equal(t.aht, 165);
    assert.equal(t.csat, 1);
    // b gives up after 12 s
    live.apply(ev({ type: 'contact', time: at(22), id: 'b', ended: at(22), outcome: 'abandoned' }));
    assert.equal(query(parts, defs).totals.abandoned, 1);
    assert.deepEqual(live.state().queues, []);
  });
  it('duplicates (a seq seen before) are ignored; out-of-order events land where they belong', () => {
    const parts = new ContactParts({ dimensions: [] });
    const live = new LiveContacts(parts);
    const answer = ev({ type: 'contact', time: at(20), id: 'x', queue: 'Q', answered: at(20) });
    const arrive = ev({ type: 'contact', time: at(5), id: 'x', queue: 'Q', arrived: at(5) });
    live.apply(answer); // the answer first
    assert.equal(query(parts, defs).totals.answered, 0, 'held until its arrival comes');
    assert.equal(live.state().queues.length, 0);
    live.apply(arrive);
    assert.equal(query(parts, defs).totals.asa, 15);
    assert.deepEqual(live.apply(arrive), { applied: false, rejected: 'duplicate seq' });
    assert.equal(query(parts, defs).totals.answered, 1);
    assert.equal(live.counts.duplicates, 1);
    assert.equal(live.lastSeq, arrive.seq);
  });
  it('agents by the category of their latest state; bad events are rejected with a reason', () => {
    const live = new LiveContacts(new ContactParts({ dimensions: [] }));
    live.apply(ev({ type: 'agent-state', time: at(0), agent: 'ann', state: 'Available' }));
    live.apply(ev({ type: 'agent-state', time: at(5), agent: 'bob', state: 'Talk' }));
    live.apply(ev({ type: 'agent-state', time: at(9), agent: 'ann', state: 'Lunch' }));
    assert.deepEqual(live.state().agents, { handling: 1, available: 0, 'productive-off-phone': 0, unproductive: 1, 'logged-out': 0 });
    assert.match(String(live.apply(ev({ type: 'contact', time: 'yesterday', id: 'z', queue: 'Q' })).rejected), /time "yesterday" is not an ISO 8601 instant/);
    assert.match(String(live.apply(ev({ type: 'contact', time: at(1), id: 'z', queue: 'Q', arrived: at(1), outcome: 'gone' })).rejected), /outcome "gone" is none of/);
    assert.equal(live.counts.rejected, 2);
  });
  it('live events pass the checks a file\'s rows pass: a negative talk, a CSAT of 42 or an NPS of 99 is rejected, counted and listed, never averaged', () => {
    const parts = new ContactParts({ dimensions: [] });
    const live = new LiveContacts(parts);
    live.apply(ev({ type: 'contact', time: at(0), id: 'v1', queue: 'Q', arrived: at(0), answered: at(5), agent: 'ann' }));
    const bad = [
      ev({ type: 'contact', time: at(100), id: 'v1', ended: at(100), outcome: 'answered', talk: -5000 }),
      ev({ type: 'contact', time: at(101), id: 'v1', csat: 42 }),
      ev({ type: 'contact', time: at(102), id: 'v1', nps: 99 }),
      ev({ type: 'contact', time: at(103), id: 'v2', queue: 'x'.repeat(2000), arrived: at(103) }),
    ];
    const why = bad.map((e) => live.apply(e).rejected);
    assert.deepEqual(why.map((w) => w!.replace(/^event \d+: /, '')), ['talk: negative duration', 'csat out of range 1–5', 'nps out of range 0–10', 'queue must be text of at most 1024 characters']);
    assert.equal(live.counts.rejected, 4);
    assert.deepEqual(live.rejections.map((r) => r.seq), bad.map((e) => e.seq));
    live.apply(ev({ type: 'contact', time: at(110), id: 'v1', ended: at(110), outcome: 'answered', talk: 100, csat: 5, nps: 9 }));
    const t = query(parts, defs).totals;
    assert.deepEqual([t.aht, t.csatMean, t.nps], [100, 5, 100], 'only the valid values are in the figures');
  });
  it('a server that restarts (a new stream id, seq from 1) is a new stream, not 500 duplicates; a seq jump is refused; a gap is found, asked for again and filled', () => {
    const parts = new ContactParts({ dimensions: [] });
    const live = new LiveContacts(parts);
    const c = (s: number, stream: string, id: string) => ({ seq: s, stream, type: 'contact', time: at(s % 5000), id, queue: 'Q', arrived: at(s % 5000), answered: at((s % 5000) + 1) }) as unknown as StreamEvent;
    for (let s = 1; s <= 500; s++) live.apply(c(s, 'run-1', `a${s}`));
    // The server restarts: seq from 1 again, under a new stream id. Every event is new.
    for (let s = 1; s <= 500; s++) assert.equal(live.apply(c(s, 'run-2', `b${s}`)).applied, true);
    assert.equal(live.counts.resets, 1);
    assert.equal(live.counts.duplicates, 0);
    assert.equal(query(parts, defs).totals.answered, 1000);
    // One seq of 1e15 would make every later event a duplicate: refused, and the stream goes on.
    assert.match(live.apply(c(1e15, 'run-2', 'x')).rejected!, /seq jumps from 500/);
    assert.equal(live.apply(c(501, 'run-2', 'b501')).applied, true);
    assert.equal(live.counts.jumps, 1);
    // 100 events never delivered: found missing; a reconnect asks from before the gap, and the replay fills it.
    assert.equal(live.apply(c(602, 'run-2', 'b602')).applied, true);
    assert.equal(live.missing, 100);
    assert.equal(live.resumeFrom, 501);
    for (let s = 502; s <= 602; s++) live.apply(c(s, 'run-2', `b${s}`));
    assert.equal(live.missing, 0);
    assert.equal(live.counts.duplicates, 1, 'only 602, sent again by the replay');
    assert.equal(query(parts, defs).totals.answered, 1102);
  });
});
