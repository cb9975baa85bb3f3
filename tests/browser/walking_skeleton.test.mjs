// The walking skeleton, end to end with the real parts: a key worker signs in on the tablet and
// chooses a PIN, records a contact, loses the network, records another, reloads the app and closes and reopens
// the tab offline, comes back online and syncs; a second tablet of the same key worker pulls
// both; a supervisor sees both on the review page; and the central SQLite file holds each
// exactly once. Each reload and reopening starts at the unlock screen (the PIN opens it).
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY, OUTPOST_WEB_ROOT and
// OUTPOST_ARTIFACTS set. Screenshots of the caseload and the contact form are saved there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  fillAndSaveContact, startRig, newTabletContext, openContactForm, setPin, tapItem, typeInto, unlock, waitForText, uiText,
} from './lib.mjs';

const artifacts = process.env.OUTPOST_ARTIFACTS || 'test-artifacts';

function central(store, sql) {
  return execFileSync('sqlite3', [store, sql], { encoding: 'utf8' }).trim();
}

const kPin = '582913';

// A first sign-in on a tablet, then the PIN that unlocks it from then on.
async function signIn(page, username, password) {
  await typeInto(page, 'signin.username', username);
  await typeInto(page, 'signin.password', password);
  await tapItem(page, 'signin.submit');
  await setPin(page, kPin);
  await waitForText(page, 'caseload.count', /participants$/, 20000);
}

async function recordContact(page, { location, notes }) {
  await fillAndSaveContact(page, { location, notes });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
}

test('a contact recorded offline reaches the central store once and every device', async (t) => {
  mkdirSync(artifacts, { recursive: true });
  const { server, browser } = await startRig(t);

  // Tablet A: sign in online and see the caseload.
  const tabletA = await newTabletContext(browser);
  let page = await tabletA.newPage();
  await page.goto(server.url + '/');
  await signIn(page, 'amira.khan', 'outpost-demo-amira');
  await waitForText(page, 'caseload.count', '4 participants', 20000);
  await page.screenshot({ path: join(artifacts, 'caseload.png') });
  await page.evaluate(() => navigator.serviceWorker.ready);

  // Record the first contact online.
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.name', 'Grace Okafor');
  await openContactForm(page);
  await tapItem(page, 'contact.mode.face_to_face');
  await typeInto(page, 'contact.location', 'Central Library');
  await typeInto(page, 'contact.notes', 'Online contact: agreed CV workshop');
  await page.screenshot({ path: join(artifacts, 'contact-form.png') });
  await tapItem(page, 'contact.save');
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await waitForText(page, 'contact.0.sync', 'Confirmed by the server', 20000);

  // Offline: record another; it waits.
  await tabletA.setOffline(true);
  await waitForText(page, 'sync.status', /^Offline/);
  await recordContact(page, { location: 'Hostel drop-in', notes: 'Offline contact: talked about travel' });
  await waitForText(page, 'sync.status', 'Offline: 1 change waiting to sync');
  await waitForText(page, 'contact.0.sync', 'Waiting to sync');

  // Reload with no network: the service worker serves the app, IndexedDB the records, which the
  // PIN unlocks.
  await page.reload();
  await unlock(page, kPin);
  await waitForText(page, 'caseload.count', '4 participants', 20000);
  await waitForText(page, 'sync.status', 'Offline: 1 change waiting to sync');
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.contacts', '2 contacts');
  assert.equal(await uiText(page, 'contact.0.notes'), 'Offline contact: talked about travel');

  // Close the tab and open the app again, still offline: nothing lost.
  await page.close();
  page = await tabletA.newPage();
  await page.goto(server.url + '/');
  await unlock(page, kPin);
  await waitForText(page, 'sync.status', 'Offline: 1 change waiting to sync', 20000);
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.contacts', '2 contacts');

  // Back online: pushed automatically, and confirmed.
  await tabletA.setOffline(false);
  await waitForText(page, 'sync.status', /^Up to date/, 30000);
  await waitForText(page, 'contact.0.sync', 'Confirmed by the server');

  // Tablet B, same key worker: pulls both.
  const tabletB = await newTabletContext(browser);
  const pageB = await tabletB.newPage();
  await pageB.goto(server.url + '/');
  await signIn(pageB, 'amira.khan', 'outpost-demo-amira');
  await tapItem(pageB, 'caseload.open.Okafor', 20000);
  await waitForText(pageB, 'participant.contacts', '2 contacts', 20000);

  // The supervisor sees both in the central record.
  const review = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
  await review.goto(server.url + '/review');
  await review.fill('#username', 'carys.jones');
  await review.fill('#password', 'outpost-demo-carys');
  await review.click('#sign-in');
  const contactRows = review.locator('#contacts tr.contact');
  await contactRows.first().waitFor();
  assert.equal(await contactRows.count(), 2);
  const reviewText = await review.locator('#contacts').innerText();
  assert.match(reviewText, /Online contact: agreed CV workshop/);
  assert.match(reviewText, /Offline contact: talked about travel/);
  await review.screenshot({ path: join(artifacts, 'review.png'), fullPage: true });

  // The central SQLite file: each contact exactly once, stamped with all three times.
  await server.stop();
  assert.equal(central(server.centralStore, 'SELECT count(*) FROM contacts'), '2');
  assert.equal(central(server.centralStore,
    "SELECT count(*) FROM changes WHERE record_type = 'contact'"), '2');
  assert.equal(central(server.centralStore,
    "SELECT count(*) FROM changes WHERE record_type = 'contact' AND received_at != '' " +
    "AND captured_at != '' AND hlc != '' AND author = 'amira.khan'"), '2');
  assert.equal(central(server.centralStore,
    "SELECT group_concat(location, '|') FROM (SELECT location FROM contacts ORDER BY location)"),
  'Central Library|Hostel drop-in');
});
