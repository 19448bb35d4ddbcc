// The command line's help: every flag a command takes is described (read from the command's own FLAGS in the
// source, so help cannot fall behind), and every example runs as written, from the repo, with exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;
const CLI = `${ROOT}dist/cli/main.js`;
const run = (args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60_000, maxBuffer: 1 << 26 });
const COMMANDS = ['report', 'evaluate', 'parts', 'sql', 'generate', 'staffing', 'feed'];

/** The flags a command's parser accepts, from its source (`export const FLAGS = { name: … }`). */
function flagsOf(cmd) {
  const src = readFileSync(`${ROOT}src/cli/${cmd}.ts`, 'utf8');
  const block = /export const FLAGS = \{([\s\S]*?)\n\} as const;/.exec(src)[1];
  return [...block.matchAll(/^\s*'?([a-z-]+)'?:\s*\{/gm)].map((m) => m[1]);
}

for (const cmd of COMMANDS) {
  test(`${cmd} --help: every flag described, with the examples; the same as help ${cmd}`, () => {
    const r = run([cmd, '--help']);
    assert.equal(r.status, 0, r.stderr);
    const flags = flagsOf(cmd);
    assert.ok(flags.length >= 4, `${cmd}: ${flags}`);
    for (const f of flags) assert.match(r.stdout, new RegExp(`^  --${f}\\b`, 'm'), `${cmd} --help describes --${f}`);
    const examples = [...r.stdout.matchAll(/^  (sla-widgets .+)$/gm)].map((m) => m[1]);
    assert.ok(examples.length >= 2, `${cmd}: two examples at least`);
    assert.equal(run(['help', cmd]).stdout, r.stdout);
  });

  test(`${cmd}: every example of its help runs as written`, async () => {
    const examples = [...run([cmd, '--help']).stdout.matchAll(/^  sla-widgets (.+)$/gm)].map((m) => m[1].split(' '));
    for (const args of examples) {
      if (cmd === 'feed') {
        // A server: it must come up and say where; then it is stopped.
        const p = spawn(process.execPath, [CLI, ...args.map((a) => (a === '8787' ? '0' : a)), ...(args.includes('--port') ? [] : ['--port', '0'])], { cwd: ROOT });
        let said = '';
        p.stdout.on('data', (d) => { said += d; });
        await new Promise((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`feed ${args.join(' ')}: nothing said in 30 s`)), 30_000);
          p.stdout.on('data', () => { if (/^feed: \d+ contacts/m.test(said)) { clearTimeout(t); resolve(); } });
          p.on('exit', (code) => { clearTimeout(t); reject(new Error(`feed exited ${code}`)); });
        });
        p.kill('SIGINT');
        continue;
      }
      const r = run(args);
      assert.equal(r.status, 0, `sla-widgets ${args.join(' ')}: ${r.stderr.slice(0, 300)}`);
      assert.ok(r.stdout.length > 0);
    }
  });
}

test('help lists the commands; help of no such command is a usage error; --version is the package\'s', () => {
  const r = run(['help']);
  assert.equal(r.status, 0);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'));
  const bad = run(['help', 'nosuch']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /help nosuch: no such command \(expected report, evaluate, parts, sql, generate, staffing, feed\)/);
  assert.equal(run(['--version']).stdout.trim(), `sla-widgets ${JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).version}`);
});
