// The key worker's day on the tablet, in Chromium against the real server, by touch only:
//   - the caseload sorted by urgency, searchable;
//   - a contact (a digital meeting is refused without its reason), a failure to attend and the
//     re-engagement it starts, and every record form (needs assessment, break, job, Employer
//     Support Plan, Access to Work, exit document, consent), each followed by a reload and an
//     unlock that must show it again;
//   - the plan: an item, the agreement with the weekly offer declined, both signatures drawn on
//     the glass, the receipt with its code; then a sync puts every record in the central store.
// Then every screen is photographed in English and in Welsh at portrait tablet size
// (test-artifacts/browser/screens/<en|cy>/*.png), with the Welsh checked on screen.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import {
  dragAcross, startRig, newTabletContext, nextFrames, scrollTo, setPin, tapItem, typeInto, uiText,
  unlock, waitForText, waitForUi,
} from './lib.mjs';

const artifacts = process.env.OUTPOST_ARTIFACTS || 'test-artifacts';
const kPassword = 'outpost-demo-amira';
const kPin = '582913';

function central(store, sql) {
  return execFileSync('sqlite3', [store, sql], { encoding: 'utf8' }).trim();
}

// Taps an item after scrolling it into view: forms are longer than the screen.
async function tap(page, name) {
  await scrollTo(page, name);
  await tapItem(page, name);
}

async function type(page, name, text) {
  await scrollTo(page, name);
  await typeInto(page, name, text);
}

async function signIn(page) {
  await typeInto(page, 'signin.username', 'amira.khan');
  await typeInto(page, 'signin.password', kPassword);
  await tapItem(page, 'signin.submit');
}

async function openParticipant(page, familyName) {
  await waitForText(page, 'caseload.count', /\d/, 20000);
  await tap(page, 'caseload.open.' + familyName);
  await waitForUi(page, (ui) => ui.texts?.['participant.name']);
}

// Reloads the page, unlocks with the PIN and opens the participant again: what was saved must
// have been durable before the app said so.
async function reloadAndReopen(page, familyName) {
  await page.reload();
  await unlock(page, kPin);
  await openParticipant(page, familyName);
}

async function openRecordTab(page) {
  await tapItem(page, 'participant.tab.record');
}

// Opens the form for `recordType` from the Record tab, runs `fill`, saves, and checks the
// banner; then reloads and checks the timeline's newest entry has `title`.
async function recordForm(page, recordType, title, fill) {
  await openRecordTab(page);
  await tap(page, 'participant.new.' + recordType);
  await waitForText(page, 'form.title', title);
  await fill();
  await tap(page, 'form.save');
  await waitForText(page, 'banner', 'Saved on this tablet');
  await reloadAndReopen(page, 'Okafor');
  await waitForUi(page, (ui) => Object.entries(ui.texts ?? {}).some(
    ([name, text]) => name.startsWith('timeline.') && name.endsWith('.title') && text === title));
}

// The first job offered as a choice on the open form.
async function chooseFirstJob(page) {
  const ui = await waitForUi(page, (u) => Object.keys(u.items ?? {}).find((k) => k.startsWith('form.employment_id.')));
  await tapItem(page, ui);
}

// A new tablet (its own storage) at the sign-in screen; after `signInNow`, signed in with a PIN.
async function newTablet(browser, server, { signInNow = true } = {}) {
  const context = await newTabletContext(browser);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await waitForUi(page, (ui) => ui.items?.['signin.username'], 20000);
  if (signInNow) {
    await signIn(page);
    await setPin(page, kPin);
  }
  return { context, page };
}

test('a key worker records every workflow by touch and nothing is lost across reloads', async (t) => {
  const { server, browser } = await startRig(t);
  const { page } = await newTablet(browser, server);

  // The caseload: everyone with their most urgent rule, and search by name.
  await waitForText(page, 'caseload.count', '4 participants', 20000);
  for (const name of ['Morgan', 'Okafor', 'Nowak', 'Evans'])
    assert.match(await uiText(page, 'caseload.urgent.' + name), /^(Overdue since|Due soon|Next due|Nothing due)/);
  await typeInto(page, 'caseload.search', 'oka');
  await waitForText(page, 'caseload.count', '1 participants');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitForText(page, 'caseload.count', '4 participants');

  // A digital meeting needs its reason; once given, the contact is saved and survives a reload.
  await openParticipant(page, 'Okafor');
  await openRecordTab(page);
  await tapItem(page, 'participant.record_contact');
  await tapItem(page, 'contact.mode.telephone');
  // Typed through the tablet's keyboard, Welsh letters included.
  await type(page, 'contact.notes', 'Called: agreed to meet at the library (Siân, ŵyr, ŷd)');
  await tap(page, 'contact.save');
  await waitForText(page, 'contact.error', 'a meeting that was not face to face needs the reason why');
  await type(page, 'contact.digital_reason', 'Participant unwell');
  await tap(page, 'contact.save');
  await waitForText(page, 'banner', 'Contact saved on this tablet');
  await reloadAndReopen(page, 'Okafor');
  await waitForText(page, 'contact.0.notes', 'Called: agreed to meet at the library (Siân, ŵyr, ŷd)');

  // A failure to attend opens the re-engagement workflow, which a reload keeps.
  await openRecordTab(page);
  await tapItem(page, 'participant.record_contact');
  await tapItem(page, 'contact.outcome.failed_to_attend');
  await tap(page, 'contact.save');
  await waitForText(page, 'reengagement.first_due', /^First attempt by \d\d\/\d\d\/\d{4} \d\d:\d\d/);
  await waitForText(page, 'reengagement.day.5', /^Working day 5, /);
  await reloadAndReopen(page, 'Okafor');
  await openRecordTab(page);
  await tap(page, 'participant.reengagement');
  await waitForText(page, 'reengagement.state', 'Keep trying to make contact every working day.');
  await tapItem(page, 'nav.back');

  // Every record form, each saved, reloaded and found on the timeline.
  await recordForm(page, 'needs_assessment', 'Initial needs assessment', async () => {
    await type(page, 'form.job_goals', 'Warehouse work, days only');
  });
  await recordForm(page, 'provision_break', 'Break in provision', async () => {
    await type(page, 'form.reason', 'Hospital stay');
  });
  await recordForm(page, 'employment', 'Job offer or job start', async () => {
    await type(page, 'form.employer', 'Riverside Foods');
    await tap(page, 'form.offer_date.today');
    await type(page, 'form.hours_per_week', '16');
  });
  await recordForm(page, 'employer_support_plan', 'Employer Support Plan', async () => {
    await chooseFirstJob(page);
  });
  await recordForm(page, 'access_to_work', 'Access to Work', async () => {
    await chooseFirstJob(page);
    await tap(page, 'form.applied.yes');
    await type(page, 'form.reference', 'ATW-1234');
  });
  await recordForm(page, 'exit_document', 'Exit document', async () => {
    await tap(page, 'form.kind.progress_report');
  });
  await recordForm(page, 'support_consent', 'Support network consent', async () => {
    await type(page, 'form.shared_with', 'Her sister, Ada');
  });

  // The plan: an item, the agreement with the weekly offer declined, and both signatures.
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'participant.new.plan_item');
  await type(page, 'form.description', 'Job club at the library every Tuesday');
  await tap(page, 'form.save');
  await waitForText(page, 'banner', 'Saved on this tablet');
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'participant.new.plan_agreement');
  await tap(page, 'form.weekly_offer.declined');
  await type(page, 'form.weekly_declined_reason', 'Caring for her mother on weekdays');
  await tap(page, 'form.save');
  await reloadAndReopen(page, 'Okafor');
  await tapItem(page, 'participant.tab.plan');
  await waitForText(page, 'plan.version', 'Action Plan version 1, not yet signed.');
  await tap(page, 'plan.sign');
  await waitForText(page, 'sign.document', /Job club at the library every Tuesday/);
  await tapItem(page, 'sign.next');
  await dragAcross(page, 'sign.pad', [[0.1, 0.6], [0.25, 0.2], [0.4, 0.7], [0.6, 0.3], [0.85, 0.6]]);
  await tap(page, 'sign.next');
  await dragAcross(page, 'sign.pad', [[0.15, 0.5], [0.5, 0.2], [0.9, 0.55]]);
  await tap(page, 'sign.save');
  await waitForText(page, 'banner', 'Plan signed and saved on this tablet');
  await reloadAndReopen(page, 'Okafor');
  await tapItem(page, 'participant.tab.plan');
  await waitForText(page, 'plan.version', /^Action Plan version 1, signed\./);
  await tap(page, 'plan.receipt');
  const code = await waitForText(page, 'plan.receipt_code', /^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const receipt = await page.evaluate(() => window.outpostDocument);
  assert.ok(receipt.includes(code), 'the receipt shows its code');
  assert.ok(receipt.includes('Job club at the library every Tuesday'));
  await page.click('#outpost-document-close');

  // Sync: everything recorded reaches the central store once.
  await tapItem(page, 'sync.now');
  await waitForText(page, 'sync.status', /^Up to date/, 30000);
  const store = server.centralStore;
  await server.stop();
  assert.equal(central(store, "SELECT count(*) FROM changes WHERE record_type = 'contact'"), '2');
  for (const type of ['needs_assessment', 'provision_break', 'employment', 'employer_support_plan',
    'access_to_work', 'exit_document', 'support_consent', 'plan_item', 'plan_agreement'])
    assert.equal(central(store, `SELECT count(*) FROM records WHERE record_type = '${type}'`), '1', type);
  assert.equal(central(store, "SELECT count(*) FROM records WHERE record_type = 'signature'"), '2');
});

// Every screen, photographed in one language. `lang` is 'en' or 'cy'; the Welsh pass switches
// the language on the sign-in screen's settings before anything else.
async function photographEveryScreen(browser, server, lang) {
  const folder = join(artifacts, 'screens', lang);
  mkdirSync(folder, { recursive: true });
  const { context, page } = await newTablet(browser, server, { signInNow: false });
  const shot = async (name) => {
    await nextFrames(page, 3);
    await page.screenshot({ path: join(folder, name + '.png') });
  };
  if (lang === 'cy') {
    await tapItem(page, 'nav.settings');
    await tapItem(page, 'settings.language.cy');
    await shot('settings');
    await tapItem(page, 'nav.back');
  }
  await shot('sign-in');
  await signIn(page);
  await waitForText(page, 'lock.screen', 'set_pin', 20000);
  await shot('set-pin');
  await setPin(page, kPin);
  await waitForText(page, 'caseload.count', lang === 'cy' ? '4 cyfranogwr' : '4 participants', 20000);
  await shot('caseload');
  await openParticipant(page, 'Okafor');
  for (const tab of ['timeline', 'compliance', 'plan', 'record']) {
    await tapItem(page, 'participant.tab.' + tab);
    await shot('participant-' + tab);
  }
  await tapItem(page, 'participant.record_contact');
  await shot('contact-form');
  await tapItem(page, 'nav.back');
  for (const type of ['needs_assessment', 'provision_break', 'employment', 'employer_support_plan',
    'access_to_work', 'exit_document', 'support_consent']) {
    await tapItem(page, 'participant.tab.record');
    await tap(page, 'participant.new.' + type);
    await shot('form-' + type);
    await tapItem(page, 'nav.back');
  }
  await tapItem(page, 'participant.tab.record');
  await tap(page, 'participant.reengagement');
  await shot('reengagement');
  await tapItem(page, 'nav.back');
  // A new plan item makes an unsigned version 2, to photograph the signing screens.
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'participant.new.plan_item');
  await shot('form-plan_item');
  await type(page, 'form.description', lang === 'cy' ? 'Clwb swyddi yn y llyfrgell' : 'Job club at the library');
  await tap(page, 'form.save');
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'participant.new.plan_agreement');
  await shot('form-plan_agreement');
  await tapItem(page, 'nav.back');
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'plan.sign');
  await shot('sign-document');
  await tapItem(page, 'sign.next');
  await dragAcross(page, 'sign.pad', [[0.1, 0.6], [0.3, 0.2], [0.6, 0.7], [0.9, 0.4]]);
  await shot('sign-participant');
  await tap(page, 'sign.next');
  await shot('sign-key-worker');
  await dragAcross(page, 'sign.pad', [[0.2, 0.5], [0.5, 0.2], [0.8, 0.6]]);
  await tap(page, 'sign.save');
  await tapItem(page, 'participant.tab.plan');
  await tap(page, 'plan.receipt');
  await waitForUi(page, (ui) => ui.texts?.['plan.receipt_code']);
  await shot('receipt');
  await page.click('#outpost-document-close');
  await tapItem(page, 'nav.settings');
  if (lang === 'en') await shot('settings');
  await tap(page, 'settings.export');
  await waitForUi(page, (ui) => ui.items?.['export.passphrase']);
  await shot('export');
  await tapItem(page, 'nav.back');
  await tapItem(page, 'nav.back');
  // The Welsh pass really is Welsh: a few probed texts in Welsh.
  if (lang === 'cy') {
    await tapItem(page, 'participant.tab.timeline');
    assert.match(await waitForText(page, 'sync.status', /./), /cysoni|Heb|All-lein|Yn gyfredol|newid/);
  }
  await page.reload();
  await waitForText(page, 'lock.screen', 'unlock', 20000);
  await shot('unlock');
  await context.close();
}

test('every screen is photographed in English and in Welsh at portrait tablet size', async (t) => {
  const { server, browser } = await startRig(t);
  // Something on every screen: a failure to attend, so re-engagement has content.
  const { context: seed, page: seedPage } = await newTablet(browser, server);
  await openParticipant(seedPage, 'Okafor');
  await openRecordTab(seedPage);
  await tapItem(seedPage, 'participant.record_contact');
  await tapItem(seedPage, 'contact.outcome.failed_to_attend');
  await tap(seedPage, 'contact.save');
  await waitForUi(seedPage, (ui) => ui.texts?.['reengagement.first_due']);
  await waitForText(seedPage, 'sync.status', /^Up to date/, 30000);
  await seed.close();

  for (const lang of ['en', 'cy']) await photographEveryScreen(browser, server, lang);
});
