// Renders the dashboard with no GPU backend for many frames with simulated input, the way
// ImPlot's CI does: catches asserts and crashes in drawing code on any data.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/generate.h"
#include "core/session.h"
#include "core/snapshot_json.h"
#include "ui/automation.h"
#include "ui/dashboard.h"
#include "ui/draw_replay.h"

namespace divboard::ui {
namespace {

class HeadlessFrames : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    BuildFonts(FontFiles{}, std::string(), 2.0f, &dashboard_.fonts);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Sweeps the mouse across the window and clicks, so hover tooltips and buttons run.
  int RunFrames(const Session& session, int frames) {
    ImGuiIO& io = ImGui::GetIO();
    int vertices = 0;
    for (int i = 0; i < frames; ++i) {
      io.MousePos = ImVec2(static_cast<float>((i * 37) % 1280), static_cast<float>((i * 53) % 800));
      io.MouseDown[0] = i % 17 == 0;
      io.MouseWheel = i % 11 == 0 ? 1.0f : 0.0f;
      if (i % 50 == 0) io.AddInputCharacter('t');
      ImGui::NewFrame();
      DrawDashboard(session, dashboard_);
      ImGui::Render();
      // The list's own vertices and those of the kept segments it draws by reference.
      const ImDrawData& data = *ImGui::GetDrawData();
      vertices = data.TotalVtxCount;
      for (int n = 0; n < data.CmdListsCount; ++n) {
        const DrawSegment* last = nullptr;
        for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
          const DrawSegment* segment = ReferencedSegment(cmd);
          if (segment != nullptr && segment != last) vertices += static_cast<int>(segment->vertices.size());
          if (segment != nullptr) last = segment;
        }
      }
    }
    return vertices;
  }

  DashboardUi dashboard_;
};

TEST_F(HeadlessFrames, SampleSnapshotDrawsTilesAndChart) {
  Session session;
  const auto files = GenerateSample(GenerateOptions{});
  ASSERT_TRUE(session.FinishLoading("sample.json", files.front().bytes));
  const int vertices = RunFrames(session, 300);
  // Nine tiles with sparklines and a 1,000-day, two-line chart take thousands of vertices.
  EXPECT_GT(vertices, 5000);
}

TEST_F(HeadlessFrames, LoadingAndErrorStatesDraw) {
  Session session;
  session.BeginLoading("data/x.json");
  EXPECT_GT(RunFrames(session, 20), 0);
  EXPECT_FALSE(session.FinishLoading("data/x.json", "{\"schema\": 1"));
  EXPECT_GT(RunFrames(session, 20), 0);
}

// A snapshot whose values are empty, all missing, constant or single-day must not break
// scales, sparklines or the chart.
TEST_F(HeadlessFrames, DegenerateSeries) {
  const std::string head =
      R"({"schema":"divboard.snapshot","version":1,"generated_at":"2026-01-02T06:00:00+08:00",
      "timezone":"Asia/Shanghai","currency":"CNY",
      "divisions":[{"id":"community","name":{"en":"Community"}},{"id":"trading","name":{"en":"Trading"}}],
      "dimensions":[],"metrics":[
        {"id":"dau","division":"community","unit":"users","rollup":"mean","name":{"en":"DAU"}},
        {"id":"dpu","division":"trading","unit":"users","rollup":"mean","name":{"en":"DPU"}},
        {"id":"gmv","division":"trading","unit":"currency","rollup":"sum","name":{"en":"GMV"}},
        {"id":"orders","division":"trading","unit":"count","rollup":"sum","name":{"en":"Orders"}}],
      "events":[{"start":"2026-01-01","kind":"milestone","label":{"en":"A very long milestone label that needs cutting"}}],
      "hosts":[],"series":[)";
  const char* cases[] = {
      R"({"metric":"dau","start":"2026-01-01","values":[]},{"metric":"dpu","start":"2026-01-01","values":[null,null]}])",
      R"({"metric":"dau","start":"2026-01-01","values":[5]},{"metric":"dpu","start":"2026-01-01","values":[5]}])",
      R"({"metric":"dau","start":"2026-01-01","values":[7,7,7,7]},{"metric":"gmv","start":"2025-01-01","values":[0,0,1e300]},{"metric":"orders","start":"2026-01-01","values":[0,0]}])",
  };
  for (const char* tail : cases) {
    Session session;
    ASSERT_TRUE(session.FinishLoading("degenerate.json", head + tail + "}")) << session.error();
    EXPECT_GT(RunFrames(session, 60), 0);
  }
}

// The "as of" picker and the Changes view with the generated pair: what they ask the platform
// to load, and the frames they draw once it has (the table of restated values).
TEST_F(HeadlessFrames, HistoryPickerAndChangesView) {
  GenerateOptions options;
  options.history = 2;
  const auto files = GenerateSample(options);
  ASSERT_EQ(files.size(), 3u);
  Manifest manifest;
  ASSERT_TRUE(LoadManifest(files[2].bytes, &manifest).empty());
  std::vector<SnapshotChoice> entries;
  for (const ManifestEntry& e : manifest.snapshots) {
    entries.push_back({FormatDate(e.first), FormatDate(e.last), e.generated_at, e.ContentKey(), "[]", ""});
  }
  SetEntries(dashboard_.history, entries);
  Session session;
  // Nothing on screen yet: the view asks for the newest, once.
  auto loads = PendingLoads(dashboard_.history, dashboard_.controls, false, session);
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].slot, "view");
  EXPECT_EQ(loads[0].entry->last, "2026-11-27");
  EXPECT_TRUE(PendingLoads(dashboard_.history, dashboard_.controls, false, session).empty());
  ASSERT_TRUE(session.FinishLoading("data/snapshot-2026-11-27.json", files[0].bytes));
  dashboard_.history.shown_key = entries[0].key;
  // An "as of" pick asks for the older one; the Changes view reuses the newest on screen.
  dashboard_.controls.as_of = "2026-11-26";
  dashboard_.view = View::kChanges;
  loads = PendingLoads(dashboard_.history, dashboard_.controls, true, session);
  ASSERT_EQ(loads.size(), 2u);
  EXPECT_EQ(loads[0].slot, "view");
  EXPECT_EQ(loads[1].slot, "old");
  EXPECT_TRUE(dashboard_.history.newer.loaded);
  Snapshot older;
  ASSERT_TRUE(LoadSnapshot(files[1].bytes, &older).empty());
  AcceptSnapshot(dashboard_.history, "old", entries[1].key, std::move(older), "");
  EXPECT_GT(RunFrames(session, 120), 0);
  EXPECT_FALSE(dashboard_.history.rows.empty());
  const auto state = HistoryStateJson(dashboard_.history, dashboard_.controls, true);
  EXPECT_EQ(state["changes"]["ready"], true);
  EXPECT_EQ(state["wanted"], "2026-11-26");
  EXPECT_EQ(state["changes"]["diff"]["values"].size(), dashboard_.history.rows.size());
}

// A wheel step over the overview's main chart zooms it (and the charts linked to it) and
// leaves the page where it is: the overview fits the window, so nothing scrolls. It once
// scrolled 25 pixels per step (the side panels' first items took the row's height), which
// also made every step redraw the whole canvas.
TEST_F(HeadlessFrames, WheelOverTheOverviewChartZoomsWithoutScrolling) {
  Session session;
  const auto files = GenerateSample(GenerateOptions{});
  ASSERT_TRUE(session.FinishLoading("sample.json", files.front().bytes));
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1440, 900);
  const auto frame = [&](float wheel) {
    io.MouseWheel = wheel;
    ImGui::NewFrame();
    DrawDashboard(session, dashboard_);
    ImGui::Render();
  };
  for (int i = 0; i < 3; ++i) frame(0);
  ASSERT_EQ(Marks().count("panel:overview_main"), 1u);
  const ImVec4 panel = Marks().at("panel:overview_main");
  io.MousePos = ImVec2((panel.x + panel.z) / 2, (panel.y + panel.w) / 2);
  frame(0);
  for (float wheel : {1.0f, -1.0f, 1.0f, -1.0f}) {
    const ViewRange before = dashboard_.overview_link.view;
    const bool was_valid = dashboard_.overview_link.valid;
    frame(wheel);
    const ImVec4 now = Marks().at("panel:overview_main");
    EXPECT_EQ(now.y, panel.y) << "wheel " << wheel << " scrolled the overview";
    EXPECT_EQ(now.w, panel.w);
    ASSERT_TRUE(dashboard_.overview_link.valid);
    EXPECT_TRUE(!was_valid || before.first != dashboard_.overview_link.view.first ||
                before.last != dashboard_.overview_link.view.last)
        << "wheel " << wheel << " did not zoom";
  }
}

// Automation targets are the last frame's: a view left behind takes its controls' targets with
// it, and a name marked twice in a frame has the later place.
TEST_F(HeadlessFrames, TargetsAreTheLastFramesOnly) {
  Session session;
  const auto files = GenerateSample(GenerateOptions{});
  ASSERT_TRUE(session.FinishLoading("sample.json", files.front().bytes));
  ImGui::GetIO().DisplaySize = ImVec2(1440, 900);
  const auto frame = [&] {
    ImGui::NewFrame();
    DrawDashboard(session, dashboard_);
    ImGui::Render();
  };
  frame();
  frame();
  EXPECT_EQ(Marks().count("panel:overview_main"), 1u);
  EXPECT_EQ(Marks().count("tab:hosts"), 1u);
  dashboard_.view = View::kHosts;
  frame();
  EXPECT_EQ(Marks().count("panel:overview_main"), 0u);
  EXPECT_EQ(Marks().count("tab:hosts"), 1u);

  ImGui::NewFrame();
  ClearMarks();
  ImGui::Begin("marks");
  ImGui::Button("first");
  MarkItem("twice");
  ImGui::Button("second, below");
  const float second_top = ImGui::GetItemRectMin().y;
  MarkItem("twice");
  ImGui::End();
  ImGui::Render();
  ASSERT_EQ(Marks().size(), 1u);
  EXPECT_EQ(Marks().at("twice").y, second_top);
}

}  // namespace
}  // namespace divboard::ui
