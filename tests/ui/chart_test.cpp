// Every chart kind, headless, over hostile data: empty, one point, all missing, NaN and
// infinities, constant, and 10 million points, for hundreds of frames with the mouse
// hovering, wheeling, dragging and box-selecting. Nothing may crash or assert, and the
// geometry budget of decimation must hold.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "ui/bar_chart.h"
#include "ui/draw_replay.h"
#include "ui/scatter_chart.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

class ChartFrames : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 900);
    io.DeltaTime = 1.0f / 60.0f;
    BuildFonts(FontFiles{}, std::string(), 1.0f, &fonts_);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    context_ = ChartContext{&GetPalette(Theme::kDark), &fonts_, Locale::kEn};
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Frame i moves the mouse along a path through the plot, wheels, drags and box-selects.
  template <typename Draw>
  void Run(int frames, Draw draw) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < frames; ++i) {
      const float t = static_cast<float>(i % 100) / 100.0f;
      io.MousePos = ImVec2(40 + 1500 * t, 60 + 700 * std::fabs(std::sin(static_cast<float>(i) * 0.1f)));
      io.MouseWheel = i % 9 == 0 ? (i % 18 == 0 ? 1.0f : -1.0f) : 0.0f;
      io.MouseDown[0] = (i / 10) % 3 == 1;
      io.MouseDown[1] = (i / 25) % 4 == 2;
      io.KeyShift = (i / 50) % 2 == 1;
      if (i % 37 == 0) io.AddInputCharacter(i % 74 == 0 ? '+' : '0');
      ImGui::NewFrame();
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(io.DisplaySize);
      ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration);
      draw();
      ImGui::End();
      ImGui::Render();
    }
  }

  Fonts fonts_;
  ChartContext context_{};
};

std::vector<std::vector<double>> HostileSeries() {
  std::vector<double> mixed(500);
  for (size_t i = 0; i < mixed.size(); ++i) mixed[i] = static_cast<double>(i % 50);
  mixed[10] = kNaN;
  mixed[11] = kInf;
  mixed[12] = -kInf;
  mixed[13] = 1e308;
  mixed[14] = -1e308;
  return {{}, {42}, std::vector<double>(300, kNaN), std::vector<double>(300, 7.0), mixed};
}

TEST_F(ChartFrames, EveryKindSurvivesHostileSeries) {
  const ChartKind kinds[] = {ChartKind::kLine, ChartKind::kArea, ChartKind::kStackedArea, ChartKind::kBar,
                             ChartKind::kStackedBar};
  for (const auto& values : HostileSeries()) {
    PyramidCache pyramids;
    for (ChartKind kind : kinds) {
      for (bool indexed : {false, true}) {
        ChartState state;
        std::vector<ChartSeries> series(2);
        for (int k = 0; k < 2; ++k) {
          ChartSeries& s = series[static_cast<size_t>(k)];
          s.label = "series " + std::to_string(k);
          s.color = IM_COL32(200, 100, 50, 255);
          s.axis = k;
          s.start = 19000;
          s.values = values.data();
          s.count = values.size();
          s.comparison = values.data();
          s.comparison_label = "itself";
          s.pyramid = pyramids.Get(values.data(), values.size());
        }
        ChartOptions options;
        options.kind = kind;
        options.indexed = indexed;
        options.bounds = ViewRange{19000, 19000 + std::max<double>(0, static_cast<double>(values.size()) - 1)};
        Run(120, [&] { DrawTimeSeriesChart("chart", series, options, state, context_, ImVec2(1500, 700)); });
        EXPECT_LE(state.active()->view.first, state.active()->view.last);
      }
    }
  }
}

// A 10M-point series: vertices per series stay within the M4 budget at every zoom level.
TEST_F(ChartFrames, TenMillionPointsStayWithinTheDecimationBudget) {
  std::vector<double> values(10000000);
  double level = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    level += std::sin(static_cast<double>(i) * 0.001) + static_cast<double>((i * 2654435761u) % 1000) / 1000.0 - 0.5;
    values[i] = (i / 1000000) == 3 ? kNaN : level;
  }
  PyramidCache pyramids;
  ChartSeries s;
  s.label = "big";
  s.color = IM_COL32(80, 160, 220, 255);
  s.values = values.data();
  s.count = values.size();
  s.pyramid = pyramids.Get(s.values, s.count);
  ChartState state;
  ChartOptions options;
  options.bounds = ViewRange{0, static_cast<double>(values.size() - 1)};
  options.min_span = 10;
  size_t max_points = 0, max_vertices = 0;
  const float plot_width = 1500 - 64 - 16;  // the chart's margins, no right axis
  Run(300, [&] {
    const ChartStats stats = DrawTimeSeriesChart("big", {s}, options, state, context_, ImVec2(1500, 700));
    max_points = std::max(max_points, stats.points_drawn);
    max_vertices = std::max(max_vertices, stats.series_vertices);
  });
  EXPECT_GT(max_points, 100u);
  // M4: at most 4 points per pixel column, plus a gap marker per column.
  EXPECT_LE(max_points, static_cast<size_t>(5 * plot_width));
  // The budget: a series never emits more than 4 vertices per pixel of plot width.
  EXPECT_GT(max_vertices, 100u);
  EXPECT_LE(max_vertices, static_cast<size_t>(4 * plot_width));
}

// Series with their own days are never decimated: every visible point reaches ImGui's
// AddPolyline, whose anti-aliased path takes 40 bytes a point from the stack. 300K points in
// one run would need 12 MB (over a native 8 MB stack, and the web build's is far smaller);
// drawn in bounded pieces the whole line is still there.
TEST_F(ChartFrames, LongUnsummarisedRunsDoNotGrowTheStack) {
  const size_t n = 300000;
  std::vector<double> days(n), values(n);
  for (size_t i = 0; i < n; ++i) {
    days[i] = static_cast<double>(i);
    values[i] = std::sin(static_cast<double>(i) * 0.01) * 100;
  }
  ChartSeries s;
  s.label = "long";
  s.color = IM_COL32(80, 160, 220, 255);
  s.x = days.data();
  s.values = values.data();
  s.count = n;
  ChartState state;
  ChartOptions options;
  options.bounds = ViewRange{0, static_cast<double>(n - 1)};
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ChartStats stats;
  for (int frame = 0; frame < 2; ++frame) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration);
    stats = DrawTimeSeriesChart("long", {s}, options, state, context_, ImVec2(1500, 700));
    ImGui::End();
    ImGui::Render();
  }
  EXPECT_EQ(stats.points_drawn, n);
  // An anti-aliased polyline of a whole-pixel width emits 2 vertices a point: every point
  // was drawn.
  EXPECT_GE(stats.series_vertices, 2 * n);
}

TEST_F(ChartFrames, ScatterAndBarsSurviveHostileData) {
  std::vector<double> x = {1, 10, kNaN, kInf, -5, 0, 1e9, 100};
  std::vector<double> y = {5, kNaN, 3, 4, 5, 6, 7, 0};
  std::vector<std::string> names(x.size(), "host");
  for (bool log : {false, true}) {
    for (size_t count : {size_t{0}, size_t{1}, x.size()}) {
      ScatterData data;
      data.x = x.data();
      data.y = y.data();
      data.size = y.data();
      data.count = count;
      data.names = names.data();
      data.log_x = data.log_y = log;
      Run(60, [&] {
        int clicked = -1;
        DrawScatterChart("scatter", data, context_, ImVec2(1500, 700), &clicked);
      });
    }
  }
  BarData bars;
  bars.categories = {"a", "b", "c"};
  bars.layers = {"x", "y"};
  bars.layer_colors = {IM_COL32(1, 2, 3, 255), IM_COL32(4, 5, 6, 255)};
  bars.values = {{1, kNaN, -3}, {kInf, 0, 2}};
  Run(60, [&] {
    BarHit clicked;
    DrawBarChart("bars", bars, context_, ImVec2(1500, 700), &clicked);
  });
  BarData empty;
  Run(10, [&] {
    BarHit clicked;
    DrawBarChart("empty", empty, context_, ImVec2(1500, 700), &clicked);
  });
}

// A drag pans the view; the day under the cursor moves with the data, so the tooltip (a
// window of its own) is not shown while dragging, and comes back on release.
TEST_F(ChartFrames, TooltipHidesWhileDraggingToPan) {
  std::vector<double> values(400);
  for (size_t i = 0; i < values.size(); ++i) values[i] = 100 + static_cast<double>(i % 40);
  ChartSeries s;
  s.label = "a";
  s.values = values.data();
  s.count = values.size();
  const std::vector<ChartSeries> series = {s};
  ChartOptions options;
  options.bounds = ViewRange{0, 399};
  ChartState state;
  state.own_link.view = ViewRange{100, 200};
  state.own_link.valid = true;
  ImGuiIO& io = ImGui::GetIO();
  ChartStats stats;
  auto frame = [&](ImVec2 mouse, bool down) {
    io.MousePos = mouse;
    io.MouseDown[0] = down;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration);
    stats = DrawTimeSeriesChart("chart", series, options, state, context_, ImVec2(1500, 700));
    ImGui::End();
    ImGui::Render();
  };
  const auto tooltip_shown = [] {
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) {
      if (std::string(data.CmdLists[n]->_OwnerName).rfind("##Tooltip", 0) == 0) return true;
    }
    return false;
  };
  // A tooltip window is laid out unseen in the frame it first appears.
  for (int i = 0; i < 3; ++i) frame(ImVec2(700, 400), false);
  EXPECT_TRUE(stats.hovered);
  EXPECT_TRUE(tooltip_shown());
  frame(ImVec2(700, 400), true);  // pressed, not yet dragged: still shown
  EXPECT_TRUE(tooltip_shown());
  const double first = state.own_link.view.first;
  for (int i = 1; i <= 5; ++i) frame(ImVec2(700.0f + 20.0f * static_cast<float>(i), 400), true);
  EXPECT_LT(state.own_link.view.first, first);  // dragged right: earlier days come into view
  EXPECT_FALSE(stats.hovered);
  EXPECT_FALSE(tooltip_shown());
  for (int i = 0; i < 3; ++i) frame(ImVec2(800, 400), false);
  EXPECT_TRUE(stats.hovered);
  EXPECT_TRUE(tooltip_shown());
}

// In a window taller than the screen (the gallery), the wheel over a chart zooms the chart
// and leaves the window where it is; over the window's margin it scrolls as before.
TEST_F(ChartFrames, WheelOverAChartZoomsWithoutScrollingItsWindow) {
  std::vector<double> values(400);
  for (size_t i = 0; i < values.size(); ++i) values[i] = 100 + static_cast<double>(i % 40);
  ChartSeries s;
  s.label = "a";
  s.values = values.data();
  s.count = values.size();
  const std::vector<ChartSeries> series = {s};
  ChartOptions options;
  options.bounds = ViewRange{0, 399};
  ChartState state;
  ImGuiIO& io = ImGui::GetIO();
  float scroll = 0;
  auto frame = [&](ImVec2 mouse, float wheel) {
    io.MousePos = mouse;
    io.MouseWheel = wheel;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("tall", nullptr, ImGuiWindowFlags_NoTitleBar);
    ImGui::Dummy(ImVec2(10, 100));
    DrawTimeSeriesChart("chart", series, options, state, context_, ImVec2(1400, 600));
    ImGui::Dummy(ImVec2(10, 1500));  // the rest of a tall view
    scroll = ImGui::GetScrollY();
    ImGui::End();
    ImGui::Render();
  };
  state.own_link.view = ViewRange{100, 200};  // zoomed in, so a wheel step down zooms out
  state.own_link.valid = true;
  const ImVec2 over_chart(700, 400), over_margin(1590, 400);
  for (int i = 0; i < 3; ++i) frame(over_chart, 0);
  frame(over_chart, -1);
  frame(over_chart, 0);
  EXPECT_GT(state.own_link.view.span(), 100.0);
  EXPECT_EQ(scroll, 0.0f);
  frame(over_margin, 0);  // ImGui routes the wheel by what was hovered the frame before
  frame(over_margin, -1);
  frame(over_margin, 0);
  EXPECT_GT(scroll, 0.0f);
}

}  // namespace
}  // namespace divboard::ui
