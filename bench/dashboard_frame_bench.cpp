// Whole dashboard frames, natively (no GPU): the default snapshot's overview and the gallery
// with its 10M-point series, the mouse sweeping over a chart as in the browser bench. What
// the page's frame costs before WebGL and the compositor, and a target for a profiler:
//   build/native/dashboard_frame_bench [frames]        (perf record works on it as it is)
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/generate.h"
#include "core/session.h"
#include "ui/dashboard.h"
#include "ui/draw_replay.h"

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

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::atoi(argv[1]) : 200;
  ImGui::CreateContext();
  ui::EnableLargeMeshes();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1440, 900);
  io.DeltaTime = 1.0f / 60.0f;
  DashboardUi ui;
  divboard::ui::BuildFonts(divboard::ui::FontFiles{}, std::string(), 1.0f, &ui.fonts);
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
