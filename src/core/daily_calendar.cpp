#include "core/daily_calendar.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace divboard {

double DailyCalendar::At(Day day) const {
  if (day < grid.first || day > grid.last) return std::numeric_limits<double>::quiet_NaN();
  return values[static_cast<size_t>(day - grid.first)];
}

DailyCalendar MakeDailyCalendar(const Snapshot& snapshot, std::string_view metric_id) {
  DailyCalendar calendar;
  const int metric = snapshot.FindMetric(metric_id);
  const Series* total = metric >= 0 ? snapshot.Total(metric) : nullptr;
  if (total == nullptr || total->values.empty()) return calendar;
  calendar.present = true;
  calendar.unit = snapshot.metrics[static_cast<size_t>(metric)].unit;
  calendar.grid = LayoutCalendar(total->start, total->end());
  calendar.values = total->values;
  double low = INFINITY, high = -INFINITY;
  for (double v : calendar.values) {
    if (!std::isfinite(v)) continue;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  if (low <= high) {
    calendar.low = low;
    calendar.high = high;
  }
  return calendar;
}

}  // namespace divboard
