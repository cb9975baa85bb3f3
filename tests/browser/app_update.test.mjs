// App updates never lose changes waiting to sync, in Chromium against the real server:
//
//   1. A new version (new service worker and cache, new outpost.js, and a replica one schema
//      migration behind) is deployed while two contacts wait in the outbox and a third form is
//      half filled. The running page is not taken over: it shows "A new version of Outpost is
//      ready" and keeps the form. Its Reload button locks (the encrypted flush), lets the new
//      worker take over and reloads into the new version, which migrates the replica on unlock.
//      Both contacts are still waiting, the new version starts offline, and after a sync the
//      central store has both.
//   2. A tablet that ran the build before the encrypted vault has its replica unencrypted in
//      Emscripten's IDBFS database "/persist". The new build loads it, has the key worker sign
//      in (which makes the keys), pushes its waiting changes, and deletes "/persist" once the
//      encrypted copy is stored.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  editStoredReplica, fillAndSaveContact, touchDrag, itemRect, launchBrowser, newTabletContext,
  openContactForm, openOkafor, setPin, tapItem, typeInto, unlock, waitForText, waitForUi,
} from './lib.mjs';
import { startServer } from './server.mjs';

const serverBinary = process.env.OUTPOST_SERVER_BINARY;
const webRoot = process.env.OUTPOST_WEB_ROOT;
const here = dirname(fileURLToPath(import.meta.url));

const kPassword = 'outpost-demo-amira';
const kPin = '582913';
const kNewVersionMark = '// outpost app_update.test: the next version';

function sqlite(file, sql) {
  return execFileSync('sqlite3', [file, sql], { encoding: 'utf8' }).trim();
}

async function signIn(page) {
  await typeInto(page, 'signin.username', 'amira.khan');
  await typeInto(page, 'signin.password', kPassword);
  await tapItem(page, 'signin.submit');
  await setPin(page, kPin);
}

// The next version of the app in `folder` (a copy of the built web folder): outpost.js differs
// by a comment, and sw.js by its cache name, as a real build's hash would.
function deployNextVersion(folder) {
  writeFileSync(join(folder, 'outpost.js'),
    readFileSync(join(folder, 'outpost.js'), 'utf8') + '\n' + kNewVersionMark + '\n');
  const sw = readFileSync(join(folder, 'sw.js'), 'utf8');
  const next = sw.replace(/'outpost-shell-([0-9a-f]+)'/, "'outpost-shell-$1-next'");
  assert.notEqual(next, sw, 'sw.js names its cache outpost-shell-<version>');
  writeFileSync(join(folder, 'sw.js'), next);
}

// The App's replica as it is in the page's memory now, in a temporary file.
async function replicaInMemory(page) {
  const bytes = await page.evaluate(() => Array.from(FS.readFile('/persist/replica.sqlite')));
  const file = join(mkdtempSync(join(tmpdir(), 'outpost-replica-')), 'replica.sqlite');
  writeFileSync(file, Buffer.from(bytes));
  return file;
}

// Grace Okafor, whoever else is on the caseload: the old replica's pull position belongs to the
// server it was made against, so this server's other demo participants may not all arrive.
// Found by search first: rows move while the caseload is still arriving, and a tap must not
// land on someone else's row.
async function openGrace(page) {
  await typeInto(page, 'caseload.search', 'Okafor', 20000);
  await waitForText(page, 'caseload.count', '1 participants', 20000);
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.name', 'Grace Okafor');
}

async function databaseNames(page) {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
}

// A server serving `site` and a tablet page showing its sign-in, both ended after the test.
// `tablet.server` may be replaced by a restarted server, which is then the one stopped.
async function serverAndTablet(t, site) {
  assert.ok(serverBinary && webRoot, 'OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT must be set');
  const tablet = { server: await startServer({ serverBinary, webRoot: site }) };
  const { browser, close } = await launchBrowser({ extraArgs: ['--ignore-certificate-errors'] });
  t.after(async () => { await close(); await tablet.server.stop(); });
  tablet.context = await newTabletContext(browser);
  tablet.page = await tablet.context.newPage();
  await tablet.page.goto(tablet.server.url + '/');
  await waitForUi(tablet.page, (ui) => ui.items?.['signin.username'], 20000);
  return tablet;
}

test('an update with changes waiting keeps them, migrates the replica, and syncs them', async (t) => {
  const site = mkdtempSync(join(tmpdir(), 'outpost-site-'));
  cpSync(webRoot, site, { recursive: true });
  t.after(() => rmSync(site, { recursive: true, force: true }));
  const tablet = await serverAndTablet(t, site);
  const { context, page } = tablet;
  await signIn(page);
  await waitForText(page, 'caseload.count', '4 participants', 20000);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const oldCaches = await page.evaluate(() => caches.keys());
  assert.equal(oldCaches.length, 1);

  // Two contacts recorded offline wait in the outbox; a third form is being filled in.
  await context.setOffline(true);
  await openOkafor(page);
  for (const notes of ['Waiting before the update: CV', 'Waiting before the update: travel']) {
    await fillAndSaveContact(page, { location: 'Hostel drop-in', notes });
    await waitForText(page, 'banner', 'Contact saved on this tablet');
  }
  await waitForText(page, 'sync.status', 'Offline: 2 changes waiting to sync');
  await openContactForm(page);
  await typeInto(page, 'contact.location', 'Half-way through this form');

  // Back in signal, but the sync server cannot be reached (its API fails), while the new
  // version is deployed on the web server.
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  const { dataDir } = tablet.server;
  const port = new URL(tablet.server.url).port;
  await tablet.server.stop();
  deployNextVersion(site);
  tablet.server = await startServer({ serverBinary, webRoot: site, dataDir, port });
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

  // The new version waits: the form stays, the old version keeps running.
  await waitForText(page, 'shell.update', /A new version of Outpost is ready/, 30000);
  // In landscape the form is taller than the screen: scrolled to its end, its last widgets sit
  // where the bar is, unless the bar takes its height from the screen.
  await page.setViewportSize({ width: 1280, height: 800 });
  for (let i = 0; i < 4; i++) {
    await touchDrag(page, [{ x: 1250, y: 600 }, { x: 1250, y: 150 }]);
  }
  const shown = await waitForUi(page,
    (ui) => (ui.items?.['contact.save'] && ui.texts?.['shell.update.top'] ? ui : null));
  const barTop = Number(shown.texts['shell.update.top']);
  const covered = Object.entries(shown.items)
    .filter(([name, r]) => !name.startsWith('shell.update') && r.y + r.h > barTop + 0.5)
    .map(([name]) => name);
  assert.deepEqual(covered, [], `the update bar (top ${barTop}) covers none of the form's widgets`);
  assert.ok(await page.evaluate(() =>
    navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)));
  assert.ok(!(await page.evaluate(() => fetch('/outpost.js').then((r) => r.text())))
    .includes(kNewVersionMark));

  // Reload now: locked and flushed, then the new version takes over.
  // A plain tap: the page may reload before it draws the two frames tapItem waits for.
  const reload = await itemRect(page, 'shell.update.reload');
  await page.touchscreen.tap(reload.x + reload.w / 2, reload.y + reload.h / 2);
  await waitForText(page, 'lock.screen', 'unlock', 30000);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  assert.ok((await page.evaluate(() => fetch('/outpost.js').then((r) => r.text())))
    .includes(kNewVersionMark));
  const newCaches = await page.evaluate(() => caches.keys());
  assert.equal(newCaches.length, 1);
  assert.match(newCaches[0], /-next$/);

  // The stored replica is as a version without migration 0020 left it.
  await editStoredReplica(page, kPin, (file) => {
    sqlite(file, 'DROP INDEX outbox_waiting; DELETE FROM schema_migrations WHERE number = 20;');
  });

  // Offline, the new version unlocks, migrates, and both contacts still wait.
  await context.setOffline(true);
  await context.unroute('**/api/**');
  await page.reload();
  await unlock(page, kPin);
  await openOkafor(page);
  await waitForText(page, 'sync.status', 'Offline: 2 changes waiting to sync', 20000);
  await waitForText(page, 'participant.contacts', '2 contacts');
  const migrated = await replicaInMemory(page);
  assert.equal(sqlite(migrated, 'SELECT name FROM schema_migrations WHERE number = 20'),
    '0020_outbox_waiting.sql');
  assert.equal(
    sqlite(migrated, "SELECT count(*) FROM sqlite_master WHERE name = 'outbox_waiting'"), '1');
  rmSync(dirname(migrated), { recursive: true, force: true });

  // Online: both reach the central store, once each.
  await context.setOffline(false);
  await waitForText(page, 'sync.status', /^Up to date/, 30000);
  await waitForText(page, 'timeline.0.sync', 'Confirmed by the server');
  await tablet.server.stop();
  assert.equal(sqlite(tablet.server.centralStore,
    "SELECT group_concat(notes, '|') FROM (SELECT notes FROM contacts ORDER BY notes)"),
  'Waiting before the update: CV|Waiting before the update: travel');
});

test('the old build\'s unencrypted replica is kept, synced, then deleted', async (t) => {
  const { server, page } = await serverAndTablet(t, webRoot);

  // What the old build left: IDBFS's database for the mount point /persist (library_idbfs.js:
  // version 21, store FILE_DATA with a timestamp index, one object per path). The replica is a
  // real one at schema 0003 with two contacts waiting in its outbox.
  const replica = Array.from(readFileSync(join(here, '..', 'data', 'replica-schema-0003.sqlite')));
  await page.evaluate(async (bytes) => {
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('/persist', 21);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('FILE_DATA')
          .createIndex('timestamp', 'timestamp', { unique: false });
      };
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    await new Promise((ok, no) => {
      const tx = db.transaction('FILE_DATA', 'readwrite');
      const store = tx.objectStore('FILE_DATA');
      const now = new Date();
      store.put({ timestamp: now, mode: 0o40777 }, '/persist');
      store.put({ timestamp: now, mode: 0o100666, contents: new Uint8Array(bytes) },
        '/persist/replica.sqlite');
      tx.oncomplete = ok;
      tx.onabort = () => no(tx.error);
    });
    db.close();
  }, replica);

  // The new build finds it: the App runs on it, signed out, and asks for a sign-in.
  await page.reload();
  await waitForText(page, 'shell.notice', /Sign in as amira\.khan to protect the records/, 20000);
  await waitForUi(page, (ui) => ui.items?.['signin.username'], 20000);
  await tapItem(page, 'shell.notice.ok');
  assert.ok((await databaseNames(page)).includes('/persist'), 'kept until encrypted');
  await signIn(page);

  // The waiting changes are pushed, and the unencrypted copy is gone once the encrypted one is
  // stored.
  await openGrace(page);
  await waitForText(page, 'sync.status', /^Up to date/, 30000);
  const deadline = Date.now() + 20000;
  while ((await databaseNames(page)).includes('/persist')) {
    assert.ok(Date.now() < deadline, 'the old unencrypted database is deleted');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  // The records are in the encrypted vault now: a reload unlocks with the PIN.
  await page.reload();
  await unlock(page, kPin);
  await openGrace(page);
  await waitForText(page, 'participant.contacts', '3 contacts');

  await server.stop();
  const notes = sqlite(server.centralStore, 'SELECT group_concat(notes, \'|\') FROM contacts');
  assert.match(notes, /Waiting: agreed CV workshop/);
  assert.match(notes, /Waiting: travel training/);
});
