import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROME_FLAGS, findChrome } from './scripts/find-chrome.mjs';

/**
 * A feed server for the live-stream tests (built by `npm run build`, which `npm test` runs first): 40,000
 * synthetic contacts at 300 events/s (about 6 minutes of events: the flow outlasts the whole run), heartbeats every 200 ms, with POST /control to pause, resume, drop.
 */
export const FEED_PORT = 8791;
let feed = null;
const feedServer = {
  name: 'feed-server',
  async serverStart() {
    let startFeedServer;
    try {
      ({ startFeedServer } = await import('./dist/feed/server.js'));
    } catch {
      console.warn('feed-server: dist/feed/server.js is missing (run npm run build); live-stream tests will fail');
      return;
    }
    const t0 = Date.UTC(2026, 2, 2, 9, 0, 0);
    const queues = ['Sales', 'Support', 'Billing'];
    const contacts = Array.from({ length: 40000 }, (_, i) => {
      const arrived = t0 + i * 3000;
      const wait = (i * 7) % 45;
      const answered = i % 9 !== 0;
      return answered
        ? { id: `L${i}`, queue: queues[i % 3], arrived, answered: arrived + wait * 1000, ended: arrived + (wait + 120) * 1000, outcome: 'answered', wait, talk: 120 }
        : { id: `L${i}`, queue: queues[i % 3], arrived, ended: arrived + wait * 1000, outcome: 'abandoned', wait };
    });
    feed = await startFeedServer({ contacts, rate: 300, heartbeatMs: 200, port: FEED_PORT, control: true });
  },
  async serverStop() {
    await feed?.close();
  },
};

export default {
  files: ['test/**/*.test.ts', '!test/cli/**'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), feedServer],
  browsers: [
    chromeLauncher({
      // Two test files run at once (concurrency 2). Each page has its own browser context, so its own storage:
      // the cache tests clear and count what IndexedDB holds, and a page sharing the origin's storage would see
      // the other file's datasets. And each page is a window of its own: a second tab in one window is a
      // background tab, which gets no frames (requestAnimationFrame never fires there) and slowed timers.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage({ type: 'window' }),
      launchOptions: {
        executablePath: process.env.CHROME_PATH || findChrome() || undefined,
        headless: true,
        // Precise heap figures and gc() for the tests that check that nothing leaks.
        args: [...CHROME_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
      },
    }),
  ],
};
