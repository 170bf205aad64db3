// The time chart's side of the GPU path, without a GPU: a stand-in ResidentCharts records
// what the chart asks for. Plain lines of uniform series are offered with a mapping that puts
// the view's ends on the plot's edges and values inside it; filled charts are never offered;
// a renderer that declines gets the CPU geometry.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "ui/draw_replay.h"
#include "ui/resident_charts.h"
#include "ui/time_chart.h"

namespace divboard::ui {
namespace {

class Recorder : public ResidentCharts {
 public:
  bool accept = true;
  std::vector<ResidentLine> lines;
  bool DrawLine(ImDrawList*, const ResidentLine& line) override {
    lines.push_back(line);
    return accept;
  }
  bool DrawHeatMap(ImDrawList*, const ResidentHeatMap&) override { return accept; }
};

class ResidentChart : public ::testing::Test {
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
    values_.resize(100000);
    for (size_t i = 0; i < values_.size(); ++i) values_[i] = 1000 + 100 * std::sin(static_cast<double>(i) * 1e-3);
    SetResidentCharts(&recorder_);
  }
  void TearDown() override {
    SetResidentCharts(nullptr);
    ImGui::DestroyContext();
  }

  ChartStats Frame(ChartKind kind) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration);
    ChartSeries s;
    s.label = "wave";
    s.color = IM_COL32(80, 160, 220, 255);
    s.start = 19000;
    s.values = values_.data();
    s.count = values_.size();
    s.pyramid = pyramids_.Get(s.values, s.count);
    ChartOptions options;
    options.kind = kind;
    options.bounds = ViewRange{19000, 19000 + static_cast<double>(values_.size() - 1)};
    const ChartStats stats = DrawTimeSeriesChart("chart", {s}, options, state_, context_, ImVec2(1500, 700));
    ImGui::End();
    ImGui::Render();
    return stats;
  }

  Fonts fonts_;
  ChartContext context_{};
  std::vector<double> values_;
  PyramidCache pyramids_;
  ChartState state_;
  Recorder recorder_;
};

TEST_F(ResidentChart, PlainLinesAreOfferedWithTheChartsMapping) {
  const ChartStats stats = Frame(ChartKind::kLine);
  ASSERT_EQ(recorder_.lines.size(), 1u);
  const ResidentLine& line = recorder_.lines.front();
  EXPECT_EQ(line.values, values_.data());
  EXPECT_EQ(line.count, values_.size());
  EXPECT_DOUBLE_EQ(line.first, 0);
  EXPECT_DOUBLE_EQ(line.last, static_cast<double>(values_.size() - 1));
  // The view's ends land on the plot's edges: 64 px of axis labels, 16 px on the right.
  const double left = line.x_origin;
  const double right = line.x_origin + (line.last - line.first) * line.px_per_index;
  const double padding = ImGui::GetStyle().WindowPadding.x;
  EXPECT_NEAR(left, padding + 64, 0.5);
  EXPECT_NEAR(right, padding + 1500 - 16, 0.5);
  // Values inside the plot, larger values higher up.
  const double top = line.y_offset + 1100 * line.y_per_value;
  const double bottom = line.y_offset + 900 * line.y_per_value;
  EXPECT_LT(top, bottom);
  EXPECT_GT(top, 0);
  EXPECT_LT(bottom, 700);
  EXPECT_EQ(stats.series_vertices, 0u);  // no CPU geometry for the series
}

TEST_F(ResidentChart, FilledChartsStayOnTheCpu) {
  Frame(ChartKind::kArea);
  Frame(ChartKind::kStackedArea);
  EXPECT_TRUE(recorder_.lines.empty());
}

TEST_F(ResidentChart, ADecliningRendererGetsTheCpuGeometry) {
  recorder_.accept = false;
  const ChartStats stats = Frame(ChartKind::kLine);
  EXPECT_EQ(recorder_.lines.size(), 1u);
  EXPECT_GT(stats.series_vertices, 1000u);  // M4 column spans over ~1400 px
}

}  // namespace
}  // namespace divboard::ui
