#include "core/ticks.h"

#include <cmath>

namespace divboard {

NiceScale MakeNiceScale(double low, double high, int target) {
  NiceScale out;
  if (!std::isfinite(low) || !std::isfinite(high)) return out;
  if (high < low) std::swap(low, high);
  if (high == low) {
    // A constant series still gets a readable axis around its value.
    const double pad = low == 0 ? 1 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  if (target < 1) target = 1;
  const double raw = (high - low) / target;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / power;
  const double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  out.step = nice * power;
  out.min = std::floor(low / out.step) * out.step;
  out.max = std::ceil(high / out.step) * out.step;
  const int count = static_cast<int>(std::lround((out.max - out.min) / out.step));
  for (int i = 0; i <= count && i <= 1000; ++i) out.ticks.push_back(out.min + i * out.step);
  return out;
}

std::vector<DateTick> MakeDateTicks(Day first, Day last, double min_days_apart) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<DateTick> out;
  if (last < first) return out;
  static const int kStepsInMonths[] = {1, 2, 3, 6, 12, 24, 60, 120};
  int step = 120;
  for (int candidate : kStepsInMonths) {
    if (candidate * 30.4 >= min_days_apart) {
      step = candidate;
      break;
    }
  }
  CivilDate c = CivilFromDay(first);
  int month_index = c.year * 12 + (c.month - 1);
  if (c.day != 1) ++month_index;  // first whole month inside the range
  month_index = (month_index + step - 1) / step * step;
  for (;; month_index += step) {
    const CivilDate at{month_index / 12, month_index % 12 + 1, 1};
    const Day day = DayFromCivil(at);
    if (day > last) break;
    DateTick tick{day, std::string(), at.month == 1};
    if (step >= 12 || at.month == 1) {
      tick.label = std::to_string(at.year);
    } else {
      tick.label = kMonths[at.month - 1];
    }
    out.push_back(std::move(tick));
  }
  return out;
}

}  // namespace divboard
