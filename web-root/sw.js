// Outpost's service worker: lets the tablet start the app with no network.
//
// What it caches: the app shell only (the page, the wasm build, the manifest, the icons), in a
// cache named after a hash of the build; the build step (cmake/outpost_emscripten.cmake) replaces
// the placeholder below, so every new build is a byte-different sw.js, which the browser
// installs as an update.
// What it never caches: /api/ (sync) and /review (supervisor pages). Those go to the network
// untouched, so the app always sees real network failures and never a stale answer; the records
// themselves live in IndexedDB, not here.
//
// Strategy for the shell: cache first (the wasm must not be fetched on every start over a slow
// link), network when missing. Install precaches the whole shell or fails (a half-cached shell
// would not start offline); activate deletes every older outpost-shell cache.
'use strict';

const CACHE = 'outpost-shell-@OUTPOST_SHELL_VERSION@';
const SHELL = [
  '/',
  '/index.html',
  '/outpost.js',
  '/outpost.wasm',
  '/manifest.webmanifest',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // 'reload' skips the HTTP cache, so the shell is this build's files, not older copies.
    await cache.addAll(SHELL.map((url) => new Request(url, {cache: 'reload'})));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names
      .filter((name) => name.startsWith('outpost-shell-') && name !== CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

function isNetworkOnly(url) {
  return url.pathname.startsWith('/api/') || url.pathname === '/review' ||
         url.pathname.startsWith('/review/');
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Not ours to answer: other origins, non-GET, and the network-only paths (no respondWith,
  // so the browser does a plain network request).
  if (url.origin !== self.location.origin || request.method !== 'GET' || isNetworkOnly(url)) {
    return;
  }
  // Any navigation inside the app is the one page.
  const key = request.mode === 'navigate' ? '/index.html' : url.pathname;
  if (!SHELL.includes(key)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key);
    if (cached) return cached;
    return fetch(request);
  })());
});
