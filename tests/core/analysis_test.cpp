// The analyst's controls in numbers: date-range presets, comparison periods, dimension filters
// and the KPIs rolled up per bucket. Every expected value is either worked by hand (and the
// working is in a comment) or computed here from the raw daily values, one day at a time,
// with the glossary's rule for each metric (product.md) — never read back from the code.
#include "core/analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "core/generate.h"
#include "core/overview.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

std::vector<double> Starts(std::initializer_list<Day> days) {
  std::vector<double> out;
  for (Day d : days) out.push_back(static_cast<double>(d));
  return out;
}

std::string Fmt(DayRange r) { return FormatDate(r.first) + ".." + FormatDate(r.last); }

void ExpectRange(DayRange got, Day first, Day last, const std::string& what) {
  EXPECT_EQ(got.first, first) << what << ": got " << Fmt(got) << ", want " << FormatDate(first) << ".."
                              << FormatDate(last);
  EXPECT_EQ(got.last, last) << what << ": got " << Fmt(got) << ", want " << FormatDate(first) << ".."
                            << FormatDate(last);
}

// NaN equals NaN (a gap stays a gap); numbers agree to 1e-12 relative.
void ExpectSame(double want, double got, const std::string& what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what << ": want a gap (NaN), got " << got;
    return;
  }
  ASSERT_FALSE(std::isnan(got)) << what << ": want " << want << ", got NaN";
  EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::fabs(want))) << what;
}

const KpiDefinition& Kpi(const char* id) {
  const KpiDefinition* k = FindKpi(id);
  if (k == nullptr) {
    ADD_FAILURE() << "no KPI " << id;
    return OverviewKpis().front();
  }
  return *k;
}

// ===========================================================================================
// ResolveRange
// ===========================================================================================

const Day kFirst = D(2024, 1, 1);

TEST(AnalysisRangeTest, LastNDaysAtAnOrdinaryDate) {
  const Day last = D(2026, 11, 27);
  // 27 - 6 = 21.
  ExpectRange(ResolveRange(RangePreset::kLast7, kFirst, last), D(2026, 11, 21), last, "7d");
  // 27 days of November + 29, 30, 31 October = 30.
  ExpectRange(ResolveRange(RangePreset::kLast30, kFirst, last), D(2026, 10, 29), last, "30d");
  // 27 (Nov) + 31 (Oct) + 30 (Sep) + 30, 31 August = 90.
  ExpectRange(ResolveRange(RangePreset::kLast90, kFirst, last), D(2026, 8, 30), last, "90d");
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, last), D(2026, 10, 1), last, "qtd");
  ExpectRange(ResolveRange(RangePreset::kYearToDate, kFirst, last), D(2026, 1, 1), last, "ytd");
  // The day after 2025-11-27.
  ExpectRange(ResolveRange(RangePreset::kLast12Months, kFirst, last), D(2025, 11, 28), last, "12m");
  ExpectRange(ResolveRange(RangePreset::kAll, kFirst, last), kFirst, last, "all");
}

TEST(AnalysisRangeTest, PresetsOnTheFirstDayOfAMonthQuarterAndYear) {
  // 2026-01-01: quarter and year to date are that one day; 7 days reach back into 2025.
  const Day new_year = D(2026, 1, 1);
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, new_year), new_year, new_year, "qtd 01-01");
  ExpectRange(ResolveRange(RangePreset::kYearToDate, kFirst, new_year), new_year, new_year, "ytd 01-01");
  ExpectRange(ResolveRange(RangePreset::kLast7, kFirst, new_year), D(2025, 12, 26), new_year, "7d 01-01");
  ExpectRange(ResolveRange(RangePreset::kLast12Months, kFirst, new_year), D(2025, 1, 2), new_year, "12m 01-01");

  // 2026-04-01 starts Q2; year to date is Jan..Apr 1.
  const Day q2 = D(2026, 4, 1);
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, q2), q2, q2, "qtd 04-01");
  ExpectRange(ResolveRange(RangePreset::kYearToDate, kFirst, q2), D(2026, 1, 1), q2, "ytd 04-01");
  // 2026-03-31: the last day of Q1 still belongs to Q1.
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, D(2026, 3, 31)), D(2026, 1, 1), D(2026, 3, 31),
              "qtd 03-31");
  // 2026-03-01 (a month start, not a quarter start): 30 days = 1 (Mar) + 28 (Feb 2026) + 1 (31 Jan).
  const Day march = D(2026, 3, 1);
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, march), D(2026, 1, 1), march, "qtd 03-01");
  ExpectRange(ResolveRange(RangePreset::kLast30, kFirst, march), D(2026, 1, 31), march, "30d 03-01");
  ExpectRange(ResolveRange(RangePreset::kLast12Months, kFirst, march), D(2025, 3, 2), march, "12m 03-01");
  // 2025-12-31: Q4 and the whole year.
  const Day eve = D(2025, 12, 31);
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, kFirst, eve), D(2025, 10, 1), eve, "qtd 12-31");
  ExpectRange(ResolveRange(RangePreset::kYearToDate, kFirst, eve), D(2025, 1, 1), eve, "ytd 12-31");
  ExpectRange(ResolveRange(RangePreset::kLast12Months, kFirst, eve), D(2025, 1, 1), eve, "12m 12-31");
}

TEST(AnalysisRangeTest, LastTwelveMonthsAroundTheLeapDay) {
  const Day early = D(2020, 1, 1);
  // 29 Feb 2024: a year earlier has no 29 Feb, so "the same date" is 28 Feb 2023 and the range
  // starts the day after, 1 March 2023 — 366 days, the leap day included.
  const DayRange leap = ResolveRange(RangePreset::kLast12Months, early, D(2024, 2, 29));
  ExpectRange(leap, D(2023, 3, 1), D(2024, 2, 29), "12m on 2024-02-29");
  EXPECT_EQ(leap.days(), 366);
  // 1 March 2024: the day after 1 March 2023; 366 days because 29 Feb 2024 is inside.
  const DayRange march = ResolveRange(RangePreset::kLast12Months, early, D(2024, 3, 1));
  ExpectRange(march, D(2023, 3, 2), D(2024, 3, 1), "12m on 2024-03-01");
  EXPECT_EQ(march.days(), 366);
  // 28 Feb 2025: the day after 28 Feb 2024 is the leap day itself.
  const DayRange after = ResolveRange(RangePreset::kLast12Months, early, D(2025, 2, 28));
  ExpectRange(after, D(2024, 2, 29), D(2025, 2, 28), "12m on 2025-02-28");
  // 28 Feb 2024 (leap year, before the leap day): the day after 28 Feb 2023.
  ExpectRange(ResolveRange(RangePreset::kLast12Months, early, D(2024, 2, 28)), D(2023, 3, 1), D(2024, 2, 28),
              "12m on 2024-02-28");
  // Other presets on the leap day.
  ExpectRange(ResolveRange(RangePreset::kLast7, early, D(2024, 2, 29)), D(2024, 2, 23), D(2024, 2, 29), "7d");
  // 29 (Feb) + 1 = 30 days: from 31 January.
  ExpectRange(ResolveRange(RangePreset::kLast30, early, D(2024, 2, 29)), D(2024, 1, 31), D(2024, 2, 29), "30d");
  ExpectRange(ResolveRange(RangePreset::kQuarterToDate, early, D(2024, 2, 29)), D(2024, 1, 1), D(2024, 2, 29),
              "qtd");
}

// Brute force over every end day of four years: N-day presets have N days and end on the last
// day; quarter and year to date start on the earliest day reached by stepping back one day at a
// time without leaving the quarter (year); 12 months start the day after the same date a year
// earlier, counted by stepping back through the calendar.
TEST(AnalysisRangeTest, EveryEndDayOfFourYears) {
  const Day early = D(2020, 1, 1);
  for (Day last = D(2023, 1, 1); last <= D(2026, 12, 31); ++last) {
    const std::string at = FormatDate(last);
    const CivilDate c = CivilFromDay(last);
    for (auto [preset, n] : {std::pair{RangePreset::kLast7, 7}, {RangePreset::kLast30, 30}, {RangePreset::kLast90, 90}}) {
      const DayRange r = ResolveRange(preset, early, last);
      EXPECT_EQ(r.last, last) << at;
      EXPECT_EQ(r.days(), n) << at;
    }
    Day q = last;
    while (true) {
      const CivilDate prev = CivilFromDay(q - 1);
      if (prev.year != c.year || (prev.month - 1) / 3 != (c.month - 1) / 3) break;
      --q;
    }
    ExpectRange(ResolveRange(RangePreset::kQuarterToDate, early, last), q, last, "qtd " + at);
    Day y = last;
    while (CivilFromDay(y - 1).year == c.year) --y;
    ExpectRange(ResolveRange(RangePreset::kYearToDate, early, last), y, last, "ytd " + at);
    // Step back until the calendar shows the same month a year earlier and a day no later
    // than ours; the first such day (walking back) is "the same date a year earlier".
    Day back = last - 1;
    while (true) {
      const CivilDate b = CivilFromDay(back);
      if (b.year == c.year - 1 && b.month == c.month && b.day <= c.day) break;
      --back;
    }
    ExpectRange(ResolveRange(RangePreset::kLast12Months, early, last), back + 1, last, "12m " + at);
    ExpectRange(ResolveRange(RangePreset::kAll, early, last), early, last, "all " + at);
  }
}

TEST(AnalysisRangeTest, PresetsReachingBeforeTheDataAreClamped) {
  // Three days of data: every preset is clamped to them.
  const Day first = D(2026, 11, 25), last = D(2026, 11, 27);
  for (RangePreset p : {RangePreset::kLast7, RangePreset::kLast30, RangePreset::kLast90, RangePreset::kQuarterToDate,
                        RangePreset::kYearToDate, RangePreset::kLast12Months, RangePreset::kAll}) {
    ExpectRange(ResolveRange(p, first, last), first, last, "preset " + std::to_string(static_cast<int>(p)));
  }
  // Data from 2025-12-30; year to date on 2026-01-03 does not need clamping, 7 days does.
  const Day from = D(2025, 12, 30), to = D(2026, 1, 3);
  ExpectRange(ResolveRange(RangePreset::kYearToDate, from, to), D(2026, 1, 1), to, "ytd");
  ExpectRange(ResolveRange(RangePreset::kLast7, from, to), from, to, "7d");
  ExpectRange(ResolveRange(RangePreset::kLast12Months, from, to), from, to, "12m");
}

TEST(AnalysisRangeTest, CustomRangesAreClampedOrFallBackToAll) {
  const Day first = D(2024, 1, 1), last = D(2026, 11, 27);
  auto custom = [&](Day a, Day b) { return ResolveRange(RangePreset::kCustom, first, last, DayRange{a, b}); };
  ExpectRange(custom(D(2025, 3, 1), D(2025, 5, 31)), D(2025, 3, 1), D(2025, 5, 31), "inside");
  ExpectRange(custom(D(2025, 3, 1), D(2025, 3, 1)), D(2025, 3, 1), D(2025, 3, 1), "one day");
  ExpectRange(custom(D(2023, 6, 1), D(2024, 1, 10)), first, D(2024, 1, 10), "starts before the data");
  ExpectRange(custom(D(2026, 11, 1), D(2027, 2, 1)), D(2026, 11, 1), last, "ends after the data");
  ExpectRange(custom(D(2020, 1, 1), D(2030, 1, 1)), first, last, "both sides");
  // Nothing left after clamping, reversed, or the default (empty) custom range: all the data.
  ExpectRange(custom(D(2020, 1, 1), D(2020, 12, 31)), first, last, "entirely before the data");
  ExpectRange(custom(D(2027, 1, 1), D(2027, 2, 1)), first, last, "entirely after the data");
  ExpectRange(custom(D(2025, 5, 31), D(2025, 3, 1)), first, last, "reversed");
  ExpectRange(ResolveRange(RangePreset::kCustom, first, last), first, last, "default custom");
  // A custom range is ignored by the other presets.
  ExpectRange(ResolveRange(RangePreset::kLast7, first, last, DayRange{D(2025, 3, 1), D(2025, 5, 31)}),
              D(2026, 11, 21), last, "7d with a custom range");
}

TEST(AnalysisRangeTest, NoDataGivesAnEmptyRange) {
  // Snapshot::Span() of a snapshot without series is {0, -1}.
  for (RangePreset p : {RangePreset::kLast7, RangePreset::kLast30, RangePreset::kLast90, RangePreset::kQuarterToDate,
                        RangePreset::kYearToDate, RangePreset::kLast12Months, RangePreset::kAll, RangePreset::kCustom}) {
    EXPECT_EQ(ResolveRange(p, 0, -1).days(), 0) << static_cast<int>(p);
  }
}

// ===========================================================================================
// ComparisonRange
// ===========================================================================================

TEST(AnalysisComparisonTest, PreviousPeriodIsTheSameLengthJustBefore) {
  // 2026-11-01..27 is 27 days; the 27 days before end on 31 Oct and start on 5 Oct (5..31).
  const DayRange nov{D(2026, 11, 1), D(2026, 11, 27)};
  for (Granularity g : {Granularity::kDay, Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter}) {
    ExpectRange(ComparisonRange(nov, Comparison::kPreviousPeriod, g), D(2026, 10, 5), D(2026, 10, 31), "prev");
  }
  // Across a year and the leap day: 2024-03-01..2024-03-07 (7 days) → 2024-02-23..2024-02-29.
  ExpectRange(ComparisonRange({D(2024, 3, 1), D(2024, 3, 7)}, Comparison::kPreviousPeriod, Granularity::kDay),
              D(2024, 2, 23), D(2024, 2, 29), "prev over the leap day");
  ExpectRange(ComparisonRange({D(2026, 1, 1), D(2026, 1, 1)}, Comparison::kPreviousPeriod, Granularity::kDay),
              D(2025, 12, 31), D(2025, 12, 31), "prev of one day");
  // Brute force: many lengths and starts.
  for (Day first = D(2024, 1, 1); first < D(2024, 12, 31); first += 11) {
    for (int len = 1; len <= 400; len += 37) {
      const DayRange r{first, first + len - 1};
      const DayRange p = ComparisonRange(r, Comparison::kPreviousPeriod, Granularity::kDay);
      EXPECT_EQ(p.days(), len) << Fmt(r);
      EXPECT_EQ(p.last + 1, r.first) << Fmt(r);
    }
  }
}

TEST(AnalysisComparisonTest, LastYearByDayOrWeekIs364DaysBackOnTheSameWeekday) {
  // Hand-worked: 2026-11-27 is a Friday; 2025-11-28 was a Friday too (2025-11-28 + 365 =
  // 2026-11-28, no leap day between, so + 364 = 2026-11-27).
  ExpectRange(ComparisonRange({D(2026, 10, 29), D(2026, 11, 27)}, Comparison::kLastYear, Granularity::kDay),
              D(2025, 10, 30), D(2025, 11, 28), "30 days, yoy by day");
  // 2024-02-29 (Thursday) → 2023-03-02 (Thursday): 2023-03-01 + 365 = 2024-02-29.
  ExpectRange(ComparisonRange({D(2024, 2, 29), D(2024, 2, 29)}, Comparison::kLastYear, Granularity::kDay),
              D(2023, 3, 2), D(2023, 3, 2), "leap day, yoy by day");
  EXPECT_EQ(Weekday(D(2024, 2, 29)), 3);
  EXPECT_EQ(Weekday(D(2023, 3, 2)), 3);
  // The ISO week crossing 2025/2026 (Mon 12-29 .. Sun 01-04) → Mon 2024-12-30 .. Sun 2025-01-05.
  ExpectRange(ComparisonRange({D(2025, 12, 29), D(2026, 1, 4)}, Comparison::kLastYear, Granularity::kWeek),
              D(2024, 12, 30), D(2025, 1, 5), "iso week, yoy by week");

  // Brute force over three years of ranges: 364 days back, weekdays equal, and within two
  // days of the same calendar date a year earlier.
  for (Granularity g : {Granularity::kDay, Granularity::kWeek}) {
    for (Day first = D(2024, 1, 1); first <= D(2026, 12, 31); first += 3) {
      const DayRange r{first, first + 29};
      const DayRange y = ComparisonRange(r, Comparison::kLastYear, g);
      EXPECT_EQ(y.days(), r.days()) << Fmt(r);
      for (Day d : {r.first, r.last}) {
        const Day back = d == r.first ? y.first : y.last;
        EXPECT_EQ(d - back, 364) << Fmt(r);
        EXPECT_EQ(Weekday(back), Weekday(d)) << Fmt(r);
      }
      const CivilDate c = CivilFromDay(r.first);
      const Day calendar = D(c.year - 1, c.month, std::min(c.day, DaysInMonth(c.year - 1, c.month)));
      EXPECT_LE(std::abs(y.first - calendar), 2) << Fmt(r);
    }
  }
}

TEST(AnalysisComparisonTest, LastYearByMonthOrQuarterIsTheCalendarYearBack) {
  for (Granularity g : {Granularity::kMonth, Granularity::kQuarter}) {
    ExpectRange(ComparisonRange({D(2026, 3, 1), D(2026, 3, 31)}, Comparison::kLastYear, g), D(2025, 3, 1),
                D(2025, 3, 31), "March");
    ExpectRange(ComparisonRange({D(2026, 10, 1), D(2026, 11, 27)}, Comparison::kLastYear, g), D(2025, 10, 1),
                D(2025, 11, 27), "qtd");
    ExpectRange(ComparisonRange({D(2026, 1, 1), D(2026, 11, 27)}, Comparison::kLastYear, g), D(2025, 1, 1),
                D(2025, 11, 27), "ytd");
    // 29 Feb falls back to 28 Feb, at either end of the range.
    ExpectRange(ComparisonRange({D(2024, 2, 1), D(2024, 2, 29)}, Comparison::kLastYear, g), D(2023, 2, 1),
                D(2023, 2, 28), "Feb 2024");
    ExpectRange(ComparisonRange({D(2024, 2, 29), D(2024, 3, 31)}, Comparison::kLastYear, g), D(2023, 2, 28),
                D(2023, 3, 31), "from the leap day");
    ExpectRange(ComparisonRange({D(2023, 3, 1), D(2024, 2, 29)}, Comparison::kLastYear, g), D(2022, 3, 1),
                D(2023, 2, 28), "12m to the leap day");
    // A year before a leap year's later date is an ordinary date.
    ExpectRange(ComparisonRange({D(2025, 3, 1), D(2025, 3, 1)}, Comparison::kLastYear, g), D(2024, 3, 1),
                D(2024, 3, 1), "2025-03-01");
  }
  // Brute force: for every day of 2024..2026 as a one-day range, the same month and day one
  // calendar year back (29 Feb → 28 Feb), found by walking back through the calendar.
  for (Day d = D(2024, 1, 1); d <= D(2026, 12, 31); ++d) {
    const CivilDate c = CivilFromDay(d);
    Day back = d - 1;
    while (true) {
      const CivilDate b = CivilFromDay(back);
      if (b.year == c.year - 1 && b.month == c.month && b.day <= c.day) break;
      --back;
    }
    const DayRange y = ComparisonRange({d, d}, Comparison::kLastYear, Granularity::kMonth);
    ExpectRange(y, back, back, "month yoy " + FormatDate(d));
  }
}

// DISABLED — suspected bug (a judgement call on the calendar rule; see the report).
// analysis.h promises calendar-aligned year-over-year comparisons for months ("2026-03
// compares with 2025-03"), so February 2025 (a whole month, 28 days) should compare with the
// whole of February 2024, 29 days. analysis.cpp's ComparisonRange maps each end separately,
// and 2025-02-28 → 2024-02-28, so the comparison loses 29 Feb 2024: a month's GMV is compared
// with 28/29 of last year's month. Expected 2024-02-01..2024-02-29, actual ..2024-02-28.
TEST(AnalysisComparisonTest, AWholeFebruaryComparesWithTheWholeFebruaryOfALeapYear) {
  for (Granularity g : {Granularity::kMonth, Granularity::kQuarter}) {
    ExpectRange(ComparisonRange({D(2025, 2, 1), D(2025, 2, 28)}, Comparison::kLastYear, g), D(2024, 2, 1),
                D(2024, 2, 29), "Feb 2025");
    ExpectRange(ComparisonRange({D(2025, 1, 1), D(2025, 2, 28)}, Comparison::kLastYear, g), D(2024, 1, 1),
                D(2024, 2, 29), "Jan-Feb 2025");
  }
}

TEST(AnalysisComparisonTest, NoneIsEmpty) {
  for (Granularity g : {Granularity::kDay, Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter}) {
    EXPECT_EQ(ComparisonRange({D(2026, 10, 1), D(2026, 11, 27)}, Comparison::kNone, g).days(), 0);
  }
}

// ===========================================================================================
// Filters
// ===========================================================================================

TEST(AnalysisFiltersTest, ToggleHasEmpty) {
  Filters f;
  EXPECT_TRUE(f.empty());
  EXPECT_FALSE(f.Has(0, 0));
  f.Toggle(1, 2);
  EXPECT_FALSE(f.empty());
  EXPECT_TRUE(f.Has(1, 2));
  EXPECT_FALSE(f.Has(0, 2));
  EXPECT_FALSE(f.Has(1, 0));
  f.Toggle(1, 0);
  EXPECT_TRUE(f.Has(1, 0));
  ASSERT_GE(f.members.size(), 2u);
  EXPECT_EQ(f.members[1], (std::vector<int>{0, 2}));  // kept sorted
  f.Toggle(1, 2);
  EXPECT_FALSE(f.Has(1, 2));
  EXPECT_TRUE(f.Has(1, 0));
  f.Toggle(1, 0);
  // Every list emptied: no filter, whatever the vector's size.
  EXPECT_TRUE(f.empty());
  EXPECT_FALSE(f.Has(1, 0));
  // Negative or out-of-range indices are ignored, never a crash.
  f.Toggle(-1, 0);
  f.Toggle(0, -1);
  EXPECT_TRUE(f.empty());
  EXPECT_FALSE(f.Has(-1, 0));
  EXPECT_FALSE(f.Has(99, 0));
  f.Toggle(0, 3);
  f.Toggle(2, 1);
  EXPECT_FALSE(f.empty());
  f.Clear();
  EXPECT_TRUE(f.empty());
  EXPECT_FALSE(f.Has(0, 3));
}

// ===========================================================================================
// QueryMetric on a hand-built snapshot
// ===========================================================================================

// Dimensions: 0 channel {livestream, notes, store}, 1 category {fashion, beauty, home},
// 2 region {north, south}. 14 days from kQStart.
//   gmv     (sum, additive):     total + 9 channel × category crosses. Gaps: notes×beauty on
//           day 3; store×home starts on day 2 (a late category), so days 0-1 are gaps there.
//   orders  (sum, additive):     total + 9 crosses + 3 channel-only series deliberately worth
//           crosses + 1,000,000, so a test sees which source was summed. livestream has a gap
//           on day 5 in its channel series only.
//   dau     (mean, additive):    total + north, south.
//   dpu     (mean, not additive): total + livestream and notes slices (store not stored).
//   brand_merchants (last):      total only.
constexpr int kQDays = 14;
const Day kQStart = D(2026, 3, 2);
constexpr int kChannels = 3, kCategories = 3;
constexpr double kOrdersChannelMarker = 1000000;

struct QueryFixture {
  Snapshot snapshot;
  double gmv[kChannels][kCategories][kQDays];
  double orders[kChannels][kCategories][kQDays];
  double orders_by_channel[kChannels][kQDays];
  double gmv_total[kQDays], orders_total[kQDays];
  double dau[2][kQDays], dau_total[kQDays];
  double dpu[2][kQDays], dpu_total[kQDays];
};

int AddMetric(Snapshot* s, const char* id, Rollup rollup, bool additive) {
  Metric m;
  m.id = id;
  m.rollup = rollup;
  m.additive = additive;
  s->metrics.push_back(m);
  return static_cast<int>(s->metrics.size()) - 1;
}

void AddSeries(Snapshot* s, int metric, std::vector<Coordinate> dims, Day start, std::vector<double> values) {
  Series series;
  series.metric = metric;
  series.dims = std::move(dims);
  series.start = start;
  series.values = std::move(values);
  s->series.push_back(std::move(series));
}

Dimension MakeDimension(const char* id, std::vector<const char*> members) {
  Dimension d;
  d.id = id;
  for (const char* m : members) d.members.push_back(Member{m, Text{m, ""}});
  return d;
}

// Values stored per day: a gap is NaN in the arrays; a series' leading gaps are simply not
// stored (it starts later), as a pipeline would write a late category.
void AddDaily(Snapshot* s, int metric, std::vector<Coordinate> dims, const double* values) {
  int lead = 0;
  while (lead < kQDays && std::isnan(values[lead])) ++lead;
  AddSeries(s, metric, std::move(dims), kQStart + lead, std::vector<double>(values + lead, values + kQDays));
}

const QueryFixture& Query() {
  static const QueryFixture* fixture = [] {
    auto* f = new QueryFixture();
    Snapshot& s = f->snapshot;
    s.dimensions = {MakeDimension("channel", {"livestream", "notes", "store"}),
                    MakeDimension("category", {"fashion", "beauty", "home"}),
                    MakeDimension("region", {"north", "south"})};
    const int gmv = AddMetric(&s, "gmv", Rollup::kSum, true);
    const int orders = AddMetric(&s, "orders", Rollup::kSum, true);
    const int dau = AddMetric(&s, "dau", Rollup::kMean, true);
    const int dpu = AddMetric(&s, "dpu", Rollup::kMean, false);
    const int merchants = AddMetric(&s, "brand_merchants", Rollup::kLast, false);
    for (int i = 0; i < kQDays; ++i) {
      f->gmv_total[i] = 0;
      f->orders_total[i] = 0;
      for (int c = 0; c < kChannels; ++c) {
        f->orders_by_channel[c][i] = kOrdersChannelMarker;
        for (int k = 0; k < kCategories; ++k) {
          // Distinct powers so any wrong subset gives a different sum.
          f->gmv[c][k][i] = static_cast<double>((1 << (c * 3 + k)) * 10 + i);
          f->orders[c][k][i] = static_cast<double>((1 << (c * 3 + k)) + 1000 * i);
          f->orders_by_channel[c][i] += f->orders[c][k][i];
        }
      }
    }
    f->gmv[1][1][3] = kNaN;  // notes × beauty, day 3
    f->gmv[2][2][0] = f->gmv[2][2][1] = kNaN;  // store × home starts on day 2
    f->orders_by_channel[0][5] = kNaN;  // livestream's channel series, day 5
    for (int i = 0; i < kQDays; ++i) {
      for (int c = 0; c < kChannels; ++c) {
        for (int k = 0; k < kCategories; ++k) {
          if (!std::isnan(f->gmv[c][k][i])) f->gmv_total[i] += f->gmv[c][k][i];
          f->orders_total[i] += f->orders[c][k][i];
        }
      }
      f->dau[0][i] = 1000 + i;
      f->dau[1][i] = 2000 + 3 * i;
      f->dau_total[i] = f->dau[0][i] + f->dau[1][i];
      f->dpu[0][i] = 50 + i;
      f->dpu[1][i] = 70 + i;
      f->dpu_total[i] = 100 + 2 * i;  // fewer than 50 + 70: people buy through both
    }
    f->dau[1][6] = kNaN;
    AddDaily(&s, gmv, {}, f->gmv_total);
    AddDaily(&s, orders, {}, f->orders_total);
    for (int c = 0; c < kChannels; ++c) {
      for (int k = 0; k < kCategories; ++k) {
        AddDaily(&s, gmv, {{0, c}, {1, k}}, f->gmv[c][k]);
        AddDaily(&s, orders, {{0, c}, {1, k}}, f->orders[c][k]);
      }
      AddDaily(&s, orders, {{0, c}}, f->orders_by_channel[c]);
    }
    AddDaily(&s, dau, {}, f->dau_total);
    AddDaily(&s, dau, {{2, 0}}, f->dau[0]);
    AddDaily(&s, dau, {{2, 1}}, f->dau[1]);
    AddDaily(&s, dpu, {}, f->dpu_total);
    AddDaily(&s, dpu, {{0, 0}}, f->dpu[0]);
    AddDaily(&s, dpu, {{0, 1}}, f->dpu[1]);
    std::vector<double> m(kQDays);
    for (int i = 0; i < kQDays; ++i) m[static_cast<size_t>(i)] = 10 + i;
    AddSeries(&s, merchants, {}, kQStart, m);
    return f;
  }();
  return *fixture;
}

Filters Select(unsigned channel_mask, unsigned category_mask) {
  Filters f;
  for (int c = 0; c < kChannels; ++c) {
    if ((channel_mask >> c) & 1u) f.Toggle(0, c);
  }
  for (int k = 0; k < kCategories; ++k) {
    if ((category_mask >> k) & 1u) f.Toggle(1, k);
  }
  return f;
}

// Sum of the selected cells (an empty mask selects every member of that dimension); NaN when
// any selected cell is a gap that day.
double BruteCells(const double (&cells)[kChannels][kCategories][kQDays], unsigned ch, unsigned cat, int day) {
  double sum = 0;
  for (int c = 0; c < kChannels; ++c) {
    if (ch != 0 && !((ch >> c) & 1u)) continue;
    for (int k = 0; k < kCategories; ++k) {
      if (cat != 0 && !((cat >> k) & 1u)) continue;
      if (std::isnan(cells[c][k][day])) return kNaN;
      sum += cells[c][k][day];
    }
  }
  return sum;
}

// Compares a query's daily values with `want` over the fixture's days and two days either side
// (outside the data every day is a gap).
template <typename Want>
void ExpectDaily(const QueryResult& r, Want want, const std::string& what) {
  ASSERT_TRUE(r.available) << what << ": " << r.why;
  for (int i = -2; i < kQDays + 2; ++i) {
    const double expected = (i < 0 || i >= kQDays) ? kNaN : want(i);
    const double got = r.series.at(kQStart + i);
    if (std::isnan(expected)) {
      EXPECT_TRUE(std::isnan(got)) << what << " day " << i << ": want a gap, got " << got;
    } else {
      EXPECT_EQ(got, expected) << what << " day " << i;  // integers: sums are exact
    }
  }
}

TEST(AnalysisQueryTest, NoFilterIsTheStoredTotal) {
  const QueryFixture& f = Query();
  const Snapshot& s = f.snapshot;
  ExpectDaily(QueryMetric(s, s.FindMetric("gmv"), Filters{}), [&](int i) { return f.gmv_total[i]; }, "gmv");
  ExpectDaily(QueryMetric(s, s.FindMetric("dpu"), Filters{}), [&](int i) { return f.dpu_total[i]; }, "dpu");
  ExpectDaily(QueryMetric(s, s.FindMetric("dau"), Filters{}), [&](int i) { return f.dau_total[i]; }, "dau");
  // Filters toggled on and off again are no filter.
  Filters off;
  off.Toggle(0, 1);
  off.Toggle(0, 1);
  ExpectDaily(QueryMetric(s, s.FindMetric("dpu"), off), [&](int i) { return f.dpu_total[i]; }, "dpu toggled off");
}

TEST(AnalysisQueryTest, AdditiveCrossesSumExactlyTheSelectedCells) {
  const QueryFixture& f = Query();
  const int gmv = f.snapshot.FindMetric("gmv");
  for (unsigned ch = 0; ch < 8; ++ch) {
    for (unsigned cat = 0; cat < 8; ++cat) {
      const std::string what = "gmv channels " + std::to_string(ch) + " categories " + std::to_string(cat);
      const QueryResult r = QueryMetric(f.snapshot, gmv, Select(ch, cat));
      if (ch == 0 && cat == 0) {
        ExpectDaily(r, [&](int i) { return f.gmv_total[i]; }, what);
      } else {
        ExpectDaily(r, [&](int i) { return BruteCells(f.gmv, ch, cat, i); }, what);
      }
    }
  }
}

TEST(AnalysisQueryTest, GapInAnySummedCellIsAGapNotZero) {
  const QueryFixture& f = Query();
  const int gmv = f.snapshot.FindMetric("gmv");
  // notes × beauty is missing on day 3: notes (all categories) is a gap that day...
  const QueryResult notes = QueryMetric(f.snapshot, gmv, Select(0b010, 0));
  ASSERT_TRUE(notes.available);
  EXPECT_TRUE(std::isnan(notes.series.at(kQStart + 3)));
  // ...and so is beauty (all channels), but not livestream × beauty, nor notes × fashion.
  EXPECT_TRUE(std::isnan(QueryMetric(f.snapshot, gmv, Select(0, 0b010)).series.at(kQStart + 3)));
  // Hand-worked: livestream × beauty is cell (0, 1): 2^1 × 10 + 3 = 23.
  EXPECT_EQ(QueryMetric(f.snapshot, gmv, Select(0b001, 0b010)).series.at(kQStart + 3), 23.0);
  // notes × fashion is cell (1, 0): 2^3 × 10 + 3 = 83.
  EXPECT_EQ(QueryMetric(f.snapshot, gmv, Select(0b010, 0b001)).series.at(kQStart + 3), 83.0);
  // store × home starts on day 2: store is a gap on days 0-1, a number from day 2.
  const QueryResult store = QueryMetric(f.snapshot, gmv, Select(0b100, 0));
  EXPECT_TRUE(std::isnan(store.series.at(kQStart)));
  EXPECT_TRUE(std::isnan(store.series.at(kQStart + 1)));
  // Day 2, store = cells (2,0) + (2,1) + (2,2) = (64 + 128 + 256) × 10 + 3 × 2 = 4486.
  EXPECT_EQ(store.series.at(kQStart + 2), 4486.0);
  // Rolled up over the range, the gap days are skipped, not zeros: store's sum over days 0..2
  // is day 2 alone.
  EXPECT_EQ(Aggregate(store.series, Rollup::kSum, DayRange{kQStart, kQStart + 2}), 4486.0);
}

TEST(AnalysisQueryTest, StoredSingleDimensionSeriesIsPreferredOverCrosses) {
  const QueryFixture& f = Query();
  const int orders = f.snapshot.FindMetric("orders");
  for (unsigned ch = 1; ch < 8; ++ch) {
    // Channel only: the channel series (they carry the +1,000,000 marker, and livestream's gap
    // on day 5), summed over the selected channels.
    ExpectDaily(QueryMetric(f.snapshot, orders, Select(ch, 0)),
                [&](int i) {
                  double sum = 0;
                  for (int c = 0; c < kChannels; ++c) {
                    if (!((ch >> c) & 1u)) continue;
                    if (std::isnan(f.orders_by_channel[c][i])) return kNaN;
                    sum += f.orders_by_channel[c][i];
                  }
                  return sum;
                },
                "orders by channel " + std::to_string(ch));
    // With a category filter as well, only the crosses cover both.
    for (unsigned cat = 1; cat < 8; ++cat) {
      ExpectDaily(QueryMetric(f.snapshot, orders, Select(ch, cat)),
                  [&](int i) { return BruteCells(f.orders, ch, cat, i); },
                  "orders crosses " + std::to_string(ch) + "/" + std::to_string(cat));
    }
  }
  // Category only: no category series is stored, so the crosses (no marker).
  ExpectDaily(QueryMetric(f.snapshot, orders, Select(0, 0b101)), [&](int i) { return BruteCells(f.orders, 0, 0b101, i); },
              "orders by category");
  // Hand-worked: livestream on day 0 = 1,000,000 + (1 + 2 + 4) = 1,000,007.
  EXPECT_EQ(QueryMetric(f.snapshot, orders, Select(0b001, 0)).series.at(kQStart), 1000007.0);
}

TEST(AnalysisQueryTest, AdditiveSingleDimensionSlicesAndUncoveredDimensions) {
  const QueryFixture& f = Query();
  const int dau = f.snapshot.FindMetric("dau");
  Filters north;
  north.Toggle(2, 0);
  ExpectDaily(QueryMetric(f.snapshot, dau, north), [&](int i) { return f.dau[0][i]; }, "dau north");
  Filters both;
  both.Toggle(2, 0);
  both.Toggle(2, 1);
  ExpectDaily(QueryMetric(f.snapshot, dau, both),
              [&](int i) { return std::isnan(f.dau[1][i]) ? kNaN : f.dau[0][i] + f.dau[1][i]; }, "dau north+south");
  // dau is not stored by channel; gmv is not stored by region; nothing is stored by a
  // dimension the snapshot does not have.
  Filters channel = Select(0b001, 0);
  const QueryResult by_channel = QueryMetric(f.snapshot, dau, channel);
  EXPECT_FALSE(by_channel.available);
  EXPECT_FALSE(by_channel.why.empty());
  EXPECT_TRUE(by_channel.series.values.empty());
  Filters region_and_channel = north;
  region_and_channel.Toggle(0, 0);
  EXPECT_FALSE(QueryMetric(f.snapshot, dau, region_and_channel).available);
  const QueryResult gmv_north = QueryMetric(f.snapshot, f.snapshot.FindMetric("gmv"), north);
  EXPECT_FALSE(gmv_north.available);
  EXPECT_FALSE(gmv_north.why.empty());
  Filters beyond;
  beyond.Toggle(7, 0);
  EXPECT_FALSE(QueryMetric(f.snapshot, f.snapshot.FindMetric("gmv"), beyond).available);
  // Unknown metric indices.
  for (int metric : {-1, 99}) {
    const QueryResult r = QueryMetric(f.snapshot, metric, Filters{});
    EXPECT_FALSE(r.available);
    EXPECT_FALSE(r.why.empty());
  }
}

TEST(AnalysisQueryTest, NonAdditiveOnlyAStoredSingleMemberSlice) {
  const QueryFixture& f = Query();
  const int dpu = f.snapshot.FindMetric("dpu");
  ExpectDaily(QueryMetric(f.snapshot, dpu, Select(0b001, 0)), [&](int i) { return f.dpu[0][i]; }, "dpu livestream");
  ExpectDaily(QueryMetric(f.snapshot, dpu, Select(0b010, 0)), [&](int i) { return f.dpu[1][i]; }, "dpu notes");
  auto expect_unavailable = [&](int metric, const Filters& filters, const std::string& what) {
    const QueryResult r = QueryMetric(f.snapshot, metric, filters);
    EXPECT_FALSE(r.available) << what;
    EXPECT_FALSE(r.why.empty()) << what;
    EXPECT_TRUE(r.series.values.empty()) << what;
  };
  // Two channels would count people who bought through both twice.
  expect_unavailable(dpu, Select(0b011, 0), "dpu livestream+notes");
  expect_unavailable(dpu, Select(0b111, 0), "dpu all channels");
  // A member with no stored slice.
  expect_unavailable(dpu, Select(0b100, 0), "dpu store");
  // Another dimension, or two dimensions.
  expect_unavailable(dpu, Select(0, 0b001), "dpu fashion");
  expect_unavailable(dpu, Select(0b001, 0b001), "dpu livestream × fashion");
  Filters region;
  region.Toggle(2, 0);
  expect_unavailable(dpu, region, "dpu north");
  // A metric stored as a total only.
  expect_unavailable(f.snapshot.FindMetric("brand_merchants"), Select(0b001, 0), "merchants by channel");
}

// ===========================================================================================
// Analysis::Kpi and Buckets over hand-written daily values
// ===========================================================================================

// 21 days from Wednesday 2025-12-24 to Tuesday 2026-01-13. ISO weeks:
//   A Mon 12-22..Sun 12-28  (in range: 12-24..12-28, idx 0-4, 5 days — a partial first week)
//   B Mon 12-29..Sun 01-04  (idx 5-11, 7 days, crossing the year)
//   C Mon 01-05..Sun 01-11  (idx 12-18)
//   D Mon 01-12..Sun 01-18  (in range: 01-12..01-13, idx 19-20 — a partial last week)
constexpr int kKDays = 21;
const Day kKStart = D(2025, 12, 24);
constexpr double N = kNaN;
const double kDau[kKDays] = {100, 102, 104, N, 110, 120, 120, 130, 130, 140, N, 150,
                             200, 200, 200, 200, 200, 200, 200, 300, N};
const double kDpu[kKDays] = {2, 2, 4, 4, 6, 3, 3, 3, 3, 3, 3, 4, 10, N, 10, 10, 10, 10, 10, 9, N};
const double kGmv[kKDays] = {100, 1000, N, 500, 400, 600, 600, 600, 600, 600, 600, 3000,
                             5000, 50, 50, 50, 50, 50, 50, 70, 80};
const double kOrders[kKDays] = {1, 100, N, 5, 4, 6, 6, 6, 6, 6, 6, 10, 10, 10, 10, 10, 10, 10, 10, 7, 8};
const double kMerchants[kKDays] = {10, 11, 12, 13, N, 20, 21, 22, 23, 24, 25, N, 30, 30, 30, 31, 31, 31, 32, N, N};
const double kAds[kKDays] = {900, 900, 900, 900, 900, 800, 800, 800, 800, 800, 800, 800,
                             700, 700, 700, 700, 700, 700, 700, 600, 600};
const double kCommerce[kKDays] = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120,
                                  130, 140, 150, 160, 170, 180, 190, 200, 210};

Snapshot KpiSnapshot() {
  Snapshot s;
  auto add = [&](const char* id, Rollup rollup, bool additive, const double* values) {
    const int m = AddMetric(&s, id, rollup, additive);
    AddSeries(&s, m, {}, kKStart, std::vector<double>(values, values + kKDays));
  };
  add("dau", Rollup::kMean, true, kDau);
  add("dpu", Rollup::kMean, false, kDpu);
  add("gmv", Rollup::kSum, true, kGmv);
  add("orders", Rollup::kSum, true, kOrders);
  add("brand_merchants", Rollup::kLast, false, kMerchants);
  add("ad_revenue", Rollup::kSum, true, kAds);
  add("commerce_revenue", Rollup::kSum, true, kCommerce);
  return s;
}

const std::map<std::string, const double*>& KpiColumns() {
  static const std::map<std::string, const double*> kColumns = {
      {"dau", kDau},   {"dpu", kDpu},       {"gmv", kGmv},        {"orders", kOrders}, {"brand_merchants", kMerchants},
      {"ad_revenue", kAds}, {"commerce_revenue", kCommerce}};
  return kColumns;
}

// The glossary's rule, written out here rather than read from the snapshot.
Rollup GlossaryRule(const std::string& id) {
  if (id == "dau" || id == "dpu") return Rollup::kMean;
  if (id == "brand_merchants" || id == "mau") return Rollup::kLast;
  return Rollup::kSum;
}

// One metric over [first, last] of the hand-written columns, day by day.
double BruteMetric(const std::string& id, Day first, Day last) {
  const double* column = KpiColumns().at(id);
  const Rollup rule = GlossaryRule(id);
  double sum = 0, latest = kNaN;
  int count = 0;
  for (Day d = first; d <= last; ++d) {
    const int i = d - kKStart;
    if (i < 0 || i >= kKDays || std::isnan(column[i])) continue;
    sum += column[i];
    latest = column[i];
    ++count;
  }
  if (count == 0) return kNaN;
  if (rule == Rollup::kLast) return latest;
  return rule == Rollup::kSum ? sum : sum / count;
}

double BruteKpi(const KpiDefinition& kpi, Day first, Day last) {
  if (last < first) return kNaN;
  auto parts = [&](const std::vector<const char*>& ids) {
    double total = 0;
    for (const char* id : ids) total += BruteMetric(id, first, last);
    return total;
  };
  const double num = parts(kpi.numerator);
  if (kpi.denominator.empty()) return num;
  const double den = parts(kpi.denominator);
  if (std::isnan(num) || std::isnan(den) || den == 0) return kNaN;
  return num / den;
}

// Buckets found by walking the days: a new bucket starts whenever the day's bucket key changes.
// Week keys come from a known Monday (2024-01-01), months and quarters from the civil date.
struct BruteBucket {
  Day key;
  Day first, last;
};

Day BucketKey(Day d, Granularity g) {
  const CivilDate c = CivilFromDay(d);
  switch (g) {
    case Granularity::kDay: return d;
    case Granularity::kWeek: return d - ((d - D(2024, 1, 1)) % 7 + 7) % 7;
    case Granularity::kMonth: return D(c.year, c.month, 1);
    case Granularity::kQuarter: return D(c.year, (c.month - 1) / 3 * 3 + 1, 1);
  }
  return d;
}

std::vector<BruteBucket> BruteBuckets(DayRange range, Granularity g) {
  std::vector<BruteBucket> out;
  for (Day d = range.first; d <= range.last; ++d) {
    const Day key = BucketKey(d, g);
    if (out.empty() || out.back().key != key) {
      out.push_back({key, d, d});
    } else {
      out.back().last = d;
    }
  }
  return out;
}

const char* const kKpiIds[] = {"dau", "dpu", "conversion", "gmv", "orders", "aov", "brand_merchants",
                               "commerce_share", "ad_revenue", "commerce_revenue"};

TEST(AnalysisKpiTest, WeeklyBucketsWorkedByHand) {
  const Snapshot s = KpiSnapshot();
  const DayRange all{kKStart, kKStart + kKDays - 1};
  Analysis a(s, Filters{}, all, DayRange{}, Granularity::kWeek);
  const Resampled dau = a.Buckets(Kpi("dau"), all);
  ASSERT_EQ(dau.values.size(), 4u);
  EXPECT_EQ(dau.starts, Starts({D(2025, 12, 22), D(2025, 12, 29), D(2026, 1, 5), D(2026, 1, 12)}));
  EXPECT_EQ(dau.days, (std::vector<int>{5, 7, 7, 2}));
  // DAU: the mean of the days present, never a sum.
  //   A (100 + 102 + 104 + 110) / 4 = 104; B (120+120+130+130+140+150) / 6 = 790 / 6;
  //   C 200; D 300 (01-13 is a gap).
  ExpectSame(104, dau.values[0], "dau A");
  ExpectSame(790.0 / 6, dau.values[1], "dau B");
  ExpectSame(200, dau.values[2], "dau C");
  ExpectSame(300, dau.values[3], "dau D");
  // GMV sums: A 100 + 1000 + 500 + 400 = 2000; B 600 × 6 + 3000 = 6600; C 5000 + 50 × 6 = 5300;
  // D 70 + 80 = 150.
  const Resampled gmv = a.Buckets(Kpi("gmv"), all);
  ASSERT_EQ(gmv.values.size(), 4u);
  ExpectSame(2000, gmv.values[0], "gmv A");
  ExpectSame(6600, gmv.values[1], "gmv B");
  ExpectSame(5300, gmv.values[2], "gmv C");
  ExpectSame(150, gmv.values[3], "gmv D");
  // AOV = Σ GMV / Σ orders per week: A 2000 / 110; B 6600 / 46; C 5300 / 70; D 150 / 15 = 10.
  // The mean of daily AOVs would differ: A (100 + 10 + 100 + 100) / 4 = 77.5, B 900 / 7,
  // C 800 / 7.
  const Resampled aov = a.Buckets(Kpi("aov"), all);
  ASSERT_EQ(aov.values.size(), 4u);
  ExpectSame(2000.0 / 110, aov.values[0], "aov A");
  ExpectSame(6600.0 / 46, aov.values[1], "aov B");
  ExpectSame(5300.0 / 70, aov.values[2], "aov C");
  ExpectSame(10, aov.values[3], "aov D");
  EXPECT_GT(std::fabs(aov.values[0] - 77.5), 50);
  EXPECT_GT(std::fabs(aov.values[1] - 900.0 / 7), 10);
  EXPECT_GT(std::fabs(aov.values[2] - 800.0 / 7), 30);
  // Conversion = mean(dpu) / mean(dau): A (18 / 5) / 104; B (22 / 7) / (790 / 6); C 10 / 200;
  // D 9 / 300.
  const Resampled conv = a.Buckets(Kpi("conversion"), all);
  ASSERT_EQ(conv.values.size(), 4u);
  ExpectSame((18.0 / 5) / 104, conv.values[0], "conversion A");
  ExpectSame((22.0 / 7) / (790.0 / 6), conv.values[1], "conversion B");
  ExpectSame(10.0 / 200, conv.values[2], "conversion C");
  ExpectSame(9.0 / 300, conv.values[3], "conversion D");
  // Brand merchants: the last value present: A 13 (12-28 is a gap), B 25 (01-04 is a gap),
  // C 32, D none at all.
  const Resampled merchants = a.Buckets(Kpi("brand_merchants"), all);
  ASSERT_EQ(merchants.values.size(), 4u);
  ExpectSame(13, merchants.values[0], "merchants A");
  ExpectSame(25, merchants.values[1], "merchants B");
  ExpectSame(32, merchants.values[2], "merchants C");
  ExpectSame(kNaN, merchants.values[3], "merchants D");
}

TEST(AnalysisKpiTest, TheIsoWeekAcrossNewYearIsOneBucket) {
  const Snapshot s = KpiSnapshot();
  const DayRange week{D(2025, 12, 29), D(2026, 1, 4)};
  Analysis a(s, Filters{}, week, DayRange{}, Granularity::kWeek);
  const Resampled r = a.Buckets(Kpi("gmv"), week);
  ASSERT_EQ(r.values.size(), 1u);
  EXPECT_EQ(r.starts[0], static_cast<double>(D(2025, 12, 29)));
  EXPECT_EQ(r.days[0], 7);
  ExpectSame(6600, r.values[0], "gmv of the week");
  // By month the same days split at the year: 12-29..12-31 and 01-01..01-04.
  Analysis m(s, Filters{}, week, DayRange{}, Granularity::kMonth);
  const Resampled by_month = m.Buckets(Kpi("gmv"), week);
  ASSERT_EQ(by_month.values.size(), 2u);
  EXPECT_EQ(by_month.starts, Starts({D(2025, 12, 1), D(2026, 1, 1)}));
  EXPECT_EQ(by_month.days, (std::vector<int>{3, 4}));
  ExpectSame(1800, by_month.values[0], "gmv 12-29..31");
  ExpectSame(4800, by_month.values[1], "gmv 01-01..04");
}

// Every KPI, every granularity, several ranges (whole, partial at both ends, one day,
// reaching before and after the data): Buckets and Kpi against the brute force.
TEST(AnalysisKpiTest, EveryKpiAndGranularityMatchesBruteForce) {
  const Snapshot s = KpiSnapshot();
  const DayRange ranges[] = {{kKStart, kKStart + kKDays - 1},
                             {kKStart + 2, kKStart + 17},
                             {kKStart + 7, kKStart + 7},
                             {D(2025, 11, 20), D(2025, 12, 30)},
                             {D(2026, 1, 10), D(2026, 3, 31)},
                             {D(2025, 1, 1), D(2025, 3, 1)}};
  for (Granularity g : {Granularity::kDay, Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter}) {
    for (const DayRange& range : ranges) {
      Analysis a(s, Filters{}, range, DayRange{}, g);
      const std::vector<BruteBucket> want = BruteBuckets(range, g);
      for (const char* id : kKpiIds) {
        const std::string what = std::string(id) + " " + Fmt(range) + " g" + std::to_string(static_cast<int>(g));
        const KpiDefinition& kpi = Kpi(id);
        EXPECT_EQ(a.WhyUnavailable(kpi), "") << what;
        ExpectSame(BruteKpi(kpi, range.first, range.last), a.Kpi(kpi, range), what + " total");
        const Resampled r = a.Buckets(kpi, range);
        ASSERT_EQ(r.values.size(), want.size()) << what;
        for (size_t b = 0; b < want.size(); ++b) {
          EXPECT_EQ(r.starts[b], static_cast<double>(want[b].key)) << what << " bucket " << b;
          EXPECT_EQ(r.days[b], want[b].last - want[b].first + 1) << what << " bucket " << b;
          ExpectSame(BruteKpi(kpi, want[b].first, want[b].last), r.values[b], what + " bucket " + std::to_string(b));
        }
      }
    }
  }
}

TEST(AnalysisKpiTest, RangesBeforeTheDataOrEmptyAreNaN) {
  const Snapshot s = KpiSnapshot();
  Analysis a(s, Filters{}, DayRange{kKStart, kKStart + kKDays - 1}, DayRange{}, Granularity::kDay);
  // Partly before the data: the days present only. dau 12-01..12-26 = (100 + 102 + 104) / 3;
  // gmv = 100 + 1000 (12-26 is a gap).
  ExpectSame(102, a.Kpi(Kpi("dau"), {D(2025, 12, 1), D(2025, 12, 26)}), "dau partly before");
  ExpectSame(1100, a.Kpi(Kpi("gmv"), {D(2025, 12, 1), D(2025, 12, 26)}), "gmv partly before");
  for (const char* id : kKpiIds) {
    ExpectSame(kNaN, a.Kpi(Kpi(id), {D(2025, 1, 1), D(2025, 12, 23)}), std::string(id) + " before the data");
    ExpectSame(kNaN, a.Kpi(Kpi(id), DayRange{}), std::string(id) + " empty range");
    ExpectSame(kNaN, a.Kpi(Kpi(id), {kKStart + 3, kKStart + 2}), std::string(id) + " reversed range");
    EXPECT_TRUE(a.Buckets(Kpi(id), DayRange{}).values.empty()) << id;
  }
}

TEST(AnalysisKpiTest, UnavailablePartsMakeTheKpiUnavailable) {
  const QueryFixture& f = Query();
  const DayRange all{kQStart, kQStart + kQDays - 1};
  // dpu has no stored slice for two channels; conversion needs dau, which has no channel
  // breakdown at all; merchants have no breakdown.
  Analysis a(f.snapshot, Select(0b011, 0), all, DayRange{}, Granularity::kWeek);
  for (const char* id : {"dpu", "conversion", "dau", "brand_merchants"}) {
    EXPECT_FALSE(a.WhyUnavailable(Kpi(id)).empty()) << id;
    ExpectSame(kNaN, a.Kpi(Kpi(id), all), id);
    for (double v : a.Buckets(Kpi(id), all).values) ExpectSame(kNaN, v, id);
  }
  // gmv and orders stay available: the channel series for orders, the crosses for gmv.
  EXPECT_EQ(a.WhyUnavailable(Kpi("aov")), "");
  // Brute force: gap days (a gap in any summed cell or channel series) are skipped.
  double gmv = 0, orders = 0;
  for (int i = 0; i < kQDays; ++i) {
    const double g = BruteCells(f.gmv, 0b011, 0, i);
    if (!std::isnan(g)) gmv += g;
    const double o = f.orders_by_channel[0][i] + f.orders_by_channel[1][i];  // NaN if either is
    if (!std::isnan(o)) orders += o;
  }
  ExpectSame(gmv, a.Kpi(Kpi("gmv"), all), "gmv livestream+notes");
  ExpectSame(orders, a.Kpi(Kpi("orders"), all), "orders livestream+notes");
  ExpectSame(gmv / orders, a.Kpi(Kpi("aov"), all), "aov livestream+notes");
}

// ===========================================================================================
// The generated sample: filtered KPIs against its raw cells
// ===========================================================================================

const Snapshot& Sample() {
  static const Snapshot* sample = [] {
    auto* s = new Snapshot();
    const std::vector<GeneratedFile> files = GenerateSample(GenerateOptions{});
    if (files.empty() || !LoadSnapshot(files.front().bytes, s).empty()) ADD_FAILURE() << "sample did not load";
    return s;
  }();
  return *sample;
}

// Σ over the sample's stored channel × category cells of one metric, day by day, NaN if any
// selected cell is missing or absent that day.
std::vector<double> SampleCells(const Snapshot& s, const char* metric, const std::vector<std::string>& channels,
                                const std::vector<std::string>& categories, DayRange days) {
  const int m = s.FindMetric(metric);
  const int ch = s.FindDimension("channel"), cat = s.FindDimension("category");
  std::vector<const Series*> cells;
  for (const Series& series : s.series) {
    if (series.metric != m || series.dims.size() != 2) continue;
    bool keep = true;
    for (const Coordinate& c : series.dims) {
      const std::string& id = s.dimensions[static_cast<size_t>(c.dimension)].members[static_cast<size_t>(c.member)].id;
      const auto& wanted = c.dimension == ch ? channels : c.dimension == cat ? categories : std::vector<std::string>{};
      if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), id) == wanted.end()) keep = false;
    }
    if (keep) cells.push_back(&series);
  }
  EXPECT_FALSE(cells.empty());
  std::vector<double> out;
  for (Day d = days.first; d <= days.last; ++d) {
    double sum = 0;
    for (const Series* c : cells) {
      const double v = (d < c->start || d > c->end()) ? kNaN : c->values[static_cast<size_t>(d - c->start)];
      sum += v;
    }
    out.push_back(sum);
  }
  return out;
}

double SumPresent(const std::vector<double>& v, size_t from, size_t to) {
  double s = 0;
  for (size_t i = from; i < to; ++i) {
    if (!std::isnan(v[i])) s += v[i];
  }
  return s;
}

TEST(AnalysisSampleTest, FilteredGmvAndWeeklyAovMatchTheRawCells) {
  const Snapshot& s = Sample();
  ASSERT_FALSE(s.series.empty());
  const int channel = s.FindDimension("channel"), category = s.FindDimension("category");
  ASSERT_GE(channel, 0);
  ASSERT_GE(category, 0);
  auto member = [&](int dim, const char* id) {
    const auto& ms = s.dimensions[static_cast<size_t>(dim)].members;
    for (size_t i = 0; i < ms.size(); ++i) {
      if (ms[i].id == id) return static_cast<int>(i);
    }
    ADD_FAILURE() << id;
    return 0;
  };
  // The last 91 days of the sample: 2026-08-29 .. 2026-11-27.
  const DayRange range{D(2026, 8, 29), D(2026, 11, 27)};
  struct Case {
    std::vector<std::string> channels, categories;
  };
  const Case cases[] = {{{"livestream"}, {}},
                        {{"livestream", "store"}, {}},
                        {{}, {"fashion"}},
                        {{}, {"beauty", "home", "digital"}},
                        {{"notes"}, {"fashion", "food"}},
                        {{"livestream", "notes", "store"}, {"travel"}}};
  for (const Case& c : cases) {
    Filters filters;
    for (const auto& id : c.channels) filters.Toggle(channel, member(channel, id.c_str()));
    for (const auto& id : c.categories) filters.Toggle(category, member(category, id.c_str()));
    Analysis a(s, filters, range, DayRange{}, Granularity::kWeek);
    const std::vector<double> gmv = SampleCells(s, "gmv", c.channels, c.categories, range);
    const std::vector<double> orders = SampleCells(s, "orders", c.channels, c.categories, range);
    const std::string what = "filter " + std::to_string(c.channels.size()) + "/" + std::to_string(c.categories.size());
    // Daily values.
    const QueryResult& q = a.Metric("gmv");
    ASSERT_TRUE(q.available) << what << q.why;
    for (Day d = range.first; d <= range.last; ++d) ExpectSame(gmv[static_cast<size_t>(d - range.first)], q.series.at(d), what);
    ExpectSame(SumPresent(gmv, 0, gmv.size()), a.Kpi(Kpi("gmv"), range), what + " gmv");
    ExpectSame(SumPresent(gmv, 0, gmv.size()) / SumPresent(orders, 0, orders.size()), a.Kpi(Kpi("aov"), range),
               what + " aov");
    // Weekly AOV = Σ gmv / Σ orders of each (possibly partial) ISO week.
    const Resampled weekly = a.Buckets(Kpi("aov"), range);
    const std::vector<BruteBucket> weeks = BruteBuckets(range, Granularity::kWeek);
    ASSERT_EQ(weekly.values.size(), weeks.size());
    EXPECT_EQ(weeks.front().last - weeks.front().first + 1, 2);  // Sat 08-29, Sun 08-30
    EXPECT_EQ(weeks.back().last - weeks.back().first + 1, 5);    // Mon 11-23 .. Fri 11-27
    for (size_t w = 0; w < weeks.size(); ++w) {
      const size_t from = static_cast<size_t>(weeks[w].first - range.first);
      const size_t to = static_cast<size_t>(weeks[w].last - range.first) + 1;
      ExpectSame(SumPresent(gmv, from, to) / SumPresent(orders, from, to), weekly.values[w],
                 what + " week " + std::to_string(w));
    }
  }
}

TEST(AnalysisSampleTest, NonAdditivePurchasingUsersOnlyForOneStoredChannel) {
  const Snapshot& s = Sample();
  const int channel = s.FindDimension("channel");
  const int dpu = s.FindMetric("dpu");
  ASSERT_GE(channel, 0);
  ASSERT_GE(dpu, 0);
  const auto& members = s.dimensions[static_cast<size_t>(channel)].members;
  for (size_t m = 0; m < members.size(); ++m) {
    Filters one;
    one.Toggle(channel, static_cast<int>(m));
    const QueryResult r = QueryMetric(s, dpu, one);
    ASSERT_TRUE(r.available) << members[m].id << r.why;
    // The stored slice itself.
    const Series* stored = nullptr;
    for (const Series& series : s.series) {
      if (series.metric == dpu && series.dims.size() == 1 && series.dims[0].dimension == channel &&
          series.dims[0].member == static_cast<int>(m)) {
        stored = &series;
      }
    }
    ASSERT_NE(stored, nullptr);
    EXPECT_EQ(r.series.start, stored->start);
    ASSERT_EQ(r.series.values.size(), stored->values.size());
    for (size_t i = 0; i < stored->values.size(); ++i) ExpectSame(stored->values[i], r.series.values[i], members[m].id);
    if (m + 1 < members.size()) {
      Filters two = one;
      two.Toggle(channel, static_cast<int>(m + 1));
      const QueryResult both = QueryMetric(s, dpu, two);
      EXPECT_FALSE(both.available);
      EXPECT_FALSE(both.why.empty());
    }
  }
}

}  // namespace
}  // namespace divboard
