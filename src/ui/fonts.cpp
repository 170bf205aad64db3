#include "ui/fonts.h"

#include <imgui_internal.h>

#include "ui/font_tables.h"
#include "ui/i18n.h"
#include "ui/kpi_tiles.h"

namespace divboard::ui {
namespace {

// Latin-1 plus the punctuation the number formats use (em dash, minus sign, ellipsis).
const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026,
                                0x2212, 0x2212, 0};
// The two large sizes take less of the Latin font: the title size draws only the header's
// name (printable ASCII), the KPI value size only numbers in the formatters' words (ASCII and
// GlyphNeeds::value_text, which holds their ¥, minus sign and dashes). At 18 and 28 px all of
// Latin-1 was most of the atlas' rasterising (docs/performance.md, "Cold start").
const ImWchar kAsciiRanges[] = {0x0020, 0x007E, 0};
std::string PrintableAscii() {
  std::string text;
  for (char c = 0x20; c < 0x7F; ++c) text += c;
  return text;
}
// CJK punctuation, unified ideographs and full-width forms: the small subset bakes whatever
// of these it holds, which is exactly what it was cut to.
const ImWchar kCjkRanges[] = {0x3000, 0x303F, 0x4E00, 0x9FFF, 0xFF00, 0xFFEF, 0};

void RangesOf(const std::string& text, ImVector<ImWchar>* out) {
  out->clear();
  if (text.empty()) return;
  ImFontGlyphRangesBuilder builder;
  builder.AddText(text.c_str(), text.c_str() + text.size());
  builder.BuildRanges(out);
}

// A range list holds at least one pair before its terminating 0.
bool HasRanges(const ImVector<ImWchar>& ranges) { return ranges.Size > 1; }

// `subset_ranges`: what to take from the small CJK subset (null: nothing); `fallback_ranges`
// what to take from the fallback font, when it is loaded.
// `latin_ranges`: what to take from the Latin font; large sizes need no horizontal
// oversampling (`oversample_h` 1) to place glyphs finely enough.
ImFont* Add(const FontFiles& files, const std::vector<unsigned char>& latin, float size, float scale,
            const ImWchar* latin_ranges, int oversample_h, const ImWchar* subset_ranges,
            const ImWchar* fallback_ranges) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  // ImGui 1.86 copies a font file it does not own, for every AddFont (5 Latin and 4 Chinese
  // copies, 350 KB, and a fragmented heap after): so it is told it owns the files, and
  // BuildFonts takes them back (ReleaseFontFiles) before it could free them.
  config.FontDataOwnedByAtlas = true;
  config.OversampleH = oversample_h;
  config.OversampleV = 1;
  config.SizePixels = size * scale;
  ImFont* font = nullptr;
  // ImGui takes mutable pointers but never writes them; ReleaseFontFiles keeps it from freeing them.
  if (latin.empty()) {
    font = io.Fonts->AddFontDefault(&config);
  } else {
    font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(latin.data()), static_cast<int>(latin.size()),
                                          size * scale, &config, latin_ranges);
  }
  ImFontConfig merge = config;
  merge.MergeMode = true;
  merge.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling only doubles the atlas
  if (!files.cjk.empty() && subset_ranges != nullptr) {
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(files.cjk.data()), static_cast<int>(files.cjk.size()),
                                   size * scale, &merge, subset_ranges);
  }
  // Merged after the subset: ImGui bakes a character from the first font that has it.
  if (!files.cjk_fallback.empty() && fallback_ranges != nullptr) {
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(files.cjk_fallback.data()),
                                   static_cast<int>(files.cjk_fallback.size()), size * scale, &merge,
                                   fallback_ranges);
  }
  return font;
}

// Once the atlas is built it needs no input: the files go back to `files` (the atlas was
// told it owned them, see Add) and the rest of the input is dropped. A rebuild adds the
// fonts again from `files` (BuildFonts clears the atlas first). Nothing may clear the atlas
// between Add and this, or it would free the files.
void ReleaseFontFiles(const FontFiles& files, ImFontAtlas* atlas) {
  for (ImFontConfig& config : atlas->ConfigData) {
    for (const std::vector<unsigned char>* file : {&files.regular, &files.bold, &files.cjk, &files.cjk_fallback}) {
      if (!file->empty() && config.FontData == file->data()) config.FontData = nullptr;
    }
  }
  atlas->ClearInputData();  // frees only what ImGui made itself (the built-in font's data)
}

}  // namespace

GlyphNeeds NeedsFor(Locale locale, const Snapshot* snapshot) {
  GlyphNeeds needs;
  needs.whole_cjk_subset = locale == Locale::kZh;
  needs.value_text = KpiValueText(locale);
  needs.text = std::string(OtherLanguageLabel(locale)) + (locale == Locale::kZh ? "" : kChineseInEnglishUi);
  if (snapshot == nullptr) return needs;
  if (locale == Locale::kZh) {
    needs.text += snapshot->DisplayText();
    return needs;
  }
  // English shows names in English (Localised) and hosts' names as given, which are Chinese.
  for (const Division& d : snapshot->divisions) needs.text += d.name.en;
  for (const Dimension& d : snapshot->dimensions) {
    needs.text += d.name.en;
    for (const Member& m : d.members) needs.text += m.name.en;
  }
  for (const Metric& m : snapshot->metrics) needs.text += m.name.en;
  for (const Event& e : snapshot->events) needs.text += e.label.en;
  for (const Host& h : snapshot->hosts) {
    needs.text += h.name;
    needs.text += h.name_latin;
  }
  return needs;
}

void BuildFonts(const FontFiles& files, const GlyphNeeds& needs, float pixel_scale, Fonts* fonts) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float scale = pixel_scale > 0 ? pixel_scale : 1.0f;
  RangesOf(needs.text, &fonts->text_ranges);
  RangesOf(needs.value_text, &fonts->value_ranges);
  RangesOf(PrintableAscii() + needs.value_text, &fonts->value_latin_ranges);
  const ImWchar* text = HasRanges(fonts->text_ranges) ? fonts->text_ranges.Data : nullptr;
  const ImWchar* value = HasRanges(fonts->value_ranges) ? fonts->value_ranges.Data : nullptr;
  const ImWchar* subset = needs.whole_cjk_subset ? kCjkRanges : text;
  const std::vector<unsigned char>& bold = files.bold.empty() ? files.regular : files.bold;
  fonts->body = Add(files, files.regular, 15.0f, scale, kLatinRanges, 2, subset, text);
  fonts->small = Add(files, files.regular, 12.5f, scale, kLatinRanges, 2, subset, text);
  fonts->bold = Add(files, bold, 15.0f, scale, kLatinRanges, 2, subset, text);
  fonts->title = Add(files, bold, 18.0f, scale, kAsciiRanges, 1, nullptr, nullptr);
  fonts->value = Add(files, bold, 28.0f, scale, fonts->value_latin_ranges.Data, 1, value, value);
  io.Fonts->Build();
  CompactAdvanceTables(io.Fonts);  // ui/font_tables.h: ~130 KB per font that merges Chinese
  ReleaseFontFiles(files, io.Fonts);
  io.FontDefault = fonts->body;
  io.FontGlobalScale = 1.0f / scale;
  static int bakes = 0;
  fonts->generation = ++bakes;
}

void BuildFonts(const FontFiles& files, const std::string& extra_text, float pixel_scale, Fonts* fonts) {
  GlyphNeeds needs;
  needs.text = extra_text;
  needs.value_text = KpiValueText(Locale::kZh) + extra_text;
  BuildFonts(files, needs, pixel_scale, fonts);
}

std::string MissingGlyphs(const Fonts& fonts, const std::string& text) {
  std::string missing;
  if (fonts.body == nullptr) return missing;
  ImVector<ImWchar> seen;
  const char* at = text.c_str();
  const char* end = at + text.size();
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    const char* start = at;
    at += length;
    if (c < 0x80 || c >= 0x10000 || fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr) continue;
    if (seen.contains(static_cast<ImWchar>(c))) continue;
    seen.push_back(static_cast<ImWchar>(c));
    missing.append(start, at);
  }
  return missing;
}

}  // namespace divboard::ui
