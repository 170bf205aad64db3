// Shorter glyph advance tables (ui/font_tables.h) must not change how wide any baked
// character measures, nor how far drawing it advances: checked on Debian's Noto fonts (the
// ones scripts/setup.sh installs and the page's subsets are cut from), Latin with Chinese
// merged in, as the page bakes them.
#include <gtest/gtest.h>
#include <imgui.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ui/font_tables.h"
#include "ui/fonts.h"

namespace divboard::ui {
namespace {

std::vector<unsigned char> ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* kLatinFile = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
const char* kCjkFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

// Latin-1 plus Chinese: names, CJK punctuation, full-width forms and, when `halfwidth`, a
// half-width form (half an em) as the highest code point.
std::string ChineseText(bool halfwidth) {
  return std::string("林涵黄鹤默龟，。「」（）：") + (halfwidth ? "｡" : "");
}

struct Atlas {
  std::vector<unsigned char> latin = ReadFile(kLatinFile);
  std::vector<unsigned char> cjk = ReadFile(kCjkFile);
  ImFontAtlas atlas;
  ImVector<ImWchar> ranges;
  ImFont* font = nullptr;

  explicit Atlas(const std::string& chinese) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(atlas.GetGlyphRangesDefault());
    builder.AddText(chinese.c_str());
    builder.BuildRanges(&ranges);
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    font = atlas.AddFontFromMemoryTTF(latin.data(), static_cast<int>(latin.size()), 15.0f, &config,
                                      atlas.GetGlyphRangesDefault());
    ImFontConfig merge = config;
    merge.MergeMode = true;
    merge.FontNo = 2;  // Simplified Chinese in the collection
    atlas.AddFontFromMemoryTTF(cjk.data(), static_cast<int>(cjk.size()), 15.0f, &merge, ranges.Data);
    atlas.Build();
  }
};

// Every code point's measured advance, and the advance drawing it uses.
struct Widths {
  std::vector<float> measured, drawn;
  explicit Widths(const ImFont& font) {
    for (unsigned c = 1; c < 0x10000; ++c) {
      measured.push_back(font.GetCharAdvance(static_cast<ImWchar>(c)));
      drawn.push_back(font.FindGlyph(static_cast<ImWchar>(c))->AdvanceX);
    }
  }
};

TEST(FontTables, BakedCharactersMeasureAndDrawAsBefore) {
  for (const bool halfwidth : {false, true}) {
    Atlas a(ChineseText(halfwidth));
    ASSERT_FALSE(a.latin.empty());
    ASSERT_FALSE(a.cjk.empty());
    ASSERT_NE(a.font->FindGlyphNoFallback(0x9F9F), nullptr);  // 龟, the highest ideograph
    const Widths before(*a.font);
    const std::string text = "Lin Han " + ChineseText(halfwidth) + " ¥1,234.5";
    const ImVec2 size_before = a.font->CalcTextSizeA(15.0f, 1e9f, 0.0f, text.c_str());
    const ImVec2 wrapped_before = a.font->CalcTextSizeA(15.0f, 1e9f, 40.0f, text.c_str());
    const int lookup_size = a.font->IndexLookup.Size;
    const size_t saved = CompactAdvanceTables(&a.atlas);
    if (halfwidth) {
      // The highest glyph is half an em: nothing past the ideographs repeats its width.
      EXPECT_EQ(saved, 0u);
    } else {
      // Cut at the last Latin glyph: ~40K entries of 4 bytes gone.
      EXPECT_GT(saved, 100000u);
      EXPECT_LT(a.font->IndexAdvanceX.Size, 0x3000);
    }
    EXPECT_EQ(a.font->IndexLookup.Size, lookup_size);  // drawing's lookup stays whole
    const Widths after(*a.font);
    for (unsigned c = 1; c < 0x10000; ++c) {
      const bool baked = a.font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
      const bool before_cut = static_cast<int>(c) < a.font->IndexAdvanceX.Size;
      if (!baked && !before_cut) continue;  // a character no font has: the one documented change
      EXPECT_EQ(after.measured[c - 1], before.measured[c - 1]) << "U+" << std::hex << c;
      EXPECT_EQ(after.drawn[c - 1], before.drawn[c - 1]) << "U+" << std::hex << c;
      if (baked) {
        EXPECT_EQ(after.measured[c - 1], after.drawn[c - 1]) << "U+" << std::hex << c;
      }
    }
    const ImVec2 size_after = a.font->CalcTextSizeA(15.0f, 1e9f, 0.0f, text.c_str());
    const ImVec2 wrapped_after = a.font->CalcTextSizeA(15.0f, 1e9f, 40.0f, text.c_str());
    EXPECT_EQ(size_after.x, size_before.x);
    EXPECT_EQ(wrapped_after.x, wrapped_before.x);
    EXPECT_EQ(wrapped_after.y, wrapped_before.y);
  }
}

TEST(FontTables, BuildFontsCompactsEveryFontThatMergesChinese) {
  ImGui::CreateContext();
  FontFiles files;
  files.regular = ReadFile(kLatinFile);
  files.bold = files.regular;
  files.cjk = ReadFile(kCjkFile);  // the collection's first face has the same ideographs
  GlyphNeeds needs;
  needs.whole_cjk_subset = false;
  needs.text = "林涵黄鹤";
  Fonts fonts;
  BuildFonts(files, needs, 1.0f, &fonts);
  for (ImFont* font : {fonts.body, fonts.small, fonts.bold}) {
    ASSERT_NE(font->FindGlyphNoFallback(0x9E64), nullptr);  // 鹤
    EXPECT_LT(font->IndexAdvanceX.Size, 0x3000);
    EXPECT_GT(font->IndexLookup.Size, 0x9E64);
    EXPECT_EQ(font->GetCharAdvance(0x9E64), font->FindGlyph(0x9E64)->AdvanceX);
  }
  // What the five fonts' tables held uncut: both tables as long as the lookup.
  size_t uncut = 0;
  for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    uncut += static_cast<size_t>(font->IndexLookup.Capacity) * (sizeof(ImWchar) + sizeof(float)) +
             static_cast<size_t>(font->Glyphs.Capacity) * sizeof(ImFontGlyph);
  }
  EXPECT_LT(FontTableBytes(*ImGui::GetIO().Fonts) + 3 * 100000, uncut);
  ImGui::DestroyContext();
}

// ImGui 1.86 copies each font file it is given: once the atlas is built, BuildFonts drops the
// copies (350 KB on the page), and a rebuild from the same files gives the same fonts.
TEST(FontTables, BuildFontsKeepsNoFontFileCopies) {
  ImGui::CreateContext();
  FontFiles files;
  files.regular = ReadFile(kLatinFile);
  files.bold = files.regular;
  files.cjk = ReadFile(kCjkFile);
  GlyphNeeds needs;
  needs.whole_cjk_subset = false;
  needs.text = "林涵";
  needs.value_text = "万亿";
  Fonts fonts;
  BuildFonts(files, needs, 1.0f, &fonts);
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  EXPECT_TRUE(atlas.ConfigData.empty());
  ASSERT_TRUE(atlas.IsBuilt());
  const std::string text = "Lin Han 林涵 1.2万";
  const float width = fonts.body->CalcTextSizeA(15.0f, 1e9f, 0.0f, text.c_str()).x;
  const float value_width = fonts.value->CalcTextSizeA(28.0f, 1e9f, 0.0f, "1.2万").x;
  ASSERT_NE(fonts.value->FindGlyphNoFallback(0x4E07), nullptr);  // 万
  // The pixels are still there for the renderer's upload (no rebuild from missing inputs).
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
  ASSERT_NE(pixels, nullptr);
  EXPECT_GT(w * h, 0);
  EXPECT_NE(fonts.body->FindGlyphNoFallback(0x6797), nullptr);  // 林, still baked
  // A rebuild (language, pixel ratio, a font arriving) starts again from `files`.
  atlas.ClearTexData();
  BuildFonts(files, needs, 2.0f, &fonts);
  EXPECT_TRUE(atlas.ConfigData.empty());
  ASSERT_NE(fonts.body->FindGlyphNoFallback(0x6797), nullptr);
  EXPECT_FLOAT_EQ(fonts.body->CalcTextSizeA(15.0f, 1e9f, 0.0f, text.c_str()).x, width);
  EXPECT_FLOAT_EQ(fonts.value->CalcTextSizeA(28.0f, 1e9f, 0.0f, "1.2万").x, value_width);
  ImGui::DestroyContext();
}

}  // namespace
}  // namespace divboard::ui
