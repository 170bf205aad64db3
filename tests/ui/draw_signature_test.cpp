// The frame fingerprint the web platform uses to skip presenting a frame identical to the
// last one: the same drawing gives the same signature, and any change a reader could see
// (a moved vertex, a colour, a clip rectangle, a texture, the seed's framebuffer state)
// gives another.
#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>
#include <set>
#include <string>

#include "ui/draw_replay.h"
#include "ui/draw_signature.h"
#include "ui/fonts.h"

namespace divboard::ui {
namespace {

struct Scene {
  float x = 100;
  ImU32 color = IM_COL32(200, 100, 50, 255);
  float clip_right = 800;
  ImTextureID texture = nullptr;
  std::string label = "DAU 1,234";
};

class DrawSignature : public ::testing::Test {
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

  std::uint64_t Frame(const Scene& scene, std::uint64_t seed = 7) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("scene", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::TextUnformatted(scene.label.c_str());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(ImVec2(0, 0), ImVec2(scene.clip_right, 700));
    draw->AddLine(ImVec2(scene.x, 50), ImVec2(400, 300), scene.color, 2.0f);
    if (scene.texture != nullptr) draw->AddImage(scene.texture, ImVec2(10, 10), ImVec2(20, 20));
    draw->PopClipRect();
    ImGui::End();
    ImGui::Render();
    return DrawDataSignature(*ImGui::GetDrawData(), seed);
  }

  Fonts fonts_;
};

TEST_F(DrawSignature, SameDrawingSameSignature) {
  const Scene scene;
  const std::uint64_t first = Frame(scene);
  EXPECT_EQ(Frame(scene), first);
  EXPECT_EQ(Frame(scene), first);
}

TEST_F(DrawSignature, EveryVisibleChangeChangesIt) {
  const Scene base;
  std::set<std::uint64_t> seen = {Frame(base)};
  Scene moved = base;
  moved.x += 0.25f;  // a quarter pixel still moves anti-aliased pixels
  Scene recoloured = base;
  recoloured.color = IM_COL32(200, 100, 51, 255);
  Scene clipped = base;
  clipped.clip_right = 799;
  Scene textured = base;
  textured.texture = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(42));
  Scene relabelled = base;
  relabelled.label = "DAU 1,235";
  for (const Scene* scene : {&moved, &recoloured, &clipped, &textured, &relabelled}) {
    EXPECT_TRUE(seen.insert(Frame(*scene)).second) << "a change gave a signature already seen";
  }
  EXPECT_TRUE(seen.insert(Frame(base, 8)).second) << "the seed (framebuffer state) is not folded in";
  EXPECT_EQ(seen.count(Frame(base)), 1u) << "back to the first drawing, back to its signature";
}

// A tooltip is sized from the content of the frame before: the frame in which its content
// changes size is not final, and the platform must draw one more (main_web.cpp, settling).
TEST_F(DrawSignature, TooltipWhoseContentChangedSizeIsStillSettling) {
  ImGuiIO& io = ImGui::GetIO();
  const auto frame = [&](int lines) {
    io.MousePos = ImVec2(200, 200);
    ImGui::NewFrame();
    ImGui::BeginTooltip();
    for (int i = 0; i < lines; ++i) ImGui::Text("Daily active users: %d", 89847522 + i);
    ImGui::EndTooltip();
    ImGui::Render();
    return WindowsStillSettling();
  };
  EXPECT_TRUE(frame(3)) << "a new tooltip is measured hidden first";
  frame(3);
  EXPECT_FALSE(frame(3)) << "same content, same size";
  EXPECT_TRUE(frame(1)) << "fewer lines: the tooltip is still three lines tall in this frame";
  EXPECT_FALSE(frame(1));
  EXPECT_TRUE(frame(4));
  EXPECT_FALSE(frame(4));
}

TEST(MixBytes, LengthAndEveryByteCount) {
  const unsigned char zeros[16] = {};
  EXPECT_NE(MixBytes(1, zeros, 8), MixBytes(1, zeros, 9));
  EXPECT_NE(MixBytes(1, zeros, 0), MixBytes(1, zeros, 1));
  unsigned char bytes[77] = {};  // two 32-byte blocks, an 8-byte word and a tail
  const std::uint64_t plain = MixBytes(1, bytes, sizeof bytes);
  for (size_t i = 0; i < sizeof bytes; ++i) {
    bytes[i] = 1;
    EXPECT_NE(MixBytes(1, bytes, sizeof bytes), plain) << "byte " << i << " is not hashed";
    bytes[i] = 0;
  }
}

}  // namespace
}  // namespace divboard::ui
