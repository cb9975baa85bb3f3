// The last resort for changes that cannot reach the server (docs/export.md), end to end with the
// real parts: a key worker signs in, loses the network, records a contact, and saves the waiting
// change to an encrypted file from Settings; the file holds nothing readable about the
// participant; the real server binary's import-export command, given the passphrase on standard
// input, puts the contact in the central store, and a second import adds nothing.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY, OUTPOST_WEB_ROOT and
// OUTPOST_ARTIFACTS set. The downloaded file is kept there as export.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  fillAndSaveContact, startRig, newTabletContext, setPin, tapItem, typeInto, waitForText,
} from './lib.mjs';

const serverBinary = process.env.OUTPOST_SERVER_BINARY;
const artifacts = process.env.OUTPOST_ARTIFACTS || 'test-artifacts';

const kPin = '582913';
// Typed on the tablet with w and a combining circumflex (as some keyboards compose it), and on
// the server's console as the one character ŵ: the same passphrase (the tablet seals with NFC).
const kPassphrase = 'tegell ar sil y ffenestr, ŵyr';
const kPassphraseAsComposed = kPassphrase.normalize('NFD');
const kNotes = 'Export test: worried about the housing letter';
const kLocation = 'Riverside Community Centre';
const kGrace = '1c7a4d2f-6e2b-4d88-8b1f-2a3e4d5c6b72';  // Grace Okafor in the demo

function central(store, sql) {
  return execFileSync('sqlite3', [store, sql], { encoding: 'utf8' }).trim();
}

function importExport(dataDir, file, passphrase) {
  return spawnSync(serverBinary, ['import-export', '--data-dir', dataDir, '--file', file],
    { input: passphrase + '\n', encoding: 'utf8' });
}

test('waiting changes exported offline to an encrypted file import on the server', async (t) => {
  mkdirSync(artifacts, { recursive: true });
  const { server, browser } = await startRig(t);

  const tablet = await newTabletContext(browser, { acceptDownloads: true });
  const page = await tablet.newPage();
  await page.goto(server.url + '/');
  await typeInto(page, 'signin.username', 'amira.khan');
  await typeInto(page, 'signin.password', 'outpost-demo-amira');
  await tapItem(page, 'signin.submit');
  await setPin(page, kPin);
  await waitForText(page, 'caseload.count', '4 participants', 20000);

  // Offline: a contact that cannot reach the server.
  await tablet.setOffline(true);
  await waitForText(page, 'sync.status', /^Offline/);
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.name', 'Grace Okafor');
  await fillAndSaveContact(page, { location: kLocation, notes: kNotes });
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await waitForText(page, 'sync.status', 'Offline: 1 change waiting to sync');

  // Settings > Export waiting changes.
  await tapItem(page, 'nav.settings');
  await tapItem(page, 'settings.export');
  await waitForText(page, 'export.waiting', 'Changes waiting to sync: 1');
  await typeInto(page, 'export.passphrase', 'too short');
  await typeInto(page, 'export.again', 'too short');
  await tapItem(page, 'export.submit');
  await waitForText(page, 'export.message', 'The passphrase needs at least 10 characters.');
  assert.notEqual(kPassphraseAsComposed, kPassphrase);
  await typeInto(page, 'export.passphrase', kPassphraseAsComposed);
  await typeInto(page, 'export.again', kPassphraseAsComposed);
  const downloading = page.waitForEvent('download', { timeout: 60000 });
  await tapItem(page, 'export.submit');
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^outpost-waiting-tab-[0-9a-f]+-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(artifacts, 'export.json');
  await download.saveAs(file);
  await waitForText(page, 'export.message', /^Changes saved in outpost-waiting-.*: 1\./, 60000);
  await page.screenshot({ path: join(artifacts, 'export.png') });

  // Nothing about the participant is readable in the file.
  const text = readFileSync(file, 'utf8');
  const envelope = JSON.parse(text);
  assert.equal(envelope.format, 'outpost-export');
  assert.equal(envelope.username, 'amira.khan');
  assert.equal(envelope.changes, 1);
  for (const secret of [kNotes, 'housing', kLocation, 'Okafor', 'Grace', kGrace])
    assert.ok(!text.includes(secret), `the file shows "${secret}"`);

  // The tablet still holds the change and still refuses to sign out.
  await waitForText(page, 'sync.status', 'Offline: 1 change waiting to sync');

  // The administrator imports it with the real server binary, the server stopped.
  await server.stop();
  const wrong = importExport(server.dataDir, file, 'not the passphrase');
  assert.equal(wrong.status, 1, wrong.stdout + wrong.stderr);
  assert.match(wrong.stderr, /does not open with this passphrase/);
  assert.equal(central(server.centralStore, `SELECT count(*) FROM contacts WHERE location = '${kLocation}'`), '0');

  const first = importExport(server.dataDir, file, kPassphrase);
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /applied: 1\nalready known: 0\nrefused: 0\n/);
  assert.equal(central(server.centralStore,
    `SELECT count(*) FROM contacts WHERE location = '${kLocation}' AND participant_id = '${kGrace}'`), '1');
  assert.equal(central(server.centralStore,
    "SELECT count(*) FROM audit_log WHERE action = 'export_imported' AND username = 'amira.khan'"), '1');

  const again = importExport(server.dataDir, file, kPassphrase);
  assert.equal(again.status, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /applied: 0\nalready known: 1\nrefused: 0\n/);
  assert.equal(central(server.centralStore, `SELECT count(*) FROM contacts WHERE location = '${kLocation}'`), '1');
});
