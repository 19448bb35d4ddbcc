// The feed server in Node (built: npm run build): events over NDJSON, SSE and WebSocket, resume after a seq.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startFeedServer } from '../../dist/feed/server.js';

const contacts = Array.from({ length: 50 }, (_, i) => {
  const arrived = Date.UTC(2026, 2, 2, 9, 0, i * 10);
  return { id: `c${i}`, queue: i % 2 ? 'Sales' : 'Support', arrived, answered: arrived + 5000, ended: arrived + 65000, outcome: 'answered', wait: 5, talk: 60 };
});

async function lines(url, n) {
  const res = await fetch(url);
  const reader = res.body.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const out = [];
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value, { stream: true });
    let i;
    while ((i = buf.indexOf('\n')) >= 0 && out.length < n) { const l = buf.slice(0, i); buf = buf.slice(i + 1); if (l.trim()) out.push(l); }
  }
  await reader.cancel();
  return out;
}

test('NDJSON and SSE carry the same events; ?since and Last-Event-ID resume after a seq; WebSocket handshakes and sends frames', async () => {
  const feed = await startFeedServer({ contacts, rate: 1000, heartbeatMs: 100, control: true });
  try {
    const nd = (await lines(`${feed.url}/ndjson?since=0`, 10)).map((l) => JSON.parse(l));
    assert.deepEqual(nd.map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(nd[0].type, 'contact');
    assert.ok(nd[0].arrived && nd[0].time);
    const resumed = (await lines(`${feed.url}/ndjson?since=5`, 3)).map((l) => JSON.parse(l).seq);
    assert.deepEqual(resumed, [6, 7, 8]);
    const sse = await lines(`${feed.url}/sse?since=2`, 4);
    assert.deepEqual(sse.slice(0, 2), ['id: 3', `data: ${JSON.stringify(nd[2])}`]);
    // heartbeats carry the stream time
    await new Promise((r) => setTimeout(r, 300));
    const all = (await lines(`${feed.url}/ndjson?since=0`, feed.lastSeq())).map((l) => JSON.parse(l));
    assert.ok(all.some((e) => e.type === 'heartbeat'));
    // a WebSocket handshake answers 101 with the accept key, then text frames
    const frame = await new Promise((resolve, reject) => {
      const req = request(`${feed.url}/ws?since=0`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' } });
      req.on('upgrade', (res, socket) => {
        assert.equal(res.headers['sec-websocket-accept'], 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
        socket.once('data', (buf) => { socket.destroy(); resolve(buf); });
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(frame[0], 0x81, 'a final text frame');
    assert.match(frame.subarray(2).toString(), /"seq":1/);
    // control: pause stops events and heartbeats
    await fetch(`${feed.url}/control?action=pause`, { method: 'POST' });
    const at = feed.lastSeq();
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(feed.lastSeq(), at);
  } finally {
    await feed.close();
  }
});

test('feed --channels and --start-at: the replay starts with the chosen channels at the chosen time of day', async () => {
  const { spawn } = await import('node:child_process');
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'feed-'));
  const file = join(dir, 'c.csv');
  // 06:00–11:50 UTC, every 10 minutes, alternating voice and email.
  const rows = Array.from({ length: 36 }, (_, i) => {
    const at = new Date(Date.UTC(2026, 2, 2, 6, i * 10)).toISOString();
    return `x${i},Sales,${i % 2 ? 'email' : 'voice'},${at},,${at},abandoned`;
  });
  writeFileSync(file, ['id,queue,channel,arrived,answered,ended,outcome', ...rows].join('\n'));
  const child = spawn(process.execPath, ['dist/cli/main.js', 'feed', file, '--input-tz', 'UTC', '--channels', 'voice', '--start-at', '09:00', '--rate', '1000', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out); });
    child.on('exit', (c) => reject(new Error(`feed exited ${c}`)));
  });
  child.kill();
  // 09:00–11:50 is 18 slots, of which the voice ones are every other: 9.
  assert.match(line, /^feed: 9 contacts /);
  const bad = spawn(process.execPath, ['dist/cli/main.js', 'feed', file, '--start-at', '9am'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  bad.stderr.on('data', (d) => { err += d; });
  const code = await new Promise((r) => bad.on('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--start-at 9am: expected a time of day such as 08:00/);
});
