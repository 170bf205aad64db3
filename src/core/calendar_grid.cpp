#include "core/calendar_grid.h"

#include <algorithm>

namespace divboard {
namespace {

Day JanuaryFirst(int year) { return DayFromCivil(CivilDate{year, 1, 1}); }

// Column of `day` in its year's block: week 0 holds January 1st, whatever its weekday.
int WeekInYear(Day day, int year) {
  const Day jan1 = JanuaryFirst(year);
  return (static_cast<int>(day - jan1) + Weekday(jan1)) / 7;
}

}  // namespace

CalendarGrid LayoutCalendar(Day first, Day last) {
  CalendarGrid grid;
  grid.first = first;
  grid.last = last;
  if (last < first) return grid;
  const int first_year = CivilFromDay(first).year;
  const int last_year = CivilFromDay(last).year;
  for (int year = first_year; year <= last_year; ++year) {
    CalendarYear y;
    y.year = year;
    const Day dec31 = JanuaryFirst(year + 1) - 1;
    y.weeks = WeekInYear(dec31, year) + 1;
    y.first = std::max(first, JanuaryFirst(year));
    y.last = std::min(last, dec31);
    for (int month = 1; month <= 12; ++month) {
      const Day start = DayFromCivil(CivilDate{year, month, 1});
      const Day end = start + DaysInMonth(year, month) - 1;
      // A month partly in range is labelled at its first shown day's column.
      y.month_week[month - 1] = end < y.first || start > y.last ? -1 : WeekInYear(std::max(start, y.first), year);
    }
    grid.years.push_back(y);
  }
  return grid;
}

CalendarCell CalendarGrid::CellOf(Day day) const {
  CalendarCell cell;
  if (day < first || day > last || years.empty()) return cell;
  const int year = CivilFromDay(day).year;
  cell.block = year - years.front().year;
  cell.week = WeekInYear(day, year);
  cell.weekday = Weekday(day);
  return cell;
}

bool CalendarGrid::DayAt(int block, int week, int weekday, Day* day) const {
  if (block < 0 || static_cast<size_t>(block) >= years.size() || weekday < 0 || weekday > 6 || week < 0) return false;
  const CalendarYear& y = years[static_cast<size_t>(block)];
  if (week >= y.weeks) return false;
  const Day jan1 = JanuaryFirst(y.year);
  const Day candidate = jan1 - Weekday(jan1) + week * 7 + weekday;
  if (candidate < y.first || candidate > y.last) return false;
  *day = candidate;
  return true;
}

}  // namespace divboard
