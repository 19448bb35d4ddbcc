// Size budgets of the browser library (npm run size; part of npm test, after the build).
// What a page downloads for one widget: dist/lib/<name>.js plus every chunk it imports statically, recursively
// (its share of lit and d3 included), each gzipped (level 9) and summed. The engine worker loads lazily, only
// when an <sla-source> opens a dataset, so it is measured on its own. Exits 1 when a budget is exceeded.
// kB = 1,000 bytes.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'dist/lib');

/** Budgets, gzip bytes. The gauge is the one a portal embeds most; the script bundle holds every tag. */
export const BUDGETS = {
  // 26.2 kB since the page words why a vendor's aggregates cannot give a figure, in three languages;
  // 26.7 kB since the first renders of many widgets are shared out over tasks;
  // 26.8 kB since a gauge whose figure reads the same as before draws nothing (a wallboard's second);
  // 26.9 kB since arcs drawn before are reused and first renders are laid out a few per frame.
  'gauge.js': 26_900,
  // 105 kB since the page words the engine's reasons, notes and errors itself, in every language (docs/protocol.md);
  // 108 kB since it words the notes of thirteen vendor layouts too (how each export is read, what it cannot give);
  // 112 kB since the drop maps outcome values, blank markers, date + time and mapping files itself, in three languages;
  // 114 kB since it words the reader's bounds and detection's notes (how each field was found) in three languages;
  // 115 kB since widgets show the figures so far of a file being read, and a source keeps its file on request;
  // 116.5 kB since the staffing calculator offers Erlang A (the model and its words in three languages);
  // 117 kB since tables become lists in narrow widgets;
  // 118.5 kB since the page words why a parts table or its rows cannot be read, in three languages, and the drop
  // takes a parts table without a mapping;
  // 122.3 kB since it words what a vendor's aggregates (Amazon Connect, Genesys Cloud) cannot give, and why an
  // entry of theirs is rejected, in three languages;
  // 122.7 kB since gauges skip figures that read the same and the queue board judges its rows once per update;
  // 123 kB since a board opening on many queues draws a dozen rows a frame; since a source sends the
  // open, its subscriptions and the reading without waiting for answers (EngineClient.openNow): 123.2 kB.
  // A field's column select fills its options when a person reaches it (csv-drop.mapping.ts
  // syncColumnOptions): 123.3 kB.
  'sla-widgets.js': 123_400,
  // 64 kB since detection knows thirteen vendor layouts and column and outcome words in five languages, and previews a mapping;
  // 66 kB since the reader bounds records, tells Windows-1252 from UTF-8 and checks every non-ASCII record;
  // 68 kB since live streams survive their server (stream ids, gaps, replays) and every rejected row can be exported;
  // 94 kB since it reads parts tables (docs/parts.md), Parquet included: hyparquet is 18 kB of it, kept in the worker
  // (not a chunk beside it) so that a host's bundler that copies the worker file alone still reads Parquet.
  // 94.5 kB since a parts table read in the page is kept like an upload's parts (found again after a reload).
  // 102 kB since it reads a vendor's saved aggregates as parts (Amazon Connect, Genesys Cloud: about 6 kB of readers
  // and their words); 105.5 kB since it reads a large file on every core (the range reader, cuts and merge);
  // 105.7 kB since a stream can say a contact was lost (an ACD's break nothing can replay);
  // 106.5 kB since queries find a cell's group by number (not a string per cell), a zone's offsets are asked per
  // day, and FCR auto decides from a file's head whether its customers are needed; 106.8 kB since parts find
  // their cells in a table of their own (cell-index.ts), not a Map of Maps; 107.8 kB since parts merge their
  // histograms' sealed runs cell by cell and take a helper's arrays over as they are (parts.ts, mergeRuns);
  // 108.2 kB since helpers stream their ranges into one reused buffer (ranges.ts, streamReader) and a range's
  // reading runs on reads that wait as on reads that return at once; 108.3 kB since merged ranges start from the
  // largest and match cells only within each range's slots (parts.ts, cellsFor); 108.5 kB since queries gather
  // each group's cells with a counting sort (rollup.ts).
  'engine.worker.js': 108_500,
};

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Static imports of an ES module (not `import()`): relative specifiers only. */
export function staticImports(code) {
  const out = new Set();
  const re = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?(["'`])(\.{1,2}\/[^"'`]+)\1/g;
  for (const m of code.matchAll(re)) out.add(m[2]);
  return [...out];
}

/** The entry and every file it statically imports, recursively (paths relative to dist/lib). */
export function closure(entry) {
  const seen = new Set();
  const visit = (file) => {
    const rel = relative(lib, file).split('\\').join('/');
    if (seen.has(rel)) return;
    seen.add(rel);
    for (const spec of staticImports(readFileSync(file, 'utf8'))) visit(join(dirname(file), spec));
  };
  visit(join(lib, entry));
  return [...seen];
}

export function measure() {
  if (!existsSync(join(lib, 'gauge.js'))) throw new Error('dist/lib is missing or incomplete: run `npm run build` first.');
  const rows = [];
  const entries = readdirSync(lib).filter((f) => f.endsWith('.js') && !['sla-widgets.js', 'engine.worker.js', 'react.js', 'vue.js'].includes(f)).sort();
  for (const e of entries) {
    const files = closure(e);
    const raw = files.reduce((n, f) => n + readFileSync(join(lib, f)).length, 0);
    const gzip = files.reduce((n, f) => n + gz(join(lib, f)), 0);
    const worker = files.some((f) => readFileSync(join(lib, f), 'utf8').includes('engine.worker.js'));
    rows.push({ name: e, what: `${files.length} files${worker ? ', + worker on use' : ''}`, raw, gzip, budget: BUDGETS[e] ?? null, files });
  }
  for (const [name, what] of [['sla-widgets.js', 'classic <script>, every tag'], ['engine.worker.js', 'worker, loaded lazily']]) {
    const f = join(lib, name);
    rows.push({ name, what, raw: readFileSync(f).length, gzip: gz(f), budget: BUDGETS[name] ?? null, files: [name] });
  }
  return rows;
}

const kB = (n) => `${(n / 1000).toFixed(1)} kB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let rows;
  try {
    rows = measure();
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
  } else {
    const head = ['file (dist/lib)', 'what it loads', 'min', 'gzip', 'budget (gzip)', ''];
    const body = rows.map((r) => [r.name, r.what, kB(r.raw), kB(r.gzip), r.budget ? kB(r.budget) : '–', r.budget ? (r.gzip <= r.budget ? 'ok' : 'OVER') : '']);
    const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ').trimEnd();
    console.log(line(head));
    console.log(w.map((n) => '-'.repeat(n)).join('  '));
    for (const b of body) console.log(line(b));
    const gauge = rows.find((r) => r.name === 'gauge.js');
    if (gauge && process.argv.includes('--verbose')) console.log(`\ngauge.js loads: ${gauge.files.join(', ')}`);
  }
  const over = rows.filter((r) => r.budget && r.gzip > r.budget);
  if (over.length) {
    console.error(`\nOver budget: ${over.map((r) => `${r.name} ${kB(r.gzip)} > ${kB(r.budget)}`).join('; ')}`);
    process.exit(1);
  }
}
