// The browser shell of the tablet client: a full-window WebGL2 canvas, Dear ImGui sized for
// touch, the boot sequence and the device lock. All record-keeping lives in app/
// (outpost::client::App), the lock rules in app/device_lock.h, browser services in platform/.
//
// Boot order (each step only after the previous one succeeded):
//   1. GLFW window on the page's <canvas id="canvas">, WebGL2 context, ImGui and its backends.
//      Failure (no WebGL2) is shown in the page's status line, since ImGui cannot draw.
//   2. The main loop starts and draws "Loading..." while the vault (platform/web_vault.h) opens
//      IndexedDB, asks for persistent storage and reads the storage estimate.
//   3. The vault is open:
//      - no keys stored (nobody signed in here): a private window (IndexedDB unusable, or a
//        quota under kMinQuotaBytes) is refused with the reason, since what is recorded there
//        is lost when it closes; otherwise the App starts on an empty in-memory replica and
//        shows sign-in. Nothing is written to IndexedDB until a key exists.
//      - keys stored: past the days-without-sync erase limit, the vault is erased and the App
//        starts empty with a notice; otherwise the unlock screen (locked on every load).
//      - the vault cannot be read: the error is shown with a Reload button; nothing is changed.
//      - no keys, but the old build's unencrypted replica (web_vault.h) was found and loaded:
//        the replica is signed out (its username and token cleared in memory only) and the App
//        starts on it, so its waiting changes are kept; a notice asks the key worker to sign
//        in. Step 5 then makes the keys, and once the first encrypted flush is durable the old
//        database is deleted (WebVault::RetireLegacy). Until then it is left as it was, so a
//        reload before signing in starts this step again.
//   4. Unlock (PIN, or password; the server checks the password first once offline unlock is
//      refused, device_lock.h): the data key is unwrapped, the replica decrypted into memory,
//      then the App is built and started.
//   5. First sign-in (Platform::on_signed_in, with the password): a data key is made and
//      wrapped under the password, then the set-PIN screen shows until a good PIN is chosen.
//      Later sign-ins re-wrap under the (perhaps changed) password.
//   6. Every frame: NewFrame, the phase's screen (App::Frame() while running), UI probes
//      published, Render, and the hidden text input focused while ImGui wants text.
//   7. Lock, after kIdleLockMs without input (or the test setting below): the App is no longer
//      drawn; once no request or flush is in flight, one last encrypted flush; on success the
//      App is destroyed, the data key forgotten and the plain replica deleted from memory, and
//      the unlock screen shows. If that flush fails the App is kept (its edits are only in
//      memory) and the error is shown; the lock is tried again after the next idle period.
//
// App updates (web-root/sw.js): a new version is installed by its service worker in the
// background but not used until asked. index.html reports it (window.outpostUpdate); the shell
// then shows "Update ready" over the App and the unlock screen. Its Reload button, while the
// App runs, locks first (step 7: the last encrypted flush), then activates the new version and
// reloads; on the unlock screen it does so at once. The new version's App::Start applies any
// new schema migration to the replica, waiting changes included. Otherwise the update is used
// the next time Outpost starts with no tab open.
//
// Test setting: localStorage "outpost.idle_lock_ms" shortens the idle period (milliseconds,
// read at each unlock, clamped by IdleLockMsFromSetting: it can never lengthen the lock).
//
// Coordinates: one ImGui unit is one CSS pixel. The canvas backing store is the CSS size times
// devicePixelRatio, and the font atlas is rasterised at that ratio, so text is sharp on a tablet
// while screen code keeps sizes in CSS pixels (a 44-unit button is 44 CSS pixels on any device).
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "shared/store/change_store.h"
#include "shared/store/database.h"
#include "shared/sync/codec.h"
#include "wasm-client/app/app.h"
#include "wasm-client/app/device_lock.h"
#include "wasm-client/app/words.h"
#include "wasm-client/platform/document_view_web.h"
#include "wasm-client/platform/export_web.h"
#include "wasm-client/platform/fetch_transport.h"
#include "wasm-client/platform/language_web.h"
#include "wasm-client/platform/online_status.h"
#include "wasm-client/platform/text_input_web.h"
#include "wasm-client/platform/touch_input.h"
#include "wasm-client/platform/ui_probe_web.h"
#include "wasm-client/platform/web_vault.h"
#include "wasm-client/screens/lock_screens.h"
#include "wasm-client/widgets/frame_picture.h"
#include "wasm-client/widgets/ui_probe.h"

namespace {

using outpost::Status;
using outpost::StatusOr;
using outpost::client::App;
using outpost::client::LockRecord;
using outpost::client::T;
using outpost::client::Tf;
using outpost::client::web::WebVault;

// Text size in CSS pixels (the font's line height), and controls at least 44 CSS pixels tall
// (Apple HIG / WCAG 2.5.5 touch target). 19.5 is 1.5x ImGui's 13 px built-in font, which the
// layout was first drawn with and which is still the fallback (BuildFonts).
constexpr float kFontCssPx = 19.5f;
constexpr float kTouchScale = 1.5f;
constexpr float kMinTargetCssPx = 44.0f;

// Below this quota the window is taken for a private one: Chromium and Firefox give those a
// small in-memory quota, while a normal profile gets a share of the disk (gigabytes).
constexpr double kMinQuotaBytes = 120.0 * 1024 * 1024;

constexpr const char* kCanvas = "#canvas";

enum class Phase {
  kLoading,        // the vault is opening
  kRefused,        // private window: no capture
  kLocked,         // the unlock screen
  kSetPin,         // after the first sign-in, until a PIN is chosen
  kRunning,        // the App
  kLocking,        // waiting for requests and flushes to end before the last flush
  kStorageFailed,  // the vault cannot be read
};

// The App's requests, counted so a lock waits until none is in flight (their callbacks reach
// into the App, which the lock destroys).
class CountingTransport : public outpost::sync::Transport {
 public:
  explicit CountingTransport(outpost::sync::Transport& inner) : inner_(inner) {}
  void Send(outpost::sync::HttpRequest request,
            std::function<void(StatusOr<outpost::sync::HttpResponse>)> done) override {
    ++in_flight_;
    inner_.Send(std::move(request), [this, done = std::move(done)](
                                        StatusOr<outpost::sync::HttpResponse> response) {
      --in_flight_;
      done(std::move(response));
    });
  }
  int in_flight() const { return in_flight_; }

 private:
  outpost::sync::Transport& inner_;
  int in_flight_ = 0;
};

struct Shell {
  GLFWwindow* window = nullptr;
  WebVault vault;
  outpost::client::web::FetchTransport fetch;
  CountingTransport transport{fetch};
  int flushes_in_flight = 0;  // the App's flushes not yet answered
  std::unique_ptr<App> app;
  Phase phase = Phase::kLoading;
  std::string error;
  LockRecord record;  // valid while keys exist
  outpost::client::LockScreenState lock_screen;
  outpost::client::IdleTimer idle;
  bool final_flush_started = false;
  bool pin_storing = false;  // the PIN slot is being written
  int64_t record_saved_ms = 0;  // last time on_synced wrote the record
  std::string notice;           // a message shown over the App until dismissed
  std::string refusal;          // why capture is refused (Phase::kRefused)
  bool legacy = false;          // the old build's unencrypted replica is still stored
  bool update_after_lock = false;  // the update's Reload was tapped: apply it once locked
  // Canvas geometry: CSS size, and backing-store pixels per CSS pixel.
  double css_width = 0, css_height = 0;
  int pixel_width = 0, pixel_height = 0;
  float font_ratio = 0;  // devicePixelRatio the font atlas was built for
  bool fonts_uploaded = false;
  outpost::client::FramePicture picture;  // what the canvas shows: unchanged frames are not drawn
  outpost::client::DrawHold draw_hold;     // no drawing while a flush is being written
  float update_bar_height = 0;             // DrawUpdateBar's, last frame; 0 when not shown
};

Shell* g_shell = nullptr;

// Shown in the page's status line (index.html) for failures before ImGui can draw, and hidden
// once the first frame is on screen.
EM_JS(void, outpost_set_page_status, (const char* text, int is_error), {
  if (typeof window.outpostSetStatus === 'function') {
    window.outpostSetStatus(UTF8ToString(text), !!is_error);
  }
});

// 1 once after the page became visible again (then 0): the canvas is then drawn whatever the
// frame holds, in case the browser let go of what it showed while hidden (FramePicture).
EM_JS(int, outpost_take_shown_again, (), {
  if (!Module.outpostShownAgain) {
    Module.outpostShownAgain = {pending: false};
    document.addEventListener('visibilitychange', function() {
      if (document.visibilityState === 'visible') Module.outpostShownAgain.pending = true;
    });
    window.addEventListener('pageshow', function(event) {
      if (event.persisted) Module.outpostShownAgain.pending = true;  // back from the bfcache
    });
  }
  var pending = Module.outpostShownAgain.pending;
  Module.outpostShownAgain.pending = false;
  return pending ? 1 : 0;
});

// For tests and support: how many frames were drawn and how many skipped as unchanged
// (FramePicture), as window.outpostFrames.
EM_JS(void, outpost_publish_frames, (double drawn, double skipped), {
  window.outpostFrames = {drawn: drawn, skipped: skipped};
});

// A reload that also takes a waiting update (index.html).
EM_JS(void, outpost_reload_page, (), {
  if (window.outpostUpdate && window.outpostUpdate.ready) window.outpostUpdate.apply();
  else location.reload();
});

// 1 once index.html has seen a new version installed and waiting.
EM_JS(int, outpost_update_ready, (), {
  return window.outpostUpdate && window.outpostUpdate.ready ? 1 : 0;
});

// localStorage "outpost.idle_lock_ms" as malloc'ed text ("" when unset or unreadable).
EM_JS(char*, outpost_idle_setting, (), {
  var text = '';
  try { text = localStorage.getItem('outpost.idle_lock_ms') || ''; } catch (e) {}
  var n = lengthBytesUTF8(text) + 1;
  var p = _malloc(n);
  stringToUTF8(text, p, n);
  return p;
});

int64_t NowMs() {
  return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
}

void ShowPageStatus(const std::string& text, bool is_error) {
  std::fprintf(is_error ? stderr : stdout, "outpost: %s\n", text.c_str());
  outpost_set_page_status(text.c_str(), is_error ? 1 : 0);
}

// The UI font: a subset of DejaVu Sans embedded in the wasm by cmake/outpost_emscripten.cmake
// (outpost_embed_ui_font). ImGui's built-in font has no U+0175 or U+0177, so without it Welsh
// text shows boxes.
constexpr const char* kUiFontPath = "/fonts/outpost-sans.ttf";

// The characters the atlas holds; the same blocks as OUTPOST_UI_FONT_UNICODES, the subset's list.
// Static: ImGui keeps the pointer and reads it whenever the atlas is rebuilt.
const ImWchar kUiGlyphRanges[] = {
    0x0020, 0x007E,  // Basic Latin
    0x00A0, 0x00FF,  // Latin-1 Supplement: a e i o u with circumflex, diaeresis, pound sign
    0x0100, 0x017F,  // Latin Extended-A: w and y with circumflex (U+0175, U+0177)
    0x2013, 0x2014,  // en and em dashes
    0x2018, 0x2019,  // single curly quotes
    0x201C, 0x201D,  // double curly quotes
    0x2022, 0x2022,  // bullet
    0x2026, 0x2026,  // ellipsis (ImGui also uses it to cut long text)
    0x20AC, 0x20AC,  // euro sign
    0x2190, 0x2190,  // left arrow
    0x2192, 0x2192,  // right arrow
    0xFFFD, 0xFFFD,  // drawn for any character the font lacks
    0,
};

// What BuildFonts put in the atlas, for support logs and the browser test (window.outpostFont):
// "dejavu-subset:welsh-ok", or "builtin:<why the UI font was not used>".
EM_JS(void, outpost_publish_font, (const char* report), {
  window.outpostFont = UTF8ToString(report);
});

// The embedded font file, read once: the page keeps the bytes, since the atlas is rebuilt from
// them whenever devicePixelRatio changes. Empty, with `error` saying why, if it is unusable.
struct UiFontFile {
  std::vector<unsigned char> bytes;
  std::string error;
};

const UiFontFile& LoadUiFontFile() {
  static const UiFontFile file = [] {
    UiFontFile f;
    std::FILE* in = std::fopen(kUiFontPath, "rb");
    if (in == nullptr) {
      f.error = std::string(kUiFontPath) + " is missing (was it embedded at link time?)";
      return f;
    }
    unsigned char chunk[16384];
    size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, in)) > 0)
      f.bytes.insert(f.bytes.end(), chunk, chunk + n);
    std::fclose(in);
    // A TrueType file starts with version 1.0; anything else would reach stb_truetype unchecked.
    static const unsigned char kTrueType[4] = {0, 1, 0, 0};
    if (f.bytes.size() < 1024 || std::memcmp(f.bytes.data(), kTrueType, 4) != 0) {
      f.error = std::string(kUiFontPath) + " is not a TrueType font";
      f.bytes.clear();
    }
    return f;
  }();
  return file;
}

// Adds the UI font at `size_px` and builds the atlas. Returns "" on success, else why it could
// not be used (the atlas is then left for the caller to clear).
std::string AddUiFont(float size_px) {
  const UiFontFile& file = LoadUiFontFile();
  if (file.bytes.empty()) return file.error;
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  // ImGui copies the bytes and frees only its copy; ours stay with LoadUiFontFile.
  config.FontDataOwnedByAtlas = false;
  // At two or more device pixels per CSS pixel, glyphs snapped to whole device pixels look the
  // same as oversampled ones, and the atlas is a third of the size (faster first frame).
  if (size_px >= 2 * kFontCssPx) {
    config.OversampleH = 1;
    config.PixelSnapH = true;
  }
  std::snprintf(config.Name, sizeof config.Name, "DejaVu Sans subset, %.0f px", size_px);
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(file.bytes.data()),
                                                static_cast<int>(file.bytes.size()), size_px,
                                                &config, kUiGlyphRanges);
  if (font == nullptr || !io.Fonts->Build()) return "ImGui could not build an atlas from it";
  for (ImWchar welsh : {ImWchar{0x0175}, ImWchar{0x0177}}) {
    if (font->FindGlyphNoFallback(welsh) == nullptr) {
      char why[64];
      std::snprintf(why, sizeof why, "it has no U+%04X", static_cast<unsigned>(welsh));
      return why;
    }
  }
  return "";
}

void BuildFonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float size_px = std::round(kFontCssPx * ratio);
  std::string problem = AddUiFont(size_px);
  if (problem.empty()) {
    outpost_publish_font("dejavu-subset:welsh-ok");
  } else {
    // Never a blank app: ImGui's own font draws everything but the few Welsh letters.
    std::fprintf(stderr, "outpost: the UI font is not used (%s); falling back to ImGui's font\n",
                 problem.c_str());
    io.Fonts->Clear();
    ImFontConfig config;
    config.SizePixels = size_px;
    io.Fonts->AddFontDefault(&config);
    outpost_publish_font(("builtin:" + problem).c_str());
  }
  // Rasterised at device pixels, drawn at CSS pixels.
  io.FontGlobalScale = 1.0f / ratio;
}

void StyleForTouch() {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.ScaleAllSizes(kTouchScale);
  // Frame height = font + 2 * padding.y: make it reach the touch target.
  float pad_y = std::ceil((kMinTargetCssPx - kFontCssPx) / 2.0f);
  style.FramePadding = ImVec2(14.0f, pad_y);
  style.ItemSpacing = ImVec2(12.0f, 12.0f);
  style.ItemInnerSpacing = ImVec2(10.0f, 8.0f);
  style.ScrollbarSize = 24.0f;
  style.GrabMinSize = 28.0f;
  style.FrameRounding = 6.0f;
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
}

// Follows the window size and devicePixelRatio (zoom, rotation, moving between screens).
void FitCanvas(Shell& shell) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (ratio <= 0.0f) ratio = 1.0f;
  int pixel_w = static_cast<int>(std::lround(css_w * ratio));
  int pixel_h = static_cast<int>(std::lround(css_h * ratio));
  if (pixel_w < 1) pixel_w = 1;
  if (pixel_h < 1) pixel_h = 1;
  if (pixel_w != shell.pixel_width || pixel_h != shell.pixel_height) {
    // Set directly, not through glfwSetWindowSize: Emscripten's GLFW turns a window exactly the
    // size of the screen into a fullscreen request, and sizes ImGui from the backing store.
    emscripten_set_canvas_element_size(kCanvas, pixel_w, pixel_h);
    shell.pixel_width = pixel_w;
    shell.pixel_height = pixel_h;
  }
  shell.css_width = css_w > 0 ? css_w : 1;
  shell.css_height = css_h > 0 ? css_h : 1;
  if (ratio != shell.font_ratio) {
    BuildFonts(ratio);
    if (shell.fonts_uploaded) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    shell.picture.Forget();  // same texture name, new glyphs
    shell.font_ratio = ratio;
  }
}

// The GLFW backend reports sizes and the cursor in backing-store pixels; restate them in CSS
// pixels (see "Coordinates" above).
void UseCssPixels(const Shell& shell) {
  ImGuiIO& io = ImGui::GetIO();
  float scale_x = static_cast<float>(shell.pixel_width / shell.css_width);
  float scale_y = static_cast<float>(shell.pixel_height / shell.css_height);
  io.DisplaySize =
      ImVec2(static_cast<float>(shell.css_width), static_cast<float>(shell.css_height));
  io.DisplayFramebufferScale = ImVec2(scale_x, scale_y);
  if (io.MousePos.x > -FLT_MAX && io.MousePos.y > -FLT_MAX) {
    io.MousePos = ImVec2(io.MousePos.x / scale_x, io.MousePos.y / scale_y);
  }
}

// A window covering the whole canvas, for the shell's own screens.
bool BeginFullScreen(const char* name) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  return ImGui::Begin(name, nullptr,
                      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                          ImGuiWindowFlags_NoSavedSettings |
                          ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void DrawLoading() {
  BeginFullScreen("##loading");
  ImGui::TextUnformatted(T({"Loading...", "Yn llwytho..."}));
  outpost::client::ProbeText("shell.status", "Loading");
  ImGui::End();
}

void DrawStorageFailed(const Shell& shell) {
  BeginFullScreen("##storage-failed");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(T({"Outpost could not open the records stored on this tablet.",
                            "Ni allai Outpost agor y cofnodion sydd wedi'u storio ar y dabled hon."}));
  ImGui::TextUnformatted(
      T({"Nothing has been changed or deleted. Do not clear the browser's data: reload, and if "
         "this message comes back, contact support with the text below.",
         "Nid oes dim wedi'i newid na'i ddileu. Peidiwch \xC3\xA2 chlirio data'r porwr: "
         "ail-lwythwch, ac os daw'r neges hon yn \xC3\xB4l, cysylltwch \xC3\xA2'r t\xC3\xAEm "
         "cymorth gyda'r testun isod."}));
  ImGui::Separator();
  ImGui::TextUnformatted(shell.error.c_str());
  ImGui::PopTextWrapPos();
  outpost::client::ProbeText("shell.error", shell.error);
  if (ImGui::Button(T({"Reload", "Ail-lwytho"}))) outpost_reload_page();
  outpost::client::ProbeLastItem("shell.reload");
  ImGui::End();
}

void DrawRefused(const Shell& shell) {
  BeginFullScreen("##refused");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(shell.refusal.c_str());
  outpost::client::ProbeText("shell.refused", shell.refusal);
  ImGui::PopTextWrapPos();
  ImGui::End();
}

// A bar at the bottom, over whatever the phase draws and above the update bar (`above`: its
// height), until the key worker dismisses it.
void DrawNotice(Shell& shell, float above) {
  if (shell.notice.empty()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(
      ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y - above),
      ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, 0.0f));
  ImGui::Begin("##notice", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(viewport->WorkSize.x - 130.0f);
  ImGui::TextUnformatted(shell.notice.c_str());
  ImGui::PopTextWrapPos();
  outpost::client::ProbeText("shell.notice", shell.notice);
  ImGui::SameLine();
  if (ImGui::Button(T({"OK", "Iawn"}))) shell.notice.clear();
  outpost::client::ProbeLastItem("shell.notice.ok");
  ImGui::End();
}

// While a new version waits (see "App updates" above), a bar at the bottom on the App and the
// unlock screen. Returns its height, 0 when not drawn.
float DrawUpdateBar(Shell& shell) {
  if (shell.phase != Phase::kRunning && shell.phase != Phase::kLocked) return 0.0f;
  if (!outpost_update_ready()) return 0.0f;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  // At the bottom of the whole canvas: WorkSize was shortened by this bar's height (RunFrame).
  ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x, viewport->Pos.y + viewport->Size.y),
                          ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, 0.0f));
  ImGui::Begin("##update", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  const char* text = T({"A new version of Outpost is ready. Reload when you have finished what you "
                        "are doing: everything saved is kept.",
                        "Mae fersiwn newydd o Outpost yn barod. Ail-lwythwch pan fyddwch wedi "
                        "gorffen yr hyn rydych yn ei wneud: caiff popeth a gadwyd ei gadw."});
  ImGui::PushTextWrapPos(viewport->WorkSize.x - 200.0f);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  outpost::client::ProbeText("shell.update", text);
  outpost::client::ProbeText("shell.update.top", std::to_string(ImGui::GetWindowPos().y));
  ImGui::SameLine();
  if (ImGui::Button(T({"Reload now", "Ail-lwytho nawr"}))) {
    if (shell.phase == Phase::kLocked || shell.vault.empty()) {
      outpost_reload_page();  // nothing in memory to keep (no keys: nothing recorded yet)
    } else {
      shell.update_after_lock = true;  // AdvanceLock flushes, then reloads
      shell.phase = Phase::kLocking;
    }
  }
  outpost::client::ProbeLastItem("shell.update.reload");
  const float height = ImGui::GetWindowHeight();
  ImGui::End();
  return height;
}

std::string Megabytes(double bytes) {
  char text[32];
  if (bytes >= 1024.0 * 1024 * 1024)
    std::snprintf(text, sizeof text, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
  else
    std::snprintf(text, sizeof text, "%.1f MB", bytes / (1024.0 * 1024));
  return text;
}

std::string StorageInfo(const outpost::client::web::VaultOpened& opened) {
  std::string info;
  if (opened.quota_bytes > 0)
    info = Tf({"Storage on this tablet: %s used of %s.", "Storio ar y dabled hon: %s wedi'i "
                                                         "ddefnyddio o %s."},
              Megabytes(opened.usage_bytes).c_str(), Megabytes(opened.quota_bytes).c_str());
  if (!opened.persisted) {
    if (!info.empty()) info += " ";
    info += T({"The browser has not agreed to keep Outpost's records for good: it may delete them "
               "if the tablet runs short of space. Sync often, and add Outpost to the home screen.",
               "Nid yw'r porwr wedi cytuno i gadw cofnodion Outpost am byth: gall eu dileu os "
               "bydd y dabled yn brin o le. Cysonwch yn aml, ac ychwanegwch Outpost at y sgrin "
               "gartref."});
  }
  return info;
}

void SaveRecord(Shell& shell) {
  shell.vault.SaveLockRecord(outpost::client::EncodeLockRecord(shell.record), [](Status saved) {
    if (!saved.ok()) g_shell->notice = saved.what();
  });
}

void ShowUnlock(Shell& shell, std::string message) {
  outpost::client::WipeSecrets(shell.lock_screen);
  shell.lock_screen.display_name = shell.record.display_name;
  shell.lock_screen.options = outpost::client::AllowedUnlock(shell.record, NowMs());
  shell.lock_screen.use_password = false;
  shell.lock_screen.working = false;
  shell.lock_screen.message = std::move(message);
  shell.phase = Phase::kLocked;
}

void ShowSetPin(Shell& shell) {
  outpost::client::WipeSecrets(shell.lock_screen);
  shell.lock_screen.message.clear();
  shell.lock_screen.working = false;
  shell.phase = Phase::kSetPin;
}

// The App's storage flush, counted (see CountingTransport).
void FlushForApp(std::function<void(Status)> done) {
  Shell& shell = *g_shell;
  ++shell.flushes_in_flight;
  shell.vault.Flush([done = std::move(done)](Status status) {
    --g_shell->flushes_in_flight;
    done(std::move(status));
  });
}

// Deletes the old build's unencrypted database once the encrypted copy is durable. On failure it
// stays, and the next unlock tries again.
void RetireLegacy(Shell& shell) {
  if (!shell.legacy) return;
  shell.vault.RetireLegacy([](Status retired) {
    if (retired.ok()) {
      g_shell->legacy = false;
      return;
    }
    std::fprintf(stderr, "outpost: %s\n", retired.ToString().c_str());
  });
}

void OnSignedIn(const outpost::client::SignedInKeyWorker& who) {
  Shell& shell = *g_shell;
  LockRecord& r = shell.record;
  const bool same_user = r.username == who.username;
  r.username = who.username;
  r.display_name = who.display_name;
  r.device_id = who.device_id;
  // New keys (first sign-in here) have no PIN slot yet.
  r.has_pin = shell.vault.unlocked() && same_user && r.has_pin;
  r.lock_after_days = who.lock_after_days > 0 ? who.lock_after_days
                                              : outpost::client::kDefaultLockAfterDays;
  r.erase_after_days = who.erase_after_days > 0 ? who.erase_after_days
                                                : outpost::client::kDefaultEraseAfterDays;
  r.last_sync_ms = NowMs();
  outpost::client::RecordUnlockSuccess(r);
  auto report = [](Status status) {
    if (!status.ok()) g_shell->notice = status.what();
  };
  if (shell.vault.unlocked()) {
    // The password may have changed on the server: the old one must no longer open the records.
    shell.vault.StoreSlot("password", who.password, report);
  } else {
    shell.vault.CreateKeys(who.password, report);
  }
  RetireLegacy(shell);  // waits for the keys and the first encrypted flush
  SaveRecord(shell);
  shell.idle.Touch(NowMs());
  if (!r.has_pin) ShowSetPin(shell);
}

void OnSynced() {
  Shell& shell = *g_shell;
  const int64_t now = NowMs();
  shell.record.last_sync_ms = now;
  // A sync runs every 30 s while online; the record need not be rewritten that often.
  if (now - shell.record_saved_ms < 10 * 60 * 1000) return;
  shell.record_saved_ms = now;
  SaveRecord(shell);
}

void OnErased() {
  Shell& shell = *g_shell;
  shell.record = LockRecord{};
  // The App has already emptied its replica; drop the keys and the stored copy too.
  shell.vault.Erase([](Status erased) {
    if (!erased.ok()) g_shell->notice = erased.what();
  });
}

// The old build's replica, now under WebVault::kFolder, is signed out in memory: the App then
// shows sign-in, and the password makes the keys. Returns who was signed in ("" if no one).
StatusOr<std::string> SignOutLegacyReplica() {
  namespace store = outpost::store;
  auto db = store::Database::Open(WebVault::kReplica, store::JournalMode::kRollback);
  if (!db.ok()) return db.status();
  // Replicas from before schema 0003 have no device_state, hence no sign-in and no outbox.
  auto table = (*db)->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'device_state'");
  if (!table.ok()) return table.status();
  auto row = table->Step();
  if (!row.ok()) return row.status();
  if (!*row || table->ColumnInt(0) == 0) return std::string();
  auto username = store::GetDeviceState(**db, "username");
  if (!username.ok()) return username.status();
  for (const char* key : {"username", "token"}) {
    Status cleared = store::SetDeviceState(**db, key, "");
    if (!cleared.ok()) return cleared;
  }
  return *username;
}

void StartApp(Shell& shell) {
  outpost::client::Platform platform;
  platform.transport = &shell.transport;
  platform.flush_storage = FlushForApp;
  platform.is_online = [] { return outpost::client::web::IsOnline(); };
  platform.now_ms = NowMs;
  platform.data_dir = WebVault::kFolder;
  platform.on_signed_in = OnSignedIn;
  platform.on_synced = OnSynced;
  platform.on_erased = OnErased;
  platform.on_language = outpost::client::web::RememberLanguage;
  platform.show_document = [](const std::string& html) {
    outpost::client::web::ShowDocument(html, outpost::client::T({"Print or share", "Argraffu neu rannu"}),
                                       outpost::client::T({"Close", "Cau"}));
  };
  // Export of waiting changes: WebCrypto encryption and a download (platform/export_web.h).
  platform.seal_export = outpost::client::web::SealExport;
  platform.save_file = outpost::client::web::SaveFile;
  shell.app = std::make_unique<App>(std::move(platform));
  // The App shows its own error screen when Start fails; the log helps support.
  Status started = shell.app->Start();
  if (!started.ok()) std::fprintf(stderr, "outpost: App::Start: %s\n", started.ToString().c_str());
  char* setting = outpost_idle_setting();
  shell.idle = outpost::client::IdleTimer(outpost::client::IdleLockMsFromSetting(setting));
  std::free(setting);
  shell.idle.Touch(NowMs());
  shell.phase = Phase::kRunning;
}

// Erases everything stored (days without sync, or the server revoked the tablet) and starts the
// App empty, with `why` shown.
void EraseAndStart(Shell& shell, std::string why) {
  shell.record = LockRecord{};
  shell.notice = std::move(why);
  shell.vault.Erase([](Status erased) {
    if (!erased.ok()) g_shell->notice += " " + erased.what();
    StartApp(*g_shell);
  });
}

void Unlocked(Shell& shell) {
  outpost::client::RecordUnlockSuccess(shell.record);
  SaveRecord(shell);
  outpost::client::WipeSecrets(shell.lock_screen);
  shell.lock_screen.working = false;
  StartApp(shell);
  RetireLegacy(shell);
  if (!shell.record.has_pin) ShowSetPin(shell);
}

void UnlockFailed(Shell& shell, outpost::client::UnlockMethod method, const Status& status) {
  shell.lock_screen.working = false;
  if (status.code() == Status::Code::kDataLoss) {
    shell.error = status.ToString();
    shell.phase = Phase::kStorageFailed;
    return;
  }
  if (status.code() != Status::Code::kPermissionDenied) {
    shell.lock_screen.message = status.what();  // storage trouble: not the key worker's fault
    return;
  }
  outpost::client::RecordUnlockFailure(shell.record, method);
  SaveRecord(shell);
  const outpost::client::UnlockOptions now = outpost::client::AllowedUnlock(shell.record, NowMs());
  std::string message =
      method == outpost::client::UnlockMethod::kPin
          ? T({"That PIN is not right.", "Nid yw'r PIN hwnnw'n gywir."})
          : T({"That password is not right.", "Nid yw'r cyfrinair hwnnw'n gywir."});
  if (now.needs_server) {
    message += T({" Too many wrong attempts: the server must now check your password, so connect "
                  "the tablet to the internet.",
                  " Gormod o ymdrechion anghywir: rhaid i'r gweinydd wirio'ch cyfrinair nawr, "
                  "felly cysylltwch y dabled \xC3\xA2'r rhyngrwyd."});
  } else if (shell.lock_screen.options.pin && !now.pin) {
    message += T({" Too many wrong PINs: unlock with your password.",
                  " Gormod o PINau anghywir: datglowch gyda'ch cyfrinair."});
  } else if (method == outpost::client::UnlockMethod::kPin) {
    message += Tf({" %d tries left before only your password works.",
                   " %d cynnig ar \xC3\xB4l cyn mai dim ond eich cyfrinair fydd yn gweithio."},
                  outpost::client::kPinFailuresBeforePasswordOnly - shell.record.pin_failures);
  }
  ShowUnlock(shell, message);
}

// The server checks the password first (too many failures, or too long without a sync); on its
// yes the password unwraps the key as usual. Its refusal of a revoked tablet erases it.
void UnlockThroughServer(Shell& shell, std::string password) {
  using outpost::client::UnlockMethod;
  if (!outpost::client::web::IsOnline()) {
    shell.lock_screen.message = T({"Unlocking now needs a connection. Connect to the internet and "
                                   "try again.",
                                   "Mae angen cysylltiad i ddatgloi nawr. Cysylltwch \xC3\xA2'r "
                                   "rhyngrwyd a rhowch gynnig arall arni."});
    return;
  }
  shell.lock_screen.working = true;
  outpost::sync::SignInRequest request{outpost::sync::kProtocolVersion, shell.record.username,
                                       password, shell.record.device_id};
  shell.fetch.Send(
      {"POST", "/api/v1/session", "", outpost::sync::Encode(request)},
      [password](StatusOr<outpost::sync::HttpResponse> response) {
        Shell& shell = *g_shell;
        shell.lock_screen.working = false;
        if (!response.ok()) {
          shell.lock_screen.message = response.status().what();
          return;
        }
        if (response->status != 200) {
          auto error = outpost::sync::DecodeErrorBody(response->body);
          if (error.ok() && error->where == "device_revoked") {
            return EraseAndStart(shell, T({"This tablet was withdrawn by your administrator, so "
                                           "its records have been erased.",
                                           "Cafodd y dabled hon ei thynnu'n \xC3\xB4l gan eich "
                                           "gweinyddwr, felly mae ei chofnodion wedi'u dileu."}));
          }
          if (response->status == 401)
            return UnlockFailed(shell, UnlockMethod::kPassword,
                                Status::PermissionDenied("unlock", "refused by the server"));
          shell.lock_screen.message = error.ok() ? error->message : "HTTP " + std::to_string(response->status);
          return;
        }
        shell.record.last_sync_ms = NowMs();  // the server vouched for the key worker just now
        shell.lock_screen.working = true;
        shell.vault.Unlock("password", password, [](Status unlocked) {
          if (unlocked.ok()) return Unlocked(*g_shell);
          UnlockFailed(*g_shell, UnlockMethod::kPassword, unlocked);
        });
      });
}

void HandleUnlock(Shell& shell) {
  using outpost::client::UnlockMethod;
  const bool password = outpost::client::UnlockWithPassword(shell.lock_screen);
  std::string secret = password ? shell.lock_screen.password : shell.lock_screen.pin;
  outpost::client::WipeSecrets(shell.lock_screen);
  if (secret.empty()) return;
  shell.lock_screen.message.clear();
  if (shell.lock_screen.options.needs_server) return UnlockThroughServer(shell, std::move(secret));
  const UnlockMethod method = password ? UnlockMethod::kPassword : UnlockMethod::kPin;
  shell.lock_screen.working = true;
  shell.vault.Unlock(password ? "password" : "pin", secret, [method](Status unlocked) {
    if (unlocked.ok()) return Unlocked(*g_shell);
    UnlockFailed(*g_shell, method, unlocked);
  });
}

void HandleSetPin(Shell& shell) {
  using outpost::client::PinProblem;
  const PinProblem problem =
      outpost::client::CheckNewPin(shell.lock_screen.pin, shell.lock_screen.pin_again);
  std::string pin = shell.lock_screen.pin;
  outpost::client::WipeSecrets(shell.lock_screen);
  if (problem != PinProblem::kNone) {
    shell.lock_screen.message = outpost::client::PinProblemText(problem);
    return;
  }
  shell.pin_storing = true;
  shell.vault.StoreSlot("pin", pin, [](Status stored) {
    Shell& shell = *g_shell;
    shell.pin_storing = false;
    if (!stored.ok()) {
      shell.lock_screen.message = stored.what();
      return;
    }
    shell.record.has_pin = true;
    shell.record.pin_failures = 0;
    SaveRecord(shell);
    shell.idle.Touch(NowMs());
    shell.phase = Phase::kRunning;
  });
}

// Once the App is quiet, the last flush; then the App, the key and the plain replica go.
void AdvanceLock(Shell& shell) {
  if (shell.final_flush_started || shell.transport.in_flight() > 0 || shell.flushes_in_flight > 0)
    return;
  shell.final_flush_started = true;
  shell.vault.Flush([](Status flushed) {
    Shell& shell = *g_shell;
    shell.final_flush_started = false;
    if (!flushed.ok()) {
      shell.notice = Tf({"Outpost could not lock safely, because saving failed: %s",
                         "Ni allai Outpost gloi'n ddiogel, oherwydd methodd cadw: %s"},
                        flushed.what().c_str());
      shell.idle.Touch(NowMs());
      shell.phase = Phase::kRunning;
      shell.update_after_lock = false;
      return;
    }
    shell.app.reset();
    shell.vault.Lock();
    SaveRecord(shell);
    ShowUnlock(shell, "");
    if (shell.update_after_lock) outpost_reload_page();  // everything is stored: take the update
  });
}

void OnVaultOpened(StatusOr<outpost::client::web::VaultOpened> opened) {
  Shell& shell = *g_shell;
  if (!opened.ok()) {
    shell.refusal = T({"Outpost cannot keep records in this window: the browser does not let it "
                       "use storage (a private or incognito window does this). Open Outpost in a "
                       "normal window.",
                       "Ni all Outpost gadw cofnodion yn y ffenestr hon: nid yw'r porwr yn "
                       "gadael iddo ddefnyddio storfa (mae ffenestr breifat neu incognito yn "
                       "gwneud hyn). Agorwch Outpost mewn ffenestr arferol."});
    shell.refusal += "\n" + opened.status().what();
    shell.phase = Phase::kRefused;
    return;
  }
  shell.lock_screen.storage_info = StorageInfo(*opened);
  shell.legacy = opened->legacy_replica;
  if (!opened->has_keys && shell.legacy) {
    auto who = SignOutLegacyReplica();
    if (!who.ok()) {
      shell.error = who.status().ToString();
      shell.phase = Phase::kStorageFailed;
      return;
    }
    shell.notice =
        who->empty()
            ? T({"Outpost now keeps records encrypted. Sign in to protect the records on this "
                 "tablet; nothing waiting to sync is lost.",
                 "Mae Outpost bellach yn cadw cofnodion wedi'u hamgryptio. Mewngofnodwch i "
                 "ddiogelu'r cofnodion ar y dabled hon; ni chollir dim sy'n aros i gysoni."})
            : Tf({"Outpost now keeps records encrypted. Sign in as %s to protect the records on "
                  "this tablet; nothing waiting to sync is lost.",
                  "Mae Outpost bellach yn cadw cofnodion wedi'u hamgryptio. Mewngofnodwch fel %s "
                  "i ddiogelu'r cofnodion ar y dabled hon; ni chollir dim sy'n aros i gysoni."},
                 who->c_str());
    StartApp(shell);
    return;
  }
  if (!opened->has_keys) {
    if (opened->quota_bytes >= 0 && opened->quota_bytes < kMinQuotaBytes) {
      shell.refusal = Tf({"This looks like a private or incognito window: the browser gives "
                          "Outpost only %s and deletes it when the window closes, so records "
                          "made here could be lost. Open Outpost in a normal window.",
                          "Mae hon yn edrych fel ffenestr breifat neu incognito: dim ond %s mae'r "
                          "porwr yn ei roi i Outpost ac mae'n ei ddileu pan fydd y ffenestr yn "
                          "cau, felly gallai cofnodion a wneir yma gael eu colli. Agorwch Outpost "
                          "mewn ffenestr arferol."},
                         Megabytes(opened->quota_bytes).c_str());
      shell.phase = Phase::kRefused;
      return;
    }
    StartApp(shell);
    return;
  }
  auto record = outpost::client::DecodeLockRecord(opened->lock_record);
  if (record.ok()) {
    shell.record = *record;
  } else {
    // No readable record: the strictest reading (server check before unlocking).
    shell.record = LockRecord{};
    shell.record.failures = outpost::client::kFailuresBeforeServerCheck;
  }
  shell.record.has_pin = opened->has_pin;
  const int64_t now = NowMs();
  if (record.ok() &&
      outpost::client::CheckSyncAge(shell.record, now) == outpost::client::SyncAge::kErase) {
    return EraseAndStart(
        shell, Tf({"This tablet had not synced for %d days, so its records were erased. Sign in "
                   "to get your caseload back.",
                   "Nid oedd y dabled hon wedi cysoni ers %d diwrnod, felly cafodd ei chofnodion "
                   "eu dileu. Mewngofnodwch i gael eich llwyth achosion yn \xC3\xB4l."},
                  outpost::client::DaysSinceSync(shell.record, now)));
  }
  ShowUnlock(shell, "");
}

// Any touch, click, scroll or key counts as activity for the idle lock.
bool HadInput() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 ||
      io.InputQueueCharacters.Size > 0)
    return true;
  for (bool down : io.MouseDown)
    if (down) return true;
  for (bool down : io.KeysDown)
    if (down) return true;
  return false;
}

// One frame; `may_draw` false runs its logic only (the canvas keeps the last picture).
void Frame(bool may_draw) {
  Shell& shell = *g_shell;
  FitCanvas(shell);
  ImGui_ImplOpenGL3_NewFrame();
  shell.fonts_uploaded = true;
  ImGui_ImplGlfw_NewFrame();
  // Two frames in the same millisecond (a tap's, see outpost_frame_for_input): ImGui needs time
  // to move on.
  if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1e-5f;
  UseCssPixels(shell);
  ImGui::NewFrame();
  // The screens fill the viewport's work area; the update bar, drawn last at the bottom, takes
  // its height (as last drawn) from it, so that it covers none of their widgets (a Save button).
  ImGui::GetMainViewport()->WorkSize.y -= shell.update_bar_height;

  const int64_t now = NowMs();
  const bool had_input = HadInput();
  if (had_input) shell.idle.Touch(now);
  if ((shell.phase == Phase::kRunning || shell.phase == Phase::kSetPin) &&
      shell.vault.unlocked() && shell.idle.Expired(now)) {
    shell.phase = Phase::kLocking;
  }

  outpost::client::LockIntents intents;
  switch (shell.phase) {
    case Phase::kLoading: DrawLoading(); break;
    case Phase::kRefused: DrawRefused(shell); break;
    case Phase::kStorageFailed: DrawStorageFailed(shell); break;
    case Phase::kLocked: DrawUnlockScreen(shell.lock_screen, intents); break;
    case Phase::kSetPin:
      // The key is being made from the password for a moment after sign-in.
      shell.lock_screen.working = !shell.vault.unlocked() || shell.pin_storing;
      DrawSetPinScreen(shell.lock_screen, intents);
      break;
    case Phase::kRunning: shell.app->Frame(); break;
    case Phase::kLocking:
      shell.lock_screen.working = true;
      shell.lock_screen.options = {};
      DrawUnlockScreen(shell.lock_screen, intents);
      AdvanceLock(shell);
      break;
  }
  shell.update_bar_height = DrawUpdateBar(shell);
  DrawNotice(shell, shell.update_bar_height);
  outpost::client::web::PublishUiProbes();
  if (intents.unlock) HandleUnlock(shell);
  if (intents.set_pin) HandleSetPin(shell);

  ImGui::Render();
  outpost::client::web::UpdateTextInput(ImGui::GetIO().WantTextInput);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  if (outpost_take_shown_again()) shell.picture.Forget();
  const bool held = shell.draw_hold.Holds(shell.flushes_in_flight > 0 || shell.final_flush_started,
                                          had_input, now);
  // A frame not drawn now (held, or logic only) is compared, and drawn, by a later one.
  if (may_draw && !held &&
      shell.picture.Changed(*ImGui::GetDrawData(), shell.pixel_width, shell.pixel_height,
                            background)) {
    glViewport(0, 0, shell.pixel_width, shell.pixel_height);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  outpost_publish_frames(static_cast<double>(shell.picture.drawn()),
                         static_cast<double>(shell.picture.skipped()));

  static bool first_frame = true;
  if (first_frame && may_draw) {
    first_frame = false;
    outpost_set_page_status("", 0);  // hides the page's loading text
  }
}

void RunFrame() { Frame(/*may_draw=*/true); }

// Input handled inside its own event, not at the next display refresh. Added after GLFW's own
// listeners, so GLFW has recorded the touch or key when these run.
//   touchend  the tap acts about one refresh sooner, and what it does happens in the user's
//             gesture (a text field's focus, which brings up the on-screen keyboard, is
//             honoured there by every tablet browser)
//   keydown   ImGui 1.86 reads keys once a frame, so a shortcut pressed and released between
//             two frames (Ctrl+A from a fast hand or a hardware keyboard) would be missed
EM_JS(void, outpost_handle_input_at_once, (), {
  Module['canvas'].addEventListener('touchend', function(event) {
    if (event.target === Module['canvas']) _outpost_frame_for_input(1);
  }, true);
  window.addEventListener('keydown', function() { _outpost_frame_for_input(0); }, true);
});

void OnGlfwError(int code, const char* description) {
  std::fprintf(stderr, "outpost: GLFW error %d: %s\n", code, description);
}

}  // namespace

// For the browser test of the UI font (tests/browser/font.test.mjs): 1 if the atlas's font has
// a glyph of its own for `codepoint` (not the fallback), 0 if not, -1 before the first frame
// built the atlas. Called from JavaScript as Module._outpost_font_has_glyph.
extern "C" EMSCRIPTEN_KEEPALIVE int outpost_font_has_glyph(int codepoint) {
  ImFontAtlas* atlas = ImGui::GetCurrentContext() ? ImGui::GetIO().Fonts : nullptr;
  if (atlas == nullptr || atlas->Fonts.empty() || !atlas->IsBuilt()) return -1;
  if (codepoint <= 0 || codepoint > 0xFFFF) return 0;
  return atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) ? 1 : 0;
}

// Frames run at once for input (outpost_handle_input_at_once). ImGui 1.86 reads the buttons
// and keys once per frame, so the press and the release of a quick tap, both arriving between
// two frames, need a frame each: the first sees the press, the second the release (the click).
// When a frame already saw the press, the second frame has nothing to do. A key down needs one
// frame, to be seen before its release; it is drawn at the next refresh.
extern "C" EMSCRIPTEN_KEEPALIVE void outpost_frame_for_input(int tap) {
  static bool running = false;
  if (g_shell == nullptr || running) return;
  running = true;
  // The press is not drawn: the release follows at once, and a drawn frame would make the
  // storage write a tap may start wait on the compositor (see DrawHold).
  Frame(/*may_draw=*/false);
  if (tap) Frame(/*may_draw=*/true);
  running = false;
}

int main() {
  outpost::client::SetLanguage(outpost::client::web::RememberedLanguage());  // for the lock screens
  glfwSetErrorCallback(OnGlfwError);
  if (!glfwInit()) {
    ShowPageStatus("This browser cannot run Outpost (GLFW failed to start).", true);
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);

  g_shell = new Shell();  // lives as long as the page: the browser owns the loop
  Shell& shell = *g_shell;
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  shell.window = glfwCreateWindow(css_w > 0 ? static_cast<int>(css_w) : 800,
                                  css_h > 0 ? static_cast<int>(css_h) : 600, "Outpost",
                                  nullptr, nullptr);
  if (shell.window == nullptr) {
    ShowPageStatus("This browser cannot run Outpost: WebGL 2 is not available. "
                   "Update the browser or turn on hardware acceleration.", true);
    return 1;
  }
  glfwMakeContextCurrent(shell.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not user state
  StyleForTouch();
  ImGui_ImplGlfw_InitForOpenGL(shell.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  outpost::client::web::InstallTouchAsMouse();
  outpost::client::web::InstallTextInput();
  outpost_handle_input_at_once();

  shell.vault.Open(OnVaultOpened);
  emscripten_set_main_loop(RunFrame, 0, false);
  return 0;
}
