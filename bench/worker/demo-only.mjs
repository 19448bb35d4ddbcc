// Part 5 of bench:worker alone (the offline demo's own page), for profiling the demo's path:
//   node bench/worker/demo-only.mjs [--root dist/demo] [--runs 2] [--contacts 1000000] [--profile dir]
// --profile writes a CPU profile of each worker to dir (summarise one with bench/engine/profile-summary.mjs).
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';
import { contactsFile } from '../common.mjs';
import { demoRun, serveDemo } from './demo.mjs';

const argOf = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const csv = contactsFile(Number(argOf('contacts', 1_000_000)));
const chrome = findChrome();
if (!chrome) { console.error(HOW_TO_GET_CHROME); process.exit(2); }
const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: [...CHROME_FLAGS, '--enable-precise-memory-info'] });
const demo = await serveDemo(argOf('root', 'dist/demo'));
for (let i = 0; i < Number(argOf('runs', 2)); i++) {
  const profileDir = argOf('profile', null);
  if (profileDir) (await import('node:fs')).mkdirSync(profileDir, { recursive: true });
  const r = await demoRun(browser, demo.base, csv, { profileDir });
  console.log(`demo run ${i + 1}: first look ${r.firstLookMs.toFixed(0)} ms · after "Read": first figures ${r.firstFiguresMs.toFixed(0)} ms, final ${(r.finalMs / 1000).toFixed(2)} s (the page's main thread busy ${(r.pageBusyMs / 1000).toFixed(2)} s of it) · reload to figures ${r.reopenMs.toFixed(0)} ms · stored ${(r.storedBytes / 1e6).toFixed(1)} MB · offered ${r.offered} (after reload ${r.again})`);
}
demo.close();
await browser.close();
