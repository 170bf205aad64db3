// Smaller glyph index tables for fonts that merge Chinese (issue 7's memory goal).
//
// Dear ImGui 1.86 keeps, per font, two dense tables indexed by code point up to the highest
// one baked: IndexLookup (2 B an entry, code point -> glyph) and IndexAdvanceX (4 B, code
// point -> advance, read by every text measurement). A font that bakes one ideograph near
// U+9F00 holds ~40,600 entries, 240 KB per font, for a few hundred glyphs. Chinese glyphs all
// advance by one em, so past the last glyph of any other width the advance table says the
// same number over and over: it can stop there, with the font's fallback advance (what ImGui
// measures past the table's end) set to that one em. IndexLookup must stay whole: past its
// end ImGui draws the fallback glyph.
#pragma once

#include <imgui.h>

#include <cstddef>

namespace divboard::ui {

// For each font of a built atlas: cuts IndexAdvanceX after the last code point whose advance
// differs from the advance of the highest glyph, and makes that the fallback advance.
// Measured widths of every baked character stay exactly as they were; only a character no
// font has, past the cut, now measures one em while its fallback glyph ('?') draws narrower.
// Returns the bytes given back. Run again after every Build (which restores full tables).
size_t CompactAdvanceTables(ImFontAtlas* atlas);

// Bytes held by the atlas' fonts in glyphs and index tables (state().memory).
size_t FontTableBytes(const ImFontAtlas& atlas);

}  // namespace divboard::ui
