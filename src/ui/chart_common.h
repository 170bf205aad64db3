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

}  // namespace divboard::ui
