// The ACD adapters against hostile and broken input (built: npm run build): nothing a post, a log line or an
// event holds may stop the feed, wedge its reading, or move its clock to the year 3000; what is refused is
// counted and said, and what comes after is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startAcdFeed } from '../../dist/feed/acd.js';
import { until } from '../helpers/acd/board.mjs';

const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
/** The events the feed sent so far. */
async function sent(url) {
  const res = await fetch(`${url}/ndjson?since=0`);
  const reader = res.body.getReader();
  let text = '';
  const stop = setTimeout(() => reader.cancel(), 300);
  for (;;) { const { value, done } = await reader.read(); if (done) break; text += new TextDecoder().decode(value); }
  clearTimeout(stop);
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
const year2100 = Date.UTC(2100, 0, 1);

test('Connect and Twilio posts: impossible times, far-future times and deeply nested JSON are refused and said; the feed runs on and its clock stays sane', async () => {
  for (const from of ['amazon-connect', 'twilio']) {
    const feed = await startAcdFeed({ from, port: 0, heartbeatMs: 50, log: () => {} });
    try {
      const now = new Date().toISOString();
      const posts = from === 'amazon-connect'
        ? [
          { 'detail-type': 'Amazon Connect Contact Event', id: 'e1', detail: { eventType: 'QUEUED', contactId: 'c1', channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn: 'arn:q/Sales', queueType: 'STANDARD', enqueueTimestamp: 9e15 } } },
          { 'detail-type': 'Amazon Connect Contact Event', id: 'e2', detail: { eventType: 'QUEUED', contactId: 'c2', channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn: 'arn:q/Sales', queueType: 'STANDARD', enqueueTimestamp: '2999-01-01T00:00:00.000Z' } } },
          '['.repeat(5000) + ']'.repeat(5000),
          { 'detail-type': 'Amazon Connect Contact Event', id: 'e3', detail: { eventType: 'QUEUED', contactId: 'c3', channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn: 'arn:q/Sales', queueType: 'STANDARD', enqueueTimestamp: now } } },
        ].map((b) => fetch(`${feed.url}/connect`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof b === 'string' ? b : JSON.stringify(b) }))
        : [
          'Sid=EV1&EventType=worker.activity.update&WorkerName=bob&WorkerActivityName=Available&Timestamp=9e12',
          'Sid=EV2&EventType=task-queue.entered&TaskSid=WT1&TaskQueueName=Sales&Timestamp=32503680000',
          `Sid=EV3&EventType=task-queue.entered&TaskSid=WT2&TaskQueueName=Sales&TimestampMs=${Date.now()}`,
        ].map((b) => fetch(`${feed.url}/twilio`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: b }));
      for (const r of await Promise.all(posts)) assert.ok(r.status < 500, `${from}: answered ${r.status}`);
      await until(() => feed.status().refusals.length >= 2);
      assert.match(feed.status().refusals.map((x) => x.reason).join('\n'), /not between 2000 and now/);
      if (from === 'amazon-connect') assert.ok(feed.status().events.rejected >= 1, 'the nested arrays were rejected');
      // The good one went out; nothing carries a time beyond now, heartbeats included.
      await new Promise((r) => setTimeout(r, 200));
      const events = await sent(feed.url);
      assert.ok(events.some((e) => e.type === 'contact' && (e.id === 'c3' || e.id === 'WT2')), `${from}: the good event was sent`);
      for (const e of events) assert.ok(Date.parse(e.time) <= Date.now() + 60_000 && Date.parse(e.time) < year2100, `${from}: ${e.type} at ${e.time}`);
    } finally {
      await feed.close();
    }
  }
});

test('queue_log: an epoch of 1e20, the year 3000 and a 2 MiB line with no end are refused with their line numbers; the lines after them are read', async () => {
  const file = join(dir, 'queue_log');
  const t = Math.floor(Date.now() / 1000) - 60;
  writeFileSync(file, `${t}|1.1|Sales|NONE|ENTERQUEUE||555|1\n1e20|2.1|Sales|NONE|ENTERQUEUE||555|1\n32503680000|3.1|Sales|NONE|ENTERQUEUE||555|1\n`);
  const feed = await startAcdFeed({ from: 'asterisk-queue-log', port: 0, heartbeatMs: 50, queueLog: { path: file, pollMs: 20 }, log: () => {} });
  try {
    await until(() => feed.status().lines.lines >= 3);
    appendFileSync(file, Buffer.alloc(2 << 20, 0)); // a block of NULs, no newline (a crash while writing)
    await new Promise((r) => setTimeout(r, 200));
    appendFileSync(file, `\n${t + 30}|1.1|Sales|NONE|ABANDON|1|1|30\n`);
    await until(() => feed.status().lines.lines >= 4);
    const st = feed.status();
    assert.deepEqual(st.rejections.map((r) => r.line), [2, 3, 4]);
    assert.match(st.rejections[2].reason, /over 1 MiB/);
    assert.equal(st.alive, true);
    const events = await sent(feed.url);
    const c = events.filter((e) => e.id === '1.1');
    assert.deepEqual(c.map((e) => e.outcome ?? 'joined'), ['joined', 'abandoned']);
    for (const e of events) assert.ok(Date.parse(e.time) < Date.now() + 60_000, `${e.type} at ${e.time}`);
  } finally {
    await feed.close();
  }
});

test('the command line: a port in use and a queue_log that is not there end with words and exit 2, not a hung process', async () => {
  const busy = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => busy.once('listening', r));
  const port = busy.address().port;
  const file = join(dir, 'ql-port');
  writeFileSync(file, '');
  const run = (args) => new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', ...args]);
    let err = '';
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => { clearTimeout(kill); resolve({ code, err }); });
  });
  try {
    const inUse = await run(['--from', 'asterisk-queue-log', '--queue-log', file, '--port', String(port)]);
    assert.equal(inUse.code, 2);
    assert.match(inUse.err, new RegExp(`port ${port} is in use`));
    const replay = await run(['--rate', '10', '--port', String(port)]);
    assert.equal(replay.code, 2);
    const missing = await run(['--from', 'asterisk-queue-log', '--queue-log', join(dir, 'nothing-here')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--queue-log .*nothing-here: ENOENT/);
  } finally {
    busy.close();
  }
});
