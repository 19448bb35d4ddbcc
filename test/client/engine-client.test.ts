import { assert } from '../helpers/assert.js';
import { errorText } from '../../src/engine/ingest/errors.js';
import { SaidError } from '../../src/protocol/index.js';
import { EngineClient } from '../../src/client/engine-client.js';
import { DatasetCache } from '../../src/cache/dataset-cache.js';
import { generateContactsCsv } from '../../src/sample/generate.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';
import type { ViewResult } from '../../src/protocol/index.js';

const csv = [...generateContactsCsv({ contacts: 20000, seed: 'worker', days: 5 })].join('');
const TZ = 'America/New_York';
const dbName = `sla-test-${Date.now()}-${Math.random()}`;

function until(pred: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 20));
    tick();
  });
}

describe('the engine in a worker', () => {
  let client: EngineClient;
  let datasetId = '';
  before(() => {
    client = new EngineClient({ dbName });
  });
  after(() => client.terminate());

  it('a dropped file\'s first figures go out at once, not at the subscription\'s next tick (then throttled)', async function () {
    this.timeout(30000);
    const big = [...generateContactsCsv({ contacts: 150_000, seed: 'first-figures', days: 20 })].join('');
    const engine = new EngineClient({ noIndexedDB: true });
    try {
      const ds = await engine.open({ name: 'big.csv', timeZone: TZ, dimensions: [], keepRepeats: false });
      const seen: { at: number; offered: number; state: string }[] = [];
      // A throttle of 20 s: the only way figures come before the end is at once.
      await ds.subscribe({}, (r) => { if (r.totals) seen.push({ at: performance.now(), offered: r.totals.offered, state: r.status.state }); }, 20_000);
      const t0 = performance.now();
      const fed = ds.feed(new Blob([big], { type: 'text/csv' }), 'big.csv');
      await until(() => seen.length > 0, 20_000);
      const first = seen[0];
      assert.equal(first.state, 'loading', 'figures so far, while the file is read');
      assert.ok(first.offered > 0 && first.offered < 150_000, `a part of the contacts (${first.offered})`);
      assert.ok(first.at - t0 < 5000, `well before the throttle (${(first.at - t0).toFixed(0)} ms)`);
      await fed;
    } finally {
      engine.terminate();
    }
  });

  it('a dataset fed from a Blob gives the same figures as the engine on the page', async () => {
    const ds = await client.open({ name: 'week.csv', timeZone: TZ });
    datasetId = ds.id;
    const updates: ViewResult[] = [];
    const unsubscribe = await ds.subscribe({ by: ['queue'] }, (r) => updates.push(r), 50);
    const status = await ds.feed(new Blob([csv], { type: 'text/csv' }), 'week.csv');
    assert.equal(status.state, 'ready');
    assert.equal(status.fromCache, false);
    const inWorker = await ds.view({ by: ['queue', 'day'] });
    const onPage = query(analyzeText(csv, { inputTimeZone: TZ }).parts, defaultDefinitions(TZ), { by: ['queue', 'day'] });
    assert.deepEqual(inWorker.totals, onPage.totals);
    assert.deepEqual(inWorker.groups, onPage.groups);
    assert.equal(inWorker.validation!.rowsRead, 20000);
    await until(() => updates.some((u) => u.status.state === 'ready'));
    assert.equal(updates[0].status.state, 'empty', 'a snapshot first');
    const last = updates[updates.length - 1];
    assert.equal(last.groups.length, 4);
    await unsubscribe();
    assert.equal((await client.api.stats()).subscriptions, 0, 'the subscription and its proxy are gone');
  });

  it('a dataset opened without waiting for the worker\'s answer takes its subscriptions and its file at once, in order: none fails, each sees the reading from its start', async () => {
    // The open, three subscriptions and the file go out one behind the other, none waiting for an answer: were
    // they taken out of order, a subscription or the reading would find no dataset and fail.
    const engine = new EngineClient({ dbName: `${dbName}-now` });
    try {
      const ds = await engine.openNow({ name: 'now.csv', timeZone: TZ });
      const seen: ViewResult[][] = [[], [], []];
      const subs = seen.map((list) => ds.subscribe({ by: ['queue'] }, (r) => list.push(r), 50));
      const status = await ds.feed(new Blob([csv], { type: 'text/csv' }), 'now.csv');
      await ds.opened;
      await Promise.all(subs);
      assert.equal(status.state, 'ready', JSON.stringify(status.error));
      await until(() => seen.every((l) => l.some((u) => u.status.state === 'ready')));
      const onPage = query(analyzeText(csv, { inputTimeZone: TZ }).parts, defaultDefinitions(TZ), { by: ['queue'] });
      for (const list of seen) {
        assert.ok(!list.some((u) => u.status.state === 'error'), 'no result is an error');
        assert.ok(list[0].status.state !== 'ready', 'the reading seen from before its end');
        assert.deepEqual(list[list.length - 1].totals, onPage.totals);
      }
    } finally {
      engine.terminate();
    }
  });

  it('a change of state is sent at once, and a file\'s first figures; progress within a state at most every throttle; nothing when nothing changed', async () => {
    const ds = await client.open({ name: 'again', timeZone: TZ });
    const seen: { at: number; state: string }[] = [];
    // The first figures of a file being read count as a change (loading → loading with figures).
    const unsubscribe = await ds.subscribe({}, (r) => seen.push({ at: performance.now(), state: r.status.state === 'loading' && r.totals ? 'loading with figures' : r.status.state }), 300);
    try {
      await ds.feed(new Blob([csv + '\n'])); // not the first test's bytes: read, not taken from the cache
      await new Promise((r) => setTimeout(r, 700));
      const n = seen.length;
      await new Promise((r) => setTimeout(r, 700));
      assert.equal(seen.length, n, 'nothing changed: nothing sent');
      const states = seen.map((u) => u.state).filter((x, i, a) => x !== a[i - 1]);
      assert.deepEqual(states.filter((x) => x !== 'loading with figures'), ['empty', 'loading', 'ready']);
      // Within a state, the next update comes at the first tick at least half a throttle after the last was
      // sent (docs/protocol.md): a tick that fired late is not followed at once. 25 ms for the way to the page.
      for (let i = 1; i < seen.length; i++) {
        if (seen[i].state !== seen[i - 1].state) continue;
        assert.ok(seen[i].at - seen[i - 1].at >= 150 - 25, `two ${seen[i].state} updates ${Math.round(seen[i].at - seen[i - 1].at)} ms apart`);
      }
    } finally {
      await unsubscribe();
    }
  });

  it('the same content read again with the same settings comes from the cache, without a parse', async () => {
    const before = (await client.api.stats()).parses;
    const ds = await client.open({ name: 'copy', timeZone: TZ });
    const status = await ds.feed(new Blob([csv]));
    assert.equal(status.fromCache, true);
    assert.equal((await client.api.stats()).parses, before);
    // Listed with the size of the parts it shares, not as an empty dataset.
    const list = await client.list();
    const copy = list.find((d) => d.id === ds.id)!, first = list.find((d) => d.id === datasetId)!;
    assert.ok(first.bytes > 0);
    assert.equal(copy.bytes, first.bytes);
  });

  it('a new client (a reload) reopens the dataset by id from IndexedDB: the numbers, no parse', async () => {
    const second = new EngineClient({ dbName });
    try {
      const ds = await second.reopen(datasetId);
      assert.ok(ds, 'found in the cache');
      const r = await ds!.view({ by: ['queue'] });
      assert.equal(r.status.fromCache, true);
      assert.equal(r.validation!.rowsRead, 20000);
      const onPage = query(analyzeText(csv, { inputTimeZone: TZ }).parts, defaultDefinitions(TZ), { by: ['queue'] });
      assert.deepEqual(r.groups, onPage.groups);
      assert.equal((await second.api.stats()).parses, 0);
      const list = await second.list();
      assert.ok(list.some((d) => d.id === datasetId && d.name === 'week.csv'));
      assert.equal(await second.reopen('no-such-id'), null);
    } finally {
      second.terminate();
    }
  });

  it('the cache keeps a dataset\'s parts, not its file, unless the file is asked to be kept', async () => {
    const db = `keep-${Date.now()}`;
    const c = new EngineClient({ dbName: db, heartbeatMs: 0 });
    try {
      const text = [...generateContactsCsv({ contacts: 30_000, seed: 'small-cache' })].join('');
      // The page's default dataset: channel, tier and agent kept, and what FCR by repeat needs.
      const plain = await c.open({ name: 'plain', timeZone: TZ });
      await plain.feed(new Blob([text]));
      const kept = await c.open({ name: 'kept', timeZone: TZ, keepFile: true });
      await kept.feed(new Blob([text, '\n'])); // other content: not the first one's cache entry
      const cache = await DatasetCache.open({ dbName: db });
      assert.equal(await cache.file(plain.id), null, 'no file kept by default');
      assert.equal((await cache.file(kept.id))?.size, text.length + 1, 'the file, when asked');
      const meta = (await cache.list()).find((d) => d.id === plain.id)!;
      // Every contact its own cell here (agent × 15 minutes) and its repeat entry: still a sixth of the file, deflated.
      assert.ok(meta.bytes < text.length * 0.2, `the parts alone: ${meta.bytes} bytes for a file of ${text.length}`);
      // The parts reopen it: the same figures without the file.
      const again = new EngineClient({ dbName: db, heartbeatMs: 0 });
      try {
        const back = await again.reopen(plain.id);
        assert.ok(back);
        assert.equal((await back!.view()).totals!.offered, (await plain.view()).totals!.offered);
      } finally {
        again.terminate();
      }
    } finally {
      c.terminate();
    }
  });

  it('a killed worker comes back with its datasets (from the cache) and its subscriptions', async () => {
    const c = new EngineClient({ dbName, heartbeatMs: 0 });
    try {
      const ds = await c.open({ name: 'survivor', timeZone: TZ });
      await ds.feed(new Blob([csv]));
      const updates: ViewResult[] = [];
      await ds.subscribe({ by: ['queue'] }, (r) => updates.push(r), 50);
      await until(() => updates.length === 1);
      const events: unknown[] = [];
      c.onStatus((e) => events.push(e));
      const old = c.worker;
      old.terminate(); // as if it had crashed: it will never answer again
      assert.equal(await c.checkAlive(300), false);
      assert.ok(c.worker !== old, 'a new worker');
      assert.deepEqual(events, [{ type: 'restarted', datasets: 1, subscriptions: 1, lost: [] }]);
      await until(() => updates.length === 2);
      assert.deepEqual(updates[1].groups, updates[0].groups, 'the same numbers, from the cache');
      assert.equal(updates[1].status.fromCache, true);
      assert.equal((await c.api.stats()).parses, 0, 'restored without a parse');
      assert.equal((await ds.view()).totals!.offered, updates[0].totals!.offered);
    } finally {
      c.terminate();
    }
  });

  it('a worker killed while it reads a file: the reading ends in an error that says so (never a spinner), and reading again works', async () => {
    const c = new EngineClient({ noIndexedDB: true, heartbeatMs: 0 });
    try {
      const ds = await c.open({ name: 'interrupted', timeZone: TZ });
      const updates: ViewResult[] = [];
      await ds.subscribe({}, (r) => updates.push(r), 20);
      // About 50 MB (the same contacts twenty times: the repeats are rejected as duplicates): long enough to kill it mid-read.
      const big = new Blob(Array.from({ length: 20 }, () => csv));
      const reading = ds.feed(big).then(() => null, (e: unknown) => e);
      await until(() => updates.some((u) => u.status.state === 'loading'));
      c.worker.terminate(); // crashed mid-read: it will never answer the feed
      assert.equal(await c.checkAlive(300), false);
      const failed = await reading;
      assert.ok(failed instanceof SaidError && failed.said.code === 'workerRestarted', `the feed ends: ${String(failed)}`);
      await until(() => updates[updates.length - 1].status.state === 'error');
      assert.equal(updates[updates.length - 1].status.error!.code, 'workerRestarted');
      // Read again, on the new worker: the numbers come.
      const s = await ds.feed(new Blob([csv]));
      assert.equal(s.state, 'ready');
      await until(() => updates[updates.length - 1].status.state === 'ready');
      assert.equal(updates[updates.length - 1].totals!.offered > 0, true);
    } finally {
      c.terminate();
    }
  });

  it('without IndexedDB it still works, in memory, and says so', async () => {
    const mem = new EngineClient({ noIndexedDB: true });
    try {
      const ds = await mem.open({ name: 'x', timeZone: 'UTC' });
      const s = await ds.feed(new Blob(['id,queue,arrived,answered,outcome\n1,Q,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,answered\n']));
      assert.equal(s.state, 'ready');
      assert.ok(s.warning && /No IndexedDB/.test(errorText(s.warning)), JSON.stringify(s.warning));
      assert.equal((await ds.view()).totals!.answered, 1);
    } finally {
      mem.terminate();
    }
  });

  it('widgets that come and go leak nothing: 50 subscribe/unsubscribe cycles, proxies released, page heap flat', async () => {
    const ds = await client.open({ name: 'leak', timeZone: 'UTC' });
    await ds.feed(new Blob(['id,queue,arrived,answered,outcome\n1,Q,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,answered\n']));
    const cycle = async () => {
      let got = 0;
      const stop = await ds.subscribe({ by: ['queue'] }, () => got++, 10);
      await until(() => got > 0);
      await stop();
    };
    const gc = (globalThis as unknown as { gc?: () => void }).gc;
    assert.ok(typeof gc === 'function', 'gc() is exposed (--js-flags=--expose-gc)');
    const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
    for (let i = 0; i < 10; i++) await cycle();
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
    gc?.();
    const before = heap();
    for (let i = 0; i < 50; i++) await cycle();
    gc?.();
    await new Promise((r) => setTimeout(r, 100));
    gc?.();
    const grew = heap() - before;
    assert.equal((await client.api.stats()).subscriptions, 0);
    assert.ok(grew < 512 * 1024, `page heap grew ${grew} bytes over 50 cycles`);
  });

  it('the worker can come from a blob: URL (a CDN on another origin) or be handed in by the host (strict CSP)', async () => {
    const url = new URL('../../src/worker/engine.worker.ts', import.meta.url);
    for (const c of [new EngineClient({ workerUrl: url, blob: true, noIndexedDB: true, heartbeatMs: 0 }), new EngineClient({ worker: new Worker(url, { type: 'module' }), noIndexedDB: true, heartbeatMs: 0 })]) {
      try {
        const ds = await c.open({ name: 'origin', timeZone: 'UTC' });
        await ds.feed(new Blob(['id,queue,arrived,answered,outcome\n1,Q,2026-01-01T10:00:00Z,2026-01-01T10:00:05Z,answered\n']));
        assert.equal((await ds.view()).totals!.answered, 1);
      } finally {
        c.terminate();
      }
    }
  });

  it('a file nothing maps ends in an error state with the message, not a broken dataset', async () => {
    const ds = await client.open({ name: 'junk', timeZone: 'UTC' });
    const s = await ds.feed(new Blob(['foo,bar\n1,2\n']));
    assert.equal(s.state, 'error');
    // The error crosses as data (a code and values); its English words are the engine's.
    assert.equal(s.error!.code, 'headerNothingKnown');
    assert.ok(/does not map to contacts/.test(errorText(s.error!)), errorText(s.error!));
  });
});
