#include "ui/fonts.h"

namespace divboard::ui {
namespace {

// Latin-1 plus the punctuation the number formats use (em dash, minus sign, ellipsis).
const ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026,
                                0x2212, 0x2212, 0};

ImFont* Add(const std::vector<unsigned char>& ttf, float size, float scale) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  if (ttf.empty()) {
    config.SizePixels = size * scale;
    return io.Fonts->AddFontDefault(&config);
  }
  // ImGui takes a mutable pointer but, with FontDataOwnedByAtlas off, never writes or frees it.
  void* data = const_cast<unsigned char*>(ttf.data());
  return io.Fonts->AddFontFromMemoryTTF(data, static_cast<int>(ttf.size()), size * scale, &config,
                                        kGlyphRanges);
}

}  // namespace

Fonts BuildFonts(const std::vector<unsigned char>& regular_ttf,
                 const std::vector<unsigned char>& bold_ttf, float pixel_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float scale = pixel_scale > 0 ? pixel_scale : 1.0f;
  const std::vector<unsigned char>& bold = bold_ttf.empty() ? regular_ttf : bold_ttf;
  Fonts fonts;
  fonts.body = Add(regular_ttf, 15.0f, scale);
  fonts.small = Add(regular_ttf, 12.5f, scale);
  fonts.bold = Add(bold, 15.0f, scale);
  fonts.title = Add(bold, 18.0f, scale);
  fonts.value = Add(bold, 28.0f, scale);
  io.Fonts->Build();
  io.FontDefault = fonts.body;
  io.FontGlobalScale = 1.0f / scale;
  return fonts;
}

}  // namespace divboard::ui
