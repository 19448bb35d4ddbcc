// Runs Storybook with telemetry off (STORYBOOK_DISABLE_TELEMETRY=1 and --disable-telemetry; main.ts also sets
// core.disableTelemetry), so it never dials out:
//   node scripts/storybook.mjs dev [args]    → storybook dev -p 6006
//   node scripts/storybook.mjs build [args]  → storybook build -o dist/storybook
//   node scripts/storybook.mjs test [args]   → vitest --project storybook run (story tests; run it through
//                                              scripts/with-chrome.mjs so a browser is found)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [cmd, ...rest] = process.argv.slice(2);
const env = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' };

// Controls come from custom-elements.json: written again when missing or older than a widget's class.
const manifest = 'custom-elements.json';
const classes = readdirSync('src/components', { withFileTypes: true }).filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join('src/components', d.name)).filter((f) => f.endsWith('.component.ts')).map((f) => join('src/components', d.name, f)));
if (!existsSync(manifest) || classes.some((f) => statSync(f).mtimeMs > statSync(manifest).mtimeMs)) {
  const r = spawnSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const bin = (name) => `node_modules/.bin/${name}${process.platform === 'win32' ? '.cmd' : ''}`;
const commands = {
  dev: [bin('storybook'), ['dev', '-p', '6006', '--disable-telemetry', ...rest]],
  build: [bin('storybook'), ['build', '-o', 'dist/storybook', '--disable-telemetry', '--quiet', ...rest]],
  test: [bin('vitest'), ['--project', 'storybook', 'run', ...rest]],
};
if (!commands[cmd]) {
  console.error('usage: node scripts/storybook.mjs dev|build|test [args]');
  process.exit(2);
}
const [file, args] = commands[cmd];
const child = spawn(file, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
// Stopping this script stops Storybook too (no server left behind on the port).
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
