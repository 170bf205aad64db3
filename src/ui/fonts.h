// The dashboard's fonts, rasterised at the screen's pixel density so text is crisp on
// high-DPI displays: glyphs are baked at size × scale and drawn at 1/scale.
#pragma once

#include <imgui.h>
#include <vector>

namespace divboard::ui {

struct Fonts {
  ImFont* body = nullptr;   // 15 px
  ImFont* small = nullptr;  // 12.5 px
  ImFont* bold = nullptr;   // 15 px bold
  ImFont* title = nullptr;  // 18 px bold
  ImFont* value = nullptr;  // 28 px bold, KPI values
};

// Rebuilds the atlas in ImGui's current context. Empty TTF data falls back to ImGui's
// built-in font (used by the headless tests). The byte vectors must outlive the atlas.
Fonts BuildFonts(const std::vector<unsigned char>& regular_ttf,
                 const std::vector<unsigned char>& bold_ttf, float pixel_scale);

}  // namespace divboard::ui
