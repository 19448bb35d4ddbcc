import { assert } from '../helpers/assert.js';
import { Categories, EfficiencyParts } from '../../src/engine/efficiency.js';
import type { AgentState, ScheduleEntry } from '../../src/engine/types.js';

const t = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const cats = new Categories({ 'Project X': 'productive-off-phone' });
const st = (agent: string, team: string, state: string, from: string, to?: string): AgentState => ({
  agent, team, state, category: cats.state(state)!, start: t(from), end: to ? t(to) : undefined,
});
const sch = (agent: string, activity: string, from: string, to: string): ScheduleEntry => ({
  agent, activity, category: cats.activity(activity)!, start: t(from), end: t(to),
});

// ann: logged out 08:55, available 09:00, talk 09:10–09:25 (across 09:15), break 09:25–09:40 (across 09:30),
// training 09:40–10:00, logged out 10:00. Scheduled: phones 09:00–09:30, break 09:30–09:45, phones 09:45–10:00.
// bob: available 09:00–09:30, scheduled on phones 09:00–09:30.
const states = [
  st('ann', 'A', 'Logged Out', '08:55'), st('ann', 'A', 'Available', '09:00'), st('ann', 'A', 'Talk', '09:10'),
  st('ann', 'A', 'Break', '09:25'), st('ann', 'A', 'Training', '09:40'), st('ann', 'A', 'Logged Out', '10:00'),
  st('bob', 'B', 'Ready', '09:00', '09:30'),
];
const schedules = [sch('ann', 'Phones', '09:00', '09:30'), sch('ann', 'Break', '09:30', '09:45'), sch('ann', 'Phones', '09:45', '10:00'), sch('bob', 'Open', '09:00', '09:30')];

describe('occupancy, utilization and adherence (METRICS.md §4) on a hand-made day', () => {
  const parts = new EfficiencyParts();
  parts.add(states, schedules);
  it('per agent: ann 0.6 occupancy, 2100/3600 utilization and adherence; bob 0 and 1', () => {
    const { groups } = parts.summarize((_s, agent) => agent);
    const ann = groups.get('ann')!;
    assert.close(ann.occupancy, 900 / 1500);
    assert.close(ann.utilization, (900 + 1200) / 3600);
    assert.close(ann.adherence, 2100 / 3600);
    const bob = groups.get('bob')!;
    assert.equal(bob.occupancy, 0);
    assert.equal(bob.adherence, 1);
  });
  it('per 15-minute interval, with the time split at the boundaries', () => {
    const { groups } = parts.summarize((slot, agent) => (agent === 'ann' ? new Date(slot * parts.slotMs).toISOString().slice(11, 16) : null));
    const row = (k: string) => groups.get(k)!;
    assert.close(row('09:00').occupancy, 300 / 900);
    assert.equal(row('09:00').adherentSec, 900);
    assert.equal(row('09:15').occupancy, 1);
    assert.equal(row('09:15').adherentSec, 600);
    assert.equal(row('09:30').occupancy, null, 'no handling and no available time: no data, not 0');
    assert.equal(row('09:30').adherentSec, 600);
    assert.equal(row('09:45').utilization, 1);
    assert.equal(row('09:45').adherence, 0);
    assert.equal(row('08:45').loggedInSec, 0);
  });
  it('per team, summed before dividing', () => {
    const { groups, totals } = parts.summarize((_s, _a, team) => team);
    assert.close(groups.get('A')!.occupancy, 0.6);
    assert.close(groups.get('B')!.occupancy, 0);
    assert.close(totals.occupancy, 900 / (1500 + 1800));
    assert.close(totals.adherence, (2100 + 1800) / (3600 + 1800));
  });
  it('no seconds are lost when the parts grow (257 slots of one state)', () => {
    const p = new EfficiencyParts();
    p.add([{ agent: 'x', state: 'Available', category: 'available', start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 2) + 257 * 900_000 }]);
    assert.equal(p.summarize().totals.availableSec, 257 * 900);
  });
  it('names map to categories: defaults in any case and spacing, the mapping\'s own names first, unknown → null', () => {
    assert.equal(cats.state('after call work'), 'handling');
    assert.equal(cats.state('NOT READY'), 'unproductive');
    assert.equal(cats.state('project x'), 'productive-off-phone');
    assert.equal(cats.state('Fishing'), null);
    assert.equal(cats.activity('On Phones'), 'on-phones');
  });
});
