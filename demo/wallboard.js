// The wallboard: one live <sla-source> on the feed server's stream, gauges per queue (made as queues appear),
// the alerts, the queue board and today's trend; boards rotate on a timer. It runs unattended for days:
// nothing here grows with time (the widgets stay mounted across rotations, the gauges are made once per queue),
// there is no login and no idle timeout, and the data keeps flowing when the tab is in the background (the
// engine runs in a worker; the page only receives messages, which background tabs do not hold back).
import './lib/index.js';

const params = new URLSearchParams(location.search);
const streamUrl = params.get('stream') || `ws://${location.hostname || '127.0.0.1'}:8787/ws`;
const rotateSec = Number(params.get('rotate') ?? 20);
const staleSec = Number(params.get('stale') ?? 10);
const tz = params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const sl = /^\d+(\.\d+)?\/\d+$/.test(params.get('sl') ?? '') ? params.get('sl') : '80/20';
const lang = ['en', 'es', 'de'].includes(params.get('lang') ?? '') ? params.get('lang') : 'en';
const target = Number(sl.split('/')[0]) / 100;
const thresholdSec = Number(sl.split('/')[1]);

document.documentElement.lang = lang;
const $ = (id) => document.getElementById(id);
const source = $('live');
source.setAttribute('tz', tz);
source.setAttribute('sl', sl);
source.staleAfter = staleSec;
source.stream = streamUrl;
$('feed-url').textContent = `stream: ${streamUrl} · ${tz}`;

// Targets and thresholds, from the service level asked for.
$('gauge-all').target = target;
$('trend').target = target;
$('alerts').setAttribute('tz', tz);
$('board').thresholds = { serviceLevel: { target, margin: 0.03 }, longestWait: { threshold: thresholdSec * 3 }, waiting: { threshold: 20 } };

// One gauge per queue, in name order, made the first time a queue shows up (never removed: a queue that goes
// quiet keeps its figure for the day).
const gauges = new Map();
source.subscribe({ by: ['queue'] }, (r) => {
  const names = r.groups.map((g) => g.by.queue).filter((q) => q && !gauges.has(q));
  if (names.length === 0) return;
  for (const q of names) {
    const g = document.createElement('sla-gauge');
    g.setAttribute('source', 'live');
    g.setAttribute('metric', 'serviceLevel');
    g.setAttribute('queue', q);
    g.setAttribute('label', q);
    g.setAttribute('throttle', '2000');
    g.target = target;
    g.margin = 0.03;
    gauges.set(q, g);
  }
  const box = $('gauges');
  for (const q of [...gauges.keys()].sort()) box.append(gauges.get(q));
}, 2000);

// The stream's state, said in words at the top: live, stale since …, reconnecting, and recovered.
const time = new Intl.DateTimeFormat(lang, { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit' });
const WORDS = {
  en: { live: 'LIVE', connecting: 'Connecting…', stale: 'STALE · no data since {t}', error: 'NO CONNECTION · {e}', recovered: 'LIVE · recovered at {t}' },
  es: { live: 'EN VIVO', connecting: 'Conectando…', stale: 'SIN ACTUALIZAR · sin datos desde {t}', error: 'SIN CONEXIÓN · {e}', recovered: 'EN VIVO · recuperado a las {t}' },
  de: { live: 'LIVE', connecting: 'Verbinde…', stale: 'VERALTET · keine Daten seit {t}', error: 'KEINE VERBINDUNG · {e}', recovered: 'LIVE · wieder da um {t}' },
}[lang];
const connection = $('connection');
let shown = 'connecting';
let recoveredUntil = 0;
source.subscribe({}, (r) => {
  const st = r.status.stream;
  let state = r.status.state === 'error' ? 'error' : st?.state ?? 'connecting';
  if (state === 'closed') state = 'connecting';
  if (state === 'live' && (shown === 'stale' || shown === 'error')) recoveredUntil = Date.now() + 15_000;
  const recovered = state === 'live' && Date.now() < recoveredUntil;
  const text = state === 'stale' ? WORDS.stale.replace('{t}', st?.staleSince ? time.format(st.staleSince) : '?')
    : state === 'error' ? WORDS.error.replace('{e}', r.status.error ?? st?.error ?? '')
    : recovered ? WORDS.recovered.replace('{t}', time.format(Date.now()))
    : WORDS[state] ?? WORDS.connecting;
  const dataState = recovered ? 'recovered' : state;
  if (connection.textContent !== text) connection.textContent = text;
  if (connection.dataset.state !== dataState) connection.dataset.state = dataState;
  shown = state;
}, 1000);

// The clock, in the wallboard's zone.
const clockFmt = new Intl.DateTimeFormat(lang, { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit' });
const tick = () => { $('clock').textContent = clockFmt.format(Date.now()); };
tick();
setInterval(tick, 1000);

// Boards: rotate every rotateSec; ← → switch by hand; Space pauses and resumes the rotation.
const boards = [$('board-sl'), $('board-queues')];
let current = 0;
let paused = false;
const show = (i) => {
  current = (i + boards.length) % boards.length;
  boards.forEach((b, j) => { b.hidden = j !== current; });
  $('board-indicator').textContent = `Board ${current + 1} of ${boards.length}${paused ? ' · rotation paused' : ''}`;
  document.body.dataset.board = boards[current].id;
};
show(0);
let rotation = rotateSec > 0 ? setInterval(() => { if (!paused) show(current + 1); }, rotateSec * 1000) : null;
addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight') show(current + 1);
  else if (e.key === 'ArrowLeft') show(current - 1);
  else if (e.key === ' ') { paused = !paused; show(current); e.preventDefault(); }
});
addEventListener('pagehide', () => { if (rotation) clearInterval(rotation); rotation = null; });
