// The Twilio TaskRouter adapter (built: npm run build): a generated session told as TaskRouter's signed event
// callbacks, some retried and some out of order, posted to the feed server; applied as a wallboard does. The
// figures are held against `report` on the same tasks as a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { assertSameFigures, generatedDay, nodeWallboard, reportOn, until } from '../helpers/acd/board.mjs';
import { mulberry32 } from '../helpers/seeded.mjs';
import { postCallback, startTwilioEvents, tasksCsv, twilioSession, twilioTasks } from '../helpers/acd/twilio.mjs';

const dir = mkdtempSync(join(tmpdir(), 'twilio-'));
const session = (contacts, seed) => twilioTasks(generatedDay(contacts, seed));
const truth = (calls, name, by = 'queue') => reportOn(tasksCsv(calls), dir, name, by);
const wallboard = (url) => nodeWallboard(url, ['channel']);
const TOKEN = '12345678901234567890123456789012';






/** The workers' states the callbacks tell (an independent reading): a task held is handling, else the activity. */
function workersFrom(events) {
  const w = new Map();
  const get = (n) => { if (!w.has(n)) w.set(n, { activity: 'Available', tasks: new Set() }); return w.get(n); };
  for (const { params: p } of events) {
    if (!p.WorkerName) continue;
    const x = get(p.WorkerName);
    if (p.EventType === 'worker.activity.update') x.activity = p.WorkerActivityName;
    else if (p.EventType === 'reservation.accepted') x.tasks.add(p.TaskSid);
    else if (p.EventType === 'reservation.completed') x.tasks.delete(p.TaskSid);
  }
  const out = { handling: 0, available: 0, 'productive-off-phone': 0, unproductive: 0, 'logged-out': 0 };
  for (const x of w.values()) out[x.tasks.size ? 'handling' : x.activity === 'Offline' ? 'logged-out' : x.activity === 'Break' ? 'unproductive' : 'available']++;
  return out;
}

test('Twilio TaskRouter: 2,000+ tasks (voice and chat) as signed callbacks, retried and out of order, give report\'s figures; workers as the callbacks say; the wallboard cut resumes', async () => {
  const tasks = session(3200, 'twilio');
  assert.ok(tasks.length >= 2000, `${tasks.length} tasks`);
  assert.ok(tasks.some((c) => c.outcome === 'abandoned') && tasks.some((c) => c.transferred) && tasks.some((c) => c.outcome === 'flowout'));
  const want = truth(tasks, 'twilio');
  const events = twilioSession(tasks);
  const feed = await startAcdFeed({ from: 'twilio', port: 0, heartbeatMs: 100, twilio: { authToken: TOKEN }, log: () => {} });
  const url = `${feed.url}/twilio`;
  const board = wallboard(feed.url);
  try {
    // A callback signed with another token, or altered after signing, is refused (403) and takes nothing.
    const forged = await postCallback(url, events[0].params, 'another-token-000000000000000000');
    assert.equal(forged.status, 403);
    const rnd = mulberry32(3);
    const send = async (list) => {
      const order = [...list];
      for (let i = 0; i + 1 < order.length; i++) if (rnd() < 0.05) { [order[i], order[i + 1]] = [order[i + 1], order[i]]; i++; }
      for (const e of order) {
        const r = await postCallback(url, e.params, TOKEN);
        assert.equal(r.status, 204);
        assert.equal(r.headers.get('content-type'), 'application/json');
        if (rnd() < 0.03) await postCallback(url, e.params, TOKEN); // Twilio retried a delivery that had landed
      }
    };
    const half = Math.floor(events.length / 2);
    await send(events.slice(0, half));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assert.deepEqual(board.live.state().agents, workersFrom(events.slice(0, half)));
    feed.drop(); // the wallboard's connection cut halfway
    await send(events.slice(half));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    assertSameFigures(board.figures(['channel']), truth(tasks, 'twilio-channel', 'channel'));
    const st = feed.status();
    assert.ok(st.events.duplicates > 0, 'retried callbacks were dropped');
    assert.equal(st.refused, 1);
    assert.equal(st.events.rejected, 0);
    assert.ok(board.connections() >= 2);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.counts.duplicates, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
    assert.equal(board.live.state().agents['logged-out'], new Set(tasks.filter((c) => c.agent).map((c) => c.agent)).size);
  } finally {
    board.stop();
    await feed.close();
  }
});

test('Twilio: callbacks that never came (the feed unreachable for a third of the session) are read from the Events resource — nothing lost, nothing twice', async () => {
  const all = session(2400, 'twilio-gap');
  // The session moved to end a minute ago: the Events resource is read on the machine's clock.
  const last = Math.max(...all.map((c) => c.ended + (c.wrap ?? 0) * 1000));
  const shift = Math.floor((Date.now() - 60_000 - last) / 1000) * 1000; // whole seconds, as TaskQueueEnteredDate has them
  const tasks = all.map((c) => ({ ...c, arrived: c.arrived + shift, answered: c.answered === undefined ? undefined : c.answered + shift, ended: c.ended + shift }));
  const want = truth(tasks, 'twilio-gap');
  const events = twilioSession(tasks);
  const rest = await startTwilioEvents({ session: events, authToken: TOKEN });
  const feed = await startAcdFeed({ from: 'twilio', port: 0, heartbeatMs: 100, twilio: { authToken: TOKEN, rest: { accountSid: rest.accountSid, workspaceSid: 'WS' + '1'.repeat(32), baseUrl: rest.base, everyMs: 3000, windowMs: 48 * 3600_000 } }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    const third = Math.floor(events.length / 3);
    for (const [i, e] of events.entries()) {
      rest.happened(i + 1);
      if (i >= third && i < 2 * third) continue; // Twilio could not reach the feed: these callbacks are lost
      const r = await postCallback(`${feed.url}/twilio`, e.params, TOKEN);
      assert.equal(r.status, 204);
    }
    await until(() => feed.status().events.events === events.length, 60000);
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    const st = feed.status();
    assert.ok(st.reconciled.events >= third, `${st.reconciled.events} events read from the Events resource`);
    assert.ok(st.events.duplicates > 0, 'events both posted and read were taken once');
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
  } finally {
    board.stop();
    await feed.close();
    await rest.close();
  }
});

test('Twilio: a task moved to another queue is a flow-out of the first (not offered there, by default) and offered to the second; the public URL is what is signed', async () => {
  const feed = await startAcdFeed({ from: 'twilio', port: 0, heartbeatMs: 100, twilio: { authToken: TOKEN, publicUrl: 'https://cc.example.com/hooks/taskrouter' }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    const t0 = Date.UTC(2026, 2, 2, 10, 0, 0);
    const base = { TaskSid: 'WT' + '7'.repeat(32), TaskChannelUniqueName: 'voice', TaskAttributes: '{"from":"+15550100"}' };
    const steps = [
      { Sid: 'EV1', EventType: 'task-queue.entered', TaskQueueName: 'Sales', TaskQueueEnteredDate: String(t0 / 1000), TimestampMs: String(t0), ...base },
      { Sid: 'EV2', EventType: 'task-queue.moved', TaskQueueName: 'Overflow', TaskQueueEnteredDate: String(t0 / 1000 + 60), TimestampMs: String(t0 + 60_000), ...base },
      { Sid: 'EV3', EventType: 'reservation.accepted', TaskQueueName: 'Overflow', TaskQueueEnteredDate: String(t0 / 1000 + 60), WorkerName: 'ann', TimestampMs: String(t0 + 75_000), ...base },
      { Sid: 'EV4', EventType: 'task.completed', TaskQueueName: 'Overflow', TimestampMs: String(t0 + 200_000), ...base },
    ];
    // Signed for the public URL, posted to the feed's own address behind the proxy.
    const { sign } = await import('../helpers/acd/twilio.mjs');
    for (const p of steps) {
      const r = await fetch(`${feed.url}/twilio`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': sign(TOKEN, 'https://cc.example.com/hooks/taskrouter', p) }, body: new URLSearchParams(p).toString() });
      assert.equal(r.status, 204);
    }
    await until(() => board.live.lastSeq === feed.lastSeq());
    const f = board.figures();
    assert.deepEqual(f.groups.map((g) => [g.key, g.offered, g.answered, g.flowout, g.asa]), [['Overflow', 1, 1, 0, 15], ['Sales', 0, 0, 1, null]]);
    assert.equal(f.totals.aht, 125);
  } finally {
    board.stop();
    await feed.close();
  }
  const bad = await new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', '--from', 'twilio', '--public-url', 'cc.example.com']);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', () => resolve(err));
  });
  assert.match(bad, /--public-url cc\.example\.com: expected the Workspace's EventCallbackUrl/);
});
