// The hostile files at the sizes that once hung the reader or lost records (issue "nothing lost, nothing hangs"),
// each read by the CLI in its own process: exit, whether every record is accounted for, time and peak memory.
// Not a test (test/hostile/ asserts the same at sizes a test run can afford): a table to hold against the file
// sizes, showing time and memory grow with the file and not with its worst field.
//
//   npm run bench:hostile             the table (files made in bench/out/hostile/, ~1.4 GB, kept between runs)
//   npm run bench:hostile -- --small  the same cases at a tenth of the size
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const small = process.argv.includes('--small');
const scale = small ? 0.1 : 1;
const MB = 1 << 20;
const dir = 'bench/out/hostile';
mkdirSync(dir, { recursive: true });

const HEAD = 'id,queue,channel,arrived,wait,outcome\n';
const row = (i, queue = 'Q', channel = 'voice') => `c${i},${queue},${channel},2026-03-02T${String(9 + Math.floor(i / 3600) % 10).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${i % 50},${i % 7 ? 'answered' : 'abandoned'}\n`;

/** Writes a file from a generator of chunks (strings or bytes), only when it is not there yet. */
function make(name, chunks) {
  const file = join(dir, `${name}${small ? '-small' : ''}.csv`);
  if (existsSync(file)) return file;
  const fd = openSync(file + '.part', 'w');
  let buf = '';
  for (const c of chunks()) {
    if (typeof c === 'string') { buf += c; if (buf.length > 4 * MB) { writeSync(fd, buf); buf = ''; } }
    else { if (buf) writeSync(fd, buf); buf = ''; writeSync(fd, c); }
  }
  if (buf) writeSync(fd, buf);
  closeSync(fd);
  spawnSync('mv', [file + '.part', file]);
  return file;
}
function* rows(from, n, f = row) { for (let i = from; i < from + n; i++) yield f(i); }
const filler = (bytes, byte) => { const b = Buffer.alloc(Math.min(bytes, 64 * MB), byte); return function* () { for (let left = bytes; left > 0; left -= b.length) yield left >= b.length ? b : b.subarray(0, left); }; };

// Rows per MB of this layout: about 22,600 (46 bytes a row).
const perMB = 22_600;
const cases = [
  ['unclosed quote 3.3 MB into the file', () => make('quote-3mb', function* () { yield HEAD; yield* rows(0, Math.round(3.3 * perMB * scale)); yield 'x,"Q,voice,2026-03-02T09:00:00Z,5,answered\n'; yield* rows(1e7, 2000); })],
  ['stray quote on line 5, 118 MB of rows after it', () => make('quote-118mb', function* () { yield HEAD; yield* rows(0, 3); yield 'x,"Q,voice,2026-03-02T09:00:00Z,5,answered\n'; yield* rows(3, Math.round(118 * perMB * scale)); })],
  ['one quoted field of 10 MB', () => make('field-10mb', function* () { yield HEAD; yield* rows(0, 100); yield `big,"${'q'.repeat(10 * MB * scale)}",voice,2026-03-02T09:00:00Z,5,answered\n`; yield* rows(100, 100); })],
  ['a 50 MB line with no newline', () => make('line-50mb', function* () { yield HEAD; yield* rows(0, 100); yield* filler(50 * MB * scale, 0x7a)(); })],
  ['1 GB of NUL bytes after a valid head', () => make('nul-1gb', function* () { yield HEAD; yield* rows(0, 1000); yield* filler(1024 * MB * scale, 0)(); yield '\n'; yield row(5000); })],
  ['70,000 queues, 20 channels', () => make('queues-70k', function* () { yield HEAD; yield* rows(0, 70_000 * scale, (i) => row(i, `Q${i}`, `ch${i % 20}`)); })],
  ['an id of 70,000 bytes among 100,000 rows', () => make('id-70kb', function* () { yield HEAD; yield* rows(0, 50_000 * scale); yield `${'i'.repeat(70_000)},Q,voice,2026-03-02T09:00:00Z,5,answered\n`; yield* rows(50_000 * scale, 50_000 * scale); })],
  ['Windows-1252 names, 100,000 rows', () => make('cp1252', function* () { yield HEAD; for (let i = 0; i < 100_000 * scale; i++) yield Buffer.from(row(i, i % 2 ? 'Caf\u00e9' : 'Se\u00f1or'), 'latin1'); })],
];

const peak = 'process.on("exit",()=>process.stderr.write("\\npeak-rss "+process.resourceUsage().maxRSS+"\\n"))';
const table = [['input', 'size', 'exit', 'read = accepted + rejected', 'accounted', 'time', 'peak RSS']];
for (const [name, file] of cases) {
  const path = file();
  const size = statSync(path).size;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(peak)}`, 'dist/cli/main.js', 'report', path, '--tz', 'UTC', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 600_000 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = Number(/peak-rss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  let counts = '-', ok = '-';
  if (r.status === 0) {
    const v = JSON.parse(r.stdout).validation;
    counts = `${v.rowsRead.toLocaleString('en')} = ${v.rowsAccepted.toLocaleString('en')} + ${v.rowsRejected.toLocaleString('en')}`;
    ok = v.rowsAccepted + v.rowsRejected === v.rowsRead ? 'yes' : 'NO';
  } else counts = (r.stderr.split('\n').find((l) => l.startsWith('sla-widgets:')) ?? r.stderr.slice(0, 80)).trim();
  table.push([name, `${(size / MB).toFixed(1)} MB`, String(r.status ?? r.signal), counts, ok, `${secs.toFixed(2)} s`, `${rss.toFixed(0)} MB`]);
  console.log(table.at(-1).join(' | '));
}

console.log('\n' + table.map((r, i) => `| ${r.join(' | ')} |` + (i === 0 ? `\n|${r.map(() => '---').join('|')}|` : '')).join('\n'));
writeFileSync(join(dir, `table${small ? '-small' : ''}.md`), table.map((r) => `| ${r.join(' | ')} |`).join('\n') + '\n');
