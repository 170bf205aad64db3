// The dashboard's fonts, rasterised at the screen's pixel density so text is crisp on
// high-DPI displays: glyphs are baked at size × scale and drawn at 1/scale.
//
// Latin text comes from Noto Sans; Chinese from a Noto Sans SC subset merged into the sizes
// that draw it. Only glyphs actually used are baked, because baking is costly at start-up
// (docs/performance.md, "Cold start"): in Chinese all of the small UI subset at the text
// sizes; in English only the Chinese the English page shows (hosts' names, the language
// button, the search hint); at the KPI value size only the words numbers are written with;
// and from the optional GB2312 fallback only characters of the data the subset lacks.
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

#include "core/format.h"
#include "core/snapshot.h"

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
  ImFont* title = nullptr;  // 18 px bold, the header's "divboard": printable ASCII only
  ImFont* value = nullptr;  // 28 px bold, KPI values: ASCII and GlyphNeeds::value_text only
  // Which bake the fonts are from (never 0 once built, never the same for two bakes): text
  // kept as geometry is replayed only over the glyphs it was drawn with (ui/kpi_tiles.cpp).
  int generation = 0;
  ImVector<ImWchar> text_ranges;   // must live as long as the atlas is being built
  ImVector<ImWchar> value_ranges;
  ImVector<ImWchar> value_latin_ranges;  // what the value size takes from the Latin font
};

// What an atlas must hold beyond Latin.
struct GlyphNeeds {
  bool whole_cjk_subset = true;  // every glyph of FontFiles::cjk at the body, small and bold sizes
  std::string text;              // characters drawn at those sizes (from the subset, else the fallback)
  std::string value_text;        // characters KPI values are written with (万, 亿, ...)
};

// The needs of the page in `locale` showing `snapshot` (null before any data).
GlyphNeeds NeedsFor(Locale locale, const Snapshot* snapshot);

// Rebuilds the atlas in ImGui's current context. Empty files fall back to ImGui's built-in
// font (used by the headless tests). The atlas keeps nothing of `files` once built (ImGui
// 1.86 would keep a copy per font; fonts.cpp avoids it); the page keeps them for rebuilds.
void BuildFonts(const FontFiles& files, const GlyphNeeds& needs, float pixel_scale, Fonts* fonts);

// Every glyph of the subset at every size, plus `extra_text` from the fallback.
void BuildFonts(const FontFiles& files, const std::string& extra_text, float pixel_scale, Fonts* fonts);

// The characters of `text` (outside ASCII) with no glyph in the body font, each once: the
// page rebakes, or fetches the fallback font, for them.
std::string MissingGlyphs(const Fonts& fonts, const std::string& text);

}  // namespace divboard::ui
