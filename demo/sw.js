// The demo's service worker: keeps the app shell (pages, the kit, the worker, the built-in samples) so every
// page opens with no network. Cache first for this origin; everything else (the feed server's stream) goes to
// the network untouched. A new build has a new version: its cache replaces the old one.
const SHELL = 'shell.json';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const res = await fetch(SHELL, { cache: 'no-store' });
    const { version, files } = await res.json();
    const cache = await caches.open(`sla-demo-${version}`);
    await cache.addAll(files);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const res = await caches.match(SHELL) ?? await fetch(SHELL).catch(() => null);
    const keep = res ? `sla-demo-${(await res.clone().json()).version}` : null;
    for (const key of await caches.keys()) if (key.startsWith('sla-demo-') && key !== keep) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const hit = await caches.match(event.request, { ignoreSearch: url.pathname.endsWith('.html') || url.pathname.endsWith('/') });
    if (hit) return hit;
    try {
      return await fetch(event.request);
    } catch {
      return new Response('Offline, and this file was not kept for offline use.', { status: 503, headers: { 'Content-Type': 'text/plain' } });
    }
  })());
});
