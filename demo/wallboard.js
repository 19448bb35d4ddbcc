// The wallboard: one live <sla-source> on the feed server's stream, gauges per queue (made as queues appear),
// the alerts, the queue board and today's trend; boards rotate on a timer. It runs unattended for days:
// nothing here grows with time (the widgets stay mounted across rotations, the gauges are made once per queue),
// there is no login and no idle timeout, and the data keeps flowing when the tab is in the background (the
// engine runs in a worker; the page only receives messages, which background tabs do not hold back).
import { errorWords } from './lib/index.js';

const params = new URLSearchParams(location.search);
const asked = params.get('stream') || `ws://${location.hostname || '127.0.0.1'}:8787/ws`;

/**
 * A link someone sends (?stream=…) must not point the board at any server: a stream is taken from this page's
 * own host (any port, ws or http) or from an origin the host lists in <meta name="sla-stream-allow">.
 */
function allowedStream(url) {
  let u;
  try { u = new URL(url, location.href); } catch { return false; }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(u.protocol)) return false;
  if (u.hostname === location.hostname) return true;
  const list = (document.querySelector('meta[name="sla-stream-allow"]')?.content ?? '').split(/\s+/).filter(Boolean);
  return list.some((origin) => { try { return new URL(origin).origin === u.origin; } catch { return false; } });
}
const streamUrl = allowedStream(asked) ? asked : null;
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
if (streamUrl) {
  source.stream = streamUrl;
  $('feed-url').textContent = `stream: ${streamUrl} · ${tz}`;
} else {
  $('feed-url').textContent = `stream refused: ${asked} is neither this host nor listed in <meta name="sla-stream-allow"> · ${tz}`;
  $('feed-url').dataset.refused = '';
}

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
  fit();
}, 2000);

// The stream's state, said in words at the top: live, stale since …, reconnecting, and recovered.
const time = new Intl.DateTimeFormat(lang, { timeZone: tz, hour: '2-digit', minute: '2-digit', second: '2-digit' });
const WORDS = {
  en: { live: 'LIVE', connecting: 'Connecting…', stale: 'STALE · no data since {t}', error: 'NO CONNECTION · {e}', recovered: 'LIVE · recovered at {t}', missing: '{n} events missing', lost: '{n} contacts whose end was lost',
    title: 'Contact center · live', slBoard: 'Service level today, per queue', queuesBoard: 'Queues now', trend: 'Service level by interval, today',
    all: 'All queues', feedClock: 'feed time {t}', board: 'Board {i} of {n}', paused: 'rotation paused', help: '← → switch boards · Space pauses the rotation', alerts: 'Alerts' },
  es: { live: 'EN VIVO', connecting: 'Conectando…', stale: 'SIN ACTUALIZAR · sin datos desde {t}', error: 'SIN CONEXIÓN · {e}', recovered: 'EN VIVO · recuperado a las {t}', missing: 'faltan {n} eventos', lost: '{n} contactos sin su final',
    title: 'Centro de contacto · en vivo', slBoard: 'Nivel de servicio hoy, por cola', queuesBoard: 'Colas ahora', trend: 'Nivel de servicio por intervalo, hoy',
    all: 'Todas las colas', feedClock: 'hora del flujo {t}', board: 'Panel {i} de {n}', paused: 'rotación en pausa', help: '← → cambiar de panel · Espacio pausa la rotación', alerts: 'Alertas' },
  de: { live: 'LIVE', connecting: 'Verbinde…', stale: 'VERALTET · keine Daten seit {t}', error: 'KEINE VERBINDUNG · {e}', recovered: 'LIVE · wieder da um {t}', missing: '{n} Ereignisse fehlen', lost: '{n} Kontakte ohne ihr Ende',
    title: 'Kundenservice · live', slBoard: 'Servicelevel heute, je Warteschlange', queuesBoard: 'Warteschlangen jetzt', trend: 'Servicelevel je Intervall, heute',
    all: 'Alle Warteschlangen', feedClock: 'Zeit der Daten {t}', board: 'Ansicht {i} von {n}', paused: 'Wechsel angehalten', help: '← → Ansicht wechseln · Leertaste hält den Wechsel an', alerts: 'Alarme' },
}[lang];
const say = (k, vars = {}) => WORDS[k].replace(/\{(\w+)\}/g, (m, v) => String(vars[v] ?? m));
$('title').textContent = say('title');
document.title = `${say('title')} · sla-widgets`;
$('board-sl-title').textContent = say('slBoard');
$('board-queues-title').textContent = say('queuesBoard');
$('trend-title').textContent = say('trend');
$('gauge-all').setAttribute('label', say('all'));
$('alerts-panel').setAttribute('aria-label', say('alerts'));
$('help').textContent = say('help');
const connection = $('connection');
let shown = 'connecting';
let recoveredAt = 0;
source.subscribe({}, (r) => {
  const st = r.status.stream;
  let state = r.status.state === 'error' ? 'error' : st?.state ?? 'connecting';
  if (state === 'closed') state = 'connecting';
  // "Recovered at" says when the data came back, for a minute after it did.
  if (state === 'live' && (shown === 'stale' || shown === 'error')) recoveredAt = Date.now();
  const recovered = state === 'live' && Date.now() - recoveredAt < 60_000;
  const stateText = state === 'stale' ? say('stale', { t: st?.staleSince ? time.format(st.staleSince) : '?' })
    : state === 'error' ? say('error', { e: r.status.error ? errorWords(r.status.error, lang) : st?.error ?? '' })
    : recovered ? say('recovered', { t: time.format(recoveredAt) })
    : say(['live', 'connecting'].includes(state) ? state : 'connecting');
  const dataState = recovered ? 'recovered' : state;
  // What the figures lack, said beside the state: events a gap left missing, contacts the ACD's feed lost.
  const ev = st?.events;
  const lacking = [ev?.missing ? say('missing', { n: ev.missing }) : '', ev?.lost ? say('lost', { n: ev.lost }) : ''].filter(Boolean);
  const text = lacking.length ? `${stateText} · ${lacking.join(' · ')}` : stateText;
  if (connection.textContent !== text) connection.textContent = text;
  if (connection.dataset.state !== dataState) connection.dataset.state = dataState;
  shown = state;
  // A replayed feed (the demo's, at 10×) runs on its own clock: the alerts' times are the feed's, so the
  // header says the feed's time under the wall clock whenever the two are more than two minutes apart.
  const feedNow = r.live?.now;
  feedTime = Number.isFinite(feedNow) && Math.abs(feedNow - Date.now()) > 120_000 ? feedNow : null;
  tick();
}, 1000);

// Everything fits the screen, whatever the number of queues: the gauges' grid picks the column count that
// gives the largest gauges; the queue board's type shrinks for many rows; the alerts list as many as fit and
// say how many more there are.
function fit() {
  const box = $('gauges');
  const all = box.querySelectorAll('sla-gauge');
  const n = all.length;
  const W = box.clientWidth, H = box.clientHeight, gap = 0.012 * innerWidth;
  let best = { size: 0, cols: 1 };
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    // A gauge: its arc (with the figure) about its width tall, then three lines (queue, target, status) at 3.2 % of the
    // screen's height each (wallboard.css), whatever its width.
    const text = 3 * 1.3 * 0.032 * innerHeight + 0.012 * innerHeight;
    const size = Math.min((W - gap * (cols - 1)) / cols, ((H - gap * (rows - 1)) / rows - text) / 1.1);
    if (size > best.size) best = { size, cols };
  }
  const size = Math.floor(Math.min(best.size, 0.2 * innerWidth));
  box.style.gridTemplateColumns = `repeat(${best.cols}, ${size}px)`;
  for (const g of all) {
    g.style.setProperty('--sla-gauge-size', `${size}px`);
    g.style.setProperty('--sla-gauge-value-size', `${Math.round(size * 0.17)}px`);
    g.style.fontSize = `${Math.max(12, Math.round(size * 0.085))}px`;
  }
  const board = $('board');
  const rows = Math.max(1, board.rows?.length ?? 1);
  const boardFont = Math.min(0.017 * innerWidth, (0.5 * innerHeight) / ((rows + 2) * 1.9));
  board.style.setProperty('--sla-board-font-size', `${Math.max(11, boardFont)}px`);
  const panel = $('alerts-panel');
  const alertFont = parseFloat(getComputedStyle($('alerts')).fontSize) || 16;
  // An alert takes about 8.5 lines of its type (severity, queue and figure, target, since, the button).
  const most = Math.max(1, Math.floor((panel.clientHeight - 3 * alertFont) / (alertFont * 8.5)));
  if ($('alerts').max !== most) $('alerts').max = most;
}
new ResizeObserver(fit).observe(document.body);
setInterval(fit, 5000); // new rows on the board (new gauges call fit themselves)

// The clock, in the wallboard's zone.
const clockFmt = new Intl.DateTimeFormat(lang, { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit' });
let feedTime = null;
const tick = () => {
  $('clock').textContent = clockFmt.format(Date.now());
  const f = $('feed-clock');
  const text = feedTime === null ? '' : say('feedClock', { t: clockFmt.format(feedTime) });
  if (f.textContent !== text) f.textContent = text;
  f.hidden = feedTime === null;
};
tick();
setInterval(tick, 1000);

// Boards: rotate every rotateSec; ← → switch by hand; Space pauses and resumes the rotation.
const boards = [$('board-sl'), $('board-queues')];
let current = 0;
let paused = false;
const show = (i) => {
  current = (i + boards.length) % boards.length;
  boards.forEach((b, j) => { b.hidden = j !== current; });
  $('board-indicator').textContent = `${say('board', { i: current + 1, n: boards.length })}${paused ? ` · ${say('paused')}` : ''}`;
  document.body.dataset.board = boards[current].id;
};
show(0);
let rotation = rotateSec > 0 ? setInterval(() => { if (!paused) show(current + 1); }, rotateSec * 1000) : null;
addEventListener('keydown', (e) => {
  // Keys on a control (an alert's Acknowledge button, a table's sort button) are the control's.
  if (e.composedPath().some((n) => n instanceof HTMLElement && /^(BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY|A)$/.test(n.tagName))) return;
  if (e.key === 'ArrowRight') show(current + 1);
  else if (e.key === 'ArrowLeft') show(current - 1);
  else if (e.key === ' ') { paused = !paused; show(current); e.preventDefault(); }
});
addEventListener('pagehide', () => { if (rotation) clearInterval(rotation); rotation = null; });
