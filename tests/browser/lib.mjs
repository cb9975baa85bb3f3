// Shared helpers for Outpost's browser tests: launch Debian's Chromium through playwright-core,
// open a tablet-shaped page, and find Dear ImGui widgets through the UI probes the client
// publishes each frame as window.outpostUi (wasm-client/widgets/ui_probe.h):
//   {frame: N, items: {name: {x, y, w, h}}, texts: {name: text}}   (CSS pixels)
//
// The client draws on a canvas, so there is no DOM to query: a test taps the centre of a probed
// item and reads probed texts. Touch taps are the way a tablet user acts, and they reach ImGui
// as mouse clicks (wasm-client/platform/touch_input.h).
//
// Never downloads a browser: CHROMIUM_PATH or /usr/bin/chromium is used.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from './server.mjs';

const kChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  // WebGL2 without a GPU: SwiftShader, which newer Chromium only allows when asked for.
  '--use-gl=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Launches a fresh Chromium. Returns {browser, close}. Playwright gives every launch its own
// temporary profile (it refuses --user-data-dir) and deletes it on close, so IndexedDB and the
// service worker start empty; reuse one context, not one launch per step, to test persistence
// across reloads.
export async function launchBrowser({ headless = true, extraArgs = [] } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless,
    args: [...kChromiumArgs, ...extraArgs],
  });
  return { browser, close: () => browser.close() };
}

// A real outpost-sync-server on 127.0.0.1 (OUTPOST_SERVER_BINARY, serving OUTPOST_WEB_ROOT; ctest
// sets both, see tests.cmake) and a Chromium for test `t`, both stopped when the test ends.
// `serverOptions` go to startServer (server.mjs), e.g. another webRoot.
export async function startRig(t, serverOptions = {}) {
  const serverBinary = process.env.OUTPOST_SERVER_BINARY;
  const webRoot = process.env.OUTPOST_WEB_ROOT;
  assert.ok(serverBinary && webRoot, 'OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT must be set');
  const server = await startServer({ serverBinary, webRoot, ...serverOptions });
  const { browser, close } = await launchBrowser({ extraArgs: ['--ignore-certificate-errors'] });
  t.after(async () => { await close(); await server.stop(); });
  return { server, browser };
}

// A portrait tablet (800x1280 CSS pixels) with touch. ignoreHTTPSErrors: the test server on
// https://127.0.0.1 uses a self-signed certificate. Browser console errors are echoed, since a
// wasm abort otherwise only shows as a timeout.
export async function newTabletContext(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 800, height: 1280 },
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: false,
    ignoreHTTPSErrors: true,
    serviceWorkers: 'allow',
    ...options,
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`[page] ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  });
  return context;
}

// Polls window.outpostUi until `predicate(ui)` returns a truthy value, and returns that value.
// `predicate` runs in Node on a copy of the object. Throws with the last seen UI on timeout, so a
// failure shows what was on screen.
export async function waitForUi(page, predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  for (;;) {
    last = await page.evaluate(() => window.outpostUi ?? null).catch(() => null);
    if (last) {
      const result = predicate(last);
      if (result) return result;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `waitForUi: timed out after ${timeoutMs} ms; last UI: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Waits until the item `name` is on screen and returns its rect {x, y, w, h}.
export async function itemRect(page, name, timeoutMs = 10000) {
  return waitForUi(page, (ui) => ui.items?.[name], timeoutMs);
}

// Waits for the frame counter to move past `frames` more frames, so that what a tap or key
// changed has been drawn and republished.
export async function nextFrames(page, frames = 2, timeoutMs = 5000) {
  const start = await waitForUi(page, (ui) => ui.frame, timeoutMs);
  await waitForUi(page, (ui) => ui.frame >= start + frames && ui.frame, timeoutMs);
}

// Taps the centre of item `name` with a touch, as a key worker would, then waits for two frames:
// one for ImGui to see the press, one for the release that completes the click.
export async function tapItem(page, name, timeoutMs = 10000) {
  const rect = await itemRect(page, name, timeoutMs);
  await page.touchscreen.tap(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await nextFrames(page, 2);
}

// Taps the text field `name` to focus it, types `text` through the keyboard, and waits for it to
// be drawn.
export async function typeInto(page, name, text, timeoutMs = 10000) {
  await tapItem(page, name, timeoutMs);
  await page.keyboard.type(text);
  await nextFrames(page, 2);
}

// The current value of probed text `name`, or undefined if it is not on screen this frame.
export async function uiText(page, name) {
  const ui = await page.evaluate(() => window.outpostUi ?? null);
  return ui?.texts?.[name];
}

// Waits until probed text `name` satisfies `expected` (a string for equality, a RegExp, or a
// function) and returns the text.
export async function waitForText(page, name, expected, timeoutMs = 10000) {
  const matches = (text) =>
    typeof expected === 'string' ? text === expected
      : expected instanceof RegExp ? expected.test(text)
        : expected(text);
  return waitForUi(page, (ui) => {
    const text = ui.texts?.[name];
    return text !== undefined && matches(text) ? text : false;
  }, timeoutMs);
}

// The device lock (wasm-client/screens/lock_screens.h). Waits for the set-PIN screen that follows
// a first sign-in, enters `pin` twice and waits for the App to show again.
export async function setPin(page, pin, timeoutMs = 20000) {
  await waitForText(page, 'lock.screen', 'set_pin', timeoutMs);
  await typeInto(page, 'setpin.pin', pin);
  await typeInto(page, 'setpin.again', pin);
  await waitForText(page, 'lock.working', 'no', timeoutMs);  // the key from the password is ready
  await tapItem(page, 'setpin.submit');
}

// Waits for the unlock screen and enters `secret`: a PIN, or with {password: true} the password.
export async function unlock(page, secret, { password = false, timeoutMs = 20000 } = {}) {
  await waitForText(page, 'lock.screen', 'unlock', timeoutMs);
  await waitForText(page, 'lock.working', 'no', timeoutMs);
  if (password) {
    const ui = await waitForUi(page, (u) => u.items, timeoutMs);
    if (!ui['unlock.password']) await tapItem(page, 'unlock.use_password');
    await typeInto(page, 'unlock.password', secret);
  } else {
    await typeInto(page, 'unlock.pin', secret);
  }
  await tapItem(page, 'unlock.submit');
}

// From the caseload of the demo key worker amira.khan (four participants): opens Grace Okafor.
export async function openOkafor(page) {
  await waitForText(page, 'caseload.count', '4 participants', 20000);
  await tapItem(page, 'caseload.open.Okafor');
  await waitForText(page, 'participant.name', 'Grace Okafor');
}

// From a participant's screen: shows the Record tab (unless already shown) and taps "Record a
// contact".
export async function openContactForm(page) {
  const ui = await waitForUi(page, (u) => u.items);
  if (!ui['participant.record_contact']) await tapItem(page, 'participant.tab.record');
  await tapItem(page, 'participant.record_contact');
}

// From a participant's screen: opens the contact form, fills a face-to-face contact that was
// attended, and taps Save. The caller waits for what it expects ("saved", or an error).
export async function fillAndSaveContact(page, { location, notes }) {
  await openContactForm(page);
  await tapItem(page, 'contact.mode.face_to_face');
  await typeInto(page, 'contact.location', location);
  await tapItem(page, 'contact.outcome.attended');
  await typeInto(page, 'contact.notes', notes);
  await tapItem(page, 'contact.save');
}

// Drags one finger along `points` ([{x, y}, ...] in CSS pixels) with real touch events (Chrome
// DevTools Protocol), a few moves between each pair, then lifts it.
export async function touchDrag(page, points, steps = 6) {
  const cdp = await page.context().newCDPSession(page);
  const at = (p) => [{ x: p.x, y: p.y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]) });
  for (let i = 1; i < points.length; ++i) {
    const from = points[i - 1], to = points[i];
    for (let s = 1; s <= steps; ++s) {
      const p = { x: from.x + (to.x - from.x) * s / steps, y: from.y + (to.y - from.y) * s / steps };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await nextFrames(page, 2);
}

// Drags across the item `name` through `fractions` of its rect ([[fx, fy], ...]): a signature.
export async function dragAcross(page, name, fractions) {
  const r = await itemRect(page, name);
  await touchDrag(page, fractions.map(([fx, fy]) => ({ x: r.x + r.w * fx, y: r.y + r.h * fy })));
}

// Scrolls the screen by dragging a finger up (or down) until the item `name` is on screen, as a
// key worker would on a long form. Returns its rect.
export async function scrollTo(page, name, { timeoutMs = 15000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let direction = -1;  // finger moves up: the page scrolls down
  let previousFrameText = '';
  for (;;) {
    const ui = await page.evaluate(() => window.outpostUi ?? null);
    if (ui?.items?.[name]) return ui.items[name];
    if (Date.now() > deadline) throw new Error(`scrollTo: ${name} never came on screen`);
    const view = page.viewportSize();
    const x = view.width - 30;  // the right margin: a finger there lands on no control
    await touchDrag(page, [{ x, y: view.height * 0.7 }, { x, y: view.height * 0.7 + direction * view.height * 0.4 }]);
    const now = JSON.stringify(Object.keys((await page.evaluate(() => window.outpostUi ?? {})).items ?? {}));
    if (now === previousFrameText) direction = -direction;  // at the end: go the other way
    previousFrameText = now;
  }
}

// The replica as stored in IndexedDB, decrypted with the PIN the way web_vault.h describes it
// (PBKDF2 key from the PIN unwraps the data key; the data key opens the sealed index
// "replica-meta", and each block "replica/<i>" with its position and generation as additional
// data), and written back encrypted, as one more flush of every block, after `change(file)`
// edits a copy of it. Only while the page is locked.
export async function editStoredReplica(page, pin, change) {
  const opened = await page.evaluate(async (pin) => {
    const request = (r) => new Promise((ok, no) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    const db = await request(indexedDB.open('outpost-vault'));
    const store = db.transaction('vault', 'readonly').objectStore('vault');
    const meta = await request(store.get('meta'));
    const index = await request(store.get('replica-meta'));
    const enc = new TextEncoder();
    const slot = meta.slots.pin;
    const base =
      await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveKey']);
    const kek = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt: slot.salt, iterations: slot.iterations }, base,
      { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: slot.iv, additionalData: enc.encode('outpost-slot-pin-v1') }, kek,
      slot.wrapped);
    const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
    const info = JSON.parse(new TextDecoder().decode(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: index.iv, additionalData: enc.encode('outpost-replica-meta-v2') },
      key, index.data)));
    const plain = new Uint8Array(info.length);
    const tx = db.transaction('vault', 'readonly').objectStore('vault');
    const blocks = await Promise.all(info.gens.map((_, i) => request(tx.get(`replica/${i}`))));
    db.close();
    for (let i = 0; i < info.count; ++i) {
      const part = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: blocks[i].iv,
          additionalData: enc.encode(`outpost-replica-v2 block ${i} gen ${info.gens[i]}`) },
        key, blocks[i].data);
      plain.set(new Uint8Array(part), i * info.blockSize);
    }
    return { raw: Array.from(new Uint8Array(raw)), plain: Array.from(plain), info };
  }, pin);
  const dir = mkdtempSync(join(tmpdir(), 'outpost-replica-'));
  const file = join(dir, 'replica.sqlite');
  writeFileSync(file, Buffer.from(opened.plain));
  change(file);
  const edited = Array.from(readFileSync(file));
  rmSync(dir, { recursive: true, force: true });
  await page.evaluate(async ({ raw, edited, info }) => {
    const enc = new TextEncoder();
    const key =
      await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, ['encrypt']);
    const seal = async (data, aad) => {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      return { iv, data: new Uint8Array(await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: enc.encode(aad) }, key, data)) };
    };
    const plain = new Uint8Array(edited);
    const size = info.blockSize;
    const gen = info.gen + 1;
    const count = Math.ceil(plain.length / size);
    const blocks = [];
    for (let i = 0; i < count; ++i) {
      blocks.push(await seal(plain.subarray(i * size, (i + 1) * size),
                             `outpost-replica-v2 block ${i} gen ${gen}`));
    }
    const sealed = await seal(enc.encode(JSON.stringify(
      { length: plain.length, blockSize: size, count, gen, gens: blocks.map(() => gen) })),
                              'outpost-replica-meta-v2');
    const db = await new Promise((ok, no) => {
      const r = indexedDB.open('outpost-vault');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => no(r.error);
    });
    await new Promise((ok, no) => {
      const tx = db.transaction('vault', 'readwrite');
      const store = tx.objectStore('vault');
      blocks.forEach((block, i) => store.put(block, `replica/${i}`));
      for (let i = count; i < info.count; ++i) store.delete(`replica/${i}`);
      store.put({ version: 2, length: plain.length, blockSize: size, count, ...sealed },
                'replica-meta');
      tx.oncomplete = ok;
      tx.onabort = () => no(tx.error);
    });
    db.close();
  }, { raw: opened.raw, edited, info: opened.info });
}
