// The web platform: a WebGL2 canvas, DOM input through Emscripten's html5.h, and the C
// functions web/loader.js calls. Frames are drawn only when something changed (input, data,
// resize), so an idle dashboard costs no CPU.
#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/drilldown_view.h"
#include "core/session.h"
#include "core/snapshot_json.h"
#include "core/snapshot_ingest.h"
#include "core/snapshot_merge.h"
#include "core/url_policy.h"
#include "core/url_state.h"
#include "ui/automation.h"
#include "ui/dashboard.h"
#include "ui/damage_tiles.h"
#include "ui/draw_layers.h"
#include "ui/draw_signature.h"
#include "ui/fonts.h"
#include "ui/heat_map.h"
#include "gpu_warm_up.h"
#include "hover_overlay.h"
#include "memory_report.h"
#include "resident_charts_webgl.h"
#include "webgl_renderer.h"

// The page's address follows the view: a new view is a history entry (back/forward move
// between views); other settings replace the current entry.
// Asks the page to fetch a font file and hand it back through db_set_font(slot, ...).
EM_JS(void, js_request_font, (const char* url, int slot), {
  if (Module.divboardRequestFont) Module.divboardRequestFont(UTF8ToString(url), slot);
});

// Tells the page a frame was drawn, the first one and the first showing data (web/loader.js
// times them: make bench, cold start).
EM_JS(void, js_frame_drawn, (double frame, int with_data), {
  if (Module.divboardFrameDrawn) Module.divboardFrameDrawn(frame, with_data);
});

// Hands a file to the browser as a download (CSV exports); nothing leaves the machine.
EM_JS(void, js_download, (const char* name, const char* data, int length, const char* mime), {
  const bytes = HEAPU8.slice(data, data + length);
  const url = URL.createObjectURL(new Blob([bytes], { type: UTF8ToString(mime) }));
  const a = document.createElement("a");
  a.href = url;
  a.download = UTF8ToString(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
});

// Saves the canvas as just drawn (the context keeps its drawing buffer for this).
EM_JS(void, js_save_png, (const char* canvas_selector, const char* name), {
  const canvas = document.querySelector(UTF8ToString(canvas_selector));
  const file = UTF8ToString(name);
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }, "image/png");
});

// With ?desync=1, creates the canvas' WebGL2 context before Emscripten asks for it, to add
// `desynchronized`, which Emscripten 3.1.6's attribute struct cannot carry; Emscripten's own
// getContext call then receives this context. The other attributes must match db_init's.
// Off by default since the eighth session: it seemed to spare the main thread the frame's
// commit, but only because the benches counted scheduler tasks alone. With all the main
// thread's CPU counted, a desynchronized canvas under software compositing reads every
// presented frame back on the main thread outside any task: hover 10.2 ms a step against
// 4.4 ms for the ordinary canvas, and more CPU in all (docs/performance.md).
EM_JS(void, js_create_low_latency_context, (const char* canvas_selector), {
  const canvas = document.querySelector(UTF8ToString(canvas_selector));
  if (!canvas) return;
  canvas.getContext("webgl2", {
    alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false,
    preserveDrawingBuffer: true, desynchronized: true,
  });
});

// Any change of the canvas' CSS size the window's resize event would not announce (the page's
// stylesheet gives it the viewport's size, so none is expected) still reaches SyncCanvasSize.
EM_JS(void, js_observe_canvas_size, (const char* canvas_selector), {
  const canvas = document.querySelector(UTF8ToString(canvas_selector));
  if (canvas && window.ResizeObserver) new ResizeObserver(() => Module._db_canvas_resized()).observe(canvas);
});

// The page's file picker (web/local_file.js); the click that asked for it is recent enough
// for the browser to allow opening it.
EM_JS(void, js_open_file, (), {
  const input = document.getElementById("file-input");
  if (input) input.click();
});

// Minutes since local midnight: the business reads times on its own clock.
EM_JS(int, js_local_minutes, (), {
  const now = new Date();
  return now.getHours() * 60 + now.getMinutes();
});

// A numeric query parameter of the page (?gpu=2), or `fallback` when absent.
EM_JS(int, js_query_flag, (const char* name, int fallback), {
  const value = new URLSearchParams(location.search).get(UTF8ToString(name));
  return value === null || isNaN(Number(value)) ? fallback : Number(value);
});

// Asks the page to fetch a manifest entry's files (a JSON array of URLs) into a slot: "view"
// (what the dashboard shows), or "old"/"new" (the Changes view's pair). The page streams each
// file into its own parser (db_part_open) and hands them back through db_parts_commit.
EM_JS(void, js_request_entry, (const char* slot, const char* files, const char* key, const char* packed), {
  if (Module.divboardRequestEntry) {
    Module.divboardRequestEntry(UTF8ToString(slot), JSON.parse(UTF8ToString(files)), UTF8ToString(key),
                                UTF8ToString(packed));
  }
});

// The reader picked another auto-refresh interval: the page reschedules its next poll.
EM_JS(void, js_refresh_changed, (), {
  if (Module.divboardRefreshChanged) Module.divboardRefreshChanged();
});

EM_JS(void, js_set_hash, (const char* hash, int push), {
  const h = UTF8ToString(hash);
  const url = location.pathname + location.search + (h ? "#" + h : "");
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
});

namespace {

using divboard::Session;
namespace ui = divboard::ui;

struct ButtonEvent {
  int button;
  bool down;
};

struct App {
  std::string canvas;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  divboard::web::WebGlRenderer renderer;
  // The hover layer's own canvas (?overlay=0: the page's canvas draws it too).
  divboard::web::HoverOverlay overlay;
  ui::DrawLayers layers;
  divboard::web::WebGlResidentCharts resident;  // GPU series and heat map, when usable
  int gpu_mode = 1;  // ?gpu=: 0 every chart on the CPU, 1 the heat map on the GPU, 2 series lines too
  Session session;
  ui::DashboardUi dashboard;
  ui::FontFiles font_files;
  bool fonts_dirty = true;
  bool fallback_requested = false;
  int fonts_generation = -1;  // the data generation the glyphs were chosen for
  double pixel_ratio = 0;     // the ratio the fonts were baked at
  divboard::Locale fonts_locale = divboard::Locale::kEn;  // the language the glyphs were chosen for
  std::string unbakeable;     // characters the last bake could not find in any loaded font
  // No frame is drawn until the page has handed over the start-up fonts (or given up waiting
  // for them), so the first frame bakes the atlas once, with the real fonts.
  bool fonts_settled = false;
  int font_bakes = 0;
  double font_bake_ms = 0;  // the last bake, for state() and make bench
  bool drew_data = false;   // a frame has shown data (js_frame_drawn told the page)
  double css_width = 0;
  double css_height = 0;
  // The CSS size is read from the DOM only after a resize: reading it forces a style and
  // layout pass, ~0.08 ms of each wheel step (docs/performance.md).
  bool css_stale = true;
  int fb_width = 0;  // the canvas' backing store, as last read or set
  int fb_height = 0;
  int frames_pending = 0;
  bool loop_running = false;
  long frames_rendered = 0;   // ImGui frames built (input handled, state settled)
  double overlay_create_ms = 0;  // the making of the overlay's context and atlas, for state()
  bool overlay_wanted = false;   // not ?overlay=0
  bool overlay_pending = false;  // wanted, not made yet (MakeOverlay)
  bool overlay_made = false;
  long rebuilds = 0;          // of those, built twice in one animation frame (Frame)
  long frames_presented = 0;  // of those, frames that changed the screen (the others were identical)
  long page_presented = 0;     // frames that drew the page's canvas
  long overlay_presented = 0;  // frames that drew, moved or hid the hover layer's canvas
  std::uint64_t presented_signature = 0;        // of the page's canvas
  std::uint64_t overlay_signature = 0;          // of the hover layer's, 0 when not drawn there
  std::uint64_t built_page = 0, built_hover = 0;  // the last frame built, by layer
  bool hover_on_overlay = false;  // the last frame drew the hover layer on the overlay's canvas
  // Presented frames redraw only the tiles that changed (?damage=0: the whole canvas).
  ui::DamageTiles damage;
  bool damage_enabled = true;
  double pixels_redrawn = 0;  // of the page's canvas, summed over presented frames, for state() and make bench
  double overlay_pixels = 0;  // the same for the overlay's
  std::uint64_t built_signature = 0;  // the last frame built, presented or not
  bool other_input = true;    // an input or event other than a mouse move since the last frame
  bool settled_before = false;  // the last frame ended the settling (the screen was current)
  double frame_ms_total = 0;  // script time inside Frame(), summed: make bench's per-frame cost
  std::string returned;  // backing store for strings handed to JavaScript
  divboard::UrlState published;  // what the address bar shows
  std::string published_hash;
  std::deque<ButtonEvent> button_events;
  std::unique_ptr<divboard::SnapshotIngest> stream;  // the snapshot being downloaded (JSON or packed)
  // Files being downloaded side by side (a manifest entry's parts, the Changes view's pair),
  // each into its own parser, by the handle db_part_open returned.
  struct Part {
    std::string url;
    std::unique_ptr<divboard::SnapshotIngest> parser;  // JSON or packed
    std::string failure;  // a network or HTTP error the page reported
  };
  std::map<int, Part> parts;
  int next_part = 1;
  bool context_lost = false;
  int context_restores = 0;
};

App* g_app = nullptr;

// ImGui settles hover and layout changes over a couple of frames after an event.
constexpr int kFramesPerWake = 3;

EM_BOOL Frame(double, void*);
EM_BOOL OnOverlayLost(int, const void*, void*);
EM_BOOL OnOverlayRestored(int, const void*, void*);

// `move`: the wake is a mouse move or wheel step and nothing else, which may settle in one
// frame (Frame).
void Wake(bool move = false) {
  if (g_app == nullptr) return;
  if (!move) g_app->other_input = true;
  g_app->frames_pending = std::max(g_app->frames_pending, kFramesPerWake);
  if (!g_app->fonts_settled) return;  // db_fonts_settled draws what is pending
  if (!g_app->loop_running) {
    g_app->loop_running = true;
    emscripten_request_animation_frame_loop(Frame, nullptr);
  }
}

// Until the first snapshot is in, the page's splash (DOM) covers the canvas and shows the
// progress, so loading steps (start, fonts, hash, manifest, download) draw nothing: a frame
// under the splash would only be thrown away, and each competes with the download and the
// parse for the main thread, and a software-composited WebGL (SwiftShader) adds a read-back
// it waits for (make bench: cold start). The first frame is the one that shows the data, and
// bakes the fonts; a failure wakes as input does.
void WakeWhileLoading() {
  if (g_app != nullptr && g_app->session.has_data()) Wake();
}

void RequestFallbackFont() {
  if (g_app->fallback_requested || g_app->font_files.cjk.empty()) return;
  g_app->fallback_requested = true;
  js_request_font("fonts/NotoSansSC-ext.subset.otf", 3);
}

// Fonts are rebaked when the pixel ratio changes (a window moved to another screen), a font
// file arrives, the language changes (each bakes only the Chinese it shows) or new data
// brings characters the atlas lacks; characters the small CJK subset cannot show make the
// page fetch the larger fallback once. Baking is the costly part: new data whose characters
// are all baked, or known to be in no loaded font, bakes nothing.
void RebuildFontsIfNeeded() {
  App& app = *g_app;
  const double ratio = std::max(1.0, emscripten_get_device_pixel_ratio());
  const bool new_data = app.fonts_generation != app.session.generation();
  app.fonts_generation = app.session.generation();
  const bool stale = ratio != app.pixel_ratio || app.fonts_dirty || !ImGui::GetIO().Fonts->IsBuilt() ||
                     app.dashboard.locale != app.fonts_locale;
  if (!stale && !new_data) return;
  const ui::GlyphNeeds needs =
      ui::NeedsFor(app.dashboard.locale, app.session.has_data() ? &app.session.snapshot() : nullptr);
  if (!stale) {
    const std::string missing = ui::MissingGlyphs(app.dashboard.fonts, needs.text + app.unbakeable);
    if (missing.size() == app.unbakeable.size()) return;  // nothing the last bake did not know of
    // Only a loaded font the last bake took part of can add characters: with the whole
    // subset baked and no fallback yet, the fallback must come first.
    if (needs.whole_cjk_subset && app.font_files.cjk_fallback.empty()) {
      app.unbakeable = missing;
      RequestFallbackFont();
      return;
    }
  }
  app.pixel_ratio = ratio;
  app.fonts_dirty = false;
  app.fonts_locale = app.dashboard.locale;
  const double start = emscripten_get_now();
  ui::BuildFonts(app.font_files, needs, static_cast<float>(ratio), &app.dashboard.fonts);
  app.renderer.UploadFontAtlas();
  app.overlay.UploadFontAtlas();
  // The pixels are only needed for the uploads: a rebuild (language, font arrival, pixel
  // ratio, context restored) rasterises again from the font files.
  ImGui::GetIO().Fonts->ClearTexData();
  app.font_bake_ms = emscripten_get_now() - start;
  ++app.font_bakes;
  app.unbakeable = ui::MissingGlyphs(app.dashboard.fonts, needs.text);
  if (!app.unbakeable.empty() && app.font_files.cjk_fallback.empty()) RequestFallbackFont();
}

// The canvas' CSS size comes from the page's stylesheet; its backing store follows it at
// the device pixel ratio so nothing is stretched (Emscripten's GLFW ignores the ratio).
// The ratio is read every frame: a window moved to another screen changes it without a resize.
void SyncCanvasSize() {
  App& app = *g_app;
  if (app.css_stale) {
    app.css_stale = false;
    emscripten_get_element_css_size(app.canvas.c_str(), &app.css_width, &app.css_height);
    emscripten_get_canvas_element_size(app.canvas.c_str(), &app.fb_width, &app.fb_height);
  }
  const double ratio = std::max(1.0, emscripten_get_device_pixel_ratio());
  const int fb_w = std::max(1, static_cast<int>(std::lround(app.css_width * ratio)));
  const int fb_h = std::max(1, static_cast<int>(std::lround(app.css_height * ratio)));
  if (app.fb_width != fb_w || app.fb_height != fb_h) {
    emscripten_set_canvas_element_size(app.canvas.c_str(), fb_w, fb_h);
    app.fb_width = fb_w;
    app.fb_height = fb_h;
  }
}

// An "as of" pick or the Changes view may need snapshots the page has not fetched yet.
void RequestPendingLoads() {
  App& app = *g_app;
  const bool changes = app.dashboard.view == ui::View::kChanges;
  for (const ui::EntryRequest& r : ui::PendingLoads(app.dashboard.history, app.dashboard.controls, changes, app.session)) {
    js_request_entry(r.slot.c_str(), r.entry->files.c_str(), r.entry->key.c_str(), r.entry->packed.c_str());
  }
}

// The overlay's context costs the cold start ~45 ms and ~70 ms of CPU (two contexts'
// set-up in the renderer and the GPU process, its program), so it is made once the data is
// on screen, when the page is idle. Its atlas is then read back from the page's texture:
// ImGui has freed the pixels, and keeping them until now raised the wasm memory's peak by
// 0.19 MB (docs/performance.md, "Where issue 7 stands", tenth session). A hover before it
// is made draws on the page's canvas.
constexpr double kOverlayDelayMs = 250;

void MakeOverlay(void*) {
  App& app = *g_app;
  app.overlay_pending = false;
  if (app.context_lost || app.overlay_made) return;  // a restored context asks again
  app.overlay_made = true;
  const double start = emscripten_get_now();
  if (app.overlay.Create(app.canvas.c_str(), app.gl)) {
    const char* overlay = app.overlay.selector();
    emscripten_set_webglcontextlost_callback(overlay, nullptr, EM_FALSE, OnOverlayLost);
    emscripten_set_webglcontextrestored_callback(overlay, nullptr, EM_FALSE, OnOverlayRestored);
    app.overlay.CopyFontAtlas(app.renderer.font_texture());
  }
  app.overlay_create_ms = emscripten_get_now() - start;
}

void ScheduleOverlay() {
  App& app = *g_app;
  if (!app.overlay_wanted || app.overlay_made || app.overlay_pending) return;
  app.overlay_pending = true;
  emscripten_set_timeout(MakeOverlay, kOverlayDelayMs, nullptr);
}

EM_BOOL Frame(double, void*) {
  App& app = *g_app;
  if (app.context_lost) {
    app.loop_running = false;
    return EM_FALSE;
  }
  const double frame_start = emscripten_get_now();
  // Only the mouse moved since a settled screen: the frame this builds may already be the
  // settled one (checked after it is built).
  const bool moved_only = !app.other_input && app.settled_before;
  app.other_input = false;
  SyncCanvasSize();
  RebuildFontsIfNeeded();
  if (app.session.has_data()) divboard::web::NoteMemoryMoment("fonts baked");
  ImGuiIO& io = ImGui::GetIO();
  const int fb_w = app.fb_width, fb_h = app.fb_height;
  io.DisplaySize = ImVec2(static_cast<float>(app.css_width), static_cast<float>(app.css_height));
  const float scale = app.css_width > 0 ? static_cast<float>(fb_w / app.css_width) : 1.0f;
  io.DisplayFramebufferScale = ImVec2(scale, scale);
  io.DeltaTime = 1.0f / 60.0f;

  if (!app.button_events.empty()) {
    const ButtonEvent event = app.button_events.front();
    app.button_events.pop_front();
    io.MouseDown[event.button] = event.down;
    if (!app.button_events.empty()) app.frames_pending = std::max(app.frames_pending, kFramesPerWake);
  }
  app.resident.BeginFrame();
  ImGui::NewFrame();
  ui::DrawDashboard(app.session, app.dashboard);
  ImGui::Render();
  // A window shown or sized a frame late (a tooltip appearing, or one whose content grew or
  // shrank: ImGui sizes it from the frame before's) would put a frame on screen that is not
  // final and need another animation frame: build once more at once, so only the final one
  // is presented. The input was applied in the first build (a click or wheel step is seen once).
  if (ui::WindowsStillSettling()) {
    app.resident.BeginFrame();
    ImGui::NewFrame();
    ui::DrawDashboard(app.session, app.dashboard);
    ImGui::Render();
    ++app.rebuilds;
  }
  app.layers.Split(*ImGui::GetDrawData());
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::GetPalette(app.dashboard.theme).background);
  // A frame identical to the one on screen is not presented: no upload, no compositor
  // commit. The settling frames after each input are mostly such frames.
  const float seed_values[5] = {static_cast<float>(fb_w), static_cast<float>(fb_h), bg.x, bg.y, bg.z};
  const std::uint64_t seed =
      ui::MixBytes(app.renderer.generation(), seed_values, sizeof seed_values) ^ app.resident.FrameSignature();
  const std::uint64_t page_signature = ui::DrawDataSignature(app.layers.page(), seed);
  const std::uint64_t hover_signature = ui::DrawDataSignature(app.layers.hover(), seed + app.overlay.generation()) | 1;
  // What a hover draws (cursor marks, tooltips) goes to the overlay's canvas when nothing
  // else changed, so a hover leaves the page's canvas as it is. When the page's own lists
  // changed (a zoom under the cursor), its canvas is presented anyway, and drawing the hover
  // layer into it too spares the overlay's presentation; a frame alike to the last keeps
  // the last choice. A PNG is taken from one canvas that holds it all.
  if (!app.overlay.usable() || divboard::web::HoverOverlay::Grid(scale) == 0 || app.dashboard.request_png ||
      page_signature != app.built_page) {
    app.hover_on_overlay = false;
  } else if (hover_signature != app.built_hover) {
    app.hover_on_overlay = true;
  }
  app.built_page = page_signature;
  app.built_hover = hover_signature;
  const bool overlay = app.hover_on_overlay;
  const bool no_hover = app.layers.hover().CmdListsCount == 0;
  const ImDrawData& page = overlay || no_hover ? app.layers.page() : app.layers.all();
  const std::uint64_t drawn_signature = overlay || no_hover ? page_signature : page_signature ^ (hover_signature * 0x9E3779B97F4A7C15ull);
  const std::uint64_t signature = page_signature ^ (hover_signature * 0x9E3779B97F4A7C15ull);
  // Two frames alike in a row, nothing queued and no window still measuring itself: ImGui
  // has settled, so the frames still owed to the last input would be alike too.
  // After a mouse move or wheel step alone, one frame is enough when ImGui's hovered and
  // active items did not change with it (what hovering, dragging and zooming show is drawn in
  // the frame that sees the input).
  bool settled = (signature == app.built_signature || (moved_only && ui::ItemsUnchanged())) &&
                 app.button_events.empty() && !ui::WindowsStillSettling();
  app.built_signature = signature;
  bool presented = false;
  if (drawn_signature != app.presented_signature || app.dashboard.request_png) {
    // Where WebGL is drawn on the CPU, filling the canvas is most of a frame's cost, and a
    // frame often changes a small part: redraw only the changed tiles (damage_tiles.h).
    ui::PixelRect area{0, 0, fb_w, fb_h};
    if (app.damage_enabled) {
      app.damage.Build(page, fb_w, fb_h, seed);
      if (!app.dashboard.request_png) area = app.damage.Damage();
      app.damage.Commit();
    }
    if (!area.empty()) {
      app.renderer.Render(&page, fb_w, fb_h, bg.x, bg.y, bg.z, area, app.damage_enabled ? &app.damage.runs() : nullptr);
    }
    app.pixels_redrawn += static_cast<double>(area.area());
    app.presented_signature = drawn_signature;
    ++app.page_presented;
    presented = true;
  }
  const std::uint64_t overlay_signature = overlay ? hover_signature : 0;
  if (overlay_signature != app.overlay_signature) {
    const bool was_shown = app.overlay.shown();
    if (overlay) {
      app.overlay_pixels += static_cast<double>(app.overlay.Present(app.layers.hover(), fb_w, fb_h));
    } else {
      app.overlay.Hide();
    }
    app.overlay_signature = overlay_signature;
    if (was_shown || app.overlay.shown()) {  // a hidden overlay that stays hidden changed nothing
      ++app.overlay_presented;
      presented = true;
    }
  }
  if (presented) ++app.frames_presented;
  ++app.frames_rendered;
  if (app.session.has_data()) divboard::web::NoteMemoryMoment("first data frame");
  if (app.frames_rendered == 1 || (!app.drew_data && app.session.has_data())) {
    app.drew_data = app.drew_data || app.session.has_data();
    js_frame_drawn(static_cast<double>(app.frames_rendered), app.session.has_data() ? 1 : 0);
    if (app.drew_data) ScheduleOverlay();
  }
  if (app.dashboard.request_png) {
    app.dashboard.request_png = false;
    const divboard::UrlState view = ui::CurrentUrlState(app.dashboard);
    js_save_png(app.canvas.c_str(), ("divboard-" + view.view + ".png").c_str());
  }
  if (app.dashboard.request_open_file) {
    app.dashboard.request_open_file = false;
    js_open_file();
  }
  for (const ui::Download& d : app.dashboard.views.downloads) {
    js_download(d.name.c_str(), d.bytes.data(), static_cast<int>(d.bytes.size()), d.mime.c_str());
  }
  app.dashboard.views.downloads.clear();
  RequestPendingLoads();
  const divboard::UrlState now = ui::CurrentUrlState(app.dashboard);
  const std::string hash = divboard::FormatUrlHash(now);
  if (hash != app.published_hash) {
    settled = false;
    if (now.refresh != app.published.refresh) js_refresh_changed();
    js_set_hash(hash.c_str(), now.view != app.published.view ? 1 : 0);
    app.published = now;
    app.published_hash = hash;
  }
  app.frame_ms_total += emscripten_get_now() - frame_start;

  if (settled) app.frames_pending = 1;
  app.settled_before = app.frames_pending == 1;
  if (--app.frames_pending > 0) return EM_TRUE;
  app.loop_running = false;
  return EM_FALSE;
}

EM_BOOL OnMouse(int type, const EmscriptenMouseEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  if (type == EMSCRIPTEN_EVENT_MOUSELEAVE) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  const int button = e->button == 0 ? 0 : (e->button == 2 ? 1 : 2);
  // ImGui 1.86 reads button state once per frame, so a press and release between two
  // frames would be lost: queue them and apply one change per frame.
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
    g_app->button_events.push_back({button, type == EMSCRIPTEN_EVENT_MOUSEDOWN});
  }
  Wake(type == EMSCRIPTEN_EVENT_MOUSEMOVE);
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_TRUE : EM_FALSE;
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  // DOM_DELTA_PIXEL deltas are ~100 per notch; lines ~3.
  const double unit = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : (e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0);
  io.MouseWheel -= static_cast<float>(e->deltaY / unit);
  io.MouseWheelH -= static_cast<float>(e->deltaX / unit);
  // A zoom step is applied in the frame that reads the wheel, as a drag step is, so it may
  // settle in one frame as a move does (tests/browser/idle.test.mjs checks the frame is final).
  Wake(true);
  return EM_TRUE;
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
  ImGuiIO& io = ImGui::GetIO();
  const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  if (e->keyCode < 512) io.KeysDown[e->keyCode] = down;
  io.KeyCtrl = e->ctrlKey;
  io.KeyShift = e->shiftKey;
  io.KeyAlt = e->altKey;
  io.KeySuper = e->metaKey;
  // Printable keys arrive as one UTF-8 character in `key`; named keys ("Enter") are longer.
  if (down && !e->ctrlKey && !e->metaKey) {
    const unsigned char first = static_cast<unsigned char>(e->key[0]);
    const size_t length = std::char_traits<char>::length(e->key);
    const size_t expected = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
    if (length == expected) io.AddInputCharactersUTF8(e->key);
  }
  Wake();
  // Leave browser shortcuts alone; only keys ImGui is using are kept from the page.
  return io.WantCaptureKeyboard && (e->keyCode == 9 || (e->keyCode >= 37 && e->keyCode <= 40));
}

// The heat map (and with ?gpu=2 the series lines) go to the GPU when the context has what
// they need; otherwise charts draw on the CPU as in the native build. Resident lines are off
// by default: measured, they lose end to end under SwiftShader (docs/performance.md). What
// they need is made at their first draw (WebGlResidentCharts::Prepare).
void EnableResidentCharts() {
  if (g_app->gpu_mode > 0) g_app->resident.Prepare(/*lines=*/g_app->gpu_mode >= 2);
  ui::SetResidentCharts(g_app->gpu_mode > 0 ? &g_app->resident : nullptr);
}

// A lost WebGL context (GPU reset, too many contexts, a test's WEBGL_lose_context) stops
// drawing; on restore the GL objects and the font atlas are rebuilt and the view, which
// lives outside GL, is drawn again unchanged.
EM_BOOL OnContextLost(int, const void*, void*) {
  g_app->context_lost = true;
  g_app->damage.Invalidate();
  g_app->resident.Lost();
  ui::SetResidentCharts(nullptr);
  return EM_TRUE;  // preventDefault: asks the browser to restore the context
}

EM_BOOL OnContextRestored(int, const void*, void*) {
  g_app->context_lost = false;
  emscripten_webgl_make_context_current(g_app->gl);
  g_app->renderer = divboard::web::WebGlRenderer();
  g_app->renderer.Create();
  EnableResidentCharts();  // buffers are uploaded again as charts draw
  g_app->fonts_dirty = true;
  g_app->css_stale = true;
  ++g_app->context_restores;
  if (g_app->drew_data) ScheduleOverlay();  // if it was lost with the page's
  Wake();
  return EM_TRUE;
}

// The overlay's context alone: the page's canvas draws the hover layer until it is back.
EM_BOOL OnOverlayLost(int, const void*, void*) {
  g_app->overlay.Lose();
  Wake();
  return EM_TRUE;
}

EM_BOOL OnOverlayRestored(int, const void*, void*) {
  g_app->overlay.Restore();
  g_app->fonts_dirty = true;  // its atlas: ImGui keeps no pixels to upload again
  Wake();
  return EM_TRUE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*) {
  g_app->css_stale = true;
  Wake();
  return EM_FALSE;
}

void SetupKeyMap(ImGuiIO& io) {
  struct Pair { ImGuiKey key; int dom; };
  const Pair pairs[] = {{ImGuiKey_Tab, 9}, {ImGuiKey_LeftArrow, 37}, {ImGuiKey_RightArrow, 39},
                        {ImGuiKey_UpArrow, 38}, {ImGuiKey_DownArrow, 40}, {ImGuiKey_PageUp, 33},
                        {ImGuiKey_PageDown, 34}, {ImGuiKey_Home, 36}, {ImGuiKey_End, 35},
                        {ImGuiKey_Insert, 45}, {ImGuiKey_Delete, 46}, {ImGuiKey_Backspace, 8},
                        {ImGuiKey_Space, 32}, {ImGuiKey_Enter, 13}, {ImGuiKey_Escape, 27},
                        {ImGuiKey_KeyPadEnter, 13}, {ImGuiKey_A, 65}, {ImGuiKey_C, 67},
                        {ImGuiKey_V, 86}, {ImGuiKey_X, 88}, {ImGuiKey_Y, 89}, {ImGuiKey_Z, 90}};
  for (const Pair& p : pairs) io.KeyMap[p.key] = p.dom;
}

// "09:41", the local time now: when the data on screen was last known current.
std::string LocalClock() {
  const int minutes = js_local_minutes();
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", minutes / 60 % 24, minutes % 60);
  return clock;
}

int TotalGlyphs() {
  int glyphs = 0;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) glyphs += font->Glyphs.Size;
  return glyphs;
}

const char* Return(std::string text) {
  g_app->returned = std::move(text);
  return g_app->returned.c_str();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int db_init(const char* canvas_selector) {
  if (g_app != nullptr) return 1;
  g_app = new App();
  g_app->canvas = canvas_selector;
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;  // ImGui anti-aliases its own geometry
  attributes.premultipliedAlpha = EM_FALSE;
  // Kept so "save as PNG" can read back the frame just drawn; frames are drawn on demand,
  // so the cost of preserving is paid rarely.
  attributes.preserveDrawingBuffer = EM_TRUE;
  // WebGL2 core is all the app uses. Emscripten's default asks the browser for every
  // supported extension, one getExtension each, 15-40 ms of db_init under SwiftShader, on
  // the cold start's critical path (docs/performance.md, "Cold start").
  attributes.enableExtensionsByDefault = EM_FALSE;
  if (js_query_flag("desync", 0) != 0) js_create_low_latency_context(canvas_selector);
  g_app->gl = emscripten_webgl_create_context(canvas_selector, &attributes);
  if (g_app->gl <= 0) return 0;
  emscripten_webgl_make_context_current(g_app->gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.BackendPlatformName = "divboard_web";
  io.BackendRendererName = "divboard_webgl2";
  ui::EnableLargeMeshes();  // the renderer honours VtxOffset
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  SetupKeyMap(io);
  if (!g_app->renderer.Create()) return 0;
  // The hover overlay is made after the data's frame (MakeOverlay), off the cold start.
  g_app->overlay_wanted = js_query_flag("overlay", 1) != 0;
  g_app->gpu_mode = js_query_flag("gpu", 1);
  g_app->damage_enabled = js_query_flag("damage", 1) != 0;
  EnableResidentCharts();

  const char* target = canvas_selector;
  emscripten_set_mousemove_callback(target, nullptr, EM_FALSE, OnMouse);
  emscripten_set_mousedown_callback(target, nullptr, EM_FALSE, OnMouse);
  emscripten_set_mouseleave_callback(target, nullptr, EM_FALSE, OnMouse);
  // Releases outside the canvas still end a drag.
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, EM_FALSE, OnMouse);
  emscripten_set_wheel_callback(target, nullptr, EM_FALSE, OnWheel);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnKey);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnKey);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnResize);
  js_observe_canvas_size(canvas_selector);
  emscripten_set_webglcontextlost_callback(target, nullptr, EM_FALSE, OnContextLost);
  emscripten_set_webglcontextrestored_callback(target, nullptr, EM_FALSE, OnContextRestored);
  // ?warmup=1: the GPU's first-frame set-up is paid by a frame nobody sees (the splash covers
  // the canvas) instead of by the data's frame. Off by default: its read-back holds the main
  // thread ~40-70 ms, which is a gain only while the snapshot is still downloading, and with
  // the manifest preloaded the snapshot is mostly in by now, so measured it was a wash
  // (docs/performance.md, "Cold start").
  if (js_query_flag("warmup", 0) != 0) {
    SyncCanvasSize();
    int fb_w = 0, fb_h = 0;
    emscripten_get_canvas_element_size(canvas_selector, &fb_w, &fb_h);
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::GetPalette(g_app->dashboard.theme).background);
    divboard::web::WarmUpGpu(g_app->renderer, fb_w, fb_h, bg.x, bg.y, bg.z);
  }
  WakeWhileLoading();
  return 1;
}

// The canvas' CSS size changed (js_observe_canvas_size).
EMSCRIPTEN_KEEPALIVE void db_canvas_resized() {
  if (g_app == nullptr) return;
  g_app->css_stale = true;
  WakeWhileLoading();
}

// slot: 0 regular, 1 bold, 2 CJK subset, 3 CJK fallback. Copies the bytes; the caller
// frees its buffer.
EMSCRIPTEN_KEEPALIVE void db_set_font(int slot, const unsigned char* data, int length) {
  if (g_app == nullptr || length < 0 || slot < 0 || slot > 3) return;
  ui::FontFiles& f = g_app->font_files;
  std::vector<unsigned char>* targets[] = {&f.regular, &f.bold, &f.cjk, &f.cjk_fallback};
  targets[slot]->assign(data, data + length);
  g_app->fonts_dirty = true;
  WakeWhileLoading();
}

// The page has handed over the start-up fonts, or given up waiting for them: frames may be
// drawn from now on, and what was asked for meanwhile is.
EMSCRIPTEN_KEEPALIVE void db_fonts_settled() {
  if (g_app == nullptr || g_app->fonts_settled) return;
  g_app->fonts_settled = true;
  if (g_app->frames_pending > 0 && !g_app->loop_running) {
    g_app->loop_running = true;
    emscripten_request_animation_frame_loop(Frame, nullptr);
  }
}

EMSCRIPTEN_KEEPALIVE void db_begin_loading(const char* url) {
  g_app->session.BeginLoading(url);
  g_app->dashboard.bytes_received = 0;
  g_app->dashboard.bytes_total = 0;
  WakeWhileLoading();
}

// One frame, not kFramesPerWake: only the byte count changed, and while a snapshot streams in
// every frame competes with parsing for the main thread (make bench: cold start). The first
// load's progress is the splash's (WakeWhileLoading).
EMSCRIPTEN_KEEPALIVE void db_progress(double received, double total) {
  g_app->dashboard.bytes_received = received;
  g_app->dashboard.bytes_total = total;
  if (g_app->loop_running || !g_app->session.has_data()) return;  // a coming frame shows the count
  Wake();
  g_app->frames_pending = 1;
}

EMSCRIPTEN_KEEPALIVE int db_finish_loading(const char* url, const char* data, int length) {
  const bool ok = g_app->session.FinishLoading(url, std::string_view(data, static_cast<size_t>(std::max(0, length))));
  Wake();
  return ok ? 1 : 0;
}

// Streaming ingest: the page feeds each downloaded chunk as it arrives, so parsing overlaps
// the download, no copy of the whole body is kept, and frames go on between chunks. JSON and
// packed bytes alike: the first two bytes tell them apart.
EMSCRIPTEN_KEEPALIVE void db_stream_begin(const char* url) {
  divboard::web::NoteMemoryMoment("download begins");
  g_app->stream = std::make_unique<divboard::SnapshotIngest>();
  g_app->session.BeginLoading(url);
  WakeWhileLoading();
}

// Returns 1 when the document already cannot load (the page may stop downloading).
EMSCRIPTEN_KEEPALIVE int db_stream_feed(const char* data, int length) {
  if (!g_app->stream || length < 0) return 1;
  g_app->stream->Feed(data, static_cast<size_t>(length));
  return g_app->stream->failed() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int db_stream_finish(const char* url) {
  if (!g_app->stream) return 0;
  divboard::Snapshot next;
  std::vector<divboard::Problem> problems;
  g_app->stream->Finish(&next, &problems);
  g_app->stream.reset();
  divboard::web::NoteMemoryMoment("snapshot parsed");
  const bool ok = g_app->session.FinishLoading(url, std::move(next), problems);
  if (ok) {
    // Not from the manifest's list: a file of the user's (or ?snapshot=, which lists nothing).
    g_app->dashboard.history.shown_key.clear();
    g_app->dashboard.history.own_file = url;
    g_app->dashboard.loaded_at = LocalClock();
  }
  Wake();
  return ok ? 1 : 0;
}

// The source answered and has nothing newer: any error is over, and the data on screen is
// current as of now ("stale since" counts from the last time it was known current).
EMSCRIPTEN_KEEPALIVE void db_recovered() {
  const std::string clock = g_app->session.has_data() ? LocalClock() : g_app->dashboard.loaded_at;
  const bool changed = !g_app->session.error().empty() || clock != g_app->dashboard.loaded_at;
  g_app->session.Recovered();
  g_app->dashboard.loaded_at = clock;
  if (changed) Wake();
}

EMSCRIPTEN_KEEPALIVE void db_fail(const char* url, const char* message) {
  const bool was_loading = !g_app->session.loading_url().empty();
  const std::string before = g_app->session.error();
  g_app->stream.reset();
  g_app->session.Fail(url, message);
  // A retry failing as the last one did changes nothing on screen: no frames are drawn.
  if (was_loading || g_app->session.error() != before) Wake();
}

// "" when the path may be fetched, otherwise why not.
EMSCRIPTEN_KEEPALIVE const char* db_check_path(const char* path) {
  return Return(divboard::CheckRelativePath(path));
}

EMSCRIPTEN_KEEPALIVE const char* db_resolve(const char* base, const char* path) {
  return Return(divboard::ResolveRelative(base, path));
}

// {"path": newest snapshot path resolved against the manifest URL} or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* db_manifest_newest(const char* manifest_url, const char* data, int length) {
  divboard::Manifest manifest;
  const auto problems = divboard::LoadManifest(std::string_view(data, static_cast<size_t>(std::max(0, length))), &manifest);
  nlohmann::json out;
  if (!problems.empty()) {
    std::string error;
    for (const auto& p : problems) {
      if (!error.empty()) error += "\n";
      error += divboard::FormatProblem(manifest_url, p);
    }
    out["error"] = error;
  } else {
    const divboard::ManifestEntry& newest = manifest.snapshots.front();
    out["path"] = divboard::ResolveRelative(manifest_url, newest.path);
    if (!newest.packed.empty()) out["packed"] = divboard::ResolveRelative(manifest_url, newest.packed);
    out["bytes"] = newest.bytes;
    out["refresh_seconds"] = manifest.refresh_seconds;
    out["max_bytes"] = manifest.max_bytes;
    // What identifies the newest snapshot's content: a change means there is new data.
    out["key"] = newest.ContentKey();
  }
  return Return(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The manifest read by the page: its entries go to the "as of" picker and the Changes view.
// Returns {"refresh_seconds", "load": {slot, files, key} or null} — what the view must load
// now (the newest, or the entry the link picked) — or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* db_manifest_list(const char* manifest_url, const char* data, int length) {
  divboard::Manifest manifest;
  const auto problems = divboard::LoadManifest(std::string_view(data, static_cast<size_t>(std::max(0, length))), &manifest);
  nlohmann::json out;
  if (!problems.empty()) {
    std::string error;
    for (const auto& p : problems) error += (error.empty() ? "" : "\n") + divboard::FormatProblem(manifest_url, p);
    out["error"] = error;
    return Return(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  const nlohmann::json list = nlohmann::json::parse(divboard::ManifestListJson(manifest, manifest_url));
  std::vector<ui::SnapshotChoice> entries;
  for (const nlohmann::json& e : list["snapshots"]) {
    entries.push_back({e["first"].get<std::string>(), e["last"].get<std::string>(), e["generated_at"].get<std::string>(),
                       e["key"].get<std::string>(), e["files"].dump(), e.value("packed", std::string())});
  }
  ui::HistoryState& history = g_app->dashboard.history;
  bool changed = ui::SetEntries(history, std::move(entries));
  changed = changed || g_app->dashboard.manifest_refresh_seconds != manifest.refresh_seconds;
  g_app->dashboard.manifest_refresh_seconds = manifest.refresh_seconds;
  out["refresh_seconds"] = manifest.refresh_seconds;
  out["max_bytes"] = manifest.max_bytes;
  out["load"] = nullptr;
  // Only the view's load is the page's to await (and to retry with back-off); the Changes
  // view's come through js_request_entry.
  for (const ui::EntryRequest& r : ui::PendingLoads(history, g_app->dashboard.controls, false, g_app->session, true)) {
    out["load"] = {{"slot", r.slot}, {"files", nlohmann::json::parse(r.entry->files)}, {"key", r.entry->key}};
    if (!r.entry->packed.empty()) out["load"]["packed"] = r.entry->packed;
  }
  if (changed) WakeWhileLoading();  // a poll that finds the same list draws nothing
  return Return(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Streaming ingest of one file among several: returns a handle for db_part_feed.
EMSCRIPTEN_KEEPALIVE int db_part_open(const char* url) {
  divboard::web::NoteMemoryMoment("download begins");
  const int handle = g_app->next_part++;
  g_app->parts[handle] = App::Part{url, std::make_unique<divboard::SnapshotIngest>(), std::string()};
  return handle;
}

// Returns 1 when that file already cannot load (the page may stop downloading it).
EMSCRIPTEN_KEEPALIVE int db_part_feed(int handle, const char* data, int length) {
  const auto found = g_app->parts.find(handle);
  if (found == g_app->parts.end() || length < 0) return 1;
  found->second.parser->Feed(data, static_cast<size_t>(length));
  return found->second.parser->failed() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void db_part_fail(int handle, const char* message) {
  const auto found = g_app->parts.find(handle);
  if (found != g_app->parts.end()) found->second.failure = message;
}

// Ends the files of one manifest entry (comma-separated handles), validates each, merges them
// and hands the snapshot to its slot. Problems name the file and pointer. Returns 1 when the
// snapshot is in.
EMSCRIPTEN_KEEPALIVE int db_parts_commit(const char* slot, const char* key, const char* handles) {
  std::vector<divboard::SnapshotPart> parts;
  std::vector<divboard::FileProblem> problems;
  std::vector<std::string> urls;
  const std::string list = handles;
  for (size_t at = 0; at < list.size();) {
    size_t comma = list.find(',', at);
    if (comma == std::string::npos) comma = list.size();
    const int handle = std::atoi(list.substr(at, comma - at).c_str());
    at = comma + 1;
    const auto found = g_app->parts.find(handle);
    if (found == g_app->parts.end()) continue;
    App::Part part = std::move(found->second);
    g_app->parts.erase(found);
    urls.push_back(part.url);
    if (!part.failure.empty()) {
      problems.push_back({part.url, divboard::Problem{"", part.failure}});
      continue;
    }
    divboard::Snapshot snapshot;
    std::vector<divboard::Problem> own;
    part.parser->Finish(&snapshot, &own);
    for (divboard::Problem& p : own) problems.push_back({part.url, std::move(p)});
    if (own.empty()) parts.push_back({part.url, std::move(snapshot)});
  }
  std::string label;
  for (const std::string& url : urls) label += (label.empty() ? "" : " + ") + url;
  divboard::Snapshot merged;
  if (problems.empty()) problems = divboard::MergeSnapshots(std::move(parts), &merged);
  ui::HistoryState& history = g_app->dashboard.history;
  bool ok = problems.empty();
  const int wanted = ui::WantedEntry(history, g_app->dashboard.controls);
  const bool superseded = wanted >= 0 && history.entries[static_cast<size_t>(wanted)].key != key;
  if (std::string(slot) == "view" && (superseded || !history.own_file.empty()) && g_app->session.has_data()) {
    // Another entry, or a file of the user's, was picked while this one downloaded: it must
    // not replace the pick.
    Wake();
    return 1;
  }
  if (std::string(slot) == "view") {
    ok = g_app->session.FinishLoading(label, std::move(merged), problems);
    if (ok) {
      history.shown_key = key;
      history.own_file.clear();
      g_app->dashboard.loaded_at = LocalClock();
    }
  } else {
    std::string error;
    for (const std::string& line : divboard::FormatFileProblems(problems)) error += (error.empty() ? "" : "\n") + line;
    ui::AcceptSnapshot(history, slot, key, std::move(merged), error);
  }
  if (ok) divboard::web::NoteMemoryMoment("snapshot parsed");
  Wake();
  return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* db_state() {
  nlohmann::json state = g_app->session.StateJson(g_app->dashboard.locale);
  const divboard::UrlState view = ui::CurrentUrlState(g_app->dashboard);
  state["view"] = view.view;
  state["theme"] = view.theme;
  state["locale"] = view.locale;
  state["hash"] = divboard::FormatUrlHash(view);
  state["notices"] = g_app->dashboard.notices;
  state["range"] = view.range;
  state["granularity"] = view.granularity;
  state["comparison"] = view.comparison;
  nlohmann::json filters = nlohmann::json::object();
  for (const auto& [dimension, members] : view.filters) filters[dimension] = members;
  state["filters"] = filters;
  // The tiles of the analyst view on screen (overview tiles stay in "kpis").
  nlohmann::json view_kpis = nlohmann::json::object();
  const bool division_view = view.view == "community" || view.view == "trading";
  if (const auto* kpis = ui::CurrentViewKpis(g_app->dashboard.views); kpis != nullptr && division_view) {
    for (const divboard::KpiValue& k : *kpis) {
      view_kpis[k.id] = {{"value", std::isfinite(k.value) ? nlohmann::json(k.value) : nlohmann::json(nullptr)},
                         {"previous", std::isfinite(k.previous) ? nlohmann::json(k.previous) : nlohmann::json(nullptr)},
                         {"text", divboard::FormatValue(k.value, k.unit, g_app->dashboard.locale)}};
    }
    state["view_range"] = ui::CurrentViewSummary(g_app->dashboard.views);
  }
  state["view_kpis"] = view_kpis;
  // The Hosts drill-down and the compared periods on screen, as `divboard summary --hash` prints them.
  if (const divboard::HostDrilldown* drilldown = ui::CurrentHostDrilldown(g_app->dashboard.views, view)) {
    state["host"] = divboard::HostDrilldownJson(g_app->session.snapshot(), *drilldown, g_app->dashboard.locale);
  }
  const divboard::KpiDefinition* period_kpi = nullptr;
  if (const divboard::PeriodComparison* periods = ui::CurrentPeriods(g_app->dashboard.views, view, &period_kpi)) {
    state["periods"] = divboard::PeriodComparisonJson(*periods, *period_kpi, g_app->dashboard.locale);
  }
  nlohmann::json targets = nlohmann::json::object();
  for (const auto& [name, r] : ui::Marks()) targets[name] = {r.x, r.y, r.z, r.w};
  state["targets"] = targets;
  // The calendar heat map's hovered cell: the tooltip's date and value.
  const ui::HeatMapHover& heat = ui::LastHeatMapHover();
  state["heatmap"] = heat.hovered ? nlohmann::json{{"date", divboard::FormatDate(heat.day)},
                                                   {"value", std::isfinite(heat.value) ? nlohmann::json(heat.value) : nlohmann::json(nullptr)},
                                                   {"text", heat.text}}
                                  : nlohmann::json(nullptr);
  state["frames"] = g_app->frames_rendered;
  state["frames_presented"] = g_app->frames_presented;
  state["page_presented"] = g_app->page_presented;
  state["rebuilds"] = g_app->rebuilds;
  state["overlay_create_ms"] = g_app->overlay_create_ms;
  state["overlay"] = {{"usable", g_app->overlay.usable()}, {"pending", g_app->overlay_pending},
                      {"shown", g_app->overlay.shown()},
                      {"presented", g_app->overlay_presented}, {"pixels", g_app->overlay_pixels}};
  state["pixels_redrawn"] = g_app->pixels_redrawn;
  state["fonts"] = {{"bakes", g_app->font_bakes}, {"last_bake_ms", g_app->font_bake_ms},
                    {"glyphs", ImGui::GetIO().Fonts->IsBuilt() ? TotalGlyphs() : 0}};
  state["frame_ms_total"] = g_app->frame_ms_total;
  state["loaded_at"] = g_app->dashboard.loaded_at;
  state["context_lost"] = g_app->context_lost;
  state["context_restores"] = g_app->context_restores;
  const auto& gpu = g_app->resident.stats();
  const bool gpu_on = ui::GetResidentCharts() != nullptr && !g_app->resident.failed();
  state["gpu"] = {{"enabled", gpu_on},
                  {"ready", g_app->resident.ready()},  // its programs made: a chart needed them
                  {"lines", gpu_on && g_app->resident.lines()},
                  {"resident_series", gpu.resident_series},
                  {"resident_bytes", gpu.resident_bytes},
                  {"uploads", gpu.uploads},
                  {"bytes_uploaded", gpu.bytes_uploaded},
                  {"frame_draws", gpu.frame_draws}};
  state["history"] = ui::HistoryStateJson(g_app->dashboard.history, g_app->dashboard.controls,
                                          g_app->dashboard.view == ui::View::kChanges);
  return Return(state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// Where the wasm memory goes (state().memory): apart from db_state, which the page polls
// every frame while loading, because it walks the heap's chunks and scans the stack.
EMSCRIPTEN_KEEPALIVE const char* db_memory_report() {
  return Return(divboard::web::MemoryReportJson(g_app->session.snapshot(), g_app->dashboard).dump());
}

// From the address bar (start, back/forward, an edited hash).
EMSCRIPTEN_KEEPALIVE void db_set_hash(const char* hash) {
  const std::string refresh_before = g_app->dashboard.controls.refresh;
  ui::ApplyUrlState(divboard::ParseUrlHash(hash), g_app->dashboard);
  if (g_app->dashboard.controls.refresh != refresh_before) js_refresh_changed();
  g_app->published = ui::CurrentUrlState(g_app->dashboard);
  g_app->published_hash = divboard::FormatUrlHash(g_app->published);
  WakeWhileLoading();
}

EMSCRIPTEN_KEEPALIVE void db_request_frame() { Wake(); }

// The next frame is presented and covers the whole canvas: what partial redraws must equal.
EMSCRIPTEN_KEEPALIVE void db_redraw_all() {
  if (g_app == nullptr) return;
  g_app->damage.Invalidate();
  g_app->presented_signature = 0;
  g_app->overlay_signature = 0;
  Wake();
}

// The poll interval the reader picked: 0 for the manifest's, -1 for none, else seconds.
EMSCRIPTEN_KEEPALIVE int db_refresh_choice() { return divboard::RefreshChoiceSeconds(g_app->dashboard.controls.refresh); }

EMSCRIPTEN_KEEPALIVE double db_frames_rendered() { return static_cast<double>(g_app ? g_app->frames_rendered : 0); }

}  // extern "C"

int main() { return 0; }
