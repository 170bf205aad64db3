#include "core/period_compare.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace divboard {
namespace {

int Covered(DayRange range, std::pair<Day, Day> span) {
  const Day first = std::max(range.first, span.first);
  const Day last = std::min(range.last, span.second);
  return last >= first ? last - first + 1 : 0;
}

}  // namespace

PeriodComparison ComparePeriods(Analysis& analysis, const KpiDefinition& kpi, DayRange a, DayRange b) {
  PeriodComparison out;
  out.a = a;
  out.b = b;
  out.total_a = analysis.Kpi(kpi, a);
  out.total_b = analysis.Kpi(kpi, b);
  out.change = (std::isnan(out.total_a) || std::isnan(out.total_b) || out.total_b == 0)
                   ? std::numeric_limits<double>::quiet_NaN()
                   : (out.total_a - out.total_b) / std::fabs(out.total_b);
  const auto span = analysis.snapshot().Span();
  out.covered_a = Covered(a, span);
  out.covered_b = Covered(b, span);
  const int length = std::max(a.days(), b.days());
  out.daily_a.reserve(static_cast<size_t>(length));
  out.daily_b.reserve(static_cast<size_t>(length));
  for (int i = 0; i < length; ++i) {
    const Day day_a = a.first + i, day_b = b.first + i;
    out.daily_a.push_back(i < a.days() ? analysis.Kpi(kpi, DayRange{day_a, day_a}) : std::nan(""));
    out.daily_b.push_back(i < b.days() ? analysis.Kpi(kpi, DayRange{day_b, day_b}) : std::nan(""));
  }
  return out;
}

}  // namespace divboard
