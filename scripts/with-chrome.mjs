// Runs a command with CHROME_PATH set to a found Chrome/Chromium, or explains how to get one.
import { spawn } from 'node:child_process';
import { findChrome, HOW_TO_GET_CHROME } from './find-chrome.mjs';

let chrome;
try {
  chrome = findChrome();
} catch (e) {
  console.error(String(e.message));
  process.exit(2);
}
if (!chrome) {
  console.error(HOW_TO_GET_CHROME);
  process.exit(2);
}
const [cmd, ...args] = process.argv.slice(2);
const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chrome }, shell: process.platform === 'win32' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 1));
