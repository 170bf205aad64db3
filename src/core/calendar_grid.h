// Days laid out as a calendar heat map: one block per calendar year, a column per week
// (weeks start on Monday, as in China), a row per weekday. Days are business dates as stored
// (already Asia/Shanghai), so no time-zone maths happens here: 2024-01-01 is a Monday in
// every browser and on every machine.
#pragma once

#include <vector>

#include "core/date.h"

namespace divboard {

struct CalendarYear {
  int year = 0;
  int weeks = 0;           // columns: 53, or 54 when a leap year starts on a Sunday
  Day first = 0;           // first day of the block shown (clamped to the range)
  Day last = 0;            // last day of the block shown (clamped to the range)
  int month_week[12] = {};  // column holding the 1st of each month (-1: month outside the range)
};

struct CalendarCell {
  int block = -1;    // index into CalendarGrid::years
  int week = 0;      // column inside the block
  int weekday = 0;   // row: 0 = Monday .. 6 = Sunday
};

struct CalendarGrid {
  Day first = 0;
  Day last = -1;  // empty when last < first
  std::vector<CalendarYear> years;

  // Where `day` sits; block -1 when it is outside [first, last].
  CalendarCell CellOf(Day day) const;
  // The day shown at a cell, or false when the cell holds none (before the range, after it,
  // or past the year's end).
  bool DayAt(int block, int week, int weekday, Day* day) const;
};

// Lays out every day of [first, last] (inclusive); an empty grid when last < first.
CalendarGrid LayoutCalendar(Day first, Day last);

}  // namespace divboard
