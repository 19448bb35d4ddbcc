// The mapping step on a hostile header, in the offline demo's own page (not part of `npm run bench:ui`):
//   npm run build && node bench/ui/wide-header.mjs [--runs 3]
// A file whose header is one 50 MB line ("x,x,x,…"): the drop offers the first 300 columns in each field's
// select. Prints the longest main-thread task from the drop to the mapping shown (the browser suite checks it
// stays under 200 ms; test/components/csv-drop), and what the step's style and layout cost once drawn.
import puppeteer from 'puppeteer-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';
import { serveDemo } from '../worker/demo.mjs';

const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 3;
mkdirSync('bench/out', { recursive: true });
const file = 'bench/out/wide-header.csv';
writeFileSync(file, 'id,queue,arrived,wait,outcome,' + 'x,'.repeat(25 << 20));
const chrome = findChrome();
if (!chrome) { console.error(HOW_TO_GET_CHROME); process.exit(2); }
const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
const demo = await serveDemo('dist/demo');
try {
  for (let run = 1; run <= runs; run++) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.goto(`${demo.base}/offline.html`);
    await page.waitForFunction("(() => { const d = document.getElementById('drop'); return d && d.shadowRoot && d.shadowRoot.querySelector('input[type=file]'); })()");
    await page.evaluate(() => {
      window.__tasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask' });
    });
    const input = await page.evaluateHandle(() => document.getElementById('drop').shadowRoot.querySelector('input[type=file]'));
    await input.uploadFile(file);
    await page.waitForFunction("document.getElementById('drop').step === 'mapping'", { timeout: 60000 });
    await new Promise((r) => setTimeout(r, 300));
    const r = await page.evaluate(() => {
      const d = document.getElementById('drop');
      // The step's style and layout once drawn: the drop restyled (its font size), then laid out.
      const restyle = (px) => { d.style.fontSize = px; const t = performance.now(); void d.offsetWidth; return performance.now() - t; };
      const relayout = Math.min(restyle('15px'), restyle('16px'), restyle('15px'));
      return { tasks: window.__tasks, options: d.shadowRoot.querySelectorAll('option').length, relayout };
    });
    const longest = r.tasks.length ? Math.max(...r.tasks) : 0;
    console.log(`run ${run}: longest main-thread task ${longest ? `${longest.toFixed(0)} ms` : 'under 50 ms (none reported)'} · ${r.options} options in the step · restyled and laid out again in ${r.relayout.toFixed(0)} ms`);
    await context.close();
  }
} finally {
  demo.close();
  await browser.close();
}
