// A daily time-series chart drawn with ImDrawList: one or two value axes, calendar ticks,
// event markers and festival bands, gaps for missing days, and a hover crosshair with a
// tooltip listing every line's value on that day.
#pragma once

#include <imgui.h>
#include <vector>

#include "core/format.h"
#include "core/rollup.h"
#include "core/snapshot.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace divboard::ui {

struct ChartLine {
  const char* label;
  const Series* series;
  ImU32 color;
  int axis;  // 0: left axis, 1: right axis
  Unit unit;
};

struct ChartContext {
  const Palette* palette;
  const Fonts* fonts;
  Locale locale;
};

void DrawTimeChart(const char* id, const std::vector<ChartLine>& lines,
                   const std::vector<Event>& events, DayRange range, const ChartContext& context,
                   ImVec2 size);

// A small line of daily values without axes, for KPI tiles.
void DrawSparkline(ImDrawList* draw, ImVec2 min, ImVec2 max, const std::vector<double>& values,
                   ImU32 color);

}  // namespace divboard::ui
