import { assert } from '../helpers/assert.js';
import { applyUpdate, ViewUpdates, type ViewResult } from '../../src/protocol/index.js';
import { analyzeText } from '../../src/engine/analyze.js';
import { query } from '../../src/engine/rollup.js';
import { defaultDefinitions } from '../../src/engine/definitions.js';

/** A view's result by interval for the contacts so far, as the worker would compute it. */
function resultOf(rows: string[], version: number): ViewResult {
  const parts = analyzeText(['id,queue,arrived,answered,outcome', ...rows].join('\n')).parts;
  const definitions = defaultDefinitions('UTC');
  const r = query(parts, definitions, { by: ['interval'] });
  return {
    status: { id: 'd', name: 'd', state: 'ready', progress: null, fromCache: false, error: null, warning: null, stream: null },
    definitions, totals: r.totals, groups: r.groups, validation: null, mapping: null, version, live: null,
  };
}

describe('view updates across the worker boundary (docs/protocol.md)', () => {
  it('the first update is whole, then only changed groups cross; applyUpdate puts back exactly what was computed', () => {
    const rows: string[] = [];
    const add = (i: number, minute: number, wait: number) =>
      rows.push(`c${i},Q,2026-03-02T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00Z,2026-03-02T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String(wait).padStart(2, '0')}Z,answered`);
    const sender = new ViewUpdates();
    let page: ViewResult | null = null;
    const sentGroups: number[] = [];
    for (let i = 0; i < 12; i++) {
      add(i, i * 10, (i * 7) % 50); // one contact every 10 minutes: a new interval every second or third step
      const computed = resultOf(rows, i + 1);
      const u = sender.next(computed);
      assert.ok(u !== null, `step ${i}: the figures moved`);
      assert.equal(u!.kind, i === 0 ? 'full' : 'delta');
      if (u!.kind === 'delta') sentGroups.push(u!.changed.length);
      page = applyUpdate(page, u!);
      assert.deepEqual(page, computed, `step ${i}: the page's result is the worker's`);
    }
    // Each step changes one interval: one group crosses, not all of them.
    assert.deepEqual(sentGroups, Array(11).fill(1));
    assert.equal(page!.groups.length, 8, '12 contacts over 110 minutes: intervals 09:00 … 10:45');
  });
  it('nothing crosses when only the version moved; a removed group and a new order cross', () => {
    const sender = new ViewUpdates();
    const a = resultOf(['c1,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:05Z,answered', 'c2,Q,2026-03-02T09:20:00Z,2026-03-02T09:20:05Z,answered'], 1);
    let page = applyUpdate(null, sender.next(a)!);
    assert.equal(sender.next({ ...a, version: 2 }), null);
    const b = { ...a, version: 3, groups: [a.groups[1]] };
    const u = sender.next(b)!;
    assert.equal(u.kind, 'delta');
    assert.deepEqual(u.kind === 'delta' ? [u.changed.length, u.removed, u.order] : null, [0, [a.groups[0].key], [a.groups[1].key]]);
    page = applyUpdate(page, u);
    assert.deepEqual(page, b);
  });

  it('a delta carries only the fields that changed besides the version; a field gone comes as undefined; the page has the whole', () => {
    const sender = new ViewUpdates();
    const first = resultOf(['c1,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:05Z,answered'], 1);
    let page = applyUpdate(null, sender.next({ ...first, notGiven: { source: 'Amazon Connect', metrics: ['waitP90'] } })!);
    const second = resultOf(['c1,Q,2026-03-02T09:00:00Z,2026-03-02T09:00:05Z,answered', 'c2,Q,2026-03-02T09:01:00Z,2026-03-02T09:01:40Z,answered'], 2);
    const u = sender.next(second)!;
    assert.equal(u.kind, 'delta');
    assert.deepEqual(Object.keys(u.result).sort(), ['notGiven', 'totals', 'version'], 'the definitions, status, validation did not change: not sent');
    assert.equal(u.result.notGiven, undefined);
    page = applyUpdate(page, u);
    assert.deepEqual(page, { ...second, notGiven: undefined });
    assert.deepEqual(page.definitions, first.definitions);
  });
});

