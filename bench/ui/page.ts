/**
 * The UI benchmark page: 24 gauges and a 50-queue board on one live source, updating every second.
 * Driven by bench/ui/run.mjs (puppeteer-core); it measures what happens on the main thread.
 */
import { EngineClient } from '../../src/client/engine-client.js';
import { setPageEngine } from '../../src/client/page-engine.js';
import '../../src/components/source/source.js';
import '../../src/components/gauge/gauge.js';
import '../../src/components/queue-board/queue-board.js';

setPageEngine(new EngineClient({ createWorker: () => new Worker('./engine.worker.js', { type: 'module' }), noIndexedDB: true, heartbeatMs: 0 }));

const api = {
  /** Every task over 50 ms: when it started (performance.now) and how long it took. */
  longTasks: [] as { at: number; ms: number }[],
  updates: 0,
  /** When start() began (performance.now): the opening's tasks are told from here. */
  startedAt: 0,
  start(stream: string, queues: string[]) {
    api.startedAt = performance.now();
    new PerformanceObserver((l) => { for (const e of l.getEntries()) api.longTasks.push({ at: e.startTime, ms: e.duration }); }).observe({ type: 'longtask' });
    const source = document.createElement('sla-source');
    source.setAttribute('tz', 'UTC');
    source.setAttribute('stream', stream);
    const grid = document.createElement('div');
    grid.style.cssText = 'display:grid;grid-template-columns:repeat(6,1fr);gap:8px';
    const metrics = ['serviceLevel', 'asa', 'abandonRate', 'waiting'];
    // Diagnostics (run.mjs --only board|gauges): the page with one kind of widget.
    const only = location.hash.slice(1);
    for (let i = 0; i < (only === 'board' ? 0 : 24); i++) {
      const g = document.createElement('sla-gauge');
      const metric = metrics[i % metrics.length];
      g.setAttribute('metric', metric);
      g.setAttribute('queue', queues[i % queues.length]);
      g.setAttribute('label', `${queues[i % queues.length]} ${metric}`);
      (g as unknown as { target: number }).target = metric === 'serviceLevel' ? 0.8 : metric === 'asa' ? 30 : metric === 'abandonRate' ? 0.05 : 20;
      g.addEventListener('sla-status-change', () => {});
      grid.append(g);
    }
    const board = document.createElement('sla-queue-board');
    (board as unknown as { thresholds: unknown }).thresholds = { serviceLevel: { target: 0.8, margin: 0.03 }, waiting: { threshold: 20 }, longestWait: { threshold: 120 } };
    // Count the board's renders: one per update from the source.
    const orig = (board as unknown as { applyRows: (r: unknown[]) => void }).applyRows.bind(board);
    (board as unknown as { applyRows: (r: unknown[]) => void }).applyRows = (r) => { api.updates++; orig(r); };
    source.append(grid);
    if (only !== 'gauges') source.append(board);
    document.body.append(source);
    return true;
  },
  now() {
    return performance.now();
  },
  rows() {
    const board = document.querySelector('sla-queue-board') as unknown as { rows: unknown[] } | null;
    return board ? board.rows.length : document.querySelectorAll('sla-gauge').length * 10;
  },
};
(window as unknown as { bench: typeof api }).bench = api;
document.title = 'ready';
