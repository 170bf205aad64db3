// The damage tiles the web platform uses to redraw only what a frame changed. The property
// that matters: every pixel that differs between two frames lies inside the damage. Checked
// against a small reference rasteriser (pixel centres inside each triangle, blended in draw
// order) on random scenes and random changes, at two pixel ratios.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ui/damage_tiles.h"
#include "ui/draw_replay.h"
#include "ui/fonts.h"

namespace divboard::ui {
namespace {

constexpr int kWidth = 320;
constexpr int kHeight = 200;

struct Shape {
  int kind = 0;  // 0 filled rect, 1 line, 2 circle, 3 text
  ImVec2 a, b;
  ImU32 color = 0;
  float thickness = 1;
  bool clipped = false;
  ImVec4 clip;
};

using Scene = std::vector<Shape>;

// Colour per pixel, blended in draw order (alpha over), from vertex colours only: enough to
// see any triangle that moved, changed colour, appeared, vanished or changed place in order.
// Draws `area` of `rgb` anew (clear, then every triangle within it) as the WebGL renderer does;
// with `runs`, only the triangle runs whose box meets the area, as a partial redraw does.
void Redraw(std::vector<float>& rgb, const ImDrawData& data, int width, PixelRect area, const std::vector<TriangleRun>* runs) {
  for (int y = area.y0; y < area.y1; ++y)
    for (int x = area.x0; x < area.x1; ++x) for (int k = 0; k < 3; ++k) rgb[static_cast<std::size_t>(y * width + x) * 3 + static_cast<std::size_t>(k)] = 0;
  const ImVec2 offset = data.DisplayPos, scale = data.FramebufferScale;
  std::size_t next_run = 0;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    for (int c = 0; c < list.CmdBuffer.Size; ++c) {
      const ImDrawCmd& cmd = list.CmdBuffer[c];
      if (cmd.UserCallback != nullptr) continue;
      // As the WebGL renderer's scissor: truncated to whole pixels.
      const int sx0 = std::max(area.x0, static_cast<int>((cmd.ClipRect.x - offset.x) * scale.x));
      const int sy0 = std::max(area.y0, static_cast<int>((cmd.ClipRect.y - offset.y) * scale.y));
      const int sx1 = std::min(area.x1, static_cast<int>((cmd.ClipRect.x - offset.x) * scale.x) + static_cast<int>((cmd.ClipRect.z - cmd.ClipRect.x) * scale.x));
      const int sy1 = std::min(area.y1, static_cast<int>((cmd.ClipRect.y - offset.y) * scale.y) + static_cast<int>((cmd.ClipRect.w - cmd.ClipRect.y) * scale.y));
      std::vector<bool> drawn(cmd.ElemCount / 3, runs == nullptr);
      if (runs != nullptr) {
        for (; next_run < runs->size() && ((*runs)[next_run].list < n || ((*runs)[next_run].list == n && (*runs)[next_run].command < c)); ++next_run) {}
        for (; next_run < runs->size() && (*runs)[next_run].list == n && (*runs)[next_run].command == c; ++next_run) {
          const TriangleRun& run = (*runs)[next_run];
          const bool meets = run.box.x0 < area.x1 && area.x0 < run.box.x1 && run.box.y0 < area.y1 && area.y0 < run.box.y1;
          for (unsigned int t = run.first / 3; t < run.end / 3; ++t) drawn[t] = meets;
        }
      }
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        if (!drawn[i / 3]) continue;
        const ImDrawVert* v[3];
        for (int k = 0; k < 3; ++k) v[k] = &CommandVertex(list, cmd, i + static_cast<unsigned int>(k));  // kept segments too
        float px[3], py[3];
        for (int k = 0; k < 3; ++k) {
          px[k] = (v[k]->pos.x - offset.x) * scale.x;
          py[k] = (v[k]->pos.y - offset.y) * scale.y;
        }
        const float signed_area = (px[1] - px[0]) * (py[2] - py[0]) - (px[2] - px[0]) * (py[1] - py[0]);
        if (signed_area == 0) continue;
        const int x0 = std::max({sx0, static_cast<int>(std::floor(std::min({px[0], px[1], px[2]})))});
        const int x1 = std::min({sx1, static_cast<int>(std::ceil(std::max({px[0], px[1], px[2]}))) + 1});
        const int y0 = std::max({sy0, static_cast<int>(std::floor(std::min({py[0], py[1], py[2]})))});
        const int y1 = std::min({sy1, static_cast<int>(std::ceil(std::max({py[0], py[1], py[2]}))) + 1});
        const ImVec4 colour = ImGui::ColorConvertU32ToFloat4(v[0]->col);
        for (int y = y0; y < y1; ++y) {
          for (int x = x0; x < x1; ++x) {
            const float cx = static_cast<float>(x) + 0.5f, cy = static_cast<float>(y) + 0.5f;
            const float w0 = (px[1] - cx) * (py[2] - cy) - (px[2] - cx) * (py[1] - cy);
            const float w1 = (px[2] - cx) * (py[0] - cy) - (px[0] - cx) * (py[2] - cy);
            const float w2 = (px[0] - cx) * (py[1] - cy) - (px[1] - cx) * (py[0] - cy);
            const bool inside = signed_area > 0 ? (w0 >= 0 && w1 >= 0 && w2 >= 0) : (w0 <= 0 && w1 <= 0 && w2 <= 0);
            if (!inside) continue;
            float* p = &rgb[static_cast<std::size_t>(y * width + x) * 3];
            p[0] = p[0] * (1 - colour.w) + colour.x * colour.w;
            p[1] = p[1] * (1 - colour.w) + colour.y * colour.w;
            p[2] = p[2] * (1 - colour.w) + colour.z * colour.w;
          }
        }
      }
    }
  }
}

std::vector<std::uint32_t> Pixels(const std::vector<float>& rgb, int width, int height) {
  std::vector<std::uint32_t> out(static_cast<std::size_t>(width * height));
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = static_cast<std::uint32_t>(rgb[i * 3] * 255.0f + 0.5f) << 16 |
             static_cast<std::uint32_t>(rgb[i * 3 + 1] * 255.0f + 0.5f) << 8 |
             static_cast<std::uint32_t>(rgb[i * 3 + 2] * 255.0f + 0.5f);
  }
  return out;
}

class DamageTilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ui::EnableLargeMeshes();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DeltaTime = 1.0f / 60.0f;
    BuildFonts(FontFiles{}, std::string(), 1.0f, &fonts_);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // Draws the scene and returns its draw data (valid until the next frame).
  const ImDrawData& Draw(const Scene& scene, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(kWidth / scale, kHeight / scale);
    io.DisplayFramebufferScale = ImVec2(scale, scale);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("scene", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Shape& s : scene) {
      if (s.clipped) draw->PushClipRect(ImVec2(s.clip.x, s.clip.y), ImVec2(s.clip.z, s.clip.w), true);
      switch (s.kind) {
        case 0: draw->AddRectFilled(s.a, s.b, s.color); break;
        case 1: draw->AddLine(s.a, s.b, s.color, s.thickness); break;
        case 2: draw->AddCircleFilled(s.a, s.thickness * 4, s.color); break;
        default: draw->AddText(s.a, s.color, "12.5%"); break;
      }
      if (s.clipped) draw->PopClipRect();
    }
    ImGui::End();
    ImGui::Render();
    return *ImGui::GetDrawData();
  }

  Fonts fonts_;
};

Shape RandomShape(std::mt19937& random, float width, float height) {
  std::uniform_real_distribution<float> x(-10, width + 10), y(-10, height + 10), t(0.5f, 4.0f);
  std::uniform_int_distribution<int> kind(0, 3), byte(0, 255), coin(0, 3);
  Shape s;
  s.kind = kind(random);
  s.a = ImVec2(x(random), y(random));
  s.b = ImVec2(s.a.x + x(random) / 4, s.a.y + y(random) / 4);
  s.color = IM_COL32(byte(random), byte(random), byte(random), 128 + byte(random) / 2);
  s.thickness = t(random);
  s.clipped = coin(random) == 0;
  s.clip = ImVec4(x(random) / 2, y(random) / 2, x(random) / 2 + width / 2, y(random) / 2 + height / 2);
  return s;
}

// One random change: move, recolour, add, remove or reorder shapes.
void Change(Scene& scene, std::mt19937& random, float width, float height) {
  std::uniform_int_distribution<int> what(0, 4);
  std::uniform_int_distribution<std::size_t> pick(0, scene.size() - 1);
  std::uniform_real_distribution<float> nudge(-6, 6);
  Shape& s = scene[pick(random)];
  switch (what(random)) {
    case 0: s.a.x += nudge(random); s.b.y += nudge(random); break;
    case 1: s.color ^= 0x00103050u; break;
    case 2: scene.insert(scene.begin() + static_cast<long>(pick(random)), RandomShape(random, width, height)); break;
    case 3: if (scene.size() > 2) scene.erase(scene.begin() + static_cast<long>(pick(random))); break;
    default: std::swap(s, scene[pick(random)]); break;
  }
}

TEST_F(DamageTilesTest, EveryChangedPixelIsInsideTheDamage) {
  std::mt19937 random(1234);
  long damaged_area = 0, trials = 0;
  for (const float scale : {1.0f, 2.0f}) {
    const float width = kWidth / scale, height = kHeight / scale;
    for (int trial = 0; trial < 120; ++trial) {
      Scene scene;
      for (int i = 0; i < 12; ++i) scene.push_back(RandomShape(random, width, height));
      DamageTiles tiles;
      tiles.Build(Draw(scene, scale), kWidth, kHeight, 42);
      EXPECT_EQ(tiles.Damage().area(), kWidth * kHeight) << "nothing on screen yet: all of it";
      std::vector<float> screen(static_cast<std::size_t>(kWidth * kHeight) * 3);
      Redraw(screen, *ImGui::GetDrawData(), kWidth, PixelRect{0, 0, kWidth, kHeight}, nullptr);
      const std::vector<std::uint32_t> before = Pixels(screen, kWidth, kHeight);
      tiles.Commit();
      Scene changed = scene;
      Change(changed, random, width, height);
      tiles.Build(Draw(changed, scale), kWidth, kHeight, 42);
      std::vector<float> whole(screen.size());
      Redraw(whole, *ImGui::GetDrawData(), kWidth, PixelRect{0, 0, kWidth, kHeight}, nullptr);
      const std::vector<std::uint32_t> after = Pixels(whole, kWidth, kHeight);
      const PixelRect damage = tiles.Damage();
      // Redrawing the damage alone, with only the runs that meet it, gives the whole frame.
      Redraw(screen, *ImGui::GetDrawData(), kWidth, damage, &tiles.runs());
      ASSERT_EQ(Pixels(screen, kWidth, kHeight), after) << "partial redraw (scale " << scale << ", trial " << trial << ")";
      for (int y = 0; y < kHeight; ++y) {
        for (int x = 0; x < kWidth; ++x) {
          if (before[static_cast<std::size_t>(y * kWidth + x)] == after[static_cast<std::size_t>(y * kWidth + x)]) continue;
          ASSERT_TRUE(x >= damage.x0 && x < damage.x1 && y >= damage.y0 && y < damage.y1)
              << "pixel " << x << "," << y << " changed outside the damage " << damage.x0 << "," << damage.y0 << "-"
              << damage.x1 << "," << damage.y1 << " (scale " << scale << ", trial " << trial << ")";
        }
      }
      damaged_area += damage.area();
      ++trials;
    }
  }
  // Not everything, most of the time: a change touches a part of the frame.
  EXPECT_LT(damaged_area, trials * kWidth * kHeight * 3 / 4);
}

TEST_F(DamageTilesTest, AnUnchangedFrameHasNoDamageAndAChangeOnlyItsTiles) {
  Scene scene;
  for (int i = 0; i < 8; ++i) {
    Shape s;
    s.kind = 0;
    s.a = ImVec2(10.0f + 35.0f * static_cast<float>(i), 20);
    s.b = ImVec2(s.a.x + 20, 60);
    s.color = IM_COL32(40 * i, 200, 100, 255);
    scene.push_back(s);
  }
  DamageTiles tiles;
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 1);
  tiles.Commit();
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 1);
  EXPECT_TRUE(tiles.Damage().empty());
  scene[5].color = IM_COL32(1, 2, 3, 255);  // x 185..205, y 20..60
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 1);
  const PixelRect damage = tiles.Damage();
  EXPECT_LE(damage.x0, 185);
  EXPECT_GE(damage.x1, 205);
  EXPECT_LE(damage.y0, 20);
  EXPECT_GE(damage.y1, 60);
  EXPECT_LE(damage.area(), 4 * DamageTiles::kTile * 3 * DamageTiles::kTile);
  // Another seed (clear colour, atlas) changes every tile; so does another framebuffer size.
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 2);
  EXPECT_EQ(tiles.Damage().area(), kWidth * kHeight);
  tiles.Build(Draw(scene, 1), kWidth - 1, kHeight, 1);
  EXPECT_EQ(tiles.Damage().area(), (kWidth - 1) * kHeight);
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 1);
  tiles.Commit();
  tiles.Invalidate();
  tiles.Build(Draw(scene, 1), kWidth, kHeight, 1);
  EXPECT_EQ(tiles.Damage().area(), kWidth * kHeight);
}

// Kept chart geometry sits in the lists by reference (draw_replay.h): the tiles see it
// through the segment, so replaying it damages nothing, moving it damages where it was and
// is, and redrawing that damage alone gives the whole frame.
TEST_F(DamageTilesTest, KeptSegmentsAreSeenThroughTheirReference) {
  DrawSegment kept;
  float shift = 0;
  bool replay = false;
  auto frame = [&]() -> const ImDrawData& {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(kWidth, kHeight);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("scene", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(5, 5), ImVec2(60, 40), IM_COL32(200, 30, 30, 255));
    // A plot's clip: a kept segment that changes damages all of it.
    draw->PushClipRect(ImVec2(10, 44), ImVec2(290, 158), true);
    if (replay) {
      ReplaySegment(draw, kept);
    } else {
      const SegmentRecorder recorder(draw);
      draw->AddLine(ImVec2(20 + shift, 50), ImVec2(120 + shift, 150), IM_COL32(30, 200, 30, 200), 3);
      draw->AddCircleFilled(ImVec2(100 + shift, 60), 12, IM_COL32(30, 30, 200, 180));
      // The key determines the geometry (the segment's id is taken from it): the shift.
      EXPECT_TRUE(recorder.End(1 + static_cast<std::uint64_t>(shift), &kept));
    }
    draw->PopClipRect();
    draw->AddText(ImVec2(10, 170), IM_COL32_WHITE, "12.5%");
    ImGui::End();
    ImGui::Render();
    return *ImGui::GetDrawData();
  };
  auto references = [] {
    int count = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (int n = 0; n < data.CmdListsCount; ++n) {
      for (const ImDrawCmd& cmd : data.CmdLists[n]->CmdBuffer) count += ReferencedSegment(cmd) != nullptr ? 1 : 0;
    }
    return count;
  };
  DamageTiles tiles;
  std::vector<float> screen(static_cast<std::size_t>(kWidth * kHeight) * 3);
  tiles.Build(frame(), kWidth, kHeight, 7);
  ASSERT_GT(references(), 0);
  Redraw(screen, *ImGui::GetDrawData(), kWidth, PixelRect{0, 0, kWidth, kHeight}, nullptr);
  tiles.Commit();
  replay = true;
  tiles.Build(frame(), kWidth, kHeight, 7);
  EXPECT_TRUE(tiles.Damage().empty());
  tiles.Commit();
  replay = false;
  shift = 150;  // drawn anew elsewhere: both places damaged, the red box and the text not
  tiles.Build(frame(), kWidth, kHeight, 7);
  const PixelRect damage = tiles.Damage();
  EXPECT_LE(damage.x0, 20);
  EXPECT_GE(damage.x1, 270);
  EXPECT_GE(damage.y0, DamageTiles::kTile);  // tiles: the red box alone is in the top row
  EXPECT_LE(damage.y1, 5 * DamageTiles::kTile);  // the text is in the row below
  std::vector<float> whole(screen.size());
  Redraw(whole, *ImGui::GetDrawData(), kWidth, PixelRect{0, 0, kWidth, kHeight}, nullptr);
  Redraw(screen, *ImGui::GetDrawData(), kWidth, damage, &tiles.runs());
  EXPECT_EQ(Pixels(screen, kWidth, kHeight), Pixels(whole, kWidth, kHeight));
  // Seen again, the new segment's triangles are grouped into runs for drawing (boxes around
  // them, not its clip rectangle's), and its tiles do not change for that.
  const auto segment_width = [&] {
    int width = 0;
    const ImDrawData& data = *ImGui::GetDrawData();
    for (const TriangleRun& r : tiles.runs()) {
      if (ReferencedSegment(data.CmdLists[r.list]->CmdBuffer[r.command]) != nullptr) width = std::max(width, r.box.x1 - r.box.x0);
    }
    return width;
  };
  EXPECT_GE(segment_width(), 280);  // the clip, 10..290
  tiles.Commit();
  replay = true;
  tiles.Build(frame(), kWidth, kHeight, 7);
  EXPECT_TRUE(tiles.Damage().empty());
  EXPECT_LE(segment_width(), 120);  // the line and the circle, 168..272
}

}  // namespace
}  // namespace divboard::ui
