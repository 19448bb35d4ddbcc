import { assert } from '../helpers/assert.js';
import { CENTER_FILES, generateCenter, type CenterFile } from '../../src/sample/center.js';
import { generateContactsCsv, type GenerateOptions } from '../../src/sample/generate.js';
import { AgentStateReader, ForecastReader, OutageReader, ScheduleReader } from '../../src/engine/ingest/records.js';
import { Categories, EfficiencyParts } from '../../src/engine/efficiency.js';
import { zoneNamed } from '../../src/engine/time/zone.js';
import type { AgentState, ForecastEntry, Outage, ScheduleEntry } from '../../src/engine/types.js';

type Files = Record<CenterFile, string>;

function collect(opts: GenerateOptions): { text: Files; rows: Record<CenterFile, number>; order: CenterFile[] } {
  const parts: Record<CenterFile, string[]> = { contacts: [], agentStates: [], schedules: [], forecast: [], outages: [] };
  const rows: Record<CenterFile, number> = { contacts: 0, agentStates: 0, schedules: 0, forecast: 0, outages: 0 };
  const order: CenterFile[] = [];
  for (const chunk of generateCenter(opts)) {
    assert.ok(chunk.text.endsWith('\n'), `a ${chunk.file} chunk ends with a newline`);
    assert.equal(chunk.text.split('\n').length - 1, chunk.rows + (parts[chunk.file].length === 0 ? 1 : 0), `rows of a ${chunk.file} chunk`);
    parts[chunk.file].push(chunk.text);
    rows[chunk.file] += chunk.rows;
    if (!order.includes(chunk.file)) order.push(chunk.file);
  }
  const text = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.join('')])) as Files;
  return { text, rows, order };
}

const body = (csv: string): string[][] => csv.split('\n').slice(1, -1).map((l) => l.split(','));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const categories = new Categories();
const UTC = zoneNamed('UTC');

function read<T>(reader: { push(t: string): void; end(): { records: T[]; validation: { rowsRejected: number; rejections: unknown[] } } }, text: string): T[] {
  reader.push(text);
  const { records, validation } = reader.end();
  assert.equal(validation.rowsRejected, 0, `rejections ${JSON.stringify(validation.rejections.slice(0, 3))}`);
  return records;
}

/** Per agent, the states in order of start. */
function byAgent(states: AgentState[]): Map<string, AgentState[]> {
  const m = new Map<string, AgentState[]>();
  for (const s of states) {
    let l = m.get(s.agent);
    if (!l) m.set(s.agent, (l = []));
    l.push(s);
  }
  for (const l of m.values()) l.sort((a, b) => a.start - b.start);
  return m;
}

/** The state of an agent at instant t (the last one starting at or before t), or undefined. */
function stateAt(list: AgentState[], t: number): AgentState | undefined {
  let lo = 0, hi = list.length - 1;
  if (hi < 0 || list[0].start > t) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].start <= t) lo = mid;
    else hi = mid - 1;
  }
  return list[lo];
}

describe('sample contact center (generateCenter)', () => {
  // A week with a DST change (America/New_York springs forward on 2026-03-08).
  const OPTS: GenerateOptions = { contacts: 20_000, seed: 'demo', start: '2026-03-02', days: 7 };
  let week: ReturnType<typeof collect>;
  let states: AgentState[];
  let schedules: ScheduleEntry[];
  let forecast: ForecastEntry[];
  let outages: Outage[];
  let agents: Map<string, AgentState[]>;
  before(() => {
    week = collect(OPTS);
    states = read<AgentState>(new AgentStateReader(UTC, categories), week.text.agentStates);
    schedules = read<ScheduleEntry>(new ScheduleReader(UTC, categories), week.text.schedules);
    forecast = read<ForecastEntry>(new ForecastReader(UTC), week.text.forecast);
    outages = read<Outage>(new OutageReader(UTC), week.text.outages);
    agents = byAgent(states);
  });

  it('writes five files, each with its header first; the contacts are the bytes of generateContactsCsv', () => {
    for (const { file, columns } of CENTER_FILES) {
      assert.equal(week.text[file].split('\n')[0], columns.join(','), `header of ${file}`);
      assert.equal(week.text[file].split('\n').length - 2, week.rows[file], `rows of ${file}`);
    }
    assert.deepEqual(CENTER_FILES.map((f) => f.name), ['contacts.csv', 'agent-states.csv', 'schedules.csv', 'forecast.csv', 'outages.csv']);
    assert.equal(week.text.contacts, [...generateContactsCsv(OPTS)].join(''), 'contacts.csv = generateContactsCsv');
    assert.equal(week.rows.contacts, 20_000);
    assert.ok(week.rows.agentStates > 3 * week.rows.schedules && week.rows.forecast > 0 && week.rows.outages > 0, JSON.stringify(week.rows));
  });

  it('gives the same bytes for the same seed in every file, and other bytes for another seed', () => {
    const opts = { contacts: 3_000, seed: 'same', days: 2 };
    const a = collect(opts).text, b = collect(opts).text, c = collect({ ...opts, seed: 'other' }).text;
    for (const { file } of CENTER_FILES) {
      assert.equal(b[file], a[file], `same seed, ${file}`);
      assert.ok(a[file].split('\n').length > 2, `${file} has rows`);
    }
    assert.ok(c.contacts !== a.contacts && c.agentStates !== a.agentStates && c.schedules !== a.schedules, 'another seed');
  });

  it('checks its options before the first chunk', () => {
    assert.throws(() => generateCenter({ contacts: -1, seed: 1 }), /contacts/);
    assert.throws(() => generateCenter({ contacts: 10, seed: 1, timeZone: 'Mars/Olympus' }), /time zone/);
  });

  it('reads back with the engine readers: every state and activity has a category, whole UTC seconds', () => {
    for (const name of new Set([...states.map((s) => s.state)])) assert.ok(categories.state(name) !== null, `state ${name}`);
    for (const name of new Set([...schedules.map((s) => s.activity)])) assert.ok(categories.activity(name) !== null, `activity ${name}`);
    assert.deepEqual([...new Set(states.map((s) => s.state))].sort(),
      ['Available', 'Break', 'Hold', 'Logged Out', 'Lunch', 'Meeting', 'Personal', 'Talk', 'Training', 'Wrap']);
    assert.deepEqual([...new Set(schedules.map((s) => s.activity))].sort(), ['Break', 'Lunch', 'Meeting', 'Phones', 'Training']);
    for (const file of ['agentStates', 'schedules', 'outages'] as const) {
      for (const r of body(week.text[file])) {
        const [start, end] = file === 'outages' ? [r[1], r[2]] : [r[3], r[4]];
        assert.ok(ISO.test(start) && ISO.test(end), `${file}: ${r.join(',')}`);
      }
    }
  });

  it('agent states: per agent contiguous and non-overlapping, every end filled, one team per agent', () => {
    for (const [agent, list] of agents) {
      assert.equal(new Set(list.map((s) => s.team)).size, 1, `one team for ${agent}`);
      for (let i = 0; i < list.length; i++) {
        const s = list[i];
        assert.ok(s.end !== undefined && s.end > s.start, `${agent} ${s.state} at ${new Date(s.start).toISOString()} has an end after its start`);
        if (i > 0) assert.equal(s.start, list[i - 1].end!, `${agent}: the state at ${new Date(s.start).toISOString()} starts where the one before ends`);
        if (i > 0) assert.ok(s.state !== list[i - 1].state, `${agent}: two ${s.state} rows in a row`);
      }
      assert.equal(list[0].state, 'Logged Out', `${agent} starts logged out`);
    }
  });

  it('every answered contact: its agent talks at the answer time, handles it until it ends, wraps after', () => {
    let answered = 0;
    for (const f of body(week.text.contacts)) {
      if (f[9] !== 'answered') continue;
      answered++;
      const list = agents.get(f[4]);
      assert.ok(list !== undefined, `agent ${f[4]} of ${f[0]} has states`);
      const at = Date.parse(f[7]), ended = Date.parse(f[8]), wrap = Number(f[12]);
      assert.equal(stateAt(list!, at)?.state, 'Talk', `${f[0]} answered at ${f[7]} by ${f[4]}`);
      const last = stateAt(list!, ended - 1000)!.state;
      assert.ok(last === 'Talk' || last === 'Hold', `${f[0]}: ${f[4]} is on the contact just before it ends (${last})`);
      if (wrap > 0) assert.equal(stateAt(list!, ended)?.state, 'Wrap', `${f[0]}: ${f[4]} wraps at ${f[8]}`);
    }
    assert.ok(answered > 15_000, `answered ${answered}`);
  });

  it('no agent is idle while a caller of their team waits (deviations only take idle time)', () => {
    const teamAgents = new Map<string, AgentState[][]>();
    for (const list of agents.values()) {
      const team = list[0].team!;
      if (!teamAgents.has(team)) teamAgents.set(team, []);
      teamAgents.get(team)!.push(list);
    }
    let checked = 0;
    for (const f of body(week.text.contacts)) {
      if (f[2] === 'email' || f[9] !== 'answered') continue;
      const arrived = Date.parse(f[6]);
      if (Date.parse(f[7]) - arrived < 6000) continue;
      checked++;
      // Five seconds into the wait, nobody of the team is available (ringing lasts 3 s at most).
      for (const list of teamAgents.get(f[1] + ' live') ?? []) {
        const s = stateAt(list, arrived);
        assert.ok(!(s && s.state === 'Available' && s.end! >= arrived + 5000), `${f[0]} waits while ${s?.agent} is available`);
      }
    }
    assert.ok(checked > 100, `contacts that waited: ${checked}`);
  });

  it('schedules: the same agents and teams as the states, per agent non-overlapping, on the quarter hour', () => {
    const planned = new Map<string, ScheduleEntry[]>();
    for (const s of schedules) {
      let l = planned.get(s.agent);
      if (!l) planned.set(s.agent, (l = []));
      l.push(s);
    }
    assert.deepEqual([...planned.keys()].sort(), [...agents.keys()].sort(), 'the same agents');
    for (const [agent, list] of planned) {
      assert.equal(list[0].team, agents.get(agent)![0].team, `team of ${agent}`);
      list.sort((a, b) => a.start - b.start);
      for (let i = 1; i < list.length; i++) assert.ok(list[i].start >= list[i - 1].end, `${agent}: plan overlaps at ${new Date(list[i].start).toISOString()}`);
    }
    // The plan is in local quarter hours; New York is a whole number of hours off UTC.
    const lastDay = Date.parse('2026-03-09T04:00:00Z');
    for (const s of schedules) if (s.start < lastDay) assert.equal(s.start % 900_000, 0, `${s.agent} ${s.activity} at ${new Date(s.start).toISOString()}`);
  });

  it('efficiency from the files is realistic: occupancy, utilization, adherence around 90 %', () => {
    const parts = new EfficiencyParts(15);
    parts.add(states, schedules);
    const t = parts.summarize().totals;
    assert.ok(t.occupancy! > 0.5 && t.occupancy! < 0.98, `occupancy ${t.occupancy}`);
    assert.ok(t.utilization! > 0.4 && t.utilization! < t.occupancy!, `utilization ${t.utilization}`);
    assert.ok(t.adherence! > 0.85 && t.adherence! < 0.95, `adherence ${t.adherence}`);
    // Logged in about as long as scheduled (late logins and early leaves against overtime on contacts).
    assert.ok(Math.abs(t.loggedInSec / t.scheduledSec - 1) < 0.05, `logged in ${t.loggedInSec} s, scheduled ${t.scheduledSec} s`);
  });

  it('forecast: per queue and local half hour while the lines are open; the realised total is within ±25 %', () => {
    const queues = new Set(body(week.text.contacts).map((f) => f[1]));
    assert.deepEqual([...new Set(forecast.map((f) => f.queue))].sort(), [...queues].sort());
    assert.ok(forecast.every((f) => f.intervalMinutes === 30 && f.intervalStart % 1_800_000 === 0 && f.aht! > 200 && f.aht! < 600), 'aligned, with an AHT');
    // Monday 2026-03-02 opens 07:00 and closes 21:00 New York time (UTC−5): 28 half hours per queue.
    const monday = forecast.filter((f) => f.intervalStart >= Date.parse('2026-03-02T05:00:00Z') && f.intervalStart < Date.parse('2026-03-03T05:00:00Z'));
    assert.equal(monday.length, 28 * queues.size);
    assert.equal(Math.min(...monday.map((f) => f.intervalStart)), Date.parse('2026-03-02T12:00:00Z'));
    const total = forecast.reduce((s, f) => s + f.volume, 0);
    assert.ok(Math.abs(total / 20_000 - 1) < 0.25, `forecast ${total} for 20,000 contacts`);
    // Per interval the realised volume differs: by chance, and on incident days by far more.
    const realised = new Map<string, number>();
    for (const f of body(week.text.contacts)) {
      const key = f[1] + '|' + Math.floor(Date.parse(f[6]) / 1_800_000);
      realised.set(key, (realised.get(key) ?? 0) + 1);
    }
    const over = forecast.filter((f) => (realised.get(f.queue + '|' + f.intervalStart / 1_800_000) ?? 0) > 1.3 * f.volume).length;
    assert.ok(over > 0 && over < 0.25 * forecast.length, `intervals more than 30 % over forecast: ${over} of ${forecast.length}`);
  });

  it('outages: ACD and CRM; planned maintenance at night, unplanned ones minutes long', () => {
    const big = collect({ contacts: 2_000, seed: 'outages', start: '2026-01-05', days: 120 });
    const all = read<Outage>(new OutageReader(UTC), big.text.outages);
    assert.ok(all.length >= 5, `outages over 120 days: ${all.length}`);
    assert.deepEqual([...new Set(all.map((o) => o.system))].sort(), ['ACD', 'CRM']);
    assert.ok(all.some((o) => o.planned) && all.some((o) => !o.planned), 'planned and unplanned');
    const ny = zoneNamed('America/New_York');
    for (const o of all) {
      const hour = new Date(ny.toLocal(o.start)).getUTCHours();
      if (o.planned) assert.ok(hour >= 1 && hour < 4 && o.end - o.start <= 2 * 3_600_000, `planned ${new Date(o.start).toISOString()}`);
      else assert.ok(o.end - o.start <= 40 * 60_000, `unplanned ${new Date(o.start).toISOString()} lasts minutes`);
    }
    assert.ok(all.every((o, i) => i === 0 || o.start >= all[i - 1].start), 'in order');
    assert.ok(outages.every((o) => o.system === 'ACD' || o.system === 'CRM'));
  });

  it('keeps every record inside the period, but for e-mail answered after it (cut where that work ends)', () => {
    const periodEnd = Date.parse('2026-03-09T04:00:00Z');
    const lastWork = Math.max(...body(week.text.contacts).filter((f) => f[9] === 'answered')
      .map((f) => Date.parse(f[8]) + 1000 * Number(f[12])));
    for (const s of states) assert.ok(s.end! <= Math.max(periodEnd, lastWork), `${s.agent} ${s.state} ends ${new Date(s.end!).toISOString()}`);
    for (const s of schedules) assert.ok(s.end <= Math.max(periodEnd, lastWork), `${s.agent} ${s.activity} ends ${new Date(s.end).toISOString()}`);
    assert.ok(states.every((s) => s.start >= Date.parse('2026-03-02T05:00:00Z')), 'from the first local midnight');
  });
});
