// The Asterisk adapters (built: npm run build): a generated session of calls played by an AMI simulator that
// also writes Asterisk's queue_log, through `startAcdFeed`, applied as a wallboard does (the engine's live
// contacts, resuming after its last seq). The figures are held against `report` on the same calls as a file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { assertSameFigures, generatedDay, nodeWallboard, reportOn, until } from '../helpers/acd/board.mjs';
import { asteriskCalls, callsCsv, startAsterisk } from '../helpers/acd/asterisk.mjs';

const dir = mkdtempSync(join(tmpdir(), 'acd-'));
const session = (contacts, seed) => asteriskCalls(generatedDay(contacts, seed));
const truth = (calls, name, by = 'queue') => reportOn(callsCsv(calls), dir, name, by);
const wallboard = (url) => nodeWallboard(url);






test('AMI: a session of 2,000+ calls gives the figures `report` gives on the same calls; agents by state as Asterisk has them', async () => {
  const calls = session(3000, 'asterisk');
  assert.ok(calls.length >= 2000, `${calls.length} calls`);
  assert.ok(calls.some((c) => c.outcome === 'abandoned') && calls.some((c) => c.transferred) && calls.some((c) => c.outcome === 'flowout'));
  const want = truth(calls, 'ami');
  const pbx = await startAsterisk({ calls, rate: 20000, autostart: false });
  const feed = await startAcdFeed({ from: 'asterisk-ami', port: 0, heartbeatMs: 100, ami: { host: '127.0.0.1', port: pbx.port, username: pbx.username, secret: pbx.secret, pingMs: 200, leaveMs: 300 }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true);
    // Halfway: the agents' states on the board are Asterisk's own at that moment.
    await pbx.until(Math.floor(pbx.session.length / 2));
    await until(() => feed.status().calls.steps > 0 && board.live.lastSeq === feed.lastSeq());
    await new Promise((r) => setTimeout(r, 400)); // a leaving caller's flow-out is told after leaveMs
    await until(() => board.live.lastSeq === feed.lastSeq());
    const expected = { handling: 0, available: 0, 'productive-off-phone': 0, unproductive: 0, 'logged-out': 0 };
    const byAgent = new Map();
    for (const m of pbx.members()) {
      const c = m.inCall === '1' || m.status === '2' ? 'handling' : m.paused === '1' ? 'unproductive' : 'available';
      const order = ['handling', 'unproductive', 'available'];
      const prev = byAgent.get(m.agent);
      if (!prev || order.indexOf(c) < order.indexOf(prev)) byAgent.set(m.agent, c);
    }
    for (const c of byAgent.values()) expected[c]++;
    const state = board.live.state();
    const seen = { ...state.agents, 'logged-out': 0 };
    assert.deepEqual(seen, { ...expected, 'logged-out': 0 });
    assert.ok(expected.handling > 0 && expected.available > 0, 'agents on calls and free at half time');
    const waitingNow = [...pbx.waiting().values()].length;
    assert.equal(state.queues.reduce((n, q) => n + q.waiting, 0), waitingNow, 'callers waiting, as Asterisk has them');
    pbx.resume();
    await pbx.done;
    await new Promise((r) => setTimeout(r, 500));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0, 'no one waits after the session');
    assert.ok(board.live.state().agents['logged-out'] > 0, 'agents out of every queue are logged out');
  } finally {
    board.stop();
    await feed.close();
    await pbx.stop();
  }
});

test('AMI cut mid-session: with the queue_log nothing is lost and nothing counted twice; the wallboard cut too resumes', async () => {
  const calls = session(2600, 'asterisk-break');
  const want = truth(calls, 'ami-break');
  const queueLog = join(dir, 'queue_log');
  const pbx = await startAsterisk({ calls, rate: 8000, autostart: false, queueLog });
  const feed = await startAcdFeed({ from: 'asterisk-ami', port: 0, heartbeatMs: 100, control: true, ami: { host: '127.0.0.1', port: pbx.port, username: pbx.username, secret: pbx.secret, pingMs: 200, queueLog, leaveMs: 300 }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true);
    await pbx.until(Math.floor(pbx.session.length / 3));
    await new Promise((r) => setTimeout(r, 300));
    pbx.resume();
    pbx.drop(); // Asterisk goes on; what it says meanwhile reaches no one
    await new Promise((r) => setTimeout(r, 150));
    feed.drop(); // and the wallboard's own connection is cut
    await until(() => feed.status().breaks >= 1 && feed.status().connected === true);
    await pbx.done;
    await new Promise((r) => setTimeout(r, 600));
    await until(() => board.live.lastSeq === feed.lastSeq());
    const st = feed.status();
    assert.ok(st.recoveredSteps > 0, 'the break was made good from the queue_log');
    assert.equal(st.lostCallers, 0);
    assert.ok(board.connections() >= 2, 'the wallboard connected again');
    assertSameFigures(board.figures(), want);
    assert.equal(board.live.counts.duplicates, 0);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(board.live.counts.lost, 0);
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0);
  } finally {
    board.stop();
    await feed.close();
    await pbx.stop();
  }
});

test('AMI with the queue_log, the feed started mid-day: the day so far from the file, then the AMI — report\'s figures', async () => {
  const calls = session(2300, 'asterisk-midday');
  const want = truth(calls, 'ami-midday');
  const queueLog = join(dir, 'queue_log_midday');
  const pbx = await startAsterisk({ calls, rate: 8000, autostart: false, queueLog });
  await pbx.until(Math.floor(pbx.session.length / 2)); // the morning, with no feed listening
  const feed = await startAcdFeed({ from: 'asterisk-ami', port: 0, heartbeatMs: 100, ami: { host: '127.0.0.1', port: pbx.port, username: pbx.username, secret: pbx.secret, pingMs: 200, queueLog, leaveMs: 300 }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true && feed.status().stepsFromLogAtStart > 0);
    pbx.resume();
    await pbx.done;
    await new Promise((r) => setTimeout(r, 600));
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    assert.equal(board.live.counts.rejected, 0);
    assert.equal(feed.status().breaks, 0);
  } finally {
    board.stop();
    await feed.close();
    await pbx.stop();
  }
});

test('AMI cut without the queue_log: callers who left meanwhile are sent as lost, the rest counted once', async () => {
  const calls = session(2200, 'asterisk-lost');
  const want = truth(calls, 'ami-lost');
  const pbx = await startAsterisk({ calls, rate: 4000, autostart: false });
  const feed = await startAcdFeed({ from: 'asterisk-ami', port: 0, heartbeatMs: 100, ami: { host: '127.0.0.1', port: pbx.port, username: pbx.username, secret: pbx.secret, pingMs: 200, leaveMs: 300 }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    await until(() => feed.status().connected === true);
    // Cut at the busiest moment (the most callers waiting) so that some leave during the break.
    let busiest = 0;
    let most = -1;
    const w = new Map();
    pbx.session.forEach((s, i) => {
      if (s.ami.Event === 'QueueCallerJoin') w.set(s.ami.Uniqueid, 1);
      else if (s.ami.Event === 'QueueCallerLeave' || s.ami.Event === 'QueueCallerAbandon') w.delete(s.ami.Uniqueid);
      if (w.size > most) { most = w.size; busiest = i + 1; }
    });
    await pbx.until(busiest);
    await until(() => board.live.lastSeq === feed.lastSeq());
    pbx.drop();
    await pbx.until(busiest + 60); // Asterisk goes on for 60 events that no one hears
    await until(() => feed.status().breaks >= 1 && feed.status().connected === true);
    pbx.resume();
    await pbx.done;
    await new Promise((r) => setTimeout(r, 600));
    await until(() => board.live.lastSeq === feed.lastSeq());
    const st = feed.status();
    const got = board.figures();
    assert.ok(st.lostCallers > 0, 'some callers left during the break');
    assert.equal(board.live.counts.lost, st.lostCallers, 'each lost caller is said');
    assert.equal(board.live.counts.rejected, 0);
    assert.ok(got.totals.offered < want.totals.offered, 'the figures lack them');
    assert.ok(got.totals.offered + st.lostCallers <= want.totals.offered, 'and count no call twice');
    assert.equal(board.live.state().queues.reduce((n, q) => n + q.waiting, 0), 0, 'no lost caller waits for ever');
  } finally {
    board.stop();
    await feed.close();
    await pbx.stop();
  }
});

test('queue_log followed as Asterisk writes it (lines cut mid-write, a bad line, a rotation), and feed --from on the command line', async () => {
  const calls = session(2100, 'queue-log');
  const want = truth(calls, 'qlog');
  const file = join(dir, 'queue_log_tail');
  writeFileSync(file, '');
  const feed = await startAcdFeed({ from: 'asterisk-queue-log', port: 0, heartbeatMs: 100, queueLog: { path: file, pollMs: 20 }, log: () => {} });
  const board = wallboard(feed.url);
  try {
    const { sessionOf } = await import('../helpers/acd/asterisk.mjs');
    const lines = sessionOf(calls).filter((s) => s.log).map((s) => s.log);
    const text = lines.join('\n') + '\n';
    // Written in pieces that end mid-line, with one line that is no queue_log line.
    const cut = Math.floor(text.length / 2) + 7;
    appendFileSync(file, text.slice(0, cut));
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, text.slice(cut));
    appendFileSync(file, 'not a queue_log line\n');
    await until(() => feed.status().lines.lines >= lines.length + 1);
    await until(() => board.live.lastSeq === feed.lastSeq());
    assertSameFigures(board.figures(), want);
    const st = feed.status();
    assert.equal(st.lines.rejected, 1);
    assert.equal(st.rejections[0].line, lines.length + 1);
    // A rotation: the file replaced by a new one is read from its start, and its calls counted once.
    const seqBefore = feed.lastSeq();
    execFileSync('mv', [file, file + '.1']);
    writeFileSync(file, '1772500000|9999.1|Sales|NONE|ENTERQUEUE||555|1\n1772500030|9999.1|Sales|NONE|ABANDON|1|1|30\n');
    await until(() => feed.lastSeq() > seqBefore + 1);
    await until(() => board.live.lastSeq === feed.lastSeq());
    assert.equal(board.figures().totals.offered, want.totals.offered + 1);
  } finally {
    board.stop();
    await feed.close();
  }
  // The command line: credentials only from the environment or a file, and the old --from 08:00 pointed to --start-at.
  const run = (args, env = {}) => new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', ...args], { env: { ...process.env, SLA_AMI_USERNAME: '', SLA_AMI_SECRET: '', ...env } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, err }));
  });
  const noCred = await run(['--from', 'asterisk-ami', '--ami', '127.0.0.1:1']);
  assert.equal(noCred.code, 2);
  assert.match(noCred.err, /SLA_AMI_USERNAME and SLA_AMI_SECRET/);
  const old = await run(['--from', '08:00']);
  assert.match(old.err, /--start-at 08:00/);
  const which = await run(['--from', 'avaya']);
  assert.match(which.err, /expected one of asterisk-ami, asterisk-queue-log/);
  const noLog = await run(['--from', 'asterisk-queue-log']);
  assert.match(noLog.err, /needs --queue-log/);
});
