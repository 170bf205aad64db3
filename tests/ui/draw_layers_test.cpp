// The frame's lists in two layers (ui/draw_layers.h): the web platform draws the hover layer on
// a canvas of its own, so the page's layer must not change when only a hover does, the hover
// layer must hold the marks under the tooltips, and one canvas drawing both must draw them in
// that order.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cfloat>
#include <map>
#include <utility>
#include <string>

#include "core/generate.h"
#include "core/session.h"
#include "ui/automation.h"
#include "ui/dashboard.h"
#include "ui/draw_layers.h"
#include "ui/draw_signature.h"

namespace divboard::ui {
namespace {

class Layers : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 700);
    io.DeltaTime = 1.0f / 60.0f;
    BuildFonts(FontFiles{}, std::string(), 1.0f, &fonts_);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // A window with a child, and optionally a tooltip and a mark drawn from the window's list
  // while a clip rectangle narrower than the window is pushed.
  void Frame(bool hover, ImVec2 mouse = ImVec2(300, 200)) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(600, 400));
    ImGui::Begin("page", nullptr, ImGuiWindowFlags_NoDecoration);
    page_window_ = ImGui::GetCurrentWindow()->DrawList;
    ImGui::TextUnformatted("DAU 1,234");
    ImGui::BeginChild("child", ImVec2(200, 100), true);
    ImGui::TextUnformatted("inside");
    ImGui::EndChild();
    if (hover) {
      ImDrawList* draw = ImGui::GetWindowDrawList();
      draw->PushClipRect(ImVec2(100, 50), ImVec2(500, 350));
      ImDrawList* marks = BeginHoverMarks(*draw);
      marks->AddLine(ImVec2(mouse.x, 0), ImVec2(mouse.x, 700), IM_COL32(255, 255, 255, 255));  // clipped to 50..350
      ImGui::BeginTooltip();
      tooltip_ = ImGui::GetCurrentWindow();
      ImGui::TextUnformatted("2025-08-25 Mon");
      ImGui::EndTooltip();
      EndHoverMarks();
      draw->PopClipRect();
    }
    ImGui::End();
    ImGui::Render();
    layers_.Split(*ImGui::GetDrawData());
  }

  Fonts fonts_;
  DrawLayers layers_;
  ImDrawList* page_window_ = nullptr;
  ImGuiWindow* tooltip_ = nullptr;
};

TEST_F(Layers, HoverLayerHoldsMarksThenTooltipsAndNothingElse) {
  Frame(true);
  Frame(true);  // a new tooltip measures itself hidden in its first frame
  const ImDrawData& frame = *ImGui::GetDrawData();
  const ImDrawData& page = layers_.page();
  const ImDrawData& hover = layers_.hover();
  const ImDrawData& all = layers_.all();
  ASSERT_EQ(hover.CmdListsCount, 2);
  EXPECT_EQ(hover.CmdLists[0], ImGui::GetForegroundDrawList()) << "the marks go under the tooltip";
  EXPECT_EQ(hover.CmdLists[1], tooltip_->DrawList);
  EXPECT_EQ(page.CmdListsCount + hover.CmdListsCount, frame.CmdListsCount);
  EXPECT_EQ(page.CmdLists[0], page_window_);
  EXPECT_GE(page.CmdListsCount, 2) << "the child window stays on the page";
  for (int n = 0; n < page.CmdListsCount; ++n) {
    EXPECT_NE(page.CmdLists[n], tooltip_->DrawList);
    EXPECT_NE(page.CmdLists[n], ImGui::GetForegroundDrawList());
  }
  ASSERT_EQ(all.CmdListsCount, frame.CmdListsCount);
  for (int n = 0; n < all.CmdListsCount; ++n) {
    EXPECT_EQ(all.CmdLists[n], n < page.CmdListsCount ? page.CmdLists[n] : hover.CmdLists[n - page.CmdListsCount]);
  }
  EXPECT_EQ(page.TotalVtxCount + hover.TotalVtxCount, frame.TotalVtxCount);
  EXPECT_EQ(page.TotalIdxCount + hover.TotalIdxCount, frame.TotalIdxCount);
  EXPECT_EQ(all.TotalVtxCount, frame.TotalVtxCount);
  EXPECT_EQ(hover.DisplaySize.x, frame.DisplaySize.x);
}

TEST_F(Layers, NoHoverNoHoverLayer) {
  Frame(false);
  EXPECT_EQ(layers_.hover().CmdListsCount, 0);
  EXPECT_EQ(layers_.page().CmdListsCount, ImGui::GetDrawData()->CmdListsCount);
  EXPECT_TRUE(DrawnBounds(layers_.hover(), 1000, 700).empty());
}

TEST_F(Layers, BoundsCoverTheMarksWithinTheirClipAndTheTooltip) {
  Frame(true);
  Frame(true);
  const ImRect tip = tooltip_->Rect();
  for (const float scale : {1.0f, 2.0f}) {
    ImDrawData hover = layers_.hover();
    hover.FramebufferScale = ImVec2(scale, scale);
    const int fb_w = static_cast<int>(1000 * scale), fb_h = static_cast<int>(700 * scale);
    const PixelRect r = DrawnBounds(hover, fb_w, fb_h);
    // The line at x = 300 runs from the clip's top (50) to its bottom (350); the tooltip
    // sits by the cursor, below and right of it.
    EXPECT_LE(r.x0, static_cast<int>(299 * scale));
    EXPECT_GE(r.x0, static_cast<int>(298 * scale)) << "only the line's own width left of it";
    EXPECT_EQ(r.y0, static_cast<int>(50 * scale)) << "the line is clipped as the window's list was";
    EXPECT_GE(r.x1, static_cast<int>(tip.Max.x * scale));
    EXPECT_LE(r.x1, static_cast<int>((tip.Max.x + 2) * scale)) << "anti-aliased edges reach a pixel out";
    EXPECT_GE(r.y1, static_cast<int>(std::max(350.0f, tip.Max.y) * scale));
    EXPECT_LE(r.y1, static_cast<int>((std::max(350.0f, tip.Max.y) + 2) * scale));
  }
  // Within the framebuffer, however far the tooltip reaches.
  const PixelRect small = DrawnBounds(layers_.hover(), 320, 210);
  EXPECT_EQ(small.x1, 320);
  EXPECT_EQ(small.y1, 210);
}

// The dashboard itself: moving across a chart changes what the cursor shows, and nothing of
// the page's layer, so the page's canvas is left alone (main_web.cpp).
TEST_F(Layers, HoveringDashboardChartsChangesOnlyTheHoverLayer) {
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1440, 900);
  DashboardUi dashboard;
  dashboard.fonts = fonts_;
  Session session;
  ASSERT_TRUE(session.FinishLoading("sample.json", GenerateSample(GenerateOptions{}).front().bytes));
  DrawLayers layers;
  const auto frame = [&](ImVec2 mouse) {
    io.MousePos = mouse;
    for (int settle = 0; settle < 3; ++settle) {
      ImGui::NewFrame();
      DrawDashboard(session, dashboard);
      ImGui::Render();
    }
    layers.Split(*ImGui::GetDrawData());
    return std::make_pair(DrawDataSignature(layers.page(), 1), DrawDataSignature(layers.hover(), 1));
  };
  const auto away = frame(ImVec2(-FLT_MAX, -FLT_MAX));
  EXPECT_EQ(layers.hover().CmdListsCount, 0);
  const std::map<std::string, ImVec4> marks = Marks();
  ASSERT_EQ(marks.count("panel:overview_main"), 1u);
  const ImVec4 chart = marks.at("panel:overview_main");
  const float x = chart.x + 120, y = (chart.y + chart.w) / 2;
  const auto first = frame(ImVec2(x, y));
  EXPECT_GT(layers.hover().CmdListsCount, 0) << "the hover draws its marks and tooltip";
  EXPECT_EQ(first.first, away.first) << "hovering the chart changed the page's layer";
  int moves_seen = 0;
  for (int i = 1; i <= 6; ++i) {
    const auto moved = frame(ImVec2(x + 23.0f * static_cast<float>(i), y + 5.0f * static_cast<float>(i)));
    EXPECT_EQ(moved.first, first.first) << "move " << i << " changed the page's layer";
    moves_seen += moved.second != first.second;
  }
  EXPECT_GE(moves_seen, 5) << "the moves changed what the cursor shows";
}

}  // namespace
}  // namespace divboard::ui
