// Detection benchmark (npm run bench:detect): how long the kit takes to decide how to read a file it was given
// with no mapping, on 1M rows in three shapes (the kit's own columns; a Five9 call log; a worded Spanish export
// whose dates say their day/month order only 900,000 rows in), goal < 1 s each; then, in Chromium, the drop's
// path for 1M contacts: the first look (head + detection in the worker) and the first figures after the drop.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_FLAGS, HOW_TO_GET_CHROME } from '../../scripts/find-chrome.mjs';
import { ContactIngest, sampleBlocks } from '../../dist/engine/index.js';
import { contactsFile, servePage } from '../common.mjs';

const ROWS = 1_000_000;
const out = 'bench/out/detect';
mkdirSync(out, { recursive: true });

/** Writes a file of `rows` rows from a header and a row maker, once. */
async function make(path, header, row) {
  if (existsSync(path)) return;
  console.log(`writing ${path} …`);
  const s = createWriteStream(path);
  s.write(header + '\n');
  let buf = [];
  for (let i = 0; i < ROWS; i++) {
    buf.push(row(i));
    if (buf.length === 10000) { if (!s.write(buf.join('\n') + '\n')) await new Promise((r) => s.once('drain', r)); buf = []; }
  }
  if (buf.length) s.write(buf.join('\n') + '\n');
  await new Promise((r) => s.end(r));
}

const kit = contactsFile(ROWS);
// A Five9 call log: the fixture's rows again and again, each with its own id.
const five9Lines = readFileSync('test/fixtures/vendors/five9-call-log.csv', 'utf8').trim().split(/\r?\n/);
const five9 = join(out, 'five9-1m.csv');
await make(five9, five9Lines[0], (i) => { const l = five9Lines[1 + (i % (five9Lines.length - 1))]; return `${900000000 + i}${l.slice(l.indexOf(','))}`; });
// Spanish words; dd/mm/yyyy dates whose day is ≤ 12 until row 900,000 (the rows are held until one tells).
const spanish = join(out, 'spanish-late-day-1m.csv');
await make(spanish, 'Llamada;Fecha;Hora;Cola;Espera (s);Conversación (s);Resultado', (i) => {
  const day = i < 900_000 ? 1 + (i % 12) : 13 + (i % 15);
  const answered = i % 7 !== 0;
  return `L${i};${String(day).padStart(2, '0')}/03/2026;${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00;Ventas;${i % 90};${answered ? 60 + (i % 400) : ''};${answered ? 'Atendida' : 'Abandonada'}`;
});

const CHUNK = 1 << 20;
async function detect(path) {
  const buf = readFileSync(path);
  let offered = 0;
  const t0 = performance.now();
  // As the CLI and the worker do: eight blocks from further in, read first (bounded: 128 KB).
  const blocks = await sampleBlocks(buf.length, async (o, n) => buf.subarray(o, o + n));
  const ingest = new ContactIngest({ inputTimeZone: 'UTC', sampleBlocks: blocks, onContact: () => { offered++; } });
  let decidedMs = null;
  for (let o = 0; o < buf.length; o += CHUNK) {
    ingest.push(buf.subarray(o, Math.min(buf.length, o + CHUNK)));
    if (decidedMs === null && ingest.decided) decidedMs = performance.now() - t0;
  }
  const r = ingest.end();
  const totalMs = performance.now() - t0;
  return { mb: buf.length / 1e6, decidedMs: decidedMs ?? totalMs, totalMs, preset: r.mapping.preset, rows: r.validation.rowsRead, rejected: r.validation.rowsRejected, contacts: offered };
}

console.log(`\n(1) detection with no mapping, ${ROWS.toLocaleString('en-US')} rows each (goal < 1 s to decide):`);
const results = [];
for (const [what, path] of [['the kit\'s own columns', kit], ['a Five9 call log', five9], ['Spanish words, day/month told 900,000 rows in', spanish]]) {
  const r = await detect(path);
  results.push({ what, ...r });
  console.log(`  ${what} (${r.mb.toFixed(0)} MB, read as ${r.preset}): decided in ${r.decidedMs.toFixed(1)} ms ${r.decidedMs < 1000 ? 'PASS' : 'MISS'} · whole file ${(r.totalMs / 1000).toFixed(2)} s · ${r.rows.toLocaleString('en-US')} rows, ${r.rejected} rejected`);
}

// (2) the drop's path in Chromium (the worker benchmark's page, its drop())
const { base, close: closeServer } = await servePage(join(out, 'page'), kit);
const chrome = findChrome();
if (!chrome) { console.error(HOW_TO_GET_CHROME); process.exit(2); }
const browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_FLAGS });
const page = await browser.newPage();
await page.goto(`${base}/`);
await page.waitForFunction(() => document.title === 'ready');
const bytes = await page.evaluate((u) => window.bench.load(u), `${base}/data.csv`);
let best = null;
for (let i = 0; i < 2; i++) {
  const d = await page.evaluate((db) => window.bench.drop(db), `detect-${Date.now()}-${i}`);
  if (!best || d.ms < best.ms) best = d;
}
await browser.close();
closeServer();
console.log(`\n(2) the drop in Chromium, ${(bytes / 1e6).toFixed(1)} MB, ${best.offered.toLocaleString('en-US')} offered: first look (head + detection, read as ${best.preset}) ${best.firstLookMs.toFixed(0)} ms · first figures ${(best.ms / 1000).toFixed(2)} s after the drop`);
writeFileSync('bench/out/detect.json', JSON.stringify({ date: new Date().toISOString(), rows: ROWS, detection: results, drop: { bytes, ...best } }, null, 2));
console.log('results: bench/out/detect.json');
