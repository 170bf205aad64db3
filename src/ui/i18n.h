// UI text in both languages, chosen at run time (data names come from the snapshot's own
// localised text; these are only the dashboard's own words), and small layout helpers.
#pragma once

#include <imgui.h>

#include "core/format.h"

namespace divboard::ui {

// Continues the current row when an item `width` wide still fits, else starts a new row:
// controls wrap on narrow screens instead of running off the edge.
inline void SameLineOrWrap(float width, float spacing) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

inline const char* Tr(Locale locale, const char* en, const char* zh) { return locale == Locale::kZh ? zh : en; }

// The language button names the other language in that language, so either reader finds it
// (the English page's fonts bake its Chinese: ui/fonts.cpp).
const char* OtherLanguageLabel(Locale locale);  // ui/dashboard.cpp

// The Chinese characters English UI text writes (the hosts search hint's example): the
// English page bakes these glyphs too. tests/ui/fonts_test.cpp checks the English half of
// every Tr() in src/ui against this list.
inline constexpr char kChineseInEnglishUi[] = "名字";

}  // namespace divboard::ui
