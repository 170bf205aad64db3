// Axis ticks: "nice" numbers (1-2-5 steps) for value axes and calendar-aligned dates for
// time axes, so labels land on values and dates people read naturally.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/format.h"

namespace divboard {

struct NiceScale {
  double min = 0;
  double max = 1;
  double step = 1;
  std::vector<double> ticks;  // min, min + step, ..., max
};

// Expands [low, high] outwards to multiples of a 1-2-5 step giving about `target` intervals.
NiceScale MakeNiceScale(double low, double high, int target);

struct DateTick {
  Day day;
  std::string label;  // "Nov 3", "Mar", "Q2", "2025"
  bool major;         // a month boundary at day/week steps, a year boundary above
};

// Calendar-aligned ticks between first and last, at least `min_days_apart` days apart (the
// caller converts its minimum label spacing in pixels into days): days, Monday-aligned
// weeks, months, quarters or years, whichever is the finest that fits.
std::vector<DateTick> MakeDateTicks(Day first, Day last, double min_days_apart,
                                    Locale locale = Locale::kEn);

// "Mar" / "3月", "Mar 5" / "3月5日".
std::string MonthName(int month, Locale locale);
std::string MonthDay(int month, int day, Locale locale);

}  // namespace divboard
