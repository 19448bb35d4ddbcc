// Engine benchmark (`npm run bench:engine`; not part of the tests).
//
// Parses + aggregates a generated contact file into 15-min × queue parts with our reader on one thread and on
// every core (ranges on worker threads), with Papa Parse and with uDSV (both feeding the same aggregation
// code), and with DuckDB (read_csv + the same aggregation in SQL, on every core and on one), each in its own
// child process (bench/engine/child.mjs); checks that all get the same totals, and prints times, throughput,
// peak RSS and the ratios against the goals: ≥ 1.5× faster than DuckDB (one thread against one, every core
// against every core), ≥ 5× faster than Papa Parse, faster than uDSV, peak RSS under the file's size.
//
//   node bench/engine/run.mjs [--contacts N] [--runs R] [--chunk-kib K] [--impl a,b,…]
//
//   --contacts N  rows in the generated file (default 1,000,000 ≈ 130 MB); the file is bench/out/contacts-N.csv
//                 and is generated with the CLI (`dist/cli/main.js generate --seed bench`) only when missing.
//   --runs R      runs of each implementation (default 3); the fastest counts.
//   --chunk-kib K fs.createReadStream highWaterMark for every implementation (default 64, Node's default;
//                 1024 made the peers markedly slower, uDSV most: see child.mjs).
//   --impl list   run only these implementations (the ratios need all three).
//
// Results also go to bench/out/engine.json. Exit 1 when the implementations disagree or a child fails.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT_DIR = path.join(ROOT, 'bench/out');
const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));
const CLI = path.join(ROOT, 'dist/cli/main.js');
const ENGINE = path.join(ROOT, 'dist/engine/index.js');
const IMPLS = ['sla-widgets', 'sla-widgets-threads', 'duckdb-1', 'duckdb', 'papaparse', 'udsv'];
const OURS = 'sla-widgets';

const GOALS = {
  duck: 1.5, // duckdb time / ours ≥ 1.5 (one thread against one, every core against every core)
  papa: 5, // papaparse time / ours ≥ 5
  udsv: 1, // udsv time / ours > 1
  rss: 1, // our peak RSS / file size < 1
};

// ---------------------------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const opts = { contacts: 1_000_000, runs: 3, chunkKib: 64, impls: IMPLS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--contacts') opts.contacts = wholeNumber(a, value(), 1);
    else if (a === '--runs') opts.runs = wholeNumber(a, value(), 1);
    else if (a === '--chunk-kib') opts.chunkKib = wholeNumber(a, value(), 1);
    else if (a === '--impl') {
      opts.impls = value().split(',').map((s) => s.trim()).filter(Boolean);
      for (const s of opts.impls) if (!IMPLS.includes(s)) fail(`unknown implementation "${s}" (expected ${IMPLS.join(', ')})`);
    } else if (a === '--help' || a === '-h') {
      console.log(`usage: node bench/engine/run.mjs [--contacts N] [--runs R] [--chunk-kib K] [--impl ${IMPLS.join(',')}]`);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  return opts;
}

function wholeNumber(name, s, min) {
  const n = Number(s.replaceAll('_', ''));
  if (!Number.isSafeInteger(n) || n < min) fail(`${name} must be a whole number ≥ ${min}, not "${s}"`);
  return n;
}

function fail(msg) {
  console.error(`bench:engine: ${msg}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------

/** Generates the contact file with the CLI unless it is there already. */
async function ensureContacts(contacts) {
  const file = path.join(OUT_DIR, `contacts-${contacts}.csv`);
  if (fs.existsSync(file)) return file;
  if (!fs.existsSync(CLI)) fail(`${path.relative(ROOT, CLI)} is missing: run \`npm run build\` first`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // Written to a temporary name and renamed when complete, so an interrupted run never leaves a short file
  // behind that a later run would take for the real one.
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  console.log(`Generating ${contacts.toLocaleString('en-US')} contacts → ${path.relative(ROOT, file)} …`);
  const t0 = performance.now();
  const code = await new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CLI, 'generate', '--contacts', String(contacts), '--seed', 'bench'], {
      cwd: ROOT,
      stdio: ['ignore', fd, 'inherit'],
    });
    p.on('error', reject);
    p.on('exit', (c, signal) => resolve(signal ? 128 : c));
  }).finally(() => fs.closeSync(fd));
  if (code !== 0) {
    fs.rmSync(tmp, { force: true });
    fail(`\`sla-widgets generate\` failed (exit ${code})`);
  }
  fs.renameSync(tmp, file);
  const mb = fs.statSync(file).size / 1e6;
  console.log(`  ${mb.toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return file;
}

/** Runs one implementation in a fresh process; resolves to the JSON line it prints. */
function runChild(impl, file, chunkBytes) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, impl, file, String(chunkBytes)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (s) => (out += s));
    p.on('error', reject);
    p.on('close', (code, signal) => {
      if (code !== 0) return reject(new Error(`${impl}: child exited with ${signal ?? `code ${code}`}`));
      const line = out.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${impl}: no JSON result line in the child's output:\n${out}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

const opts = parseArgs(process.argv.slice(2));
if (!process.env.SLA_BENCH_ENGINE && !fs.existsSync(ENGINE)) fail(`${path.relative(ROOT, ENGINE)} is missing: run \`npm run build\` first`);
const file = await ensureContacts(opts.contacts);
const bytes = fs.statSync(file).size;

console.log(
  `Engine benchmark: ${path.relative(ROOT, file)} (${(bytes / 1e6).toFixed(1)} MB), parse + aggregate into 15-min × queue parts,\n` +
    `${opts.chunkKib} KiB reads, best of ${opts.runs} run${opts.runs === 1 ? '' : 's'} each, every run in its own process ` +
    `(Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'CPU'})\n`,
);

// Rounds alternate the implementations (A B C, A B C, …) rather than running one three times in a row, so
// that a slow patch of the machine (another process, thermal throttling) spreads over all of them.
const runs = Object.fromEntries(opts.impls.map((i) => [i, []]));
try {
  for (let round = 1; round <= opts.runs; round++) {
    for (const impl of opts.impls) {
      const r = await runChild(impl, file, opts.chunkKib * 1024);
      runs[impl].push(r);
      console.log(`  run ${round}/${opts.runs}  ${impl.padEnd(12)} ${(r.ms / 1000).toFixed(2).padStart(7)} s   cpu ${(r.cpuMs / 1000).toFixed(2).padStart(6)} s   peak RSS ${(r.maxRssBytes / 1e6).toFixed(0).padStart(5)} MB`);
    }
  }
} catch (e) {
  fail(e.message);
}
console.log();

// Per implementation: the fastest run's time; the highest peak RSS of all its runs (the goal is a ceiling,
// so the worst run is the one to hold against it).
const results = {};
for (const impl of opts.impls) {
  const rs = runs[impl];
  const best = rs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const maxRss = Math.max(...rs.map((r) => r.maxRssBytes));
  results[impl] = {
    ms: best.ms,
    cpuMs: best.cpuMs,
    allMs: rs.map((r) => r.ms),
    mbPerSec: bytes / 1e6 / (best.ms / 1000),
    rowsPerSec: best.rowsRead / (best.ms / 1000),
    rowsRead: best.rowsRead,
    rowsAccepted: best.rowsAccepted,
    rowsRejected: best.rowsRejected,
    maxRssBytes: maxRss,
    rssPerFile: maxRss / bytes,
    checksum: best.checksum,
  };
}

// Every run of every implementation must agree with the first: same totals, same row accounting.
const reference = runs[opts.impls[0]][0];
const mismatches = [];
for (const impl of opts.impls) {
  for (const [k, r] of runs[impl].entries()) {
    for (const key of Object.keys(reference.checksum)) {
      if (!Object.is(r.checksum[key], reference.checksum[key])) {
        mismatches.push(`${impl} run ${k + 1}: ${key} = ${r.checksum[key]}, but ${reference.impl} run 1 has ${reference.checksum[key]}`);
      }
    }
  }
}

// The table.
const rows = [['impl', 'time s', 'MB/s', 'rows/s', 'peak RSS MB', 'RSS / file', 'cpu s']];
for (const impl of opts.impls) {
  const r = results[impl];
  rows.push([
    impl,
    (r.ms / 1000).toFixed(2),
    r.mbPerSec.toFixed(1),
    Math.round(r.rowsPerSec).toLocaleString('en-US'),
    (r.maxRssBytes / 1e6).toFixed(0),
    `${r.rssPerFile.toFixed(2)}×`,
    (r.cpuMs / 1000).toFixed(2),
  ]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const fmt = (r) => r.map((s, c) => (c === 0 ? s.padEnd(widths[c]) : s.padStart(widths[c]))).join('   ');
console.log(fmt(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('   '));
for (const r of rows.slice(1)) console.log(fmt(r));
const c = reference.checksum;
console.log(`\n${c.rowsRead.toLocaleString('en-US')} rows read (${c.rowsAccepted.toLocaleString('en-US')} accepted, ${c.rowsRejected} rejected); ` +
  `offered ${c.offered.toLocaleString('en-US')}, answered ${c.answered.toLocaleString('en-US')}, service level ${c.serviceLevel}, ${c.cells.toLocaleString('en-US')} parts.\n` +
  `MB = 10^6 bytes; RSS includes Node itself; cpu s = user + system CPU time of the best run (GC threads included).`);

// The ratios against the goals.
const ratios = {};
const ours = results[OURS];
console.log('\nGoals:');
const line = (label, value, goal, pass) => console.log(`  ${label.padEnd(36)} ${value.toFixed(2).padStart(6)}×   goal ${goal.padEnd(6)} ${pass === null ? '' : pass ? 'PASS' : 'MISS'}`);
const threads = results['sla-widgets-threads'];
if (ours && results['duckdb-1']) {
  const v = results['duckdb-1'].ms / ours.ms;
  ratios.duckdb1OverOurs = { value: v, goal: `>= ${GOALS.duck}`, pass: v >= GOALS.duck };
  line('duckdb (1 thread) / ours (1)', v, `≥ ${GOALS.duck}×`, v >= GOALS.duck);
}
if (threads && results.duckdb) {
  const v = results.duckdb.ms / threads.ms;
  ratios.duckdbOverOursThreads = { value: v, goal: `>= ${GOALS.duck}`, pass: v >= GOALS.duck };
  line(`duckdb / ours (${os.availableParallelism()} threads each)`, v, `≥ ${GOALS.duck}×`, v >= GOALS.duck);
}
if (ours && threads) line('ours on 1 thread / on every core', ours.ms / threads.ms, '—', null);
if (ours && results.papaparse) {
  const v = results.papaparse.ms / ours.ms;
  ratios.papaparseOverOurs = { value: v, goal: `>= ${GOALS.papa}`, pass: v >= GOALS.papa };
  line('papaparse time / ours', v, `≥ ${GOALS.papa}×`, v >= GOALS.papa);
}
if (ours && results.udsv) {
  const v = results.udsv.ms / ours.ms;
  ratios.udsvOverOurs = { value: v, goal: `> ${GOALS.udsv}`, pass: v > GOALS.udsv };
  line('udsv time / ours', v, `> ${GOALS.udsv}×`, v > GOALS.udsv);
}
if (ours) {
  const v = ours.rssPerFile;
  ratios.oursRssOverFile = { value: v, goal: `< ${GOALS.rss}`, pass: v < GOALS.rss };
  line('our peak RSS / file size', v, `< ${GOALS.rss}×`, v < GOALS.rss);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
const jsonFile = path.join(OUT_DIR, 'engine.json');
fs.writeFileSync(jsonFile, JSON.stringify({
  date: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model?.trim() ?? null,
  file: path.relative(ROOT, file),
  bytes,
  contacts: opts.contacts,
  runs: opts.runs,
  chunkBytes: opts.chunkKib * 1024,
  results,
  ratios,
  agree: mismatches.length === 0,
  mismatches,
}, null, 2) + '\n');
console.log(`\nResults written to ${path.relative(ROOT, jsonFile)}`);

if (mismatches.length > 0) {
  console.error('\n' + '!'.repeat(100));
  console.error('!!! MISMATCH: the implementations do not agree on the results — the timings above compare different work:');
  for (const m of mismatches) console.error(`!!!   ${m}`);
  console.error('!'.repeat(100));
  process.exit(1);
}
