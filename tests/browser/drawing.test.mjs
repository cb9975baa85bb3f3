// Drawing, in Chromium against the real server (wasm-client/widgets/frame_picture.h and
// main_web.cc): an idle tablet keeps running frames but draws none of them (one when the page
// is shown again), and a tap is handled inside its own touchend event, so what it does (here:
// focusing the hidden text input that brings up the on-screen keyboard) happens within the
// user's gesture and is drawn at once.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT set.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { itemRect, startRig, newTabletContext, waitForUi } from './lib.mjs';

async function frames(page) {
  return page.evaluate(() => ({ ...window.outpostFrames, ui: window.outpostUi?.frame ?? 0 }));
}

test('an idle tablet draws no frame, and a tap is handled and drawn inside its touchend', async (t) => {
  const { server, browser } = await startRig(t);

  const context = await newTabletContext(browser);
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const field = await itemRect(page, 'signin.username', 20000);
  await page.waitForTimeout(500);  // the sign-in screen settles

  const before = await frames(page);
  await page.waitForTimeout(1000);
  const idle = await frames(page);
  assert.ok(idle.ui - before.ui >= 20, `frames kept running while idle (${idle.ui - before.ui})`);
  assert.equal(idle.drawn, before.drawn, 'an unchanged screen is not drawn again');
  assert.ok(idle.skipped - before.skipped >= 20, 'the idle frames were skipped, not missing');
  const still = await page.screenshot();

  // Shown again (a tab brought back): drawn once whatever it holds, then idle again.
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await waitForUi(page, (ui) => ui.frame >= idle.ui + 10);
  const shownAgain = await frames(page);
  assert.equal(shownAgain.drawn, idle.drawn + 1, 'one frame drawn after the page is shown again');

  // What the page sees at the end of the touchend's dispatch, after the app's own listeners.
  await page.evaluate(() => {
    window.addEventListener('touchend', () => {
      window.atTouchEnd = { drawn: window.outpostFrames.drawn,
                            focused: document.activeElement?.tagName ?? '' };
    });
  });
  await page.touchscreen.tap(field.x + field.w / 2, field.y + field.h / 2);
  const atTouchEnd = await page.evaluate(() => window.atTouchEnd);
  assert.equal(atTouchEnd.focused, 'INPUT', 'the keyboard\'s input is focused within the tap');
  assert.ok(atTouchEnd.drawn > shownAgain.drawn, 'the tapped field is drawn within the tap');
  await waitForUi(page, (ui) => ui.frame >= idle.ui + 40);
  const focused = await page.screenshot();
  assert.notDeepEqual(focused, still, 'the canvas shows the focused field');
});
