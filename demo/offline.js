// The offline demo: drop a CSV (or pick a built-in sample), confirm the mapping, and get the scorecard, the
// gauges, the trend and staffing. The app shell comes from a service worker, the data from IndexedDB (the
// engine's cache): after a reload, with or without the network, the last dataset opens again with no parse.
import { pageEngine } from './lib/index.js';

const KEY = 'sla-widgets-demo:dataset';
const $ = (id) => document.getElementById(id);
const source = $('data');
const drop = $('drop');

drop.samples = [
  { label: 'October 2026 · voice and chat (generated)', url: './samples/offline-october.csv' },
];

// The last dataset opens again from the cache (no parse) after a reload — if it is still kept (it may have been
// deleted from the list, or pushed out of a full cache): else the page starts empty, as the first time.
const last = localStorage.getItem(KEY);
if (last) {
  const kept = await pageEngine().list().then((l) => l.some((d) => d.id === last), () => false);
  if (kept) source.setAttribute('dataset-id', last);
  else localStorage.removeItem(KEY);
}

source.addEventListener('sla-dataset-ready', async (e) => {
  localStorage.setItem(KEY, e.detail.id);
  const ds = await source.datasetHandle().catch(() => null);
  const view = ds ? await ds.view({}).catch(() => null) : null;
  $('dataset-name').textContent = view?.status?.name ? `· ${view.status.name}` : '';
  document.body.dataset.dataset = e.detail.id;
});

// Offline support: the service worker keeps the app shell; say whether it is ready, and when the network is gone.
const net = $('net');
const say = (state, text) => { net.dataset.state = state; net.textContent = text; };
if ('serviceWorker' in navigator) {
  // The page enforces Trusted Types (its CSP): the service worker's URL comes through the demo's own policy.
  const sw = globalThis.trustedTypes ? trustedTypes.createPolicy('sla-demo', { createScriptURL: (u) => (new URL(u, location.href).origin === location.origin ? u : '') }).createScriptURL('./sw.js') : './sw.js';
  navigator.serviceWorker.register(sw).catch((err) => say('unsupported', `Offline copy unavailable: ${err.message}`));
  navigator.serviceWorker.ready.then(() => {
    const update = () => (navigator.onLine ? say('ready', 'Works offline ✓') : say('offline', 'Offline — running from this browser'));
    update();
    addEventListener('online', update);
    addEventListener('offline', update);
  });
} else {
  say('unsupported', 'This browser cannot keep an offline copy (no service workers); the data is still cached.');
}
