// The calendar heat map's layout: every day lands in exactly one cell of its own year's
// block, in the row of its weekday, and every cell maps back to the day it holds.
#include "core/calendar_grid.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <set>
#include <tuple>

namespace divboard {
namespace {

Day D(int y, int m, int d) { return DayFromCivil(CivilDate{y, m, d}); }

// 1970-01-01 was a Thursday: an independent weekday, not the one the code under test uses.
int NaiveWeekday(Day day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

TEST(CalendarGrid, EmptyRange) {
  const CalendarGrid grid = LayoutCalendar(D(2024, 1, 2), D(2024, 1, 1));
  EXPECT_TRUE(grid.years.empty());
  EXPECT_EQ(grid.CellOf(D(2024, 1, 1)).block, -1);
}

TEST(CalendarGrid, LeapYearStartingOnMonday) {
  const CalendarGrid grid = LayoutCalendar(D(2024, 1, 1), D(2024, 12, 31));
  ASSERT_EQ(grid.years.size(), 1u);
  EXPECT_EQ(grid.years[0].year, 2024);
  EXPECT_EQ(grid.years[0].weeks, 53);  // 366 days from a Monday: 52 weeks and 2 days
  const CalendarCell jan1 = grid.CellOf(D(2024, 1, 1));
  EXPECT_EQ(std::tie(jan1.block, jan1.week, jan1.weekday), std::make_tuple(0, 0, 0));
  const CalendarCell leap = grid.CellOf(D(2024, 2, 29));  // day 59 of the year, a Thursday
  EXPECT_EQ(std::tie(leap.week, leap.weekday), std::make_tuple(8, 3));
  const CalendarCell dec31 = grid.CellOf(D(2024, 12, 31));  // Tuesday of the 53rd column
  EXPECT_EQ(std::tie(dec31.week, dec31.weekday), std::make_tuple(52, 1));
  EXPECT_EQ(grid.years[0].month_week[1], 4);   // Feb 1st, a Thursday: day 31 -> column 4
  EXPECT_EQ(grid.years[0].month_week[11], 47);  // Dec 1st, a Sunday: day 335 -> column 47
}

TEST(CalendarGrid, LeapYearStartingOnSundayNeedsFiftyFourColumns) {
  // 2012-01-01 was a Sunday: it sits alone in column 0, and Dec 31st (a Monday) opens column 53.
  const CalendarGrid grid = LayoutCalendar(D(2012, 1, 1), D(2012, 12, 31));
  ASSERT_EQ(grid.years.size(), 1u);
  EXPECT_EQ(grid.years[0].weeks, 54);
  const CalendarCell jan1 = grid.CellOf(D(2012, 1, 1));
  EXPECT_EQ(std::tie(jan1.week, jan1.weekday), std::make_tuple(0, 6));
  const CalendarCell jan2 = grid.CellOf(D(2012, 1, 2));
  EXPECT_EQ(std::tie(jan2.week, jan2.weekday), std::make_tuple(1, 0));
  const CalendarCell dec31 = grid.CellOf(D(2012, 12, 31));
  EXPECT_EQ(std::tie(dec31.week, dec31.weekday), std::make_tuple(53, 0));
}

TEST(CalendarGrid, CommonYearStartingOnSunday) {
  const CalendarGrid grid = LayoutCalendar(D(2023, 1, 1), D(2023, 12, 31));
  EXPECT_EQ(grid.years[0].weeks, 53);
}

// Years starting on each of the seven weekdays (2017 Sun, 2018 Mon, 2019 Tue, 2020 Wed,
// 2015 Thu, 2021 Fri, 2022 Sat), and round trips for every day of 1999..2031.
TEST(CalendarGrid, EveryDayRoundTripsWhateverWeekdayTheYearStartsOn) {
  const Day first = D(1999, 3, 17), last = D(2031, 10, 2);
  const CalendarGrid grid = LayoutCalendar(first, last);
  ASSERT_EQ(grid.years.size(), 33u);
  std::set<int> starting_weekdays;
  std::set<std::tuple<int, int, int>> seen;
  for (Day day = first; day <= last; ++day) {
    const CalendarCell cell = grid.CellOf(day);
    ASSERT_GE(cell.block, 0);
    const CalendarYear& year = grid.years[static_cast<size_t>(cell.block)];
    ASSERT_EQ(year.year, CivilFromDay(day).year) << FormatDate(day);
    ASSERT_EQ(cell.weekday, NaiveWeekday(day)) << FormatDate(day);
    ASSERT_LT(cell.week, year.weeks) << FormatDate(day);
    ASSERT_TRUE(seen.insert({cell.block, cell.week, cell.weekday}).second) << "two days in one cell: " << FormatDate(day);
    Day back = 0;
    ASSERT_TRUE(grid.DayAt(cell.block, cell.week, cell.weekday, &back)) << FormatDate(day);
    ASSERT_EQ(back, day);
    const CivilDate civil = CivilFromDay(day);
    if (civil.month == 1 && civil.day == 1) {
      EXPECT_EQ(cell.week, 0);
      starting_weekdays.insert(cell.weekday);
    } else if (cell.weekday == 0) {
      // A Monday opens a new column, and the day before sits at the previous column's bottom.
      const CalendarCell before = grid.CellOf(day - 1);
      EXPECT_EQ(before.week, cell.week - 1);
      EXPECT_EQ(before.weekday, 6);
    }
    if (civil.day == 1) {
      EXPECT_EQ(year.month_week[civil.month - 1], cell.week) << FormatDate(day);
    }
  }
  EXPECT_EQ(starting_weekdays.size(), 7u);
  // Every cell that claims a day was visited above: no cell shows a day twice or a stray day.
  size_t cells_with_days = 0;
  for (size_t b = 0; b < grid.years.size(); ++b) {
    for (int w = 0; w < grid.years[b].weeks; ++w) {
      for (int r = 0; r < 7; ++r) {
        Day day = 0;
        if (grid.DayAt(static_cast<int>(b), w, r, &day)) {
          ++cells_with_days;
          EXPECT_TRUE(day >= first && day <= last);
        }
      }
    }
  }
  EXPECT_EQ(cells_with_days, static_cast<size_t>(last - first + 1));
}

TEST(CalendarGrid, PartialYearsHideCellsOutsideTheRange) {
  const CalendarGrid grid = LayoutCalendar(D(2023, 12, 30), D(2024, 1, 2));
  ASSERT_EQ(grid.years.size(), 2u);
  EXPECT_EQ(grid.years[0].first, D(2023, 12, 30));
  EXPECT_EQ(grid.years[1].last, D(2024, 1, 2));
  for (int m = 0; m < 11; ++m) EXPECT_EQ(grid.years[0].month_week[m], -1);
  EXPECT_EQ(grid.years[0].month_week[11], grid.CellOf(D(2023, 12, 30)).week);  // labelled at its first shown day
  EXPECT_EQ(grid.years[1].month_week[1], -1);
  Day day = 0;
  EXPECT_FALSE(grid.DayAt(0, 0, 0, &day));                            // 2023-01-02, before the range
  EXPECT_FALSE(grid.DayAt(1, 0, 2, &day));                            // 2024-01-03, after it
  EXPECT_FALSE(grid.DayAt(1, grid.years[1].weeks, 0, &day));          // past the block
  EXPECT_FALSE(grid.DayAt(2, 0, 0, &day));                            // no such block
  EXPECT_EQ(grid.CellOf(D(2024, 1, 3)).block, -1);
}

// Business dates are stored in Asia/Shanghai already; the layout must not reinterpret them
// in the machine's zone. Under a zone 16 hours behind Shanghai, a date parsed from a
// snapshot still lands on its own weekday.
TEST(CalendarGrid, BusinessDatesIgnoreTheMachineTimeZone) {
  const char* saved = std::getenv("TZ");
  setenv("TZ", "America/Los_Angeles", 1);
  tzset();
  const std::optional<Day> day = ParseDate("2025-06-18");  // 618, a Wednesday in Shanghai
  ASSERT_TRUE(day.has_value());
  const CalendarGrid grid = LayoutCalendar(*day - 30, *day + 30);
  const CalendarCell cell = grid.CellOf(*day);
  EXPECT_EQ(cell.weekday, 2);
  EXPECT_EQ(cell.week, 24);  // 2025-01-01 was a Wednesday: (168 + 2) / 7
  if (saved != nullptr) {
    setenv("TZ", saved, 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

}  // namespace
}  // namespace divboard
