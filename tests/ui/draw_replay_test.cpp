// Kept geometry replayed in place of drawing: a frame that replays must put out exactly what
// drawing it afresh puts out (same draw data signature), for every chart kind, hovering,
// zooming and panning, after the data change under the same pointer; and a stretch holding
// a callback (GPU-resident drawing) is never kept.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "ui/draw_replay.h"
#include "ui/draw_signature.h"
#include "ui/scatter_chart.h"
#include "ui/segment_buffers.h"
#include "ui/time_chart.h"
#include "triangles.h"

namespace divboard::ui {
namespace {

class Replay : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1400, 800);
    io.DeltaTime = 1.0f / 60.0f;
    BuildFonts(FontFiles{}, std::string(), 1.0f, &fonts_);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    context_ = ChartContext{&GetPalette(Theme::kDark), &fonts_, Locale::kEn};
  }
  void TearDown() override { ImGui::DestroyContext(); }

  template <typename Draw>
  std::uint64_t Frame(ImVec2 mouse, float wheel, Draw draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = mouse;
    io.MouseWheel = wheel;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("charts", nullptr, ImGuiWindowFlags_NoDecoration);
    draw();
    ImGui::End();
    ImGui::Render();
    return Triangles(*ImGui::GetDrawData());
  }

  Fonts fonts_;
  ChartContext context_{};
};

ChartSeries Series(const char* label, ImU32 color, const std::vector<double>& values) {
  ChartSeries s;
  s.label = label;
  s.color = color;
  s.values = values.data();
  s.count = values.size();
  return s;
}

std::vector<double> Wave(size_t n, double phase) {
  std::vector<double> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = 1000 + 300 * std::sin(static_cast<double>(i) * 0.01 + phase) + (i % 97 == 3 ? NAN : 0);
  return v;
}

TEST_F(Replay, ChartsReplayExactlyWhatTheyWouldDraw) {
  std::vector<double> a = Wave(3000, 0), b = Wave(3000, 1), dense = Wave(400000, 2);
  SeriesPyramid dense_pyramid;
  dense_pyramid.Build(dense.data(), dense.size());
  const ChartKind kinds[] = {ChartKind::kLine, ChartKind::kArea, ChartKind::kStackedArea, ChartKind::kBar,
                             ChartKind::kStackedBar};
  for (ChartKind kind : kinds) {
    ChartState cached, fresh;
    ChartOptions options;
    options.kind = kind;
    options.bounds = ViewRange{0, 2999};
    auto series = [&]() {
      const ChartSeries s1 = Series("a", IM_COL32(80, 160, 240, 255), a);
      ChartSeries s2 = Series("b", IM_COL32(240, 160, 80, 255), b);
      s2.comparison = a.data();
      return std::vector<ChartSeries>{s1, s2};
    };
    ChartOptions dense_options;
    dense_options.bounds = ViewRange{0, 399999};
    ChartState dense_cached, dense_fresh;
    auto dense_series = [&]() {
      ChartSeries s = Series("dense", IM_COL32(120, 220, 120, 255), dense);
      s.pyramid = &dense_pyramid;
      return std::vector<ChartSeries>{s};
    };
    // The same input to a chart that keeps its geometry and to one that never may: equal
    // output every frame, whatever the input did (hover, zoom, pan, a changed value).
    struct Step { ImVec2 mouse; float wheel; bool edit; };
    const Step steps[] = {{{-FLT_MAX, -FLT_MAX}, 0, false}, {{-FLT_MAX, -FLT_MAX}, 0, false}, {{300, 200}, 0, false},
                          {{420, 210}, 0, false},           {{420, 210}, 1, false},           {{500, 230}, 0, false},
                          {{500, 230}, 0, true},            {{700, 600}, -1, false},          {{-FLT_MAX, -FLT_MAX}, 0, false}};
    int replays = 0;
    for (const Step& step : steps) {
      if (step.edit) {
        // Restated in place (same pointers, same lengths, inside the axes' ranges): what
        // loading new data does, which bumps the data generation.
        a[1500] = a[1400];
        for (size_t i = 200000; i < 201000; ++i) dense[i] = dense[150000];
        dense_pyramid.Build(dense.data(), dense.size());
        ++context_.data_generation;
      }
      auto draw_with = [&] {
        DrawTimeSeriesChart("c", series(), options, cached, context_, ImVec2(1350, 380));
        DrawTimeSeriesChart("d", dense_series(), dense_options, dense_cached, context_, ImVec2(1350, 380));
      };
      auto draw_without = [&] {
        SetSegmentKeeping(false);  // plain drawing: every vertex in the list
        DrawTimeSeriesChart("c", series(), options, fresh, context_, ImVec2(1350, 380));
        DrawTimeSeriesChart("d", dense_series(), dense_options, dense_fresh, context_, ImVec2(1350, 380));
        SetSegmentKeeping(true);
        EXPECT_FALSE(fresh.series_geometry.valid);
      };
      // Each drawn twice: ImGui shows a tooltip one frame after it first asks for it, and
      // the second frame is the one compared.
      Frame(step.mouse, step.wheel, draw_with);
      const std::uint64_t with = Frame(step.mouse, 0, draw_with);
      replays += cached.series_geometry.valid ? 1 : 0;
      // The fresh charts start from the view the cached ones ended on (a wheel step zoomed it).
      fresh.own_link = cached.own_link;
      dense_fresh.own_link = dense_cached.own_link;
      Frame(step.mouse, 0, draw_without);
      const std::uint64_t without = Frame(step.mouse, 0, draw_without);
      EXPECT_EQ(with, without) << "kind " << static_cast<int>(kind) << " mouse " << step.mouse.x;
    }
    EXPECT_GT(replays, 0);
  }
}

// The page presents a frame only when its draw data changed: a frame that draws the series
// afresh and the next one that replays them must have the same draw data, not only the same
// triangles, or every hover would be presented twice.
TEST_F(Replay, DrawingAndReplayingGiveTheSameDrawData) {
  const std::vector<double> a = Wave(5000, 0);
  ChartState state;
  ChartOptions options;
  options.bounds = ViewRange{0, 4999};
  const std::vector<ChartSeries> series = {Series("a", IM_COL32(80, 160, 240, 255), a)};
  const ImVec2 mouse(600, 250);
  auto draw = [&] {
    ImGui::TextUnformatted("before");
    DrawTimeSeriesChart("c", series, options, state, context_, ImVec2(1350, 380));
    ImGui::TextUnformatted("after");
  };
  std::uint64_t signature = 0;
  auto frame = [&] {
    Frame(mouse, 0, draw);
    signature = DrawDataSignature(*ImGui::GetDrawData(), 0);
  };
  frame();
  frame();  // the tooltip is up
  state.series_geometry.valid = false;
  frame();
  const std::uint64_t drawn = signature;
  ASSERT_TRUE(state.series_geometry.valid);
  frame();
  EXPECT_EQ(signature, drawn);
}

TEST_F(Replay, ScatterMarkersReplayExactly) {
  std::vector<double> x = {10, 200, 3000, 45000, 600}, y = {5, 50, 500, 5000, 70}, size = {1, 4, 9, 16, 2};
  ScatterData data;
  data.x = x.data();
  data.y = y.data();
  data.size = size.data();
  data.count = x.size();
  data.color = IM_COL32(200, 120, 60, 255);
  data.log_x = data.log_y = true;
  DrawSegment kept;
  int clicked = -1;
  for (int frame = 0; frame < 6; ++frame) {
    if (frame == 4) y[2] = 900;  // a value changes in place
    const ImVec2 mouse(200.0f + 150.0f * static_cast<float>(frame), 300);
    const std::uint64_t with = Frame(mouse, 0, [&] { DrawScatterChart("s", data, context_, ImVec2(1000, 600), &clicked, &kept); });
    const std::uint64_t without = Frame(mouse, 0, [&] { DrawScatterChart("s", data, context_, ImVec2(1000, 600), &clicked); });
    EXPECT_EQ(with, without) << "frame " << frame;
    EXPECT_TRUE(kept.valid);
  }
}

TEST_F(Replay, CallbacksAreNeverKept) {
  DrawSegment segment;
  Frame(ImVec2(-FLT_MAX, -FLT_MAX), 0, [&] {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const SegmentRecorder recorder(draw);
    draw->AddLine(ImVec2(0, 0), ImVec2(100, 100), IM_COL32_WHITE);
    draw->AddCallback([](const ImDrawList*, const ImDrawCmd*) {}, nullptr);
    draw->AddLine(ImVec2(0, 100), ImVec2(100, 0), IM_COL32_WHITE);
    EXPECT_FALSE(recorder.End(1, &segment));
  });
  EXPECT_FALSE(segment.valid);
}

TEST_F(Replay, SegmentAcrossClipRectsComesBackWhole) {
  DrawSegment segment;
  std::uint64_t live = 0, replayed = 0;
  auto shapes = [](ImDrawList* draw) {
    draw->AddRectFilled(ImVec2(10, 10), ImVec2(300, 200), IM_COL32(1, 2, 3, 255));
    draw->PushClipRect(ImVec2(50, 50), ImVec2(150, 150), true);
    draw->AddCircleFilled(ImVec2(100, 100), 80, IM_COL32(4, 5, 6, 255));
    draw->PopClipRect();
    draw->AddLine(ImVec2(0, 0), ImVec2(400, 300), IM_COL32(7, 8, 9, 255), 3);
  };
  live = Frame(ImVec2(-FLT_MAX, -FLT_MAX), 0, [&] {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(ImVec2(5, 5), IM_COL32_WHITE, "before");
    const SegmentRecorder recorder(draw);
    shapes(draw);
    EXPECT_TRUE(recorder.End(9, &segment));
    draw->AddText(ImVec2(5, 300), IM_COL32_WHITE, "after");
  });
  EXPECT_GE(segment.commands.size(), 3u);
  replayed = Frame(ImVec2(-FLT_MAX, -FLT_MAX), 0, [&] {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddText(ImVec2(5, 5), IM_COL32_WHITE, "before");
    ReplaySegment(draw, segment);
    draw->AddText(ImVec2(5, 300), IM_COL32_WHITE, "after");
  });
  EXPECT_EQ(live, replayed);
}

// Kept geometry goes into the list by reference: the list holds none of its vertices, its
// commands point at the segment, and the triangles are those of plain drawing.
TEST_F(Replay, KeptGeometryIsReferencedNotCopied) {
  const std::vector<double> a = Wave(5000, 0);
  ChartState state;
  ChartOptions options;
  options.bounds = ViewRange{0, 4999};
  const std::vector<ChartSeries> series = {Series("a", IM_COL32(80, 160, 240, 255), a)};
  auto draw = [&] { DrawTimeSeriesChart("c", series, options, state, context_, ImVec2(1350, 380)); };
  auto vertices = [] {
    int total = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) total += data.CmdLists[n]->VtxBuffer.Size;
    return total;
  };
  auto references = [&] {
    int count = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) {
      for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
        if (ReferencedSegment(cmd) != nullptr) {
          EXPECT_EQ(ReferencedSegment(cmd), &state.series_geometry);
          ++count;
        }
      }
    }
    return count;
  };
  const ImVec2 away(-FLT_MAX, -FLT_MAX);
  SetSegmentKeeping(false);
  Frame(away, 0, draw);
  const std::uint64_t plain = Frame(away, 0, draw);
  const int plain_vertices = vertices();
  EXPECT_EQ(references(), 0);
  SetSegmentKeeping(true);
  EXPECT_EQ(Frame(away, 0, draw), plain);  // drawn, kept, put in by reference
  ASSERT_TRUE(state.series_geometry.valid);
  EXPECT_GT(references(), 0);
  EXPECT_EQ(Frame(away, 0, draw), plain);  // replayed
  EXPECT_GT(references(), 0);
  EXPECT_GT(state.series_geometry.vertices.size(), 1000u);
  EXPECT_EQ(static_cast<size_t>(plain_vertices - vertices()), state.series_geometry.vertices.size());
}

// Two segments of one command each with the same clip and texture, one right after the
// other: ImGui merges commands whose headers match, and a merged command could not be drawn
// from either segment's buffers.
TEST_F(Replay, ReferencesToSegmentsNeverMerge) {
  DrawSegment first, second;
  bool keeping = false;
  auto line = [](ImDrawList* draw, float y) { draw->AddLine(ImVec2(10, y), ImVec2(500, y + 40), IM_COL32(9, 99, 199, 255), 2); };
  const ImVec2 away(-FLT_MAX, -FLT_MAX);
  auto kept = [&](bool replay) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (replay) {
      ReplaySegment(draw, first);
      ReplaySegment(draw, second);
      return;
    }
    const SegmentRecorder one(draw);
    line(draw, 100);
    EXPECT_EQ(one.End(1, &first), keeping);
    const SegmentRecorder two(draw);
    line(draw, 300);
    EXPECT_EQ(two.End(2, &second), keeping);
  };
  SetSegmentKeeping(false);
  const std::uint64_t plain = Frame(away, 0, [&] { kept(false); });
  SetSegmentKeeping(keeping = true);
  EXPECT_EQ(Frame(away, 0, [&] { kept(false); }), plain);
  ASSERT_EQ(first.commands.size(), 1u);
  ASSERT_EQ(second.commands.size(), 1u);
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(Frame(away, 0, [&] { kept(true); }), plain);
  int seen[2] = {0, 0};
  const ImDrawData& data = *ImGui::GetDrawData();
  for (int n = 0; n < data.CmdListsCount; ++n) {
    for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
      const DrawSegment* segment = ReferencedSegment(cmd);
      if (segment == nullptr) continue;
      ASSERT_TRUE(segment == &first || segment == &second);
      EXPECT_EQ(SegmentFirstIndex(cmd), 0u);
      EXPECT_EQ(cmd.ElemCount, static_cast<unsigned int>(segment->indices.size()));
      ++seen[segment == &first ? 0 : 1];
    }
  }
  EXPECT_EQ(seen[0], 1);
  EXPECT_EQ(seen[1], 1);
}

// What the WebGL renderer does with kept segments, on a stand-in for GL: a copy per segment
// made when a presented frame first draws it and freed after one that does not; drawn from
// the copies, the frame has the triangles of plain drawing.
class ReplaySizes : public Replay, public testing::WithParamInterface<size_t> {};

TEST_P(ReplaySizes, RendererCopiesFollowTheKeptSegments) {
  struct Copy {
    std::vector<ImDrawVert> vertices;
    std::vector<ImDrawIdx> indices;
  };
  SegmentBuffers<Copy> copies;
  size_t freed = 0;
  // Presents the frame just built: the triangles as drawn from the lists' own buffers and
  // the copies (never from the live segment).
  auto present = [&] {
    std::uint64_t hash = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) {
      const ImDrawList& list = *data.CmdLists[n];
      for (const ImDrawCmd& cmd : list.CmdBuffer) {
        const DrawSegment* segment = ReferencedSegment(cmd);
        const Copy* copy = segment == nullptr ? nullptr : &copies.Use(*segment, [](const DrawSegment& s) {
          return Copy{{s.vertices.begin(), s.vertices.end()}, {s.indices.begin(), s.indices.end()}};
        });
        for (unsigned int k = 0; k < cmd.ElemCount; ++k) {
          if (k % 3 == 0) {
            const float clip[4] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
            hash = MixBytes(hash, clip, sizeof clip);
            hash = MixBytes(hash, &cmd.TextureId, sizeof cmd.TextureId);
          }
          const ImDrawVert& v = copy != nullptr ? copy->vertices[copy->indices[SegmentFirstIndex(cmd) + k]]
                                                : list.VtxBuffer[static_cast<int>(cmd.VtxOffset + list.IdxBuffer[static_cast<int>(cmd.IdxOffset + k)])];
          hash = MixBytes(hash, &v, sizeof v);
        }
      }
    }
    copies.EndFrame([&](const Copy&) { ++freed; });
    return hash;
  };
  // Unsummarised, so a polyline of every point: 8,000 fit one stretch (16-bit indices cap
  // it at 64K vertices, two a point); 40,000 do not, and are drawn as plain drawing does,
  // never kept.
  const size_t points = GetParam();
  const bool fits = points <= 8000;
  const std::vector<double> a = Wave(points, 0);
  ChartState state;
  ChartOptions options;
  options.bounds = ViewRange{0, static_cast<double>(points - 1)};
  const std::vector<ChartSeries> series = {Series("a", IM_COL32(80, 160, 240, 255), a)};
  bool shown = true;
  auto draw = [&] {
    ImGui::TextUnformatted("above");
    if (shown) DrawTimeSeriesChart("c", series, options, state, context_, ImVec2(1350, 380));
  };
  const ImVec2 away(-FLT_MAX, -FLT_MAX), over(700, 200);
  // Each step: the frame as plain drawing gives it, then with keeping, presented.
  auto step = [&](ImVec2 mouse) {
    SetSegmentKeeping(false);
    ChartState plain_state = state;
    std::swap(state, plain_state);
    Frame(mouse, 0, draw);
    const std::uint64_t plain = Frame(mouse, 0, draw);
    std::swap(state, plain_state);
    SetSegmentKeeping(true);
    Frame(mouse, 0, draw);
    EXPECT_EQ(present(), plain);
  };
  step(away);
  if (!fits) {
    EXPECT_EQ(copies.uploads(), 0u);
    step(over);
    EXPECT_EQ(copies.uploads(), 0u);
    return;
  }
  EXPECT_EQ(copies.uploads(), 1u);
  EXPECT_EQ(copies.size(), 1u);
  step(over);  // hover: the same geometry, no upload
  step(away);
  EXPECT_EQ(copies.uploads(), 1u);
  EXPECT_EQ(freed, 0u);
  state.own_link.view.first = 3000;  // pan: new geometry, the old copy freed
  state.own_link.view.last = 9000;
  step(away);
  EXPECT_EQ(copies.uploads(), 2u);
  EXPECT_EQ(copies.size(), 1u);
  EXPECT_EQ(freed, 1u);
  shown = false;  // the chart leaves the screen: its copy goes with the next presented frame
  step(away);
  EXPECT_EQ(copies.size(), 0u);
  EXPECT_EQ(freed, 2u);
  shown = true;
  step(away);
  EXPECT_EQ(copies.uploads(), 3u);
  copies.Forget();  // the context was lost: everything is uploaded again
  step(away);
  EXPECT_EQ(copies.uploads(), 4u);
  EXPECT_EQ(copies.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Points, ReplaySizes, testing::Values(8000u, 40000u));

// Merging a channel split (tables, columns) recomputes each command's IdxOffset from the
// element counts: a stretch replayed inside one is copied in, indices and all.
TEST_F(Replay, InsideAChannelSplitTheStretchIsCopied) {
  DrawSegment segment;
  bool replay = false;
  auto draw = [&] {
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->ChannelsSplit(2);
    list->ChannelsSetCurrent(1);
    if (replay) {
      ReplaySegment(list, segment);
    } else {
      const SegmentRecorder recorder(list);
      list->AddRectFilled(ImVec2(10, 10), ImVec2(300, 200), IM_COL32(1, 2, 3, 255));
      list->AddLine(ImVec2(0, 0), ImVec2(400, 300), IM_COL32(7, 8, 9, 255), 3);
      recorder.End(5, &segment);
    }
    list->ChannelsSetCurrent(0);
    list->AddText(ImVec2(5, 5), IM_COL32_WHITE, "under");
    list->ChannelsMerge();
    list->AddText(ImVec2(5, 300), IM_COL32_WHITE, "after");
  };
  const ImVec2 away(-FLT_MAX, -FLT_MAX);
  SetSegmentKeeping(false);
  const std::uint64_t plain = Frame(away, 0, draw);
  SetSegmentKeeping(true);
  EXPECT_EQ(Frame(away, 0, draw), plain);
  ASSERT_TRUE(segment.valid);
  replay = true;
  EXPECT_EQ(Frame(away, 0, draw), plain);
  const ImDrawData& data = *ImGui::GetDrawData();
  for (int n = 0; n < data.CmdListsCount; ++n) {
    for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) EXPECT_EQ(ReferencedSegment(cmd), nullptr);
  }
}

// A stretch drawn into the scratch list comes out as drawing it straight into the window's
// list would: kept (by reference), or, when it cannot be kept (a callback, past 64K vertices,
// keeping off), copied in as drawn, callbacks in their place; inside a channel split too.
TEST_F(Replay, ScratchStretchDrawsWhatDirectDrawingDraws) {
  enum Case { kShapes, kCallback, kLarge, kSplit };
  for (const Case c : {kShapes, kCallback, kLarge, kSplit}) {
    for (const bool keeping : {true, false}) {
      int calls = 0;
      const ImDrawCallback callback = [](const ImDrawList*, const ImDrawCmd*) {};
      auto shapes = [&](ImDrawList* draw) {
        draw->AddRectFilled(ImVec2(10, 10), ImVec2(300, 200), IM_COL32(1, 2, 3, 255));
        draw->PushClipRect(ImVec2(50, 50), ImVec2(150, 150), true);
        draw->AddCircleFilled(ImVec2(100, 100), 80, IM_COL32(4, 5, 6, 255));
        if (c == kCallback) draw->AddCallback(callback, &calls);
        draw->AddCircle(ImVec2(100, 100), 60, IM_COL32(4, 5, 6, 255), 0, 2);
        draw->PopClipRect();
        // 18,000 thick anti-aliased segments: past 64K vertices, so a second vertex offset.
        const int lines = c == kLarge ? 18000 : 3;
        for (int i = 0; i < lines; ++i) {
          const float t = static_cast<float>(i % 400);
          draw->AddLine(ImVec2(t, 300), ImVec2(t + 50, 400 + static_cast<float>(i % 7)), IM_COL32(7, 8, 9, 255), 3);
        }
      };
      DrawSegment segment;
      bool kept = false;
      auto frame = [&](bool scratch) {
        return Frame(ImVec2(-FLT_MAX, -FLT_MAX), 0, [&] {
          ImDrawList* draw = ImGui::GetWindowDrawList();
          if (c == kSplit) {
            draw->ChannelsSplit(2);
            draw->ChannelsSetCurrent(1);
          }
          draw->AddText(ImVec2(5, 5), IM_COL32_WHITE, "before");
          if (scratch) {
            ScratchRecorder recorder(draw);
            shapes(recorder.list());
            kept = recorder.End(7, &segment);
          } else {
            shapes(draw);
          }
          draw->AddText(ImVec2(5, 300), IM_COL32_WHITE, "after");
          if (c == kSplit) {
            draw->ChannelsSetCurrent(0);
            draw->AddText(ImVec2(5, 20), IM_COL32_WHITE, "under");
            draw->ChannelsMerge();
          }
        });
      };
      auto callbacks = [] {
        std::vector<const void*> found;
        const ImDrawData& data = *ImGui::GetDrawData();
        for (int n = 0; n < data.CmdListsCount; ++n) {
          for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) {
            if (cmd.UserCallback != nullptr) found.push_back(cmd.UserCallbackData);
          }
        }
        return found;
      };
      const std::uint64_t direct = frame(false);
      const std::vector<const void*> direct_callbacks = callbacks();
      SetSegmentKeeping(keeping);
      const std::uint64_t scratched = frame(true);
      SetSegmentKeeping(true);
      EXPECT_EQ(scratched, direct) << "case " << c << " keeping " << keeping;
      EXPECT_EQ(callbacks(), direct_callbacks) << "case " << c;
      EXPECT_EQ(kept, keeping && (c == kShapes || c == kSplit)) << "case " << c;
      EXPECT_EQ(segment.valid, kept);
      if (c == kCallback) {
        EXPECT_EQ(direct_callbacks.size(), 1u);
      }
      if (kept) {
        // Drawn again from the segment alone, the frame is the same.
        EXPECT_EQ(Frame(ImVec2(-FLT_MAX, -FLT_MAX), 0, [&] {
                    ImDrawList* draw = ImGui::GetWindowDrawList();
                    if (c == kSplit) {
                      draw->ChannelsSplit(2);
                      draw->ChannelsSetCurrent(1);
                    }
                    draw->AddText(ImVec2(5, 5), IM_COL32_WHITE, "before");
                    ReplaySegment(draw, segment);
                    draw->AddText(ImVec2(5, 300), IM_COL32_WHITE, "after");
                    if (c == kSplit) {
                      draw->ChannelsSetCurrent(0);
                      draw->AddText(ImVec2(5, 20), IM_COL32_WHITE, "under");
                      draw->ChannelsMerge();
                    }
                  }),
                  direct);
      }
    }
  }
}

}  // namespace
}  // namespace divboard::ui
