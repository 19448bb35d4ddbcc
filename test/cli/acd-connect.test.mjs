// The Amazon Connect adapter (built: npm run build): a generated session told as Connect tells it (contact
// events in EventBridge's envelope, agent records as a Kinesis consumer reads them), delivered at least once
// and out of order, posted to the feed server or written to a file; applied as a wallboard does. The figures
// are held against `report` on the same contacts as a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { assertSameFigures, generatedDay, nodeWallboard, reportOn, until } from '../helpers/acd/board.mjs';
import { connectContacts, connectSession, contactsCsv, delivered, kinesisBatch, queueNamesOf } from '../helpers/acd/connect.mjs';

const dir = mkdtempSync(join(tmpdir(), 'connect-'));
const session = (contacts, seed) => connectContacts(generatedDay(contacts, seed));
const truth = (calls, name, by = 'queue') => reportOn(contactsCsv(calls), dir, name, by);
const wallboard = (url) => nodeWallboard(url, ['channel']);
let bodies0 = [];






/** The agents' states as their records say (an independent reading of the agent event stream). */
function agentsFrom(records) {
  const last = new Map();
  for (const r of records) if (!last.has(r.AgentARN) || last.get(r.AgentARN).EventTimestamp <= r.EventTimestamp) last.set(r.AgentARN, r);
  const out = { handling: 0, available: 0, 'productive-off-phone': 0, unproductive: 0, 'logged-out': 0 };
  for (const r of last.values()) {
    const s = r.CurrentAgentSnapshot;
    if (r.EventType === 'LOGOUT' || s.AgentStatus.Type === 'OFFLINE') out['logged-out']++;
    else if (s.Contacts.length) out.handling++;
    else if (s.AgentStatus.Type === 'ROUTABLE') out.available++;
    else out.unproductive++;
  }
  return out;
}

const post = (url, body, token = 'T0k3n') => fetch(`${url}/connect`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });

test('Amazon Connect posted: 2,000+ contacts (voice and chat) delivered at least once and out of order give report\'s figures; agents as their records say', async () => {
  const calls = session(3200, 'connect');
  assert.ok(calls.length >= 2000, `${calls.length} contacts`);
  assert.ok(calls.some((c) => c.outcome === 'abandoned') && calls.some((c) => c.transferred) && calls.some((c) => c.outcome === 'flowout') && calls.some((c) => c.channel === 'chat'));
  const want = truth(calls, 'connect');
  const s = connectSession(calls);
  const bodies = delivered(s, 11);
  const feed = await startAcdFeed({ from: 'amazon-connect', port: 0, heartbeatMs: 100, token: 'T0k3n', connect: { queueNames: queueNamesOf(calls) }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    // A post without the token is refused and takes nothing.
    const refused = await post(feed.url, bodies[0], 'wrong');
    assert.equal(refused.status, 401);
    const half = Math.floor(bodies.length / 2);
    // Contact events one per request (EventBridge API destinations); agent records in a Lambda's Kinesis batches.
    const send = async (list) => {
      let agents = [];
      for (const b of list) {
        if (b.AgentARN) { agents.push(b); if (agents.length === 25) { await post(feed.url, kinesisBatch(agents)); agents = []; } continue; }
        const r = await post(feed.url, b);
        assert.equal(r.status, 200);
      }
      if (agents.length) await post(feed.url, kinesisBatch(agents));
    };
    await send(bodies.slice(0, half));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assert.deepEqual(board.live.state().agents, agentsFrom(bodies.slice(0, half).filter((b) => b.AgentARN)));
    await send(bodies.slice(half));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    assertSameFigures(board.figures(['channel']), truth(calls, 'connect-channel', 'channel'));
    const st = feed.status();
    assert.ok(st.events.duplicates > 0, 'copies were delivered, and dropped');
    assert.equal(st.events.rejected, 0);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
    assert.equal(board.live.state().agents['logged-out'], new Set(calls.filter((c) => c.agent).map((c) => c.agent)).size);
  } finally {
    board.stop();
    await feed.close();
  }
});

test('Amazon Connect across breaks: EventBridge retrying late, the wallboard cut, a file followed with a bad line — nothing lost, nothing twice', async () => {
  const calls = session(2400, 'connect-break');
  const want = truth(calls, 'connect-break');
  const s = connectSession(calls);
  const bodies = delivered(s, 5);
  bodies0 = bodies;
  const file = join(dir, 'connect-events.ndjson');
  writeFileSync(file, '');
  const feed = await startAcdFeed({ from: 'amazon-connect', port: 0, heartbeatMs: 100, control: true, connect: { files: [file], queueNames: queueNamesOf(calls) }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    // The first third through the file (one event per line), a bad line among them.
    const third = Math.floor(bodies.length / 3);
    appendFileSync(file, bodies.slice(0, third).map((b) => JSON.stringify(b)).join('\n') + '\n{"detail-type": "Amazon Connect Contact Event", "detail": \n');
    await until(() => feed.status().events.events >= third);
    // The next third: the feed was unreachable for some of it; EventBridge posts those again later, after the rest.
    const next = bodies.slice(third, 2 * third);
    const failed = next.filter((_, i) => i % 4 === 1);
    for (const b of next.filter((_, i) => i % 4 !== 1)) await post(feed.url, b, undefined);
    feed.drop(); // and the wallboard's own connection is cut
    for (const b of bodies.slice(2 * third)) await post(feed.url, b, undefined);
    for (const b of failed) await post(feed.url, b, undefined);
    await until(() => board.live.lastSeq === feed.lastSeq());
    await new Promise((r) => setTimeout(r, 300));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    assert.ok(board.connections() >= 2, 'the wallboard connected again');
    assert.equal(board.live.counts.duplicates, 0);
    assert.equal(board.live.counts.rejected, 0);
    const st = feed.status();
    assert.equal(st.events.rejected, 1);
    assert.match(st.rejections[0].where, new RegExp(`connect-events\\.ndjson:${third + 1}$`));
  } finally {
    board.stop();
    await feed.close();
  }
  // The command line.
  const run = (args) => new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', ...args]);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });
  // Events on stdin (e.g. piped from a Kinesis consumer), one per line; /status counts them.
  const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', '--from', 'amazon-connect', '--events', '-', '--port', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => { out += d; const m = /(http:\/\/[\d.]+:\d+)\/sse/.exec(out); if (m) resolve(m[1]); });
      child.on('exit', (code) => reject(new Error(`exit ${code}`)));
    });
    child.stdin.write(bodies0.slice(0, 3).map((b) => JSON.stringify(b)).join('\n') + '\n');
    await until(async () => (await (await fetch(`${url}/status`)).json()).events.events === 3);
    assert.match(JSON.stringify(await (await fetch(`${url}/status`)).json()), /"source":"amazon-connect"/);
  } finally {
    child.kill('SIGINT');
  }
  const missing = await run(['--from', 'amazon-connect', '--events', join(dir, 'none.ndjson')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--events .*none\.ndjson: ENOENT/);
  const wrongFlag = await run(['--from', 'amazon-connect', '--ami', 'pbx']);
  assert.match(wrongFlag.err, /--ami is for --from asterisk-ami/);
  const names = join(dir, 'names.json');
  writeFileSync(names, '["Sales"]');
  const badNames = await run(['--from', 'amazon-connect', '--queue-names', names]);
  assert.match(badNames.err, /expected \{"<ARN or id>": "<name>"/);
});
