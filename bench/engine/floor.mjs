// What reading a file costs before any CSV work, on this machine (not part of `npm run bench:engine`):
//   node bench/engine/floor.mjs [file]   (default bench/out/contacts-1000000.csv, made by bench:engine)
// 1. the bytes read in 64 KiB chunks, as every implementation in bench:engine reads them;
// 2. the same, plus the least a CSV reader does: one pass over every byte that finds each field's end and each
//    record's end (a lookup per byte, as src/engine/ingest/csv.ts does), storing nothing and converting nothing.
// The kit's whole reading (fields kept, values converted, ids checked, parts added) is compared with this floor.
import fs from 'node:fs';

const file = process.argv[2] ?? 'bench/out/contacts-1000000.csv';
if (!fs.existsSync(file)) {
  console.error(`no file ${file}: run npm run bench:engine first (it generates it), or name a CSV file`);
  process.exit(2);
}
const special = new Uint8Array(256);
for (const c of [0x2c, 0x0a, 0x0d, 0x22, 0]) special[c] = 1;
for (let c = 0x80; c < 256; c++) special[c] = 1;

async function pass(scan) {
  const t = performance.now();
  let fields = 0;
  let records = 0;
  for await (const buf of fs.createReadStream(file, { highWaterMark: 1 << 16 })) {
    if (!scan) continue;
    const n = buf.length;
    let p = 0;
    while (p < n) {
      while (p < n && special[buf[p]] === 0) p++;
      if (p >= n) break;
      if (buf[p] === 0x2c) fields++;
      else if (buf[p] === 0x0a) records++;
      p++;
    }
  }
  return { ms: performance.now() - t, fields, records };
}

const size = fs.statSync(file).size;
let read = Infinity;
let scanned = Infinity;
let counted = null;
for (let i = 0; i < 3; i++) {
  read = Math.min(read, (await pass(false)).ms);
  const s = await pass(true);
  scanned = Math.min(scanned, s.ms);
  counted = s;
}
console.log(`${file}: ${(size / 1e6).toFixed(1)} MB, ${counted.records.toLocaleString('en')} lines, ${(counted.fields + counted.records).toLocaleString('en')} fields`);
console.log(`  read in 64 KiB chunks:              ${(read / 1000).toFixed(2)} s (best of 3)`);
console.log(`  read + one pass finding every field: ${(scanned / 1000).toFixed(2)} s (best of 3)`);
