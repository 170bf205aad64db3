// Dark and light palettes. Series colours come from the Okabe-Ito set, which stays
// distinguishable for the common forms of colour blindness in both themes.
#pragma once

#include <imgui.h>

namespace divboard::ui {

enum class Theme { kDark, kLight };

struct Palette {
  ImU32 background;
  ImU32 panel;
  ImU32 panel_border;
  ImU32 text;
  ImU32 text_muted;
  ImU32 grid;
  ImU32 axis;
  ImU32 good;
  ImU32 bad;
  ImU32 community;
  ImU32 trading;
  ImU32 series[6];
  ImU32 festival_band;
  ImU32 event_line;
  ImU32 error_background;
  ImU32 error_text;
};

const Palette& GetPalette(Theme theme);
void ApplyTheme(Theme theme);

}  // namespace divboard::ui
