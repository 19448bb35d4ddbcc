// The browser library (npm run build:lib) into dist/lib:
//   <name>.js            one module per widget, registering its one tag (`import 'sla-widgets/gauge.js'`),
//                        for every src/components/<name>/<name>.ts found (a new widget joins by existing);
//   index.js             every tag, and the classes, types and the page's engine for hosts;
//   chunks/              what they share: lit, d3, the engine client (comlink), the kit's shared code;
//   sla-widgets.js       ONE classic script (IIFE, global `SlaWidgets`) that registers every tag;
//   engine.worker.js     the engine worker, one self-contained ES module both builds start lazily;
//   themes/*.css         the portal and wallboard themes;
//   <name>.d.ts, types/  declarations;
//   custom-elements.json, react.d.ts, vue.d.ts   the manifest (also written beside package.json) and the
//                        framework typings made from it (scripts/framework-types.mjs).
// Workers: the client's `new URL('../worker/engine.worker.ts', import.meta.url)` is rewritten to the emitted
// file, relative to the chunk that holds the client (ES modules), or to the classic script's own URL taken
// from `document.currentScript` while the script runs (the IIFE has no import.meta.url; a host can always pass
// `workerUrl` / `worker` to `SlaWidgets.pageEngine()` before the first widget connects).
import { build } from 'vite';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFrameworkTypes } from './framework-types.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/lib');
const WORKER_FILE = 'engine.worker.js';
const WORKER_SOURCE = /new URL\(\s*['"]\.\.\/worker\/engine\.worker\.[jt]s['"]\s*,\s*import\.meta\.url\s*\)/g;
const PLACEHOLDER = '__SLA_ENGINE_WORKER_URL__'; // an identifier: no bundler takes it for an asset

/** Every widget: src/components/<name>/<name>.ts (the registration module). */
export function components() {
  const dir = join(root, 'src/components');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `${d.name}.ts`)))
    .map((d) => d.name)
    .sort();
}

/** Exported names of a module, by declaration (value or type), for explicit re-exports without clashes. */
function exportsOf(file) {
  const src = readFileSync(file, 'utf8');
  const names = [];
  for (const m of src.matchAll(/^export\s+(?:declare\s+)?(?:abstract\s+)?(class|function\*?|const|let|var|enum|interface|type)\s+([A-Za-z_$][\w$]*)/gm)) {
    names.push({ name: m[2], type: m[1] === 'interface' || m[1] === 'type' });
  }
  for (const m of src.matchAll(/^export\s+(type\s+)?\{([^}]*)\}(?!\s*from)/gm)) {
    for (const part of m[2].split(',')) {
      const p = part.trim();
      if (!p) continue;
      const isType = !!m[1] || p.startsWith('type ');
      const name = p.replace(/^type\s+/, '').split(/\s+as\s+/).pop().trim();
      names.push({ name, type: isType });
    }
  }
  return names;
}

/**
 * Checks the hand-written public API (src/index.ts) against the widgets found: each registration module is
 * imported and each class (`export class Sla…` in <name>.component.ts) is exported. Throws naming what is missing.
 */
export function checkIndex(names = components()) {
  const index = readFileSync(join(root, 'src/index.ts'), 'utf8');
  const missing = [];
  for (const n of names) {
    if (!index.includes(`import './components/${n}/${n}.js';`)) missing.push(`import './components/${n}/${n}.js';`);
    const compFile = join(root, `src/components/${n}/${n}.component.ts`);
    for (const e of existsSync(compFile) ? exportsOf(compFile).filter((x) => !x.type && /^Sla[A-Z]/.test(x.name)) : []) {
      if (!new RegExp(`\\b${e.name}\\b[^;]*from './components/${n}/${n}\\.component\\.js'`).test(index)) missing.push(`export { ${e.name} } from './components/${n}/${n}.component.js';`);
    }
  }
  if (missing.length) throw new Error(`src/index.ts (the public API) lacks:\n  ${missing.join('\n  ')}`);
}

/** Replaces the worker URL in code (not in comments); null when it is not there exactly once. */
function replaceWorkerUrl(code, replacement) {
  let n = 0;
  const text = code.replace(WORKER_SOURCE, (m, offset) => {
    const line = code.slice(code.lastIndexOf('\n', offset) + 1, offset).trim();
    if (line.startsWith('*') || line.startsWith('//') || line.startsWith('/*')) return m;
    n++;
    return replacement;
  });
  return n === 1 ? text : null;
}

/** Points the engine client at the emitted worker (see the header). */
function workerUrlPlugin(format) {
  return {
    name: 'sla-worker-url',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]src[\\/]client[\\/]engine-client\.ts$/.test(id)) return null;
      // Classic script: its own URL, taken while it runs (document.currentScript is null later on).
      const text = format === 'es'
        ? replaceWorkerUrl(code, `new URL(${PLACEHOLDER}, import.meta.url)`)
        : replaceWorkerUrl(code, `new URL('${WORKER_FILE}', __slaScriptUrl)`);
      if (text === null) this.error("engine-client.ts no longer makes its worker URL once as new URL('../worker/engine.worker.ts', import.meta.url): update scripts/build-lib.mjs");
      const base = "const __slaScriptUrl = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || (typeof location !== 'undefined' ? location.href : '');\n";
      return { code: format === 'es' ? text : base + text, map: null };
    },
    // After minification: the chunk's own relative path to the worker, as a plain string literal, so a host's
    // bundler (Vite, webpack) sees new URL('…', import.meta.url) and copies the worker into its build.
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes(PLACEHOLDER)) continue;
        let rel = posix.relative(posix.dirname(chunk.fileName), WORKER_FILE);
        if (!rel.startsWith('.')) rel = `./${rel}`;
        chunk.code = chunk.code.split(PLACEHOLDER).join(JSON.stringify(rel));
      }
    },
  };
}

const common = {
  configFile: false,
  root,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  define: { 'process.env.NODE_ENV': '"production"' },
};

const D3_WITH = { 'd3-path': 'd3-shape', internmap: 'd3-array' };
function d3Chunk(id) {
  const pkg = /node_modules[\\/](d3-[a-z-]+|internmap)[\\/]/.exec(id)?.[1];
  return pkg ? D3_WITH[pkg] ?? pkg : null;
}

const CHUNK_GROUPS = [
  { name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/, priority: 3 },
  // One chunk per d3 package (each ships as one module): a widget loads only the packages it uses, so the
  // gauge does not pay for d3-scale because the trend uses it.
  { name: d3Chunk, debugName: 'd3', priority: 2 },
  { name: 'engine-client', test: /([\\/]src[\\/]client[\\/])|(node_modules[\\/]comlink[\\/])/, priority: 1 },
];

export async function buildLib() {
  const started = Date.now();
  const names = components();
  checkIndex(names);
  rmSync(out, { recursive: true, force: true });

  // 1. The worker: one self-contained module (engine, cache, comlink).
  await build({
    ...common,
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: { entry: join(root, 'src/worker/engine.worker.ts'), formats: ['es'], fileName: () => WORKER_FILE },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  });

  // 2. ES modules: one entry per widget + index; shared code in chunks.
  const input = Object.fromEntries([
    ...names.map((n) => [n, join(root, `src/components/${n}/${n}.ts`)]),
    ['index', join(root, 'src/index.ts')],
  ]);
  await build({
    ...common,
    plugins: [workerUrlPlugin('es')],
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: { entry: input, formats: ['es'] },
      rolldownOptions: {
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
          codeSplitting: { groups: CHUNK_GROUPS },
          // Vite leaves ES libraries unminified for the host's bundler; these files are also served as they
          // are (a CDN, a <script type="module">), so they are minified (pure annotations kept).
          minify: true,
        },
      },
    },
  });

  // 3. The classic script: every tag, one file, global SlaWidgets.
  await build({
    ...common,
    plugins: [workerUrlPlugin('iife')],
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: true,
      lib: { entry: join(root, 'src/index.ts'), formats: ['iife'], name: 'SlaWidgets', fileName: () => 'sla-widgets.js' },
    },
  });

  // 4. Themes.
  mkdirSync(join(out, 'themes'), { recursive: true });
  for (const f of readdirSync(join(root, 'src/themes')).filter((f) => f.endsWith('.css'))) copyFileSync(join(root, 'src/themes', f), join(out, 'themes', f));

  // 5. Declarations: src/index.ts and every widget module, then `<name>.d.ts` beside each entry.
  const tsc = spawnSync(process.execPath, [
    join(root, 'node_modules/typescript/bin/tsc'), '--declaration', '--emitDeclarationOnly', '--outDir', join(out, 'types'),
    '--rootDir', join(root, 'src'), '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler',
    '--lib', 'es2023,dom,dom.iterable,webworker', '--strict', '--experimentalDecorators', '--useDefineForClassFields', 'false',
    '--skipLibCheck', '--ignoreConfig', '--types', '', join(root, 'src/index.ts'),
  ], { cwd: root, encoding: 'utf8' });
  if (tsc.status !== 0) {
    console.error(tsc.stdout, tsc.stderr);
    throw new Error('build-lib: declarations failed (tsc)');
  }
  for (const n of names) writeFileSync(join(out, `${n}.d.ts`), `export * from './types/components/${n}/${n}.js';\n`);
  writeFileSync(join(out, 'index.d.ts'), "export * from './types/index.js';\n");

  // 6. The custom-elements manifest (custom-elements.json, beside package.json and in dist/lib), then the
  //    React and Vue typings made from it.
  const cem = spawnSync(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { cwd: root, encoding: 'utf8' });
  if (cem.status !== 0) {
    console.error(cem.stdout, cem.stderr);
    throw new Error('build-lib: the custom-elements manifest failed (cem analyze)');
  }
  copyFileSync(join(root, 'custom-elements.json'), join(out, 'custom-elements.json'));
  const elements = writeFrameworkTypes();
  const missing = names.filter((n) => n !== 'source' && !elements.some((e) => e.tag === `sla-${n}`));
  if (missing.length) console.warn(`build-lib: no <sla-…> tag in the manifest for ${missing.join(', ')} (JSDoc on the class? defineElement in <name>.ts?)`);

  console.log(`dist/lib: ${names.length} widgets (${names.join(', ')}), index, sla-widgets.js, ${WORKER_FILE}, themes, custom-elements.json, react.d.ts, vue.d.ts — ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return names;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildLib();
  } catch (e) {
    console.error(e?.message ?? e);
    process.exit(1);
  }
}
