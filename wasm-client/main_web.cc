// The browser shell of the tablet client: a full-window WebGL2 canvas, Dear ImGui sized for
// touch, and the boot sequence. Nothing else: all behaviour lives in app/ (outpost::client::App),
// all browser services in platform/.
//
// Boot order (each step only after the previous one succeeded):
//   1. GLFW window on the page's <canvas id="canvas">, WebGL2 context, ImGui and its backends.
//      Failure (no WebGL2) is shown in the page's status line, since ImGui cannot draw.
//   2. The main loop starts and draws "Loading…" while IndexedDB is copied into /persist.
//   3. Storage loaded: the App is built with the platform services and started. If loading
//      failed the App is NOT started: a fresh replica flushed over the unreadable one would
//      destroy it. The error is shown instead, with a Reload button.
//   4. Every frame: NewFrame, App::Frame(), UI probes published, Render, and the hidden text
//      input focused while ImGui wants text (platform/text_input_web.h: the tablet keyboard).
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
#include <memory>
#include <string>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "wasm-client/app/app.h"
#include "wasm-client/platform/fetch_transport.h"
#include "wasm-client/platform/online_status.h"
#include "wasm-client/platform/text_input_web.h"
#include "wasm-client/platform/touch_input.h"
#include "wasm-client/platform/ui_probe_web.h"
#include "wasm-client/platform/web_storage.h"
#include "wasm-client/widgets/ui_probe.h"

namespace {

using outpost::Status;
using outpost::client::App;

// Text size in CSS pixels, and controls at least 44 CSS pixels tall (Apple HIG / WCAG 2.5.5
// touch target). ImGui's built-in font is 13 px; 1.5x keeps its pixel design legible.
constexpr float kFontCssPx = 19.5f;
constexpr float kTouchScale = 1.5f;
constexpr float kMinTargetCssPx = 44.0f;

constexpr const char* kCanvas = "#canvas";

enum class Phase { kLoading, kRunning, kStorageFailed };

struct Shell {
  GLFWwindow* window = nullptr;
  outpost::client::web::WebStorage storage;
  outpost::client::web::FetchTransport transport;
  std::unique_ptr<App> app;
  Phase phase = Phase::kLoading;
  std::string error;
  // Canvas geometry: CSS size, and backing-store pixels per CSS pixel.
  double css_width = 0, css_height = 0;
  int pixel_width = 0, pixel_height = 0;
  float font_ratio = 0;  // devicePixelRatio the font atlas was built for
  bool fonts_uploaded = false;
};

Shell* g_shell = nullptr;

// Shown in the page's status line (index.html) for failures before ImGui can draw, and hidden
// once the first frame is on screen.
EM_JS(void, outpost_set_page_status, (const char* text, int is_error), {
  if (typeof window.outpostSetStatus === 'function') {
    window.outpostSetStatus(UTF8ToString(text), !!is_error);
  }
});

EM_JS(void, outpost_reload_page, (), { location.reload(); });

void ShowPageStatus(const std::string& text, bool is_error) {
  std::fprintf(is_error ? stderr : stdout, "outpost: %s\n", text.c_str());
  outpost_set_page_status(text.c_str(), is_error ? 1 : 0);
}

void BuildFonts(float ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.SizePixels = std::round(kFontCssPx * ratio);
  io.Fonts->AddFontDefault(&config);
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
  // ASCII dots: the built-in font has no U+2026.
  ImGui::TextUnformatted("Loading...");
  outpost::client::ProbeText("shell.status", "Loading");
  ImGui::End();
}

void DrawStorageFailed(const Shell& shell) {
  BeginFullScreen("##storage-failed");
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted("Outpost could not open the records stored on this tablet.");
  ImGui::TextUnformatted(
      "Nothing has been changed or deleted. Do not clear the browser's data: reload, and if "
      "this message comes back, contact support with the text below.");
  ImGui::Separator();
  ImGui::TextUnformatted(shell.error.c_str());
  ImGui::PopTextWrapPos();
  outpost::client::ProbeText("shell.error", shell.error);
  if (ImGui::Button("Reload")) outpost_reload_page();
  outpost::client::ProbeLastItem("shell.reload");
  ImGui::End();
}

void StartApp(Shell& shell) {
  outpost::client::Platform platform;
  platform.transport = &shell.transport;
  platform.flush_storage = [&storage = shell.storage](std::function<void(Status)> done) {
    storage.Flush(std::move(done));
  };
  platform.is_online = [] { return outpost::client::web::IsOnline(); };
  platform.now_ms = [] {
    return static_cast<int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
  };
  platform.data_dir = outpost::client::web::WebStorage::kMountPoint;
  shell.app = std::make_unique<App>(std::move(platform));
  // The App shows its own error screen when Start fails; the log helps support.
  Status started = shell.app->Start();
  if (!started.ok()) std::fprintf(stderr, "outpost: App::Start: %s\n", started.ToString().c_str());
  shell.phase = Phase::kRunning;
}

void OnStorageLoaded(Status status) {
  Shell& shell = *g_shell;
  if (!status.ok()) {
    shell.error = status.ToString();
    shell.phase = Phase::kStorageFailed;
    std::fprintf(stderr, "outpost: %s\n", shell.error.c_str());
    return;
  }
  StartApp(shell);
}

void RunFrame() {
  Shell& shell = *g_shell;
  FitCanvas(shell);
  ImGui_ImplOpenGL3_NewFrame();
  shell.fonts_uploaded = true;
  ImGui_ImplGlfw_NewFrame();
  UseCssPixels(shell);
  ImGui::NewFrame();

  switch (shell.phase) {
    case Phase::kLoading: DrawLoading(); break;
    case Phase::kStorageFailed: DrawStorageFailed(shell); break;
    case Phase::kRunning: shell.app->Frame(); break;
  }
  outpost::client::web::PublishUiProbes();

  ImGui::Render();
  outpost::client::web::UpdateTextInput(ImGui::GetIO().WantTextInput);
  glViewport(0, 0, shell.pixel_width, shell.pixel_height);
  ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  static bool first_frame = true;
  if (first_frame) {
    first_frame = false;
    outpost_set_page_status("", 0);  // hides the page's loading text
  }
}

void OnGlfwError(int code, const char* description) {
  std::fprintf(stderr, "outpost: GLFW error %d: %s\n", code, description);
}

}  // namespace

int main() {
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
  io.IniFilename = nullptr;  // layout is code, not user state; and /persist is for records only
  StyleForTouch();
  ImGui_ImplGlfw_InitForOpenGL(shell.window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  outpost::client::web::InstallTouchAsMouse();
  outpost::client::web::InstallTextInput();

  shell.storage.Load(OnStorageLoaded);
  emscripten_set_main_loop(RunFrame, 0, false);
  return 0;
}
