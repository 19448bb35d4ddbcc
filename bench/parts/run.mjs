// npm run bench:parts — contacts → parts with DuckDB, as the input grows 1M → 3M → 10M generated contacts of one
// quarter:
// time and peak memory (the goal: memory flat as the input grows), beside the kit's own engine; then the
// report from those parts against the report from the rows (time, memory, and the same figures).
// Every command runs in its own process; peak memory is the process's maximum resident set (DuckDB's own
// allocations included). SIZES=1000000,3000000 limits the sizes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { closeSync, existsSync, openSync } from 'node:fs';

const SIZES = (process.env.SIZES ?? '1000000,3000000,10000000').split(',').map(Number);
const OUT = 'bench/out/parts';
mkdirSync(OUT, { recursive: true });
const peak = 'process.on("exit",()=>process.stderr.write("\\npeak-rss "+process.resourceUsage().maxRSS+"\\n"))';

/** Runs the CLI; returns seconds, peak RSS in MB and stdout. */
function run(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(peak)}`, 'dist/cli/main.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 1_800_000 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`sla-widgets ${args.join(' ')}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { secs, mb: Number(/peak-rss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024, stdout: r.stdout };
}

/**
 * N contacts of one quarter (91 days from 2026-01-05, 8 queues): a center of that size, so the parts grow with
 * the slots and queues and the contacts in each, as they do in a warehouse, not with years of a small center.
 */
function quarterFile(n) {
  const csv = `bench/out/parts-contacts-${n}.csv`;
  if (!existsSync(csv)) {
    console.log(`generating ${csv} …`);
    const fd = openSync(csv + '.part', 'w');
    const r = spawnSync(process.execPath, ['dist/cli/main.js', 'generate', '--contacts', String(n), '--seed', 'bench', '--days', '91', '--queues', '8'], { stdio: ['ignore', fd, 'inherit'] });
    closeSync(fd);
    if (r.status !== 0) process.exit(1);
    renameSync(csv + '.part', csv);
  }
  return csv;
}

const mb = (x) => `${Math.round(x)} MB`;
const s = (x) => `${x.toFixed(1)} s`;
const rows = [];
const reportArgs = ['--tz', 'Europe/Berlin', '--by', 'day,queue', '--json'];
for (const n of SIZES) {
  const csv = quarterFile(n);
  const size = statSync(csv).size / 1e6;
  const duckOut = `${OUT}/parts-${n}.parquet`, kitOut = `${OUT}/parts-${n}-kit.parquet`;
  console.log(`${n.toLocaleString('en-US')} contacts (${size.toFixed(0)} MB) …`);
  const duck = run(['parts', csv, '--engine', 'duckdb', '--memory-limit', '1GB', '--out', duckOut]);
  const kit = run(['parts', csv, '--out', kitOut]);
  const fromRows = run(['report', csv, ...reportArgs]);
  const fromParts = run(['report', '--parts', duckOut, ...reportArgs]);
  const a = JSON.parse(fromRows.stdout), b = JSON.parse(fromParts.stdout);
  const same = JSON.stringify([a.totals, a.groups, a.meanPatience]) === JSON.stringify([b.totals, b.groups, b.meanPatience]);
  rows.push({ n, size, partsMb: statSync(duckOut).size / 1e6, partsRows: b.validation.rowsRead, duck, kit, fromRows, fromParts, same });
  console.log(`  DuckDB parts ${s(duck.secs)} ${mb(duck.mb)} · kit parts ${s(kit.secs)} ${mb(kit.mb)} · report rows ${s(fromRows.secs)} ${mb(fromRows.mb)} · report parts ${s(fromParts.secs)} ${mb(fromParts.mb)} · same figures: ${same}`);
}

const table = [
  '| contacts (one quarter) | CSV | parts (Parquet) | DuckDB → parts: time | peak memory | kit → parts: time | peak memory | report from rows | report from parts | same figures |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.n.toLocaleString('en-US')} | ${r.size.toFixed(0)} MB | ${r.partsMb.toFixed(1)} MB, ${r.partsRows.toLocaleString('en-US')} rows | ${s(r.duck.secs)} | ${mb(r.duck.mb)} | ${s(r.kit.secs)} | ${mb(r.kit.mb)} | ${s(r.fromRows.secs)}, ${mb(r.fromRows.mb)} | ${s(r.fromParts.secs)}, ${mb(r.fromParts.mb)} (${(r.fromRows.secs / r.fromParts.secs).toFixed(1)}× as fast) | ${r.same ? 'yes' : 'NO'} |`),
];
const first = rows[0], last = rows[rows.length - 1];
const growth = `input ×${(last.n / first.n).toFixed(0)}: DuckDB's peak memory ×${(last.duck.mb / first.duck.mb).toFixed(2)} (goal: flat), the kit's ×${(last.kit.mb / first.kit.mb).toFixed(2)}`;
const text = `${table.join('\n')}\n\n${growth}\n`;
writeFileSync(`${OUT}/table.md`, text);
console.log('\n' + text);
if (rows.some((r) => !r.same)) process.exitCode = 1;
