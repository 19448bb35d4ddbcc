// Builds the Node CLI into one ESM file (Node 20 runs no TypeScript).
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  // DuckDB is a native module: loaded from node_modules, and only by the commands that use it.
  external: ['@duckdb/node-api'],
  define: { __SLA_VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
});
chmodSync('dist/cli/main.js', 0o755);

// The worker thread that reads ranges of a large file beside the others, and the reading on threads as a
// library for the engine benchmark (src/cli/parallel.ts).
await build({
  entryPoints: ['src/cli/range-worker.ts', 'src/cli/parallel.ts'],
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

// The feed server as a library, for the browser tests' server plugin and benchmarks.
await build({
  entryPoints: ['src/feed/server.ts', 'src/feed/acd.ts'],
  outdir: 'dist/feed',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

// The sample data generator, for Node programs (the soak run): not part of the engine.
await build({
  entryPoints: ['src/sample/generate.ts'],
  outfile: 'dist/sample/generate.js',
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
});

// The engine alone, for Node programs and benchmarks.
await build({
  entryPoints: ['src/engine/index.ts'],
  outfile: 'dist/engine/index.js',
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
});
