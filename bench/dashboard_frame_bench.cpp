// Whole dashboard frames, natively (no GPU): the default snapshot's overview and the gallery
// with its 10M-point series, the mouse sweeping over a chart as in the browser bench. What
// the page's frame costs before WebGL and the compositor, and a target for a profiler:
//   build/native/dashboard_frame_bench [frames]        (perf record works on it as it is)
#include <imgui.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/generate.h"
#include "core/session.h"
#include "ui/automation.h"
#include "ui/damage_tiles.h"
#include "ui/dashboard.h"
#include "ui/draw_replay.h"
#include "ui/draw_signature.h"

namespace {

using divboard::ui::DashboardUi;

// `pan` shifts the 10M chart's view a little before each frame, as a drag does.
double Run(const divboard::Session& session, DashboardUi& ui, int frames, bool move, const char* what, bool pan = false) {
  ImGuiIO& io = ImGui::GetIO();
  // Two settling frames first: layouts measured in one frame are used in the next.
  for (int i = 0; i < 3; ++i) {
    ImGui::NewFrame();
    divboard::ui::DrawDashboard(session, ui);
    ImGui::Render();
  }
  const auto start = std::chrono::steady_clock::now();
  long vertices = 0;
  for (int i = 0; i < frames; ++i) {
    io.MousePos = move ? ImVec2(100.0f + static_cast<float>((i * 13) % 1200), 420.0f) : ImVec2(-FLT_MAX, -FLT_MAX);
    if (pan) {
      divboard::ui::ChartLink& link = ui.gallery.large.own_link;
      const double shift = link.view.span() * 0.004 * (i % 40 < 20 ? 1 : -1);
      link.view.first += shift;
      link.view.last += shift;
    }
    ImGui::NewFrame();
    divboard::ui::DrawDashboard(session, ui);
    ImGui::Render();
    vertices += ImGui::GetDrawData()->TotalVtxCount;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / frames;
  std::printf("%-34s %8.3f ms/frame  %8ld vertices/frame\n", what, ms, vertices / frames);
  return ms;
}

// Wheel steps (alternately in and out, as the browser bench's) or drag steps over the
// overview's main chart, each frame followed by what the web platform does before WebGL: the
// frame's signature and its damage tiles. Prints each part's cost and the triangles the tiles
// had to group anew (the commands a step changed).
void RunZoom(const divboard::Session& session, DashboardUi& ui, int frames, bool drag, const char* what) {
  ImGuiIO& io = ImGui::GetIO();
  ui.view = divboard::ui::View::kOverview;
  for (int i = 0; i < 3; ++i) {
    ImGui::NewFrame();
    divboard::ui::DrawDashboard(session, ui);
    ImGui::Render();
  }
  const auto marks = divboard::ui::Marks();
  const auto panel = marks.find("panel:overview_main");
  if (panel == marks.end()) {
    std::fprintf(stderr, "dashboard_frame_bench: no overview_main panel\n");
    return;
  }
  const ImVec2 centre((panel->second.x + panel->second.z) / 2, (panel->second.y + panel->second.w) / 2);
  divboard::ui::DamageTiles tiles;
  // CPU time, not wall time: the machine this runs on is often shared.
  const auto cpu_ms = [] { return 1000.0 * static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  double draw_ms = 0, signature_ms = 0, tiles_ms = 0;
  long grouped = 0, triangles = 0, commands = 0;
  io.MousePos = centre;
  for (int i = -2; i < frames; ++i) {
    if (drag) {
      io.MouseDown[0] = true;
      io.MousePos = ImVec2(centre.x + 40 * std::sin(static_cast<float>(i) / 3), centre.y);
    } else {
      io.MouseWheel = i % 2 ? -1.0f : 1.0f;
    }
    const double t0 = cpu_ms();
    ImGui::NewFrame();
    divboard::ui::DrawDashboard(session, ui);
    ImGui::Render();
    io.MouseWheel = 0;
    const double t1 = cpu_ms();
    const ImDrawData& data = *ImGui::GetDrawData();
    const std::uint64_t signature = divboard::ui::DrawDataSignature(data, 1);
    const double t2 = cpu_ms();
    tiles.Build(data, 1440, 900, 1);
    (void)tiles.Damage();
    tiles.Commit();
    const double t3 = cpu_ms();
    if (i < 0 || signature == 0) continue;  // the first steps fill the tiles' cache
    draw_ms += t1 - t0;
    signature_ms += t2 - t1;
    tiles_ms += t3 - t2;
    grouped += tiles.grouped_triangles();
    triangles += data.TotalIdxCount / 3;
    for (int n = 0; n < data.CmdListsCount; ++n) commands += data.CmdLists[n]->CmdBuffer.Size;
  }
  io.MouseDown[0] = false;
  std::printf("%-34s %8.3f ms/frame  (signature %.3f, tiles %.3f); grouped %ld of %ld triangles, %ld commands/frame\n",
              what, draw_ms / frames, signature_ms / frames, tiles_ms / frames, grouped / frames, triangles / frames,
              commands / frames);
}

// The page's fonts, so the layout (and what a wheel step reaches) is the browser's: ImGui's
// own font is taller, which makes the overview scroll under the wheel instead of zooming.
std::vector<unsigned char> ReadFile(const char* path) {
  std::vector<unsigned char> bytes;
  if (std::FILE* f = std::fopen(path, "rb")) {
    unsigned char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) bytes.insert(bytes.end(), buffer, buffer + n);
    std::fclose(f);
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 200;
  ImGui::CreateContext();
  divboard::ui::EnableLargeMeshes();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1440, 900);
  io.DeltaTime = 1.0f / 60.0f;
  DashboardUi ui;
  divboard::ui::FontFiles fonts;
  fonts.regular = ReadFile("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
  fonts.bold = ReadFile("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf");
  divboard::ui::BuildFonts(fonts, std::string(), 1.0f, &ui.fonts);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  divboard::Session session;
  const auto files = divboard::GenerateSample(divboard::GenerateOptions{});
  if (!session.FinishLoading(files.front().name, files.front().bytes)) {
    std::fprintf(stderr, "dashboard_frame_bench: the generated snapshot did not load\n");
    return 1;
  }
  Run(session, ui, frames, false, "overview, idle");
  Run(session, ui, frames, true, "overview, hover");
  RunZoom(session, ui, frames, false, "overview, wheel zoom");
  RunZoom(session, ui, frames, true, "overview, drag");
  ui.overview_link = divboard::ui::ChartLink{};
  ui.view = divboard::ui::View::kGallery;
  Run(session, ui, frames, true, "gallery, hover");
  ui.gallery.show_large = true;
  Run(session, ui, frames, false, "gallery + 10M, idle");
  Run(session, ui, frames, true, "gallery + 10M, hover");
  {
    divboard::ui::ChartLink& link = ui.gallery.large.own_link;
    const double span = link.view.span();
    link.view.first += span * 0.3;  // zoomed in, so there is room to pan
    link.view.last -= span * 0.3;
  }
  Run(session, ui, frames, false, "gallery + 10M, pan", true);
  ImGui::DestroyContext();
  return 0;
}
