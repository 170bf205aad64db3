// KPI tiles: label, value, change against the comparison period (arrow and colour by
// whether the change is good for that metric), a sparkline, and a tooltip with both periods.
#pragma once

#include <string>
#include <vector>

#include "core/format.h"
#include "core/overview.h"
#include "core/rollup.h"
#include "ui/chart_common.h"
#include "ui/draw_replay.h"

namespace divboard::ui {

struct TileContext {
  const ChartContext* chart;
  DayRange period;
  DayRange comparison;     // empty: no comparison shown
  const char* trend_note;  // what the sparkline shows
  const char* change_label = nullptr;  // "vs previous" by default
  // Where the tiles' text and sparklines are kept as geometry and replayed while nothing
  // they show changes (a chart's zoom or a hover redraws them otherwise); null: drawn anew
  // each frame. Their panels and borders (a hovered tile's border) are drawn each frame.
  // The overview's nine tiles keep ~5K vertices (~130 KB with their indices); the window's
  // list no longer holds them, which saves about as much (docs/performance.md).
  DrawSegment* kept = nullptr;
};

// A grid of tiles filling the available width, rows evened out (3+3+3, not 4+4+1).
void DrawKpiTiles(const std::vector<KpiValue>& kpis, const TileContext& context);

// The characters KPI values may be written with in `locale` (the value font bakes only
// these beyond Latin: ui/fonts.cpp).
std::string KpiValueText(Locale locale);

// Which division a KPI belongs to, for its colour: community or trading.
bool IsTradingKpi(const std::string& id);

}  // namespace divboard::ui
