#include "ui/fonts.h"

#include <imgui_internal.h>

namespace divboard::ui {
namespace {

// Latin-1 plus the punctuation the number formats use (em dash, minus sign, ellipsis).
const ImWchar kLatinRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026,
                                0x2212, 0x2212, 0};
// CJK punctuation, unified ideographs and full-width forms: the small subset bakes whatever
// of these it holds, which is exactly what it was cut to.
const ImWchar kCjkRanges[] = {0x3000, 0x303F, 0x4E00, 0x9FFF, 0xFF00, 0xFFEF, 0};

ImFont* Add(const FontFiles& files, const std::vector<unsigned char>& latin, float size, float scale,
            const ImVector<ImWchar>& extra_ranges) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.SizePixels = size * scale;
  ImFont* font = nullptr;
  // ImGui takes mutable pointers but, with FontDataOwnedByAtlas off, never writes or frees them.
  if (latin.empty()) {
    font = io.Fonts->AddFontDefault(&config);
  } else {
    font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(latin.data()), static_cast<int>(latin.size()),
                                          size * scale, &config, kLatinRanges);
  }
  ImFontConfig merge = config;
  merge.MergeMode = true;
  merge.OversampleH = 1;  // CJK glyphs are dense; horizontal oversampling only doubles the atlas
  if (!files.cjk.empty()) {
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(files.cjk.data()), static_cast<int>(files.cjk.size()),
                                   size * scale, &merge, kCjkRanges);
  }
  if (!files.cjk_fallback.empty() && extra_ranges.Size > 1) {
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(files.cjk_fallback.data()),
                                   static_cast<int>(files.cjk_fallback.size()), size * scale, &merge,
                                   extra_ranges.Data);
  }
  return font;
}

}  // namespace

void BuildFonts(const FontFiles& files, const std::string& extra_text, float pixel_scale, Fonts* fonts) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float scale = pixel_scale > 0 ? pixel_scale : 1.0f;
  fonts->extra_ranges.clear();
  if (!extra_text.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddText(extra_text.c_str(), extra_text.c_str() + extra_text.size());
    builder.BuildRanges(&fonts->extra_ranges);
  }
  const std::vector<unsigned char>& bold = files.bold.empty() ? files.regular : files.bold;
  fonts->body = Add(files, files.regular, 15.0f, scale, fonts->extra_ranges);
  fonts->small = Add(files, files.regular, 12.5f, scale, fonts->extra_ranges);
  fonts->bold = Add(files, bold, 15.0f, scale, fonts->extra_ranges);
  fonts->title = Add(files, bold, 18.0f, scale, fonts->extra_ranges);
  fonts->value = Add(files, bold, 28.0f, scale, fonts->extra_ranges);
  io.Fonts->Build();
  io.FontDefault = fonts->body;
  io.FontGlobalScale = 1.0f / scale;
}

bool MissingGlyphs(const Fonts& fonts, const std::string& text) {
  if (fonts.body == nullptr) return false;
  const char* at = text.c_str();
  const char* end = at + text.size();
  while (at < end) {
    unsigned int c = 0;
    const int length = ImTextCharFromUtf8(&c, at, end);
    if (length <= 0) break;
    at += length;
    if (c >= 0x80 && c < 0x10000 && fonts.body->FindGlyphNoFallback(static_cast<ImWchar>(c)) == nullptr) return true;
  }
  return false;
}

}  // namespace divboard::ui
