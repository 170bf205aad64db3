// One metric over two arbitrary periods the analyst picks: each period's total by the
// metric's roll-up rule (sum, mean of days, last value; AOV and conversion recomputed from
// the rolled-up parts), the change between them, and the daily values aligned by day offset
// so the two periods can be overlaid. Periods are taken as given, not clamped to the data:
// days without data are skipped, and `covered_*` says how many days had any.
#pragma once

#include <vector>

#include "core/analysis.h"
#include "core/overview.h"

namespace divboard {

struct PeriodComparison {
  DayRange a, b;
  double total_a = 0, total_b = 0;
  double change = 0;  // (total_a - total_b) / |total_b|: period A against period B; NaN if unknown
  int covered_a = 0, covered_b = 0;  // days of each period inside the snapshot's span
  // Day i of each period (day offset i from its first day), for i < max(a.days(), b.days());
  // NaN past a period's end or where the day has no data.
  std::vector<double> daily_a, daily_b;
};

PeriodComparison ComparePeriods(Analysis& analysis, const KpiDefinition& kpi, DayRange a, DayRange b);

}  // namespace divboard
