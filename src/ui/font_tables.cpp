#include "ui/font_tables.h"

#include <cstring>

namespace divboard::ui {
namespace {

// Below this many entries saved the copy is not worth a reallocation.
constexpr int kMinEntriesSaved = 1024;

size_t CompactFont(ImFont* font) {
  ImVector<float>& advance = font->IndexAdvanceX;
  if (font->Glyphs.empty() || advance.Size == 0) return 0;
  // The glyph with the highest code point sets the advance the tail of the table repeats.
  const ImFontGlyph* highest = &font->Glyphs[0];
  for (const ImFontGlyph& glyph : font->Glyphs) {
    if (glyph.Codepoint > highest->Codepoint) highest = &glyph;
  }
  const float tail = highest->AdvanceX;
  // Entries that must stay: up to the last glyph whose advance is not the tail's. Gaps (code
  // points with no glyph) past the cut measure `tail` instead of the fallback glyph's width:
  // the one change, for characters no loaded font has.
  int keep = 0;
  for (const ImFontGlyph& glyph : font->Glyphs) {
    if (glyph.AdvanceX != tail && static_cast<int>(glyph.Codepoint) + 1 > keep) {
      keep = static_cast<int>(glyph.Codepoint) + 1;
    }
  }
  if (keep > advance.Size) keep = advance.Size;
  if (advance.Size - keep < kMinEntriesSaved) return 0;
  const size_t before = static_cast<size_t>(advance.Capacity) * sizeof(float);
  ImVector<float> shorter;
  shorter.resize(keep);
  if (keep > 0) std::memcpy(shorter.Data, advance.Data, static_cast<size_t>(keep) * sizeof(float));
  advance.swap(shorter);  // the long table is freed with `shorter`
  font->FallbackAdvanceX = tail;
  return before - static_cast<size_t>(advance.Capacity) * sizeof(float);
}

}  // namespace

size_t CompactAdvanceTables(ImFontAtlas* atlas) {
  size_t saved = 0;
  for (ImFont* font : atlas->Fonts) saved += CompactFont(font);
  return saved;
}

size_t FontTableBytes(const ImFontAtlas& atlas) {
  size_t bytes = 0;
  for (const ImFont* font : atlas.Fonts) {
    bytes += static_cast<size_t>(font->IndexAdvanceX.Capacity) * sizeof(float) +
             static_cast<size_t>(font->IndexLookup.Capacity) * sizeof(ImWchar) +
             static_cast<size_t>(font->Glyphs.Capacity) * sizeof(ImFontGlyph);
  }
  return bytes;
}

}  // namespace divboard::ui
