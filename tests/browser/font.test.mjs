// The UI font, in Chromium against the real server: the atlas the client builds on its first
// frame is the embedded DejaVu Sans subset (wasm-client/main_web.cc, BuildFonts), and it holds
// its own glyphs for the Welsh letters ImGui's built-in font lacks (U+0175, U+0177) and for the
// other characters the app's text uses, at devicePixelRatio 1 and 2. A character outside the
// subset (U+4E00) has none, which shows the check reads the atlas rather than answering yes.
// Without the font file the app falls back to ImGui's built-in font rather than a blank screen.
//
// Run by ctest (tests/browser/tests.cmake) with OUTPOST_SERVER_BINARY and OUTPOST_WEB_ROOT set.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { startRig, newTabletContext, waitForUi } from './lib.mjs';

// w and y with circumflex first; then a e i o u with circumflex, i with diaeresis, the bullet,
// em dash, ellipsis, curly apostrophe, pound and euro signs, right arrow, replacement character.
const kMustHave = [0x0175, 0x0177, 0x00E2, 0x00EA, 0x00EE, 0x00F4, 0x00FB, 0x00EF, 0x2022,
  0x2014, 0x2026, 0x2019, 0x00A3, 0x20AC, 0x2192, 0xFFFD];

test('the font atlas holds the Welsh letters at devicePixelRatio 1 and 2', async (t) => {
  const { server, browser } = await startRig(t);

  for (const deviceScaleFactor of [1, 2]) {
    const context = await newTabletContext(browser, { deviceScaleFactor });
    const page = await context.newPage();
    await page.goto(server.url + '/');
    await waitForUi(page, (ui) => ui.frame >= 1, 20000);
    const font = await page.evaluate(() => window.outpostFont);
    assert.equal(font, 'dejavu-subset:welsh-ok', `at ratio ${deviceScaleFactor}`);
    const has = await page.evaluate((codepoints) => codepoints.map(
      (c) => [c.toString(16), Module._outpost_font_has_glyph(c)]), [...kMustHave, 0x4E00]);
    const missing = has.filter(([c, yes]) => c !== '4e00' && yes !== 1).map(([c]) => 'U+' + c);
    assert.deepEqual(missing, [], `glyphs missing at ratio ${deviceScaleFactor}`);
    assert.deepEqual(has.at(-1), ['4e00', 0], 'U+4E00 is outside the subset');
    await context.close();
  }
});

// The fallback: with the font file taken out of the in-memory file system before main() runs
// (a preRun hook, run after the one that unpacks embedded files), the app still draws, with
// ImGui's built-in font, and says why.
test('without the font file the app draws with the built-in font and says why', async (t) => {
  const { server, browser } = await startRig(t);

  const context = await newTabletContext(browser);
  await context.addInitScript(() => {
    let module;
    Object.defineProperty(window, 'Module', {
      configurable: true,
      get() { return module; },
      set(value) {
        module = value;
        module.preRun = [() => module.FS_unlink('/fonts/outpost-sans.ttf')];
      },
    });
  });
  const page = await context.newPage();
  await page.goto(server.url + '/');
  const ui = await waitForUi(page, (u) => u.items?.['signin.submit'] && u, 20000);
  assert.ok(ui.items['signin.username'], 'the sign-in screen is drawn');
  assert.match(await page.evaluate(() => window.outpostFont), /^builtin:.*missing/);
  assert.equal(await page.evaluate(() => Module._outpost_font_has_glyph(0x0175)), 0);
});
