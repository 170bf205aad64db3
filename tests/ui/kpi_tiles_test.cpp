// KPI tiles keep their faces (text, change, sparkline) as geometry and replay it: a frame
// that replays must put out exactly what drawing the tiles afresh puts out, whatever input
// changed (values, labels, trend, unit, division, language, theme, fonts, layout, clip,
// comparison), and a hover, which changes only a tile's border, must replay the faces.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "ui/draw_layers.h"
#include "ui/draw_replay.h"
#include "ui/draw_signature.h"
#include "ui/kpi_tiles.h"
#include "triangles.h"

namespace divboard::ui {
namespace {

class TilesReplay : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 800);
    io.DeltaTime = 1.0f / 60.0f;
    Bake(1.0f);
    context_ = ChartContext{&GetPalette(Theme::kDark), &fonts_, Locale::kEn};
    const char* ids[] = {"dau", "dpu", "gmv", "orders", "ad_revenue"};
    for (int i = 0; i < 5; ++i) {
      KpiValue k;
      k.id = ids[i];
      k.label = Text{std::string("Metric ") + ids[i], std::string("指标")};
      k.unit = i == 2 ? Unit::kCurrency : Unit::kUsers;
      k.available = true;
      k.value = 1234567.0 * (i + 1);
      k.previous = k.value * 0.9;
      k.change = 0.05 * (i + 1) * (i % 2 == 0 ? 1 : -1);
      for (int d = 0; d < 60; ++d) k.trend.push_back(100 + 20 * std::sin(d * 0.3 + i) + (d == 17 ? NAN : 0));
      kpis_.push_back(k);
    }
  }
  void TearDown() override { ImGui::DestroyContext(); }

  void Bake(float scale) {
    BuildFonts(FontFiles{}, std::string(), scale, &fonts_);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }

  std::uint64_t Frame(DrawSegment* kept) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse_;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(window_pos_);
    ImGui::SetNextWindowSize(window_size_);
    ImGui::Begin("tiles", nullptr, ImGuiWindowFlags_NoDecoration);
    TileContext tiles{&context_, DayRange{100, 129}, comparison_, "trend", change_label_};
    tiles.kept = kept;
    DrawKpiTiles(kpis_, tiles);
    ImGui::End();
    ImGui::Render();
    return Triangles(*ImGui::GetDrawData());
  }

  Fonts fonts_;
  ChartContext context_{};
  std::vector<KpiValue> kpis_;
  DayRange comparison_{70, 99};
  const char* change_label_ = nullptr;
  ImVec2 mouse_{-FLT_MAX, -FLT_MAX};
  ImVec2 window_pos_{0, 0};
  ImVec2 window_size_{1400, 800};
};

TEST_F(TilesReplay, KeptFacesEqualPlainDrawingWhateverChanged) {
  struct Step {
    const char* what;
    std::function<void()> change;
    bool face_changes;  // false: the kept faces must be replayed
  };
  const Step steps[] = {
      {"first frame", [] {}, true},
      {"nothing", [] {}, false},
      {"hover over a tile", [&] { mouse_ = ImVec2(100, 60); }, false},
      {"hover elsewhere", [&] { mouse_ = ImVec2(700, 600); }, false},
      {"value", [&] { kpis_[0].value *= 1.5; }, true},
      {"label", [&] { kpis_[1].label.en = "Renamed metric"; }, true},
      {"change", [&] { kpis_[2].change = -kpis_[2].change; }, true},
      {"change not a number", [&] { kpis_[3].change = NAN; }, true},
      {"higher is better", [&] { kpis_[0].higher_is_better = false; }, true},
      {"unavailable", [&] { kpis_[4].available = false; }, true},
      {"trend in place", [&] { kpis_[0].trend[5] += 15; }, true},
      {"unit", [&] { kpis_[1].unit = Unit::kRatio; }, true},
      {"division", [&] { kpis_[2].id = "notes_published"; }, true},
      {"change label", [&] { change_label_ = "vs last year"; }, true},
      {"language", [&] { context_.locale = Locale::kZh; }, true},
      {"theme", [&] { context_.palette = &GetPalette(Theme::kLight); }, true},
      {"no comparison", [&] { comparison_ = DayRange{}; }, true},
      {"width", [&] { window_size_.x = 1100; }, true},
      {"position", [&] { window_pos_.y = 30; }, true},
      // The same fonts at the same scale in an atlas of another width: only the glyphs'
      // places in the texture change.
      {"fonts baked again", [&] { ImGui::GetIO().Fonts->TexDesiredWidth = 256; Bake(1.0f); }, true},
      {"fonts baked at another density", [&] { Bake(2.0f); }, true},
      {"font scale", [&] { ImGui::GetIO().FontGlobalScale = 0.4f; }, true},
      {"clipped by the window", [&] { window_size_.y = 120; }, true},
  };
  DrawSegment kept, plain;
  std::uint64_t previous_key = 0, previous_without = 0;
  int replays = 0;
  for (const Step& step : steps) {
    step.change();
    // Each drawn twice: ImGui shows a tooltip one frame after it first asks for it.
    Frame(&kept);
    const std::uint64_t with = Frame(&kept);
    ASSERT_TRUE(kept.valid) << step.what;
    SetSegmentKeeping(false);  // plain drawing: every vertex in the list
    Frame(&plain);
    const std::uint64_t without = Frame(&plain);
    SetSegmentKeeping(true);
    EXPECT_FALSE(plain.valid);
    EXPECT_EQ(with, without) << step.what;
    if (step.face_changes) {
      // Each step must change what is drawn, or it would test nothing.
      EXPECT_NE(without, previous_without) << step.what;
    } else {
      EXPECT_EQ(kept.key, previous_key) << step.what << ": the faces were drawn again";
      ++replays;
    }
    previous_key = kept.key;
    previous_without = without;
  }
  EXPECT_EQ(replays, 3);
}

// Without a place to keep them, tiles draw their faces into the list every frame.
TEST_F(TilesReplay, WithoutAKeptSegmentNothingIsReferenced) {
  Frame(nullptr);
  Frame(nullptr);
  const ImDrawData& data = *ImGui::GetDrawData();
  int references = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) references += ReferencedSegment(cmd) != nullptr ? 1 : 0;
  }
  EXPECT_EQ(references, 0);
  DrawSegment kept;
  Frame(&kept);
  const std::uint64_t referenced = Frame(&kept);
  EXPECT_TRUE(kept.valid);
  EXPECT_EQ(referenced, Frame(nullptr));
}

// A tile's hover border and tooltip are the hover layer's (draw_layers.h): the page's layer,
// which the web platform would otherwise present again, stays as it was.
TEST_F(TilesReplay, HoverChangesOnlyTheHoverLayer) {
  DrawSegment kept;
  const auto layers = [&] {
    Frame(&kept);
    Frame(&kept);
    DrawLayers split;
    split.Split(*ImGui::GetDrawData());
    return std::make_pair(DrawDataSignature(split.page(), 1), split.hover().CmdListsCount);
  };
  const auto away = layers();
  mouse_ = ImVec2(400, 60);  // the second tile: ImGui's navigation focuses the first
  const auto over = layers();
  EXPECT_EQ(away.second, 0);
  EXPECT_EQ(over.second, 2) << "the border and the tooltip";
  EXPECT_EQ(over.first, away.first) << "hovering a tile changed the page's layer";
}

}  // namespace
}  // namespace divboard::ui
