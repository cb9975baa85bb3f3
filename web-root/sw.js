// Outpost's service worker: lets the tablet start the app with no network, and installs app
// updates without pulling the page from under a key worker.
//
// What it caches: every file of the built web folder (the page, the wasm build, the manifest,
// the icons, fonts, anything else the build puts there), in a cache named after a hash of those
// files. The build step (cmake/outpost_emscripten.cmake, script mode) fills in both
// placeholders below: the version, and the list of files it found in the folder. So a new file
// is cached by adding it to web-root/ (or having the build copy it into the web folder): it is
// listed and hashed on the next build, and the changed sw.js is what the browser sees as an
// update. Nothing else needs editing.
// What it never caches: /api/ (sync) and /review (supervisor pages). Those go to the network
// untouched, so the app always sees real network failures and never a stale answer; the records
// themselves live in IndexedDB, not here.
//
// Updates. The browser fetches sw.js on each start and now and then (index.html asks hourly
// and when the network returns); a byte-different sw.js is a new version:
//   install   precaches the new version's files into its own cache, or fails as a whole (a
//             half-cached version would not start offline; the browser retries later). The
//             running page is untouched: it goes on using the old version's cache.
//   waiting   the new worker does not take over by itself. index.html sees it waiting and the
//             shell shows "A new version of Outpost is ready" with a Reload button
//             (wasm-client/main_web.cc). Reload locks first, so the replica is flushed
//             encrypted, then posts {type: 'outpost-activate'} here and reloads once the new
//             worker controls the page. If nobody taps it, the new version is used the next
//             time Outpost starts with no tab of it open (a plain reload is not enough: the
//             browser keeps the old worker while the reloading page is still its client).
//   activate  deletes every other outpost-shell cache and claims the open pages.
// The page's records are never part of an update: a new version's App::Start migrates the
// replica (schema/) it finds in IndexedDB, waiting changes included.
//
// Strategy for the files: cache first (the wasm must not be fetched on every start over a slow
// link), network when missing.
'use strict';

const CACHE = 'outpost-shell-@OUTPOST_SHELL_VERSION@';
// Every file of the web folder but this one, each as '/path' (from the build).
const FILES = [@OUTPOST_SHELL_FILES@];
const SHELL = ['/', ...FILES];
// The same, as request URLs spell their paths (a space is %20), to match fetches against.
const SHELL_PATHS = SHELL.map((path) => new URL(path, self.location.origin).pathname);

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // 'no-cache' revalidates every file with the server (its ETag), so the shell is this build's
    // files, never older copies, while files the page has just downloaded come back as a 304
    // instead of a second download of the whole app on the first visit.
    await cache.addAll(SHELL.map((url) => new Request(url, {cache: 'no-cache'})));
    // No skipWaiting here: a page running the old version keeps it until told (see above).
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'outpost-activate') self.skipWaiting();
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
  if (!SHELL_PATHS.includes(key)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key);
    if (cached) return cached;
    return fetch(request);
  })());
});
