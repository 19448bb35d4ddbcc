// The main job for now: generate seeded sample contacts and report on them (the demo replaces this later).
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';

const cli = 'dist/cli/main.js';
mkdirSync('dist/sample', { recursive: true });
const file = 'dist/sample/contacts.csv';
const fd = openSync(file, 'w');
const g = spawnSync(process.execPath, [cli, 'generate', '--contacts', '20000', '--seed', 'demo', '--start', '2026-03-02', '--days', '7'], { stdio: ['ignore', fd, 'inherit'] });
closeSync(fd);
if (g.status !== 0) process.exit(g.status ?? 1);
console.log(`Sample: ${file} (20,000 generated contacts, one week, seed "demo")\n`);
const r = spawnSync(process.execPath, [cli, 'report', file, '--tz', 'America/New_York', '--by', 'channel', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
