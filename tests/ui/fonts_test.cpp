// The atlas bakes only the glyphs a language shows (ui/fonts.cpp): these check that what it
// leaves out is never drawn, against the formatting functions and the UI's own strings.
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/format.h"
#include "core/generate.h"
#include "core/session.h"
#include "ui/fonts.h"
#include "ui/i18n.h"
#include "ui/kpi_tiles.h"

namespace divboard::ui {
namespace {

// The code points of `text` outside ASCII.
std::set<unsigned int> NonAscii(const std::string& text) {
  std::set<unsigned int> out;
  const char* at = text.c_str();
  const char* end = at + text.size();
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    at += length;
    if (c >= 0x80) out.insert(c);
  }
  return out;
}

bool IsCjk(unsigned int c) { return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF); }

TEST(FontNeeds, KpiValueTextCoversEveryFormattedValue) {
  for (const Locale locale : {Locale::kEn, Locale::kZh}) {
    const std::set<unsigned int> baked = NonAscii(KpiValueText(locale));
    for (const Unit unit : {Unit::kCount, Unit::kUsers, Unit::kCurrency, Unit::kRatio, Unit::kHours}) {
      for (int exponent = -4; exponent <= 17; ++exponent) {
        for (const double sign : {1.0, -1.0}) {
          const double value = sign * 1.7 * std::pow(10.0, exponent);
          const std::string text = FormatValue(value, unit, locale);
          for (const unsigned int c : NonAscii(text)) {
            EXPECT_TRUE(baked.count(c)) << "U+" << std::hex << c << " of \"" << text << "\" is not in KpiValueText";
          }
        }
      }
    }
    EXPECT_FALSE(NonAscii(KpiValueText(Locale::kZh)).empty());
  }
}

// The string literals of every `Tr(locale, "en" "...", ...)` call in a source file, joined:
// a scanner, not <regex>, because GCC 12 warns inside <regex> under the sanitizer build and
// warnings are errors there.
std::vector<std::string> EnglishHalvesOfTrCalls(const std::string& source) {
  std::vector<std::string> halves;
  const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  const auto skip_space = [&](size_t i) {
    while (i < source.size() && std::isspace(static_cast<unsigned char>(source[i]))) ++i;
    return i;
  };
  for (size_t at = source.find("Tr("); at != std::string::npos; at = source.find("Tr(", at + 3)) {
    if (at > 0 && is_word(source[at - 1])) continue;
    size_t i = skip_space(at + 3);
    const size_t locale = i;
    while (i < source.size() && (is_word(source[i]) || source[i] == '.')) ++i;
    if (i == locale) continue;
    i = skip_space(i);
    if (i >= source.size() || source[i] != ',') continue;
    i = skip_space(i + 1);
    std::string literals;
    while (i < source.size() && source[i] == '"') {
      const size_t open = i++;
      while (i < source.size() && source[i] != '"') i += source[i] == '\\' ? 2 : 1;
      if (i >= source.size()) break;
      literals += source.substr(open, ++i - open);
      i = skip_space(i);
    }
    if (!literals.empty() && i < source.size() && source[i] == ',') halves.push_back(literals);
  }
  return halves;
}

TEST(FontNeeds, TrScannerFindsTheEnglishHalf) {
  const auto halves = EnglishHalvesOfTrCalls(
      "a = Tr(loc, \"One \\\"q\\\"\" \"two\", \"\u4e00\"); XTr(l, \"no\", \"x\"); Tr(l, \"\", \"y\"); Tr(l, name, \"z\");");
  ASSERT_EQ(halves.size(), 2u);
  EXPECT_EQ(halves[0], "\"One \\\"q\\\"\"\"two\"");
  EXPECT_EQ(halves[1], "\"\"");
}

// The English half of every Tr(locale, "en", "zh") in src/ui: any Chinese in it must be baked
// for English too.
TEST(FontNeeds, ChineseInEnglishUiTextIsListed) {
  const std::set<unsigned int> listed =
      NonAscii(std::string(kChineseInEnglishUi) + OtherLanguageLabel(Locale::kEn));
  int english_strings = 0;
  std::set<unsigned int> found;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(DIVBOARD_SOURCE_DIR) + "/src/ui")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string source = buffer.str();
    for (const std::string& english : EnglishHalvesOfTrCalls(source)) {
      ++english_strings;
      for (const unsigned int c : NonAscii(english)) {
        if (!IsCjk(c)) continue;
        found.insert(c);
        EXPECT_TRUE(listed.count(c)) << entry.path().filename() << ": U+" << std::hex << c << " in " << english
                                     << " is missing from kChineseInEnglishUi";
      }
    }
  }
  EXPECT_GT(english_strings, 100);  // the pattern still matches the UI's calls
  EXPECT_FALSE(found.empty());      // and still finds the search hint's Chinese
}

TEST(FontNeeds, EnglishBakesHostNamesAndChineseTheWholeSubset) {
  Session session;
  const auto files = GenerateSample(GenerateOptions{});
  ASSERT_TRUE(session.FinishLoading("sample.json", files.front().bytes));
  const Snapshot& snapshot = session.snapshot();
  ASSERT_FALSE(snapshot.hosts.empty());
  const GlyphNeeds en = NeedsFor(Locale::kEn, &snapshot);
  const GlyphNeeds zh = NeedsFor(Locale::kZh, &snapshot);
  EXPECT_FALSE(en.whole_cjk_subset);
  EXPECT_TRUE(zh.whole_cjk_subset);
  const std::set<unsigned int> en_chars = NonAscii(en.text);
  for (const unsigned int c : NonAscii(snapshot.hosts.front().name)) EXPECT_TRUE(en_chars.count(c));
  for (const unsigned int c : NonAscii(OtherLanguageLabel(Locale::kEn))) EXPECT_TRUE(en_chars.count(c));
  // English does not bake the Chinese names of metrics it never shows.
  const std::set<unsigned int> zh_only = NonAscii(snapshot.metrics.front().name.zh);
  bool any_left_out = false;
  for (const unsigned int c : zh_only) any_left_out = any_left_out || !en_chars.count(c);
  EXPECT_TRUE(any_left_out);
  for (const unsigned int c : NonAscii(snapshot.metrics.front().name.zh)) EXPECT_TRUE(NonAscii(zh.text).count(c));
}

}  // namespace
}  // namespace divboard::ui
