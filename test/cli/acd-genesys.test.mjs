// The Genesys Cloud adapter (built: npm run build): a generated session played by a simulator of the OAuth,
// routing, notifications and analytics APIs — queue conversation snapshots and users' presence and routing
// status over the channel's WebSocket — applied as a wallboard does. The figures are held against `report`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { assertSameFigures, generatedDay, nodeWallboard, reportOn, until } from '../helpers/acd/board.mjs';
import { callsCsv, genesysCalls, startGenesys } from '../helpers/acd/genesys.mjs';

const dir = mkdtempSync(join(tmpdir(), 'genesys-'));
const session = (contacts, seed) => genesysCalls(generatedDay(contacts, seed));
const truth = (calls, name, by = 'queue') => reportOn(callsCsv(calls), dir, name, by);
const wallboard = (url) => nodeWallboard(url);






/** Agents by what their last presence and routing status say (an independent reading). */
function agentsFrom(events) {
  const p = new Map();
  const r = new Map();
  for (const e of events) {
    const m = /^v2\.users\.([^.]+)\.(presence|routingStatus)$/.exec(e.topic);
    if (!m) continue;
    if (m[2] === 'presence') p.set(m[1], e.body.presenceDefinition.systemPresence);
    else r.set(m[1], e.body.routingStatus.status);
  }
  const out = { handling: 0, available: 0, 'productive-off-phone': 0, unproductive: 0, 'logged-out': 0 };
  for (const [u, pres] of p) out[pres === 'OFFLINE' ? 'logged-out' : pres === 'BREAK' ? 'unproductive' : r.get(u) === 'INTERACTING' ? 'handling' : 'available']++;
  return out;
}

const leaveMs = 300;
const settle = async (feed, board) => {
  await until(() => board.live.lastSeq === feed.lastSeq());
  await new Promise((r) => setTimeout(r, leaveMs + 200)); // a flow-out is told once no agent took the call
  await until(() => board.live.lastSeq === feed.lastSeq());
};

test('Genesys Cloud: OAuth, queues and members, a channel and its topics; 2,000+ calls as conversation snapshots give report\'s figures; agents by presence and routing status', async () => {
  const calls = session(3400, 'genesys');
  assert.ok(calls.length >= 2000, `${calls.length} calls`);
  assert.ok(calls.some((c) => c.outcome === 'abandoned') && calls.some((c) => c.transferred) && calls.some((c) => c.outcome === 'flowout'));
  const want = truth(calls, 'genesys');
  const gc = await startGenesys({ calls, rate: 8000, autostart: false, heartbeatMs: 100 });
  const feed = await startAcdFeed({ from: 'genesys', port: 0, heartbeatMs: 100, genesys: { clientId: gc.clientId, clientSecret: gc.clientSecret, loginBase: gc.base, apiBase: gc.base, pingMs: 200, leaveMs }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true);
    const [ch] = [...gc.channels().values()];
    assert.equal(ch.topics.size, 3 + feed.status().users, 'each queue\'s conversations and each member\'s presence and routing status');
    const half = Math.floor(gc.session.length / 2);
    await gc.until(half);
    await settle(feed, board);
    assert.deepEqual(board.live.state().agents, agentsFrom(gc.session.slice(0, half)));
    gc.resume();
    await gc.done;
    await settle(feed, board);
    assertSameFigures(board.figures(), want);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
    assert.equal(feed.status().tokens, 1);
  } finally {
    board.stop();
    await feed.close();
    await gc.stop();
  }
});

test('Genesys Cloud: the socket cut, then the channel expired, mid-session: the analytics details fill the breaks — nothing lost, nothing twice; the wallboard cut too', async () => {
  const calls = session(2600, 'genesys-break');
  const want = truth(calls, 'genesys-break');
  const gc = await startGenesys({ calls, rate: 4000, autostart: false, heartbeatMs: 100 });
  const feed = await startAcdFeed({ from: 'genesys', port: 0, heartbeatMs: 100, genesys: { clientId: gc.clientId, clientSecret: gc.clientSecret, loginBase: gc.base, apiBase: gc.base, pingMs: 200, leaveMs }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true);
    const third = Math.floor(gc.session.length / 3);
    await gc.until(third);
    await settle(feed, board);
    // The socket cut while Genesys goes on for 150 notifications that reach no one.
    gc.drop();
    await gc.until(third + 150);
    await until(() => feed.status().breaks >= 1 && feed.status().connected === true);
    await settle(feed, board);
    // Later the channel is gone altogether (expired): a new one, its topics again, and the gap filled.
    await gc.until(2 * third);
    gc.expire();
    feed.drop();
    await gc.until(2 * third + 150);
    await until(() => feed.status().breaks >= 2 && feed.status().connected === true);
    gc.resume();
    await gc.done;
    await settle(feed, board);
    const st = feed.status();
    assert.ok(st.recovered > 0, 'the breaks were filled from the analytics details');
    assert.ok(st.channels >= 2, 'a new channel after the first expired');
    assert.ok(gc.counts.details > 0);
    assertSameFigures(board.figures(), want);
    assert.equal(board.live.counts.duplicates, 0);
    assert.equal(board.live.counts.rejected, 0);
    assert.ok(board.connections() >= 2);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
  } finally {
    board.stop();
    await feed.close();
    await gc.stop();
  }
});

test('Genesys Cloud: wrong client credentials are said, and the command line takes them only from the environment or a file', async () => {
  const gc = await startGenesys({ calls: [], autostart: false });
  const lines = [];
  const feed = await startAcdFeed({ from: 'genesys', port: 0, genesys: { clientId: 'nobody', clientSecret: 'x', loginBase: gc.base, apiBase: gc.base }, log: (s) => lines.push(s) });
  try {
    await until(() => feed.status().error !== null && feed.status().error !== undefined);
    assert.match(feed.status().error, /refused the client credentials \(HTTP 401: invalid_client, authentication failed\)/);
    assert.equal(feed.status().alive, false);
  } finally {
    await feed.close();
    await gc.stop();
  }
  const run = (args, env = {}) => new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', ...args], { env: { ...process.env, GENESYS_CLIENT_ID: '', GENESYS_CLIENT_SECRET: '', ...env } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });
  const none = await run(['--from', 'genesys', '--region', 'mypurecloud.ie']);
  assert.equal(none.code, 2);
  assert.match(none.err, /GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET/);
  const region = await run(['--from', 'genesys', '--region', 'https://api.mypurecloud.ie'], { GENESYS_CLIENT_ID: 'a', GENESYS_CLIENT_SECRET: 'b' });
  assert.match(region.err, /--region https:\/\/api\.mypurecloud\.ie: expected your org's domain/);
  const misplaced = await run(['--from', 'twilio', '--queues', 'Sales']);
  assert.match(misplaced.err, /--queues is for --from genesys/);
});
