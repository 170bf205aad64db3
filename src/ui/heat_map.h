// The calendar heat map: a metric's daily values over the years, one block per year (weeks
// as columns, weekdays as rows, Monday on top), month labels, a colour scale with a legend,
// and a tooltip with the date and the value formatted by core/format. Days without data are
// empty cells, not zeros. Drawn by the GPU from a data texture when the platform offers it
// (ui/resident_charts.h), otherwise with ImDrawList rectangles.
#pragma once

#include <imgui.h>
#include <string>
#include <vector>

#include "core/daily_calendar.h"
#include "core/session.h"
#include "ui/chart_common.h"

namespace divboard::ui {

struct HeatMapHover {
  bool hovered = false;  // over a cell that holds a day
  Day day = 0;
  double value = 0;      // NaN: no data that day
  std::string text;      // as the tooltip shows it
};

// Derived from the session's snapshot, rebuilt when its data changes.
struct HeatMapState {
  int generation = -1;
  DailyCalendar calendar;
  std::vector<float> cells;  // ResidentHeatMap::cells for the calendar
};

// The height the heat map needs at `width` (the panel's inner width); refreshes `state`.
float PurchasingCalendarHeight(const Session& session, HeatMapState& state, float width, const ChartContext& context);

// Daily purchasing users over every day of the snapshot; `size` is the panel's inner size.
void DrawPurchasingCalendar(const Session& session, HeatMapState& state, const ChartContext& context, ImVec2 size);

// The cell hovered in the frame last drawn (hovered false when none), for automation.
const HeatMapHover& LastHeatMapHover();

}  // namespace divboard::ui
