/**
 * Every widget that reads a source releases what it took when it is removed: 50 mounts and unmounts of each
 * kind leave no subscription on the page or in the worker, and the page heap flat (Chromium runs with
 * --enable-precise-memory-info --js-flags=--expose-gc).
 */
import { fixture, html } from '@open-wc/testing';
import { assert } from '../../helpers/assert.js';
import '../../../src/components/source/source.js';
import '../../../src/components/gauge/gauge.js';
import '../../../src/components/queue-board/queue-board.js';
import '../../../src/components/trend/trend.js';
import '../../../src/components/scorecard/scorecard.js';
import '../../../src/components/alerts/alerts.js';
import '../../../src/components/staffing/staffing.js';
import '../../../src/components/csv-drop/csv-drop.js';
import type { SlaSource } from '../../../src/components/source/source.component.js';
import { pageEngine } from '../../../src/client/page-engine.js';

const csv = ['id,queue,arrived,answered,outcome', ...Array.from({ length: 200 }, (_, i) => {
  const at = Date.UTC(2026, 2, 2, 9, 0, i * 20);
  return `C${i},${i % 2 ? 'Sales' : 'Help'},${new Date(at).toISOString()},${new Date(at + ((i * 7) % 60) * 1000).toISOString()},answered`;
})].join('\n');
const sla = { name: 'Lifecycle', timeZone: 'UTC', metrics: [{ metric: 'serviceLevel', target: 0.8, margin: 0.03, period: 'day' }] };

function until(pred: () => boolean, ms = 10000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => (pred() ? resolve() : Date.now() - t0 > ms ? reject(new Error('timed out')) : setTimeout(tick, 10));
    tick();
  });
}
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
const gc = () => (globalThis as unknown as { gc: () => void }).gc();

describe('every widget releases its subscription when removed', () => {
  for (const tag of ['sla-gauge', 'sla-queue-board', 'sla-trend', 'sla-scorecard', 'sla-alerts', 'sla-staffing', 'sla-csv-drop']) {
    it(`${tag}: 50 mounts and unmounts, no growth in subscriptions or heap`, async () => {
      const src = await fixture<SlaSource>(html`<sla-source id="life" tz="UTC" .file=${new Blob([csv])} .slaDocument=${sla}></sla-source>`);
      await src.datasetHandle();
      const engine = pageEngine();
      const cycle = async () => {
        const el = document.createElement(tag) as HTMLElement & { throttle?: number };
        el.setAttribute('source', 'life');
        el.setAttribute('throttle', '10');
        document.body.append(el);
        // The widgets that read views subscribe; wait for it (csv-drop reads only when a file is dropped).
        if (tag !== 'sla-csv-drop') await until(() => src.subscriptionCount === 1);
        await new Promise((r) => setTimeout(r, 20));
        el.remove();
        await until(() => src.subscriptionCount === 0);
      };
      for (let i = 0; i < 5; i++) await cycle();
      await new Promise((r) => setTimeout(r, 200));
      gc();
      const heap0 = heap();
      const subs0 = (await engine.api.stats()).subscriptions;
      for (let i = 0; i < 50; i++) await cycle();
      await new Promise((r) => setTimeout(r, 300));
      gc();
      assert.equal(src.subscriptionCount, 0);
      const subs1 = (await engine.api.stats()).subscriptions;
      assert.ok(subs1 <= subs0, `worker subscriptions ${subs0} before, ${subs1} after 50 ${tag}`);
      const grew = heap() - heap0;
      assert.ok(grew < 1024 * 1024, `page heap grew ${grew} bytes over 50 ${tag}`);
    });
  }
});
