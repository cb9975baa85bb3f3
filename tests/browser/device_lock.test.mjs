// The device lock and encrypted storage, in Chromium against the real server, by touch:
//   - the first sign-in asks for a PIN and refuses a weak one;
//   - a recorded contact is stored encrypted: no value in any IndexedDB database of the page
//     holds the participant's name, the notes, the PIN or the password;
//   - a reload shows the unlock screen; a wrong PIN is refused; the right one opens the records;
//   - offline, a reload still unlocks with the PIN (and with the password);
//   - after the idle period (shortened through localStorage "outpost.idle_lock_ms", see
//     main_web.cc) the tablet locks by itself, keeping what was recorded;
//   - 5 wrong PINs leave only the password;
//   - a full storage quota (Chromium's Storage.overrideQuotaForOrigin) is reported, not
//     swallowed.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import {
  editStoredReplica, fillAndSaveContact, startRig, newTabletContext, openOkafor, setPin, tapItem, typeInto, unlock, uiText, waitForText,
  waitForUi,
} from './lib.mjs';

const kPassword = 'outpost-demo-amira';
const kPin = '582913';
const kNotes = 'Private note: moving to the Riverside hostel next week';

// Every value of every object store of every IndexedDB database the page's origin has, as one
// string: text as it is, bytes (the encrypted records) as Latin-1, so any ASCII text stored in
// the clear shows up verbatim.
async function everythingStored(page) {
  return page.evaluate(async () => {
    const flatten = (value) => {
      if (value === null || value === undefined) return '';
      if (typeof value === 'string') return value;
      if (typeof value !== 'object') return String(value);
      if (value instanceof ArrayBuffer) value = new Uint8Array(value);
      if (ArrayBuffer.isView(value)) {
        const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        let text = '';
        for (let i = 0; i < bytes.length; ++i) text += String.fromCharCode(bytes[i]);
        return text;
      }
      return Object.entries(value).map(([k, v]) => k + '=' + flatten(v)).join('\n');
    };
    const request = (r) => new Promise((ok, no) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const out = { databases: [], text: '', bytes: 0 };
    for (const info of await indexedDB.databases()) {
      out.databases.push(info.name);
      const db = await request(indexedDB.open(info.name));
      for (const name of db.objectStoreNames) {
        const store = db.transaction(name, 'readonly').objectStore(name);
        for (const value of await request(store.getAll())) {
          const text = flatten(value);
          out.text += text + '\n';
          out.bytes += text.length;
        }
      }
      db.close();
    }
    return out;
  });
}

// A real server and Chromium, closed when test `t` ends, and a tablet's page on the app.
async function openTablet(t) {
  const { server, browser } = await startRig(t);
  const context = await newTabletContext(browser);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  return { server, browser, context, page };
}

test('the records on the tablet are encrypted and open only with the PIN or password', async (t) => {
  const { server, browser, context, page } = await openTablet(t);

  // Before any sign-in there is nothing to unlock.
  await waitForUi(page, (ui) => ui.items?.['signin.username'], 20000);

  // First sign-in: a PIN must be chosen, and a trivially weak one is refused.
  await typeInto(page, 'signin.username', 'amira.khan');
  await typeInto(page, 'signin.password', kPassword);
  await tapItem(page, 'signin.submit');
  await waitForText(page, 'lock.screen', 'set_pin', 20000);
  await waitForText(page, 'storage.info', /Storage on this tablet: .* used of /);
  await typeInto(page, 'setpin.pin', '123456');
  await typeInto(page, 'setpin.again', '123456');
  await waitForText(page, 'lock.working', 'no', 20000);
  await tapItem(page, 'setpin.submit');
  await waitForText(page, 'setpin.message', /run of digits/);
  await setPin(page, kPin);

  // A contact, saved only once durable.
  await openOkafor(page);
  await fillAndSaveContact(page, { location: 'Town Hall', notes: kNotes });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await waitForText(page, 'contact.0.sync', 'Confirmed by the server', 20000);

  // Nothing readable at rest.
  let stored = await everythingStored(page);
  assert.ok(stored.databases.includes('outpost-vault'), JSON.stringify(stored.databases));
  assert.ok(stored.bytes > 20000, `the encrypted replica is stored (${stored.bytes} bytes)`);
  for (const secret of ['Okafor', 'Grace', kNotes, 'Riverside', 'Town Hall', kPin, kPassword,
    'SQLite format 3']) {
    assert.ok(!stored.text.includes(secret), `IndexedDB holds "${secret}" in the clear`);
  }

  // Reload: locked. A wrong PIN is refused and changes nothing; the right PIN opens the records.
  await page.reload();
  await waitForText(page, 'lock.screen', 'unlock', 20000);
  assert.equal(await uiText(page, 'caseload.count'), undefined);
  await unlock(page, '480751');
  await waitForText(page, 'unlock.message', /That PIN is not right\. 4 tries left/, 20000);
  await unlock(page, kPin);
  await openOkafor(page);
  await waitForText(page, 'contact.0.notes', kNotes);

  // Offline: the reload is served by the service worker and unlocks with the PIN, and with the
  // password.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await unlock(page, kPin);
  await openOkafor(page);
  await waitForText(page, 'contact.0.notes', kNotes);
  await page.reload();
  await unlock(page, kPassword, { password: true });
  await openOkafor(page);

  // Inactivity: with a 3 s period the tablet locks by itself, after saving what was recorded.
  await page.evaluate(() => localStorage.setItem('outpost.idle_lock_ms', '3000'));
  await page.reload();
  await unlock(page, kPin);
  await openOkafor(page);
  await fillAndSaveContact(page, { location: 'Library', notes: 'Offline note before the idle lock' });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await waitForText(page, 'lock.screen', 'unlock', 15000);
  assert.equal(await uiText(page, 'participant.name'), undefined);
  await page.evaluate(() => localStorage.removeItem('outpost.idle_lock_ms'));
  stored = await everythingStored(page);
  assert.ok(!stored.text.includes('Offline note before the idle lock'));
  await unlock(page, kPin);
  await openOkafor(page);
  await waitForText(page, 'participant.contacts', '2 contacts');
  await waitForText(page, 'contact.0.notes', 'Offline note before the idle lock');

  // Five wrong PINs: only the password is offered.
  await page.reload();
  for (let i = 0; i < 5; ++i) {
    await unlock(page, '480751');
    await waitForText(page, 'unlock.message', /not right/, 20000);
  }
  await waitForText(page, 'unlock.message', /unlock with your password/);
  await waitForUi(page, (ui) => ui.items?.['unlock.password'] && !ui.items?.['unlock.use_pin']);
  await unlock(page, kPassword, { password: true });
  await openOkafor(page);

  // A full quota. Chromium applies Storage.overrideQuotaForOrigin when the origin's IndexedDB is
  // first opened, so this is a second tablet whose quota is full from the start: the first
  // save (the wrapped key at sign-in) fails, and the key worker is told, rather than the tablet
  // carrying on with records it cannot keep.
  const fullContext = await newTabletContext(browser);
  const full = await fullContext.newPage();
  const cdp = await fullContext.newCDPSession(full);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 1 });
  await full.goto(server.url + '/');
  await typeInto(full, 'signin.username', 'amira.khan');
  await typeInto(full, 'signin.password', kPassword);
  await tapItem(full, 'signin.submit');
  await waitForText(full, 'shell.notice', /storage for Outpost is full.*QuotaExceededError/, 20000);
});

// The replica's records in the vault (web_vault.h: "replica-meta" and the blocks "replica/<i>"),
// each as the hex of its IV and its data, so any rewrite of a record shows.
async function replicaRecords(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((ok, no) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    const db = await request(indexedDB.open('outpost-vault'));
    const store = db.transaction('vault', 'readonly').objectStore('vault');
    const keys = await request(store.getAllKeys());
    const values = await request(store.getAll());
    db.close();
    const out = {};
    keys.forEach((key, i) => {
      if (String(key).startsWith('replica')) out[key] = hex(values[i].iv) + ':' + hex(values[i].data);
    });
    return out;
  });
}

test('a save rewrites only the blocks it changed, and a damaged block is refused', async (t) => {
  const { context, page } = await openTablet(t);
  await typeInto(page, 'signin.username', 'amira.khan');
  await typeInto(page, 'signin.password', kPassword);
  await tapItem(page, 'signin.submit');
  await setPin(page, kPin);
  await openOkafor(page);
  await fillAndSaveContact(page, { location: 'Town Hall', notes: 'First contact' });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await waitForText(page, 'contact.0.sync', 'Confirmed by the server', 20000);
  assert.ok((await replicaRecords(page))['replica-meta'], 'the replica index is stored');

  // A replica of a few MB, as a real caseload makes it: 2 MB more in a table of its own, added
  // while locked (the stored blocks decrypted with the PIN, rewritten with the padding).
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await editStoredReplica(page, kPin, (file) => {
    execFileSync('sqlite3', [file, 'CREATE TABLE test_padding(x BLOB); ' +
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) ' +
      'INSERT INTO test_padding SELECT randomblob(4000) FROM n;']);
  });
  await unlock(page, kPin);
  // Offline, so no sync flush follows a save.
  await context.setOffline(true);
  await waitForText(page, 'sync.status', /^Offline/, 20000);
  await openOkafor(page);
  await fillAndSaveContact(page, { location: 'Library', notes: 'Second contact' });
  await waitForText(page, 'banner', 'Contact saved on this tablet');

  // One save: the index and a few blocks are rewritten, the rest stay as they were.
  const before = await replicaRecords(page);
  const blocks = Object.keys(before).filter((k) => k.startsWith('replica/'));
  assert.ok(!before.replica, 'the format before blocks is gone');
  await page.evaluate(() => { window.Module.outpostVault.flushed = null; });
  await fillAndSaveContact(page, { location: 'Library', notes: 'Third contact' });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  const after = await replicaRecords(page);
  const changed = Object.keys(after).filter((k) => k.startsWith('replica/') && after[k] !== before[k]);
  const flushed = await page.evaluate(() => window.Module.outpostVault.flushed);
  t.diagnostic(`one save rewrote ${changed.length} of ${blocks.length} blocks ` +
               `(${flushed.written} bytes)`);
  assert.ok(blocks.length > 100, `the replica is stored in blocks: ${blocks.length}`);
  assert.notEqual(after['replica-meta'], before['replica-meta'], 'the index is rewritten');
  assert.ok(changed.length >= 1, 'the saved contact is in a rewritten block');
  assert.ok(changed.length <= 16, `only the changed blocks are rewritten: ${changed.length}`);

  // Locked, one byte of one block's ciphertext flipped: unlocking refuses, and stores nothing.
  await page.reload();
  await waitForText(page, 'lock.screen', 'unlock', 20000);
  const victim = changed[0];
  await page.evaluate(async (victim) => {
    const request = (r) => new Promise((ok, no) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const db = await request(indexedDB.open('outpost-vault'));
    const block = await request(db.transaction('vault').objectStore('vault').get(victim));
    block.data[block.data.length >> 1] ^= 0x01;
    const tx = db.transaction('vault', 'readwrite');
    tx.objectStore('vault').put(block, victim);
    await new Promise((ok, no) => { tx.oncomplete = ok; tx.onabort = () => no(tx.error); });
    db.close();
  }, victim);
  const tampered = await replicaRecords(page);
  await unlock(page, kPin);
  const index = Number(victim.slice('replica/'.length));
  await waitForText(page, 'shell.error',
                    new RegExp(`vault\\.replica.*block ${index} does not decrypt`), 20000);
  assert.equal(await uiText(page, 'caseload.count'), undefined);
  assert.deepEqual(await replicaRecords(page), tampered, 'a refused unlock changes nothing stored');
});
