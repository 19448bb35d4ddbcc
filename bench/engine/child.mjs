// One benchmark run in a fresh process: parse + aggregate a contact CSV with one implementation, then print
// one JSON line on stdout. Run by bench/engine/run.mjs; by hand:
//
//   node bench/engine/child.mjs <sla-widgets|papaparse|udsv> <file.csv> [chunk bytes, default 65536]
//
// All three feed the same ContactIngest (mapping, validation) and the same ContactParts (15-min × queue), so
// the only thing that differs is how the bytes become fields:
//   sla-widgets  our byte-level reader: raw chunks from fs.createReadStream straight into ingest.push()
//   papaparse    Papa.parse over the stream, header: true, streaming `step`, no dynamic typing
//   udsv         uDSV's incremental parser (string arrays, no typing) over streamed, decoded chunks
// The peers hand each record to ingest.pushFields() as a string[] (the header record first).
//
// Each implementation runs in its own process so that one's heap (and JIT state) cannot flatter or burden
// another's time and peak RSS.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The engine as built by `npm run build`. SLA_BENCH_ENGINE may point at another bundle of src/engine/index.ts
// (e.g. to compare a change without rebuilding the CLI).
const engineUrl = process.env.SLA_BENCH_ENGINE
  ? pathToFileURL(path.resolve(process.env.SLA_BENCH_ENGINE)).href
  : new URL('../../dist/engine/index.js', import.meta.url).href;
const engine = await import(engineUrl);
const { ContactIngest, ContactParts, query, defaultDefinitions } = engine;

const [impl, file, chunkArg] = process.argv.slice(2);
const IMPLS = { 'sla-widgets': runOurs, 'sla-widgets-threads': runOursThreads, papaparse: runPapa, udsv: runUdsv, duckdb: runDuck, 'duckdb-1': runDuck };
if (!IMPLS[impl] || !file) {
  console.error(`usage: node bench/engine/child.mjs <${Object.keys(IMPLS).join('|')}> <file.csv> [chunk bytes]`);
  process.exit(2);
}
// The same read size for everyone, by default Node's own for file streams (64 KiB). Bigger reads do not help
// anyone: measured on the 1M file, 1 MiB chunks made uDSV about 1.8×, Papa about 1.2× and ours about 1.25×
// slower than 64 KiB, so a 1 MiB default would have flattered us against uDSV.
const HIGH_WATER_MARK = chunkArg ? Number(chunkArg) : 64 * 1024;
if (!Number.isSafeInteger(HIGH_WATER_MARK) || HIGH_WATER_MARK < 1) {
  console.error(`bad chunk size "${chunkArg}"`);
  process.exit(2);
}

// Loaded before the clock starts, so that module loading is not timed (it is the same for every run).
const Papa = impl === 'papaparse' ? (await import('papaparse')).default : null;
const uDSV = impl === 'udsv' ? await import('udsv') : null;
const parallel = impl === 'sla-widgets-threads' ? await import(new URL('../../dist/cli/parallel.js', import.meta.url).href) : null;
const duck = impl.startsWith('duckdb') ? await import('@duckdb/node-api') : null;

/**
 * Text fields the parts do not keep, which ingest then need not read: the rule of `unneeded()` in
 * src/engine/analyze.ts, which the CLI and the worker go through (used from the engine when it is exported).
 * The same for all three implementations, so it changes only the shared part of the work.
 */
function unneeded(parts) {
  if (typeof engine.unneeded === 'function') return engine.unneeded(parts);
  const skip = ['id'];
  for (const d of ['channel', 'tier', 'agent']) if (!parts.opts.dimensions.includes(d)) skip.push(d);
  if (!parts.opts.keepRepeats) skip.push('customer');
  return skip;
}

/** A fresh ingest + parts pair: the aggregation every implementation shares. */
function pipeline() {
  const parts = new ContactParts({ slotMinutes: 15, dimensions: [] }); // 15-min × queue parts only
  const ingest = new ContactIngest({ onContact: (c) => parts.add(c), inputTimeZone: 'UTC', skip: unneeded(parts) });
  return { parts, ingest };
}

async function runOurs(ingest) {
  const stream = fs.createReadStream(file, { highWaterMark: HIGH_WATER_MARK });
  for await (const chunk of stream) ingest.push(chunk);
}

/**
 * Ours on every core: the file cut into ranges read on worker threads (src/cli/parallel.ts), parts merged.
 * Returns the validation (the shared ingest is not used).
 */
async function runOursThreads(_ingest, parts) {
  const r = await parallel.analyzeParallel(file, { parts, threads: parallel.defaultThreads(), minBytes: 0, inputTimeZone: 'UTC' });
  if (!r) throw new Error('the file was not read in ranges');
  return r.validation;
}

/**
 * DuckDB (@duckdb/node-api): read_csv and the same 15-min × queue aggregation in SQL — the counts the totals
 * below need (answered, abandons after and within the short-abandon time, answered within 20 s), per slot and
 * queue — with its default threads (every core), or one ("duckdb-1"). Returns what the checksum compares.
 */
async function runDuck() {
  const db = await duck.DuckDBInstance.create(':memory:', impl === 'duckdb-1' ? { threads: '1' } : {});
  const c = await db.connect();
  const path = file.replaceAll("'", "''");
  const sql = `
    WITH c AS (
      SELECT queue, outcome, arrived,
        CASE WHEN outcome = 'answered' THEN epoch(answered) - epoch(arrived) ELSE epoch(ended) - epoch(arrived) END AS wait
      FROM read_csv('${path}', header = true, timestampformat = '%Y-%m-%dT%H:%M:%SZ',
        types = { 'arrived': 'TIMESTAMP', 'answered': 'TIMESTAMP', 'ended': 'TIMESTAMP' })
    ), parts AS (
      SELECT time_bucket(INTERVAL '15 minutes', arrived) AS slot, queue,
        count(*) FILTER (outcome = 'answered') AS answered,
        count(*) FILTER (outcome = 'abandoned' AND (wait > 5 OR wait IS NULL)) AS abandoned,
        count(*) FILTER (outcome = 'abandoned' AND wait <= 5) AS short_abandoned,
        count(*) FILTER (outcome = 'answered' AND wait <= 20) AS within,
        sum(wait) FILTER (outcome = 'answered') AS wait_sum,
        count(*) AS rows
      FROM c GROUP BY ALL
    )
    SELECT count(*) AS cells, sum(answered) AS answered, sum(abandoned) AS abandoned, sum(short_abandoned) AS short,
      sum(within) AS within, sum(rows) AS rows FROM parts`;
  const [row] = (await c.runAndReadAll(sql)).getRowObjects();
  const n = (v) => Number(v);
  return { duck: { cells: n(row.cells), answered: n(row.answered), abandoned: n(row.abandoned), short: n(row.short), within: n(row.within), rows: n(row.rows) } };
}

function runPapa(ingest) {
  return new Promise((resolve, reject) => {
    // encoding: Papa would otherwise call Buffer#toString() per chunk, which can split a UTF-8 character at a
    // chunk edge; a string stream decodes across edges (the same decoding work, done by the stream instead).
    const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: HIGH_WATER_MARK });
    let header = null;
    let row = null; // reused: pushFields copies the fields into its own record before returning
    Papa.parse(stream, {
      header: true,
      dynamicTyping: false,
      // Our reader skips blank lines (they are no record); without this Papa hands the file's final newline
      // over as a one-field row, which the shared validation would count as a rejected row.
      skipEmptyLines: true,
      step: (res) => {
        if (header === null) {
          header = res.meta.fields;
          row = new Array(header.length);
          ingest.pushFields(header);
        }
        // header: true gives an object per row: back to an array in header order (a short row lacks keys).
        const o = res.data;
        for (let i = 0; i < header.length; i++) row[i] = o[header[i]] ?? '';
        ingest.pushFields(row);
      },
      complete: () => resolve(),
      error: (err) => reject(err),
    });
    stream.on('error', reject);
  });
}

async function runUdsv(ingest) {
  const { inferSchema, initParser } = uDSV;
  const stream = fs.createReadStream(file, { highWaterMark: HIGH_WATER_MARK });
  const decoder = new TextDecoder('utf-8'); // streaming decode: a character split over two chunks stays whole
  let parser = null;
  // A custom handler instead of uDSV's default accumulator, so rows are not all kept in memory.
  const onRow = (fields) => {
    ingest.pushFields(fields);
  };
  for await (const bytes of stream) {
    const text = decoder.decode(bytes, { stream: true });
    if (text === '') continue;
    if (parser === null) {
      // As in uDSV's README: the schema (delimiters, header) is inferred from the first chunk. The header row is
      // skipped by the parser, so it is handed over from the schema.
      const schema = inferSchema(text);
      parser = initParser(schema);
      ingest.pushFields(schema.cols.map((c) => String(c.name)));
    }
    parser.chunk(text, parser.stringArrs, onRow);
  }
  const rest = decoder.decode();
  if (parser !== null) {
    if (rest !== '') parser.chunk(rest, parser.stringArrs, onRow);
    parser.end();
  }
}

const { parts, ingest } = pipeline();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const got = await IMPLS[impl](ingest, parts);
let validation, t, cells;
if (got?.duck) {
  // The same totals from DuckDB's counts, by the contract's definitions (docs/metrics.md §2): offered =
  // answered + every abandon; service level = answered within T / (answered + abandons after the short time).
  const d = got.duck;
  validation = { rowsRead: d.rows, rowsAccepted: d.rows, rowsRejected: 0 };
  t = { offered: d.answered + d.abandoned + d.short, answered: d.answered, serviceLevel: d.within / (d.answered + d.abandoned) };
  cells = d.cells;
} else {
  validation = got ?? ingest.end().validation;
  t = query(parts, defaultDefinitions('UTC'), {}).totals;
  cells = parts.cellCount;
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);

const result = {
  impl,
  file,
  bytes: fs.statSync(file).size,
  chunkBytes: HIGH_WATER_MARK,
  ms,
  // CPU time of the process over the same span (user + system, all threads: GC helpers count too). Steadier than
  // wall time on a busy machine, so it is reported alongside.
  cpuMs: (cpu.user + cpu.system) / 1000,
  rowsRead: validation.rowsRead,
  rowsAccepted: validation.rowsAccepted,
  rowsRejected: validation.rowsRejected,
  // Peak resident set of this whole process (Node itself included); resourceUsage() reports KiB.
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  // What must agree across implementations: the query totals and how the rows were accounted for.
  checksum: {
    offered: t.offered,
    answered: t.answered,
    serviceLevel: t.serviceLevel,
    cells,
    rowsRead: validation.rowsRead,
    rowsAccepted: validation.rowsAccepted,
    rowsRejected: validation.rowsRejected,
  },
};
process.stdout.write(JSON.stringify(result) + '\n');
