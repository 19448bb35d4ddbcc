// Summarises a V8 .cpuprofile: the functions with the most self time, and the hottest source lines, mapped back
// to src/… through the bundles' source maps (e.g. dist/engine/index.js.map), with each line's text as it was
// when bundled (the map's sourcesContent), since src may have moved on since.
//
// The map must belong to the very bundle that was profiled: when src is being rebuilt meanwhile, profile a
// snapshot instead of dist itself:
//
//   mkdir -p bench/out/prof && cp dist/engine/index.js dist/engine/index.js.map bench/out/prof/
//   SLA_BENCH_ENGINE=bench/out/prof/index.js node --cpu-prof --cpu-prof-dir=bench/out/prof \
//     bench/engine/child.mjs sla-widgets bench/out/contacts-1000000.csv
//   node bench/engine/profile-summary.mjs bench/out/prof/CPU.….cpuprofile [--top 25]

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const topIdx = args.indexOf('--top');
const TOP = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 25;
const file = args[0];
if (!file) {
  console.error('usage: node bench/engine/profile-summary.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));

// --- source maps (only what is needed: VLQ mappings → source, line, column) -----------------------------------

const B64 = new Map([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes a v3 source map into per-generated-line arrays of [genCol, sourceIndex, line, col] (0-based). */
function decodeMap(map) {
  const lines = [];
  let src = 0, sLine = 0, sCol = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs = [];
    let gCol = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const v = [];
        let shift = 0, value = 0;
        for (const ch of seg) {
          const d = B64.get(ch);
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            v.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = shift = 0;
          }
        }
        gCol += v[0];
        if (v.length >= 4) {
          src += v[1]; sLine += v[2]; sCol += v[3];
          segs.push([gCol, src, sLine, sCol]);
        }
      }
    }
    lines.push(segs);
  }
  return lines;
}

const maps = new Map(); // script url → { lines, sources } | null
function mapFor(url) {
  if (maps.has(url)) return maps.get(url);
  let m = null;
  try {
    const p = fileURLToPath(url);
    const mp = p + '.map';
    if (fs.existsSync(mp)) {
      const raw = JSON.parse(fs.readFileSync(mp, 'utf8'));
      const base = path.dirname(mp);
      m = {
        lines: decodeMap(raw),
        // Sources are relative to where the map was written (dist/engine/): shown from the repository root,
        // also when the map is a copy elsewhere.
        sources: raw.sources.map((s) => (s.startsWith('../') ? s.replace(/^(\.\.\/)+/, '') : path.relative(ROOT, path.resolve(base, s)))),
        content: (raw.sourcesContent ?? []).map((t) => (t == null ? null : t.split('\n'))),
      };
    }
  } catch { /* not a file URL, or no map */ }
  maps.set(url, m);
  return m;
}

/** The mapping segment of a generated (0-based) line and column: the last one at or before it. */
function segmentAt(url, line, col) {
  const m = mapFor(url);
  if (!m) return null;
  const segs = m.lines[line];
  if (!segs || segs.length === 0) return null;
  let best = segs[0];
  for (const s of segs) if (s[0] <= col) best = s; else break;
  return { m, seg: best };
}

function original(url, line, col) {
  const r = segmentAt(url, line, col);
  return r ? `${r.m.sources[r.seg[1]]}:${r.seg[2] + 1}` : null;
}

/** The text of the source line a generated position maps to, as bundled. */
function sourceText(url, line, col) {
  const r = segmentAt(url, line, col);
  const text = r?.m.content[r.seg[1]]?.[r.seg[2]];
  return text == null ? '' : text.trim().slice(0, 110);
}

function where(cf, line0 = cf.lineNumber, col0 = cf.columnNumber) {
  const o = original(cf.url, line0, col0);
  if (o) return o;
  if (!cf.url) return '(native)';
  let u = cf.url;
  try { u = path.relative(ROOT, fileURLToPath(u)); } catch { /* node:… */ }
  return `${u}:${line0 + 1}`;
}

// --- self time ---------------------------------------------------------------------------------------------------

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0));
}
const totalUs = prof.endTime - prof.startTime;

const fns = new Map(); // function key → { name, where, us }
const hotLines = new Map(); // source line → { where, fn, ticks }
let totalTicks = 0;
for (const n of prof.nodes) {
  const cf = n.callFrame;
  const us = selfUs.get(n.id) ?? 0;
  const key = `${cf.functionName}|${cf.url}|${cf.lineNumber}|${cf.columnNumber}`;
  let f = fns.get(key);
  if (!f) fns.set(key, (f = { name: cf.functionName || '(anonymous)', where: where(cf), us: 0 }));
  f.us += us;
  for (const pt of n.positionTicks ?? []) {
    // positionTicks lines are 1-based and carry no column: map the line's first segment.
    const w = where(cf, pt.line - 1, 0);
    let h = hotLines.get(w);
    if (!h) hotLines.set(w, (h = { where: w, fn: f.name, ticks: 0, text: sourceText(cf.url, pt.line - 1, 0) }));
    h.ticks += pt.ticks;
  }
  totalTicks += n.hitCount ?? 0;
}

const pct = (x) => `${(100 * x).toFixed(1).padStart(5)}%`;
console.log(`${path.basename(file)}: ${(totalUs / 1000).toFixed(0)} ms sampled\n`);
console.log(`Top ${TOP} functions by self time:`);
for (const f of [...fns.values()].sort((a, b) => b.us - a.us).slice(0, TOP)) {
  console.log(`  ${pct(f.us / totalUs)}  ${(f.us / 1000).toFixed(0).padStart(6)} ms  ${f.name.padEnd(28)} ${f.where}`);
}
console.log(`\nTop ${TOP} source lines by self samples:`);
for (const h of [...hotLines.values()].sort((a, b) => b.ticks - a.ticks).slice(0, TOP)) {
  console.log(`  ${pct(h.ticks / totalTicks)}  ${String(h.ticks).padStart(6)}  ${h.where.padEnd(38)} ${`(${h.fn})`.padEnd(14)} ${h.text}`);
}

// Inclusive time of a few named entry points, to split parsing from the shared mapping/aggregation.
const parentOf = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
const inclusive = new Map();
for (const [id, us] of selfUs) {
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) {
    const name = byId.get(cur).callFrame.functionName;
    if (!seen.has(name)) { seen.add(name); inclusive.set(name, (inclusive.get(name) ?? 0) + us); }
  }
}
console.log('\nInclusive time of selected functions:');
for (const name of [...['push', 'parse', 'onRecord', 'record', 'take', 'read', 'add', 'pushFields', 'setTexts', 'query', '(garbage collector)'], ...(process.env.INCLUSIVE ?? '').split(',').filter(Boolean)]) {
  if (inclusive.has(name)) console.log(`  ${pct(inclusive.get(name) / totalUs)}  ${(inclusive.get(name) / 1000).toFixed(0).padStart(6)} ms  ${name}`);
}
