// A metric's daily totals over the calendar grid: what the calendar heat map shows, and
// what the CLI prints for one day so browser tests can check the page against the core.
#pragma once

#include <string_view>
#include <vector>

#include "core/calendar_grid.h"
#include "core/snapshot.h"

namespace divboard {

struct DailyCalendar {
  CalendarGrid grid;            // every day of the metric's total series
  std::vector<double> values;   // per day from grid.first; NaN: no data that day (a gap)
  Unit unit = Unit::kCount;
  double low = 0, high = 0;     // smallest and largest present value (equal when none)
  bool present = false;         // false: the metric or its total is absent

  double At(Day day) const;     // NaN outside the grid or on a gap
};

DailyCalendar MakeDailyCalendar(const Snapshot& snapshot, std::string_view metric_id);

}  // namespace divboard
