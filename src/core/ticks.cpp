#include "core/ticks.h"

#include <cmath>

namespace divboard {

NiceScale MakeNiceScale(double low, double high, int target) {
  NiceScale out;
  if (!std::isfinite(low) || !std::isfinite(high)) {
    out.ticks = {out.min, out.max};
    return out;
  }
  if (high < low) std::swap(low, high);
  if (high == low) {
    // A constant series still gets a readable axis around its value.
    const double pad = low == 0 ? 1 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  if (target < 1) target = 1;
  // Divided before subtracting: high - low can overflow near the limits of double.
  const double raw = high / target - low / target;
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

namespace {

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string MonthName(int month, Locale locale) {
  if (month < 1 || month > 12) return std::string();
  if (locale == Locale::kZh) return std::to_string(month) + "\xE6\x9C\x88";  // 月
  return kMonths[month - 1];
}

std::string MonthDay(int month, int day, Locale locale) {
  if (locale == Locale::kZh) return MonthName(month, locale) + std::to_string(day) + "\xE6\x97\xA5";  // 日
  return MonthName(month, locale) + " " + std::to_string(day);
}

namespace {

// Day and week steps: labels "Nov 3"; the first tick of a month is major.
std::vector<DateTick> DayTicks(Day first, Day last, int step_days, bool weekly, Locale locale) {
  std::vector<DateTick> out;
  Day day = first;
  if (weekly) {
    day += (7 - Weekday(first)) % 7;  // first Monday
  }
  // Align multi-day steps to a fixed grid so ticks do not jump while panning.
  if (step_days > 1) {
    const Day anchor = weekly ? DayFromCivil({1970, 1, 5}) : 0;  // a Monday
    const Day offset = ((day - anchor) % step_days + step_days) % step_days;
    if (offset != 0) day += step_days - offset;
  }
  int previous_month = -1;
  for (; day <= last; day += step_days) {
    const CivilDate c = CivilFromDay(day);
    // The first tick of each month is major, and names the year in January.
    const bool major = c.month != previous_month && previous_month != -1;
    previous_month = c.month;
    std::string label = MonthDay(c.month, c.day, locale);
    if (major && c.month == 1) label += " " + std::to_string(c.year);
    out.push_back(DateTick{day, std::move(label), major});
  }
  return out;
}

std::vector<DateTick> MonthTicks(Day first, Day last, int step_months, Locale locale) {
  std::vector<DateTick> out;
  const CivilDate c = CivilFromDay(first);
  int month_index = c.year * 12 + (c.month - 1);
  if (c.day != 1) ++month_index;  // first whole month inside the range
  month_index = (month_index + step_months - 1) / step_months * step_months;
  for (;; month_index += step_months) {
    const CivilDate at{month_index / 12, month_index % 12 + 1, 1};
    const Day day = DayFromCivil(at);
    if (day > last) break;
    DateTick tick{day, std::string(), at.month == 1};
    if (step_months >= 12 || at.month == 1) {
      tick.label = std::to_string(at.year);
    } else if (step_months == 3) {
      tick.label = "Q" + std::to_string((at.month - 1) / 3 + 1);
    } else {
      tick.label = MonthName(at.month, locale);
    }
    out.push_back(std::move(tick));
  }
  return out;
}

}  // namespace

std::vector<DateTick> MakeDateTicks(Day first, Day last, double min_days_apart, Locale locale) {
  if (last < first) return {};
  // Steps a reader expects, smallest first: days, weeks, months, quarters, years.
  if (min_days_apart <= 1) return DayTicks(first, last, 1, false, locale);
  if (min_days_apart <= 2) return DayTicks(first, last, 2, false, locale);
  if (min_days_apart <= 7) return DayTicks(first, last, 7, true, locale);
  if (min_days_apart <= 14) return DayTicks(first, last, 14, true, locale);
  // Compared with the shortest run of that many months (February, leap years), so labels
  // are never closer than asked.
  struct Step { int months; int shortest_days; };
  static const Step kSteps[] = {{1, 28}, {3, 89}, {6, 181}, {12, 365}, {24, 730},
                                {60, 1826}, {120, 3652}, {240, 7305}, {600, 18262}};
  for (const Step& step : kSteps) {
    if (step.shortest_days >= min_days_apart) return MonthTicks(first, last, step.months, locale);
  }
  return MonthTicks(first, last, 1200, locale);
}

}  // namespace divboard
