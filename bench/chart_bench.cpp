// Chart-frame benchmark: what a whole ImGui frame holding one 1600x700 line chart costs with
// 1K..10M points in view, natively and in the browser (the same file built with em++; see
// bench/run_browser_bench.mjs). scripts/bench.sh runs both and compares. In the browser each
// size runs twice, drawing every frame into a WebGL2 canvas with the app's renderer: the CPU
// path (M4 geometry through ImDrawList) and the GPU path (series levels resident in GL
// buffers, ui/resident_charts.h). Each frame is timed to GL submission and to a one-pixel
// read-back (the frame drawn), with the bytes it uploaded; a table at the end puts the two
// paths side by side.
//
// Three phases per size, each timed frame by frame (NewFrame .. Render):
//   idle   the mouse is outside the window;
//   hover  the mouse moves across the plot every frame, so the tooltip and crosshair run;
//   pan    the left button is held on the plot and the mouse moves, so the view is dragged.
// Output, one line per size (scripts/bench.sh parses the size label and the hover figure):
//   chart  10M points  idle 0.85 ms (p95 1.10)  hover 0.91 ms (p95 1.20)  pan 0.95 ms (p95 1.30)
//     vertices 25712  points 6383  vtx/px 16.9  pts/px 4.20  build 41.2 ms
// (all on one line). "vertices" (the whole chart: axes, labels, legend too), "series vtx/px"
// (one series' own geometry per pixel of plot width: the 4-per-pixel budget) and
// "points" are the most one frame emitted (ChartStats);
// "/px" divides them by the plot's width in pixels; "build" is the pyramid, built once.
// In the browser, "  cpu path" / "  gpu path" lines follow with the WebGL2 figures.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "bench_gpu.h"
#include "ui/draw_replay.h"
#include "ui/fonts.h"
#include "ui/theme.h"
#include "ui/time_chart.h"

namespace {

namespace ui = divboard::ui;
using Clock = std::chrono::steady_clock;

constexpr float kChartWidth = 1600;
constexpr float kChartHeight = 700;
// DrawTimeSeriesChart's margins without a right axis: 64 px for the value labels, 16 px on
// the right. The decimation budget is per column of this width, not of the chart box.
constexpr float kPlotWidth = kChartWidth - 64 - 16;
constexpr int kFramesPerPhase = 200;
// With a GPU every timed frame is also read back, and a SwiftShader read-back of a 1920x1080
// frame takes ~120 ms here: fewer frames keep the run to minutes.
constexpr int kFramesPerPhaseWithGpu = 30;
constexpr double kWarmUpMs = 200;
// The pan phase narrows the view to this share of the series: with the whole series in
// view, Pan() stops at the bounds and a drag would never move the view.
constexpr double kPanViewShare = 0.95;
constexpr float kPanStepPx = 3;    // mouse movement per pan frame
constexpr int kPanSwingFrames = 20;  // frames before the drag turns back (60 px, inside the 5% slack)

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// xorshift64*: the same series on every platform (std:: distributions are not portable).
struct Random {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  double Unit() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<double>((state * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
  }
};

// A random walk with occasional spikes and gaps of 1 to ~5000 points (about 2% missing), as
// in decimate_bench, so the chart pays for the gap handling a real metric series needs.
std::vector<double> MakeSeries(size_t count) {
  std::vector<double> values(count);
  Random random;
  double level = 1000;
  for (size_t i = 0; i < count; ++i) {
    level += random.Unit() * 2 - 1;
    values[i] = random.Unit() < 1e-4 ? level * 3 : level;
    if (random.Unit() < 1e-5) {
      const size_t gap = 1 + static_cast<size_t>(random.Unit() * 5000);
      for (size_t end = std::min(count, i + gap); i < end; ++i) {
        values[i] = std::numeric_limits<double>::quiet_NaN();
      }
    }
  }
  return values;
}

enum class Phase { kIdle, kHover, kPan };

struct Timing {
  double median_ms = 0;
  double p95_ms = 0;
};

// One phase on one path: ImGui alone (NewFrame .. Render, the figure compared with native),
// plus GL submission (the JS/wasm time of a frame: WebGL calls queued, not waited for), plus
// a one-pixel read-back (the frame actually drawn: with SwiftShader, CPU rasterisation too).
struct PhaseTimes {
  Timing imgui, submit, finish;
  double bytes = 0;  // median bytes uploaded per frame
};

// The side-by-side table printed at the end of a browser run.
struct PathRow {
  std::string label;
  PhaseTimes idle[2], hover[2], pan[2];  // [0] CPU path, [1] GPU path
  double upload_ms = 0, upload_bytes = 0, first_frame_ms = 0;
  size_t vertices[2] = {0, 0};
};

Timing Summarise(std::vector<double> frame_ms) {
  Timing timing;
  if (frame_ms.empty()) return timing;
  std::sort(frame_ms.begin(), frame_ms.end());
  const size_t n = frame_ms.size();
  timing.median_ms = n % 2 == 1 ? frame_ms[n / 2] : (frame_ms[n / 2 - 1] + frame_ms[n / 2]) / 2;
  const size_t p95 = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(n)));
  timing.p95_ms = frame_ms[std::max<size_t>(p95, 1) - 1];
  return timing;
}

class ChartBench {
 public:
  ChartBench() {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    ui::BuildFonts(font_files_, std::string(), 1.0f, &fonts_);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas, as a renderer would
    context_ = ui::ChartContext{&ui::GetPalette(ui::Theme::kDark), &fonts_, divboard::Locale::kEn};
    // The window is at (0, 0), so its content (and the chart) starts at the padding.
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    plot_left_ = padding.x + 64;
    plot_mid_y_ = padding.y + kChartHeight / 2;
  }
  ~ChartBench() { ImGui::DestroyContext(); }
  // After construction (the GPU needs ImGui's font atlas); null or unavailable: CPU only.
  void SetGpu(divboard::bench::BenchGpu* gpu) {
    gpu_ = gpu != nullptr && gpu->Available() ? gpu : nullptr;
    frames_per_phase_ = gpu_ != nullptr ? kFramesPerPhaseWithGpu : kFramesPerPhase;
  }
  int frames_per_phase() const { return frames_per_phase_; }
  const std::vector<PathRow>& rows() const { return rows_; }
  ChartBench(const ChartBench&) = delete;
  ChartBench& operator=(const ChartBench&) = delete;

  void Run(size_t count, const char* label) {
    const std::vector<double> values = MakeSeries(count);
    ui::PyramidCache pyramids;
    const Clock::time_point build_start = Clock::now();
    const divboard::SeriesPyramid* pyramid = pyramids.Get(values.data(), values.size());
    const double build_ms = MillisecondsSince(build_start);

    ui::ChartSeries series;
    series.label = "random walk";
    series.color = context_.palette->series[0];
    series.values = values.data();
    series.count = values.size();
    series.pyramid = pyramid;
    series_ = {series};
    options_ = ui::ChartOptions();
    options_.kind = ui::ChartKind::kLine;
    options_.bounds = divboard::ViewRange{0, static_cast<double>(count - 1)};

    PathRow row;
    row.label = label;
    for (int path = 0; path < (gpu_ != nullptr ? 2 : 1); ++path) {
      const bool resident = path == 1;
      if (gpu_ != nullptr) gpu_->UseResident(resident);
      state_ = ui::ChartState();
      if (resident) {
        // The first frame makes the series resident: level building and upload, measured alone.
        const Clock::time_point first = Clock::now();
        Frame(Phase::kIdle, 0);
        row.first_frame_ms = MillisecondsSince(first);
        row.upload_ms = gpu_->ResidentUploadMs();
        row.upload_bytes = gpu_->ResidentBytes();
      }
      WarmUp();
      const PhaseTimes idle = TimePhase(Phase::kIdle);
      const PhaseTimes hover = TimePhase(Phase::kHover);
      const int hover_hovered = hovered_frames_;
      const PhaseTimes pan = TimePhase(Phase::kPan);
      const bool pan_moved = pan_moved_;
      ReleaseMouse();
      row.idle[path] = idle;
      row.hover[path] = hover;
      row.pan[path] = pan;
      row.vertices[path] = max_vertices_;

      if (!resident) {
        std::printf("chart %4s points  idle %5.2f ms (p95 %5.2f)  hover %5.2f ms (p95 %5.2f)  "
                    "pan %5.2f ms (p95 %5.2f)  vertices %6zu  points %5zu  vtx/px %5.1f  series vtx/px %4.2f  pts/px %4.2f  "
                    "build %7.1f ms\n",
                    label, idle.imgui.median_ms, idle.imgui.p95_ms, hover.imgui.median_ms, hover.imgui.p95_ms,
                    pan.imgui.median_ms, pan.imgui.p95_ms, max_vertices_, max_points_,
                    static_cast<double>(max_vertices_) / kPlotWidth,
                    static_cast<double>(max_series_vertices_) / kPlotWidth, static_cast<double>(max_points_) / kPlotWidth,
                    build_ms);
      }
      if (gpu_ != nullptr) {
        std::printf("  %s path %4s  wasm+GL idle %5.2f hover %5.2f pan %5.2f ms  +readback idle %5.2f hover %5.2f pan %5.2f ms  "
                    "uploaded/frame %7.1f KB  vertices %6zu\n",
                    resident ? "gpu" : "cpu", label, idle.submit.median_ms, hover.submit.median_ms, pan.submit.median_ms,
                    idle.finish.median_ms, hover.finish.median_ms, pan.finish.median_ms, hover.bytes / 1024, max_vertices_);
      }
      if (resident) {
        std::printf("  gpu path %4s  first frame %7.1f ms, of which levels + upload %7.1f ms, %7.2f MB resident\n", label,
                    row.first_frame_ms, row.upload_ms, row.upload_bytes / (1024 * 1024));
      }
      // A benchmark that silently measured the wrong path would mislead: say so.
      if (hover_hovered != frames_per_phase_) {
        std::printf("  warning: the chart reported hover in %d of %d hover frames\n", hover_hovered, frames_per_phase_);
      }
      if (!pan_moved) std::printf("  warning: the pan phase did not move the view\n");
      std::fflush(stdout);
    }
    rows_.push_back(row);
  }

 private:
  // Under a browser the first frames run baseline code while the optimised tier compiles in
  // the background; every phase's input path runs here so none is measured cold. Whole
  // cycles only: ImGui keeps focus state across frames (the first click moves keyboard focus
  // off the legend, whose focus ring is 32 vertices), so every run must end warm-up alike.
  void WarmUp() {
    const Clock::time_point warm_start = Clock::now();
    do {
      for (Phase phase : {Phase::kIdle, Phase::kHover, Phase::kPan}) {
        // Not drawn with GL: a frame costs SwiftShader ~100 ms to rasterise, so thousands of
        // queued warm-up frames would take minutes to drain.
        for (int frame = 0; frame < kPanSwingFrames * 2; ++frame) Frame(phase, frame, Gl::kNone);
        Frame(Phase::kIdle, 0, Gl::kNone);
      }
    } while (MillisecondsSince(warm_start) < kWarmUpMs);
    state_ = ui::ChartState();  // warm-up's drags must not leave the view elsewhere
    max_vertices_ = 0;
    max_series_vertices_ = 0;
    max_points_ = 0;
    hovered_frames_ = 0;
  }

  PhaseTimes TimePhase(Phase phase) {
    if (phase == Phase::kPan) {
      // Centre a narrower view, then press in an untimed frame: the click is not a pan frame.
      // The mouse leaves first so the press lands with no movement and the drag starts centred.
      ReleaseMouse();
      const double span = options_.bounds.span() * kPanViewShare;
      const double first = options_.bounds.first + (options_.bounds.span() - span) / 2;
      state_.own_link.view = divboard::ViewRange{first, first + span};
      state_.own_link.valid = true;
      Frame(Phase::kPan, 0);
      pan_start_ = state_.own_link.view;
      pan_moved_ = false;
    }
    if (gpu_ != nullptr) gpu_->Finish();  // untimed frames before this one are drawn first
    std::vector<double> imgui_ms, submit_ms, finish_ms, bytes;
    for (int frame = 0; frame < frames_per_phase_; ++frame) {
      Frame(phase, phase == Phase::kPan ? frame + 1 : frame);
      imgui_ms.push_back(last_.imgui_ms);
      submit_ms.push_back(last_.submit_ms);
      finish_ms.push_back(last_.finish_ms);
      bytes.push_back(last_.bytes);
    }
    if (phase == Phase::kPan) {
      const divboard::ViewRange end = state_.own_link.view;
      pan_moved_ = pan_moved_ || end.first != pan_start_.first;
    }
    PhaseTimes times;
    times.imgui = Summarise(std::move(imgui_ms));
    times.submit = Summarise(std::move(submit_ms));
    times.finish = Summarise(std::move(finish_ms));
    times.bytes = Summarise(std::move(bytes)).median_ms;
    return times;
  }

  // One whole frame; `frame` counts from the start of the phase and places the mouse.
  // How much of the GL work a frame does (nothing without a GPU).
  enum class Gl { kNone, kSubmit, kFinish };

  void Frame(Phase phase, int frame, Gl gl = Gl::kFinish) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60.0f;
    switch (phase) {
      case Phase::kIdle:
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MouseDown[0] = false;
        break;
      case Phase::kHover: {
        // 7 px steps wrapping across the plot: every frame hovers a different column.
        const float usable = kPlotWidth - 20;
        const float offset = std::fmod(static_cast<float>(frame) * 7.0f, usable);
        io.MousePos = ImVec2(plot_left_ + 10 + offset, plot_mid_y_);
        io.MouseDown[0] = false;
        break;
      }
      case Phase::kPan: {
        // A zig-zag around the plot's centre: right for kPanSwingFrames frames, then back.
        const int cycle = frame % (2 * kPanSwingFrames);
        const int steps = cycle <= kPanSwingFrames ? cycle : 2 * kPanSwingFrames - cycle;
        io.MousePos = ImVec2(plot_left_ + kPlotWidth / 2 + kPanStepPx * static_cast<float>(steps), plot_mid_y_);
        io.MouseDown[0] = true;
        break;
      }
    }
    const Clock::time_point start = Clock::now();
    if (gpu_ != nullptr) gpu_->BeginFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("chart bench", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    const ui::ChartStats stats =
        ui::DrawTimeSeriesChart("chart", series_, options_, state_, context_, ImVec2(kChartWidth, kChartHeight));
    ImGui::End();
    ImGui::Render();
    last_.imgui_ms = MillisecondsSince(start);
    last_.submit_ms = last_.finish_ms = last_.imgui_ms;
    last_.bytes = 0;
    if (gpu_ != nullptr && gl != Gl::kNone) {
      gpu_->Submit();
      last_.submit_ms = MillisecondsSince(start);
      last_.bytes = gpu_->FrameUploadBytes();
      if (gl == Gl::kFinish) gpu_->Finish();
      last_.finish_ms = MillisecondsSince(start);
    }
    max_vertices_ = std::max(max_vertices_, stats.vertices);
    max_series_vertices_ = std::max(max_series_vertices_, stats.series_vertices);
    max_points_ = std::max(max_points_, stats.points_drawn);
    if (phase == Phase::kHover && stats.hovered) ++hovered_frames_;
    if (phase == Phase::kPan && state_.own_link.view.first != pan_start_.first) pan_moved_ = true;
  }

  // An untimed frame with the button up, so the next phase starts without a drag in progress.
  void ReleaseMouse() { Frame(Phase::kIdle, 0, Gl::kSubmit); }

  struct FrameTimes {
    double imgui_ms = 0, submit_ms = 0, finish_ms = 0, bytes = 0;
  };
  FrameTimes last_;
  divboard::bench::BenchGpu* gpu_ = nullptr;
  int frames_per_phase_ = kFramesPerPhase;
  std::vector<PathRow> rows_;
  ui::FontFiles font_files_;  // empty: ImGui's built-in font, as in the headless tests
  ui::Fonts fonts_;
  ui::ChartContext context_{};
  float plot_left_ = 0;
  float plot_mid_y_ = 0;
  std::vector<ui::ChartSeries> series_;
  ui::ChartOptions options_;
  ui::ChartState state_;
  size_t max_vertices_ = 0;
  size_t max_series_vertices_ = 0;
  size_t max_points_ = 0;
  int hovered_frames_ = 0;
  divboard::ViewRange pan_start_;
  bool pan_moved_ = false;
};

// The browser's paths side by side: per size, the hover frame's JS/wasm time (GL calls
// queued) and the same frame waited for with a read-back, bytes uploaded per hover frame, and
// what making the series resident cost once.
void PrintSideBySide(const std::vector<PathRow>& rows) {
  std::printf("\nCPU path vs GPU path (resident series), hover frames, median; idle and pan above\n");
  std::printf("  %-5s %21s %21s %23s %18s\n", "size", "wasm+GL ms cpu/gpu", "+readback ms cpu/gpu",
              "uploaded/frame KB c/g", "gpu first upload");
  for (const PathRow& r : rows) {
    std::printf("  %-5s %10.2f %10.2f %10.2f %10.2f %11.1f %11.1f %8.1f ms %5.1f MB\n", r.label.c_str(),
                r.hover[0].submit.median_ms, r.hover[1].submit.median_ms, r.hover[0].finish.median_ms,
                r.hover[1].finish.median_ms, r.hover[0].bytes / 1024, r.hover[1].bytes / 1024, r.upload_ms,
                r.upload_bytes / (1024 * 1024));
  }
  std::printf("  (headless Chromium draws WebGL with SwiftShader, on the CPU: the +readback figures include\n"
              "   rasterisation that a real GPU would do in parallel; wasm+GL and bytes do not depend on it)\n");
}

}  // namespace

int main() {
  ChartBench bench;
  const std::unique_ptr<divboard::bench::BenchGpu> gpu = divboard::bench::MakeBenchGpu();
  bench.SetGpu(gpu.get());
  std::printf("chart bench: %.0fx%.0f line chart, one series, plot %.0f px wide, %d frames per phase, "
              "pan view %.0f%% of the series%s\n",
              static_cast<double>(kChartWidth), static_cast<double>(kChartHeight), static_cast<double>(kPlotWidth),
              bench.frames_per_phase(), kPanViewShare * 100, gpu->Available() ? ", CPU and GPU paths drawn with WebGL2" : "");
  std::fflush(stdout);
  bench.Run(1000, "1K");
  bench.Run(10000, "10K");
  bench.Run(100000, "100K");
  bench.Run(1000000, "1M");
  bench.Run(10000000, "10M");
  if (gpu->Available()) PrintSideBySide(bench.rows());
  std::printf("chart bench done\n");
  std::fflush(stdout);
  return 0;
}
