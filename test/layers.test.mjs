// The layers as the folders show them (docs/protocol.md): each rule below is a fact about the import graph of
// src/, read from the sources (relative imports, type-only ones included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every relative import of a file, as a path under src/ ('engine/parts.ts'). */
function importsOf(file) {
  const text = readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2];
    out.push(relative(src, normalize(join(dirname(file), spec))).replace(/\.js$/, '.ts'));
  }
  return out;
}

const graph = new Map(files(src).map((f) => [relative(src, f), importsOf(f)]));
const under = (folder) => [...graph].filter(([f]) => f.startsWith(`${folder}/`));
const breaks = (folder, allowed) =>
  under(folder).flatMap(([f, deps]) => deps.filter((d) => !allowed(d)).map((d) => `${f} → ${d}`));

test('src/engine imports nothing outside it (no DOM, no worker, no page)', () => {
  assert.deepEqual(breaks('engine', (d) => d.startsWith('engine/')), []);
});

test('src/protocol imports only engine types and itself', () => {
  for (const [f] of under('protocol')) {
    const text = readFileSync(join(src, f), 'utf8');
    for (const m of text.matchAll(/^\s*import\s+(?!type\b)[^;]*from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      assert.ok(m[1].startsWith('./'), `${f}: a value import from outside src/protocol (${m[1]})`);
    }
  }
  assert.deepEqual(breaks('protocol', (d) => d.startsWith('engine/') || d.startsWith('protocol/')), []);
});

test('no widget, page-side module or the cache imports the worker', () => {
  for (const folder of ['components', 'cache', 'l10n']) assert.deepEqual(breaks(folder, (d) => !d.startsWith('worker/')), [], folder);
  // The client starts the worker by URL (new URL('../worker/engine.worker.ts', …)) and imports its types only.
  for (const [f] of under('client')) {
    const text = readFileSync(join(src, f), 'utf8');
    assert.ok(!/^\s*import\s+(?!type\b)[^;]*from\s+['"]\.\.\/worker\//m.test(text), `${f} imports the worker's code`);
  }
});

test('the sample generator is not the engine: src/sample exists, and nothing in the engine, worker or widgets imports it', () => {
  assert.ok(under('sample').length > 0);
  for (const folder of ['engine', 'worker', 'components', 'protocol', 'cache', 'client', 'l10n']) {
    assert.deepEqual(breaks(folder, (d) => !d.startsWith('sample/')), [], folder);
  }
});
