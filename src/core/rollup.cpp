#include "core/rollup.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace divboard {

double Aggregate(const Series& series, Rollup rollup, DayRange range) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Day first = std::max(range.first, series.start);
  const Day last = std::min(range.last, series.end());
  if (last < first) return nan;
  const double* begin = series.values.data() + (first - series.start);
  const double* end = series.values.data() + (last - series.start) + 1;
  if (rollup == Rollup::kLast) {
    for (const double* p = end; p != begin; --p) {
      if (!std::isnan(p[-1])) return p[-1];
    }
    return nan;
  }
  double sum = 0;
  int count = 0;
  for (const double* p = begin; p != end; ++p) {
    if (std::isnan(*p)) continue;
    sum += *p;
    ++count;
  }
  if (count == 0) return nan;
  return rollup == Rollup::kSum ? sum : sum / count;
}

DayRange PreviousPeriod(DayRange range) {
  const int length = range.days();
  return DayRange{range.first - length, range.first - 1};
}

std::vector<double> DailyValues(const Series& series, DayRange range) {
  std::vector<double> out(static_cast<size_t>(range.days()));
  for (Day d = range.first; d <= range.last; ++d) out[static_cast<size_t>(d - range.first)] = series.at(d);
  return out;
}

}  // namespace divboard
