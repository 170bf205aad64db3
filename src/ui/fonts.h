// The dashboard's fonts, rasterised at the screen's pixel density so text is crisp on
// high-DPI displays: glyphs are baked at size × scale and drawn at 1/scale.
//
// Latin text comes from Noto Sans; Chinese from a Noto Sans SC subset merged into every
// size. Only glyphs actually used are baked: all of the small UI subset, and from the
// optional GB2312 fallback only the characters of `extra_text` (the snapshot's names).
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

namespace divboard::ui {

struct FontFiles {
  std::vector<unsigned char> regular;
  std::vector<unsigned char> bold;
  std::vector<unsigned char> cjk;           // small subset: the UI's and shipped data's characters
  std::vector<unsigned char> cjk_fallback;  // large subset, fetched only when needed
};

struct Fonts {
  ImFont* body = nullptr;   // 15 px
  ImFont* small = nullptr;  // 12.5 px
  ImFont* bold = nullptr;   // 15 px bold
  ImFont* title = nullptr;  // 18 px bold
  ImFont* value = nullptr;  // 28 px bold, KPI values
  ImVector<ImWchar> extra_ranges;  // must live as long as the atlas is being built
};

// Rebuilds the atlas in ImGui's current context. Empty files fall back to ImGui's built-in
// font (used by the headless tests). `files` must outlive the atlas.
void BuildFonts(const FontFiles& files, const std::string& extra_text, float pixel_scale, Fonts* fonts);

// True when some character of `text` has no glyph in the body font (so the page should
// fetch the fallback font).
bool MissingGlyphs(const Fonts& fonts, const std::string& text);

}  // namespace divboard::ui
