// Pieces every chart shares: the plot rectangle and its mappings, value axes with nice
// ticks, the calendar axis, and a clickable legend. Charts compose these; none of them
// computes a metric (numbers come from the core).
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

#include "core/format.h"
#include "core/ticks.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace divboard::ui {

struct ChartContext {
  const Palette* palette;
  const Fonts* fonts;
  Locale locale;
  // The session's data generation: geometry a chart kept is replayed only for the data it
  // was drawn from, even when new data lands at the same addresses.
  int data_generation = 0;
};

// A linear or log10 mapping from data values to screen coordinates.
struct Scale {
  double min = 0;
  double max = 1;
  bool log = false;
  float screen_min = 0;  // screen coordinate of `min`
  float screen_max = 1;  // screen coordinate of `max`

  float ToScreen(double value) const;
  double FromScreen(float screen) const;
};

float SmallFontSize(const ChartContext& context);
float TextWidth(const ImFont* font, float size, const char* text);

// Value-axis labels and grid lines; `side` 0 draws labels left of the plot, 1 right.
void DrawValueAxis(ImDrawList* draw, const Scale& scale, const NiceScale& ticks, Unit unit, int side,
                   bool grid, ImVec2 plot_min, ImVec2 plot_max, const ChartContext& context);

// Log-axis ticks at powers of ten (and 2x, 5x when they fit).
std::vector<double> LogTicks(double min, double max, float pixels);

// Calendar ticks along the bottom, spaced for readable labels.
void DrawTimeAxis(ImDrawList* draw, const Scale& x, ImVec2 plot_min, ImVec2 plot_max,
                  const ChartContext& context);

struct LegendItem {
  std::string label;
  ImU32 color;
  bool hidden;
  bool dashed;  // a comparison line
};

// Draws items left to right from `at`; returns the index clicked (-1 none) and sets
// *hovered to the index under the mouse (-1 none). Items are real buttons, so Tab reaches them.
// *bottom receives the y just below the last row.
int DrawLegend(const std::vector<LegendItem>& items, ImVec2 at, float max_width, const ChartContext& context,
               int* hovered, float* bottom);

ImU32 WithAlpha(ImU32 color, float alpha);

// A titled card at the cursor with `body(inner size)` drawn inside. With a `button` label,
// a small button sits in the top-right corner (registered for automation as `mark`), and
// the return value says whether it was clicked.
template <typename Body>
bool ChartPanel(const char* id, const std::string& title, ImVec2 size, const ChartContext& context,
                const char* button, const char* button_tooltip, const std::string& mark, Body body);

}  // namespace divboard::ui

#include "ui/chart_panel.inl"

namespace divboard::ui {

}  // namespace divboard::ui
