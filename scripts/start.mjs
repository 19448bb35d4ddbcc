// The main job (npm start, after npm run build): serves the built demo on http://127.0.0.1:8080/ and starts the feed server the
// wallboard listens to (ws://127.0.0.1:8787/ws: a generated week of voice and chat from 08:00 on the first day, replayed at
// 10× — about 16 hours before it runs out — with pause/resume control).
// No network is needed. Flags: --port 8080 --feed-port 8787 --speed 10 --host 127.0.0.1
import { spawn } from 'node:child_process';
import { serveDemo } from './serve-demo.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const host = arg('host', '127.0.0.1');
const port = Number(arg('port', 8080));
const feedPort = Number(arg('feed-port', 8787));
const speed = arg('speed', '10');


const feed = spawn(process.execPath, ['dist/cli/main.js', 'feed', '--port', String(feedPort), '--host', host, '--speed', speed, '--contacts', '70000', '--days', '7', '--seed', 'wallboard', '--channels', 'voice,chat', '--start-at', '08:00', '--control'], { stdio: ['ignore', 'inherit', 'inherit'] });
feed.on('exit', (code) => { if (code) { console.error(`feed server stopped (exit ${code})`); process.exit(code); } });
let demo;
try {
  demo = await serveDemo({ port, host });
} catch (e) {
  feed.kill();
  console.error(`cannot serve the demo on ${host}:${port}: ${e.message}${e.code === 'EADDRINUSE' ? ' (another program uses the port: npm start -- --port 8081)' : ''}`);
  process.exit(1);
}
console.log(`
sla-widgets demo — ${demo.url}
  wallboard       ${demo.url}wallboard.html   (live from ws://${host}:${feedPort}/ws; ← → switch boards)
  client portal   ${demo.url}portal.html      (and portal-script.html: the single <script> build)
  offline demo    ${demo.url}offline.html     (drop a CSV; reload with the network gone)
  component docs  npm run storybook → http://127.0.0.1:6006/ (each tag's attributes, events, parts, usage in HTML,
                  React and Vue); built by npm test into dist/storybook/index.html
Ctrl-C stops both servers.`);
const stop = async () => { feed.kill(); await demo.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
