// A hostile corpus (issue "nothing lost, nothing hangs"), generated into a folder: each case a file (and, where
// it needs one, a mapping) with what must come of it — the exit, and for a read file the rows read and at most
// how many are rejected. Sized down from the sizes that broke the reader (a 10 MB field here is 3 MB).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const HEAD = 'id,queue,arrived,wait,outcome\n';
const row = (i, queue = 'Q') => `c${i},${queue},2026-03-02T09:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z,${i % 50},${i % 7 ? 'answered' : 'abandoned'}\n`;
const rows = (n, f = (i) => row(i)) => Array.from({ length: n }, (_, i) => f(i)).join('');
const bytes = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

/** name → { data, mapping?, exit, read?, maxRejected?, utf8? (the source is valid text: no U+FFFD may appear) } */
export function corpus() {
  return {
    'stray-quote-closed-later': { data: HEAD + rows(12_000, (i) => (i === 3 ? row(i).replace(',Q,', ',"Q,') : i === 10_003 ? row(i).replace(',Q,', ',Q",') : row(i))), exit: 0, read: 12_000, maxRejected: 2 },
    'unclosed-quote-mid-file': { data: HEAD + rows(30_000, (i) => (i === 20_000 ? row(i).replace(',Q,', ',"Q,') : row(i))), exit: 0, read: 30_000, maxRejected: 1 },
    'unclosed-quote-at-end': { data: HEAD + rows(200) + `x,"${'y'.repeat(3 << 20)}`, exit: 0, read: 201, maxRejected: 1 },
    'quoted-field-3mb': { data: HEAD + row(0) + `c1,"${'x'.repeat(3 << 20)}",2026-03-02T09:00:00Z,5,answered\n` + rows(98, (i) => row(i + 2)), exit: 0, read: 100, maxRejected: 1 },
    'line-without-end-3mb': { data: HEAD + rows(100) + 'z'.repeat(3 << 20), exit: 0, read: 101, maxRejected: 1 },
    'nuls-after-the-head': { data: bytes(HEAD + rows(300), new Uint8Array(2 << 20), '\n' + row(999)), exit: 0, read: 302, maxRejected: 1 },
    'nul-in-one-row': { data: bytes(HEAD + rows(300), 'c300,Q', new Uint8Array(1), 'x,2026-03-02T09:00:00Z,5,answered\n', rows(5, (i) => row(i + 301))), exit: 0, read: 306, maxRejected: 1 },
    'invalid-utf8-row': { data: bytes(HEAD + 'a,Café,2026-03-02T09:00:00Z,5,answered\n', 'b,Caf', [0xe9], ',2026-03-02T09:00:00Z,5,answered\n'), exit: 0, read: 2, maxRejected: 1, utf8: true },
    'windows-1252': { data: bytes(HEAD, 'a,Caf', [0xe9], ',2026-03-02T09:00:00Z,5,answered\nb,Se', [0xf1], 'or,2026-03-02T09:01:00Z,5,answered\n'), exit: 0, read: 2, maxRejected: 0, utf8: true },
    'duplicate-header': { data: 'id,queue,arrived,wait,outcome,queue\n' + rows(10, (i) => row(i).replace('\n', ',other\n')), exit: 0, read: 10, maxRejected: 0 },
    'delimiter-changes': { data: HEAD + rows(10) + rows(10, (i) => row(i + 10).replaceAll(',', ';')), exit: 0, read: 20, maxRejected: 10 },
    'crlf-cr-lf-mixed': { data: HEAD.replace('\n', '\r\n') + rows(30, (i) => row(i).replace('\n', ['\r\n', '\r', '\n'][i % 3])), exit: 0, read: 30, maxRejected: 0 },
    'bom-and-quotes-everywhere': { data: '\ufeff' + HEAD.split(',').map((h) => `"${h.trim()}"`).join(',') + '\n' + rows(20, (i) => row(i).trim().split(',').map((f) => `"${f}"`).join(',') + '\n'), exit: 0, read: 20, maxRejected: 0 },
    '70000-queues-20-channels': { data: 'id,queue,channel,arrived,wait,outcome\n' + rows(70_000, (i) => row(i, `Q${i}`).replace(`Q${i},`, `Q${i},ch${i % 20},`)), exit: 0, read: 70_000, maxRejected: 0 },
    'id-of-70000-bytes': { data: HEAD + `${'i'.repeat(70_000)},Q,2026-03-02T09:00:00Z,5,answered\n` + rows(3), exit: 0, read: 4, maxRejected: 1 },
    'only-a-header': { data: HEAD, exit: 0, read: 0, maxRejected: 0 },
    'empty': { data: '', exit: 2 },
    'gzip': { data: gzipSync(HEAD + rows(100)), exit: 2 },
    'utf16': { data: bytes([0xff, 0xfe], Buffer.from(HEAD + rows(10), 'utf16le')), exit: 2 },
    'random-bytes': { data: Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) % 251)), exit: 2 },
    'header-nothing-maps': { data: 'foo,bar,baz\n1,2,3\n', exit: 2 },
    'fallback-20000-deep': { data: HEAD + rows(3), mapping: deepFallback(20_000), exit: 2 },
    'dateformat-200kb': { data: HEAD + rows(3), mapping: { preset: 'custom', fields: { queue: 'queue', arrived: { column: 'arrived', format: 'datetime', dateFormat: 'y'.repeat(200_000) } } }, exit: 2 },
    'dateformat-not-understood': { data: HEAD + rows(3), mapping: { preset: 'custom', fields: { queue: 'queue', arrived: { column: 'arrived', format: 'datetime', dateFormat: 'yyyy-qq-dd' } } }, exit: 2 },
  };
}

/** A mapping whose arrival falls back `depth` deep, as JSON text (too deep for JSON.stringify's own stack). */
function deepFallback(depth) {
  const spec = '{"column":"arrived","fallback":'.repeat(depth) + '{"column":"arrived"}' + '}'.repeat(depth);
  return `{"preset":"custom","fields":{"queue":"queue","arrived":${spec}}}`;
}

/** Writes the corpus into `dir`; returns each case with its file (and mapping file) path. */
export function writeCorpus(dir) {
  return Object.entries(corpus()).map(([name, c]) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, c.data);
    let map = null;
    if (c.mapping) { map = join(dir, `${name}.mapping.json`); writeFileSync(map, typeof c.mapping === 'string' ? c.mapping : JSON.stringify(c.mapping)); }
    return { name, file, map, ...c };
  });
}
