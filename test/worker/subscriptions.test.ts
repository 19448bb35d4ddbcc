import { assert } from '../helpers/assert.js';
import { Subscriptions } from '../../src/worker/subscriptions.js';
import { applyUpdate, type ViewResult, type ViewUpdate } from '../../src/protocol/index.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

function result(version: number, offered: number): ViewResult {
  return {
    status: { id: 'd', name: 'd', state: 'ready', progress: null, fromCache: false, error: null, warning: null, stream: null },
    definitions: defaultDefinitions('UTC'), totals: null,
    groups: [{ key: 'Q', by: { queue: 'Q' }, offered } as never], validation: null, mapping: null, version, live: null,
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('subscriptions in the worker (docs/protocol.md)', () => {
  it('a result at once; then at most one update per throttle, the last figures; nothing when nothing a widget sees changed', async () => {
    let now = result(1, 1);
    const subs = new Subscriptions(() => now);
    const got: ViewUpdate[] = [];
    const id = subs.add('d', {}, (u) => got.push(u), 200);
    assert.equal(got.length, 1, 'the first result at once');
    assert.equal(got[0].kind, 'full');
    for (let i = 2; i <= 6; i++) { now = result(i, i); subs.notify('d'); }
    assert.equal(got.length, 1, 'throttled');
    await wait(350);
    assert.equal(got.length, 2, 'one update for five changes');
    let page = applyUpdate(applyUpdate(null, got[0]), got[1]);
    assert.equal((page.groups[0] as { offered: number }).offered, 6, 'the last figures');
    now = result(7, 6);
    subs.notify('d', true);
    assert.equal(got.length, 2, 'only the version moved: nothing sent');
    now = result(8, 9);
    subs.notify('d', true);
    assert.equal(got.length, 3, 'a change of state goes out at once');
    page = applyUpdate(page, got[2]);
    assert.equal((page.groups[0] as { offered: number }).offered, 9);
    assert.equal(subs.size, 1);
    let released = 0;
    subs.add('e', {}, () => undefined, 200, () => released++);
    subs.removeAll('e');
    subs.remove(id);
    assert.equal(subs.size, 0);
    assert.equal(released, 1, 'a removed subscription lets go of its callback');
  });
  it('subscriptions made at different moments send their throttled updates together, at one tick, at most one a throttle', async () => {
    let now = result(1, 1);
    const subs = new Subscriptions(() => now);
    const at: number[][] = [[], [], []];
    for (let i = 0; i < 3; i++) {
      subs.add('d', {}, () => at[i].push(performance.now()), 200);
      await wait(70);
    }
    const t0 = performance.now();
    for (let k = 2; performance.now() - t0 < 900; k++) {
      now = result(k, k);
      subs.notify('d');
      await wait(20);
    }
    await wait(250);
    // Once the three are on the clock (after their first results, at once, and a first update each), every
    // update of the three falls at the same instant, one a throttle.
    const last = at.map((times) => times.slice(-3));
    assert.ok(at.every((t) => t.length >= 5), `updates went out (${at.map((t) => t.length)})`);
    for (let n = 0; n < 3; n++) {
      const spread = Math.max(...last.map((t) => t[n])) - Math.min(...last.map((t) => t[n]));
      assert.ok(spread < 5, `update ${n + 1} of the last three left together (${spread.toFixed(1)} ms apart)`);
      if (n > 0) assert.ok(last[0][n] - last[0][n - 1] >= 190 && last[0][n] - last[0][n - 1] <= 260, `one a throttle (${(last[0][n] - last[0][n - 1]).toFixed(0)} ms)`);
    }
    for (const times of at) for (let n = 1; n < times.length; n++) assert.ok(times[n] - times[n - 1] >= 95, `never sooner than half a throttle (${(times[n] - times[n - 1]).toFixed(0)} ms)`);
  });

  it('subscriptions told together that ask the same view share one computation; other views and datasets get their own', async () => {
    let computed: string[] = [];
    let offered = 1;
    const subs = new Subscriptions((dataset, view) => { computed.push(`${dataset} ${JSON.stringify(view)}`); return result(offered, offered); });
    const got = new Map<string, number>();
    const seen = (name: string) => (u: ViewUpdate) => { if (u.kind === 'full' || u.changed.length) got.set(name, (got.get(name) ?? 0) + 1); };
    for (let i = 0; i < 4; i++) subs.add('d', {}, seen(`gauge ${i}`), 100);
    subs.add('d', { by: ['queue'] }, seen('board'), 100);
    subs.add('e', {}, seen('other'), 100);
    computed = [];
    offered = 2;
    subs.notify('d', true);
    assert.deepEqual(computed.sort(), ['d {"by":["queue"]}', 'd {}'], 'the four gauges\' view once, the board\'s once, nothing for the other dataset');
    for (let i = 0; i < 4; i++) assert.equal(got.get(`gauge ${i}`), 2, `gauge ${i} got the new figures`);
    // A throttled tick shares the same way; the next pass computes again (the dataset may have changed between).
    computed = [];
    offered = 3;
    subs.notify('d');
    await wait(200);
    assert.deepEqual(computed.sort(), ['d {"by":["queue"]}', 'd {}']);
    assert.equal(got.get('gauge 3'), 3, 'the tick\'s figures reached every gauge');
    computed = [];
    subs.notify('d', true);
    assert.equal(computed.length, 2, 'a later pass computes again');
  });

  it('a subscriber that throws does not stop the others', () => {
    const subs = new Subscriptions(() => result(1, 1));
    let ok = 0;
    subs.add('d', {}, () => { throw new Error('gone'); });
    subs.add('d', {}, () => { ok++; });
    assert.equal(ok, 1);
  });
});
