// Axis ticks: value axes on 1-2-5 steps that cover the data, date axes on month starts.
#include "core/ticks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

namespace divboard {
namespace {

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

// Whether `step` is 1, 2 or 5 times a power of ten.
bool IsOneTwoFive(double step) {
  const double power = std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const double mantissa = step / power;
  for (double nice : {1.0, 2.0, 5.0, 10.0}) {
    if (std::fabs(mantissa - nice) < 1e-9 * nice) return true;
  }
  return false;
}

void ExpectWellFormed(const NiceScale& s, double low, double high, int target) {
  SCOPED_TRACE(::testing::Message() << "[" << low << ", " << high << "] target " << target);
  ASSERT_GT(s.step, 0);
  EXPECT_TRUE(IsOneTwoFive(s.step)) << s.step;
  const double slack = s.step * 1e-9;
  EXPECT_LE(s.min, std::min(low, high) + slack);
  EXPECT_GE(s.max, std::max(low, high) - slack);
  // The bounds are multiples of the step.
  EXPECT_NEAR(s.min / s.step, std::round(s.min / s.step), 1e-6);
  EXPECT_NEAR(s.max / s.step, std::round(s.max / s.step), 1e-6);
  ASSERT_GE(s.ticks.size(), 2u);
  EXPECT_DOUBLE_EQ(s.ticks.front(), s.min);
  EXPECT_NEAR(s.ticks.back(), s.max, slack * 1000);
  for (size_t i = 1; i < s.ticks.size(); ++i) {
    EXPECT_NEAR(s.ticks[i] - s.ticks[i - 1], s.step, slack * 1000);
  }
  if (low == high) return;  // a constant series is padded, so "no wider" does not apply
  // The axis is no wider than needed: one step less on either side would cut the data.
  EXPECT_GT(s.min + s.step, std::min(low, high) - slack);
  EXPECT_LT(s.max - s.step, std::max(low, high) + slack);
  // A 1-2-5 step is within 2.5x of range / target, so the interval count stays near target.
  const int intervals = static_cast<int>(s.ticks.size()) - 1;
  EXPECT_GE(intervals, static_cast<int>(std::ceil(target / 2.5)));
  EXPECT_LE(intervals, target + 2);
}

TEST(TicksTest, HandWorkedScales) {
  // 97 / 5 = 19.4 -> step 20 -> 0..100.
  const NiceScale a = MakeNiceScale(0, 97, 5);
  EXPECT_DOUBLE_EQ(a.step, 20);
  EXPECT_DOUBLE_EQ(a.min, 0);
  EXPECT_DOUBLE_EQ(a.max, 100);
  ASSERT_EQ(a.ticks.size(), 6u);
  EXPECT_DOUBLE_EQ(a.ticks[3], 60);
  // 91.5e6 - 88.2e6 = 3.3e6 over 4 -> 825,000 -> step 1e6 -> 88e6..92e6.
  const NiceScale b = MakeNiceScale(88.2e6, 91.5e6, 4);
  EXPECT_DOUBLE_EQ(b.step, 1e6);
  EXPECT_DOUBLE_EQ(b.min, 88e6);
  EXPECT_DOUBLE_EQ(b.max, 92e6);
  // Negative ranges and swapped arguments.
  const NiceScale c = MakeNiceScale(-10, -250, 5);
  EXPECT_DOUBLE_EQ(c.step, 50);
  EXPECT_DOUBLE_EQ(c.min, -250);
  EXPECT_DOUBLE_EQ(c.max, 0);
  // 0.0241..0.0312 over 5: 0.00142 -> 0.002.
  const NiceScale d = MakeNiceScale(0.0241, 0.0312, 5);
  EXPECT_NEAR(d.step, 0.002, 1e-15);
  EXPECT_NEAR(d.min, 0.024, 1e-12);
  EXPECT_NEAR(d.max, 0.032, 1e-12);
}

TEST(TicksTest, AConstantSeriesGetsARangeAroundItsValue) {
  for (double v : {0.0, 3.0, -7.5, 102e6, 0.0241}) {
    const NiceScale s = MakeNiceScale(v, v, 5);
    EXPECT_LT(s.min, v) << v;
    EXPECT_GT(s.max, v) << v;
    ExpectWellFormed(s, v, v, 5);
  }
}

TEST(TicksTest, RandomRangesGiveWellFormedScales) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> exponent(-4, 10);
  std::uniform_real_distribution<double> unit(-1, 1);
  std::uniform_int_distribution<int> target(2, 12);
  for (int trial = 0; trial < 2000; ++trial) {
    const double scale = std::pow(10.0, exponent(rng));
    const double low = unit(rng) * scale;
    const double high = low + std::fabs(unit(rng)) * scale + scale * 1e-3;
    const int t = target(rng);
    ExpectWellFormed(MakeNiceScale(low, high, t), low, high, t);
    if (::testing::Test::HasFailure()) return;
  }
}

TEST(TicksTest, MonthlyTicksStartAtTheFirstWholeMonth) {
  const std::vector<DateTick> ticks = MakeDateTicks(D(2025, 1, 15), D(2025, 12, 31), 20);
  ASSERT_EQ(ticks.size(), 11u);  // Feb .. Dec
  const char* const kNames[] = {"Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < ticks.size(); ++i) {
    EXPECT_EQ(ticks[i].day, D(2025, static_cast<int>(i) + 2, 1));
    EXPECT_EQ(ticks[i].label, kNames[i]);
    EXPECT_FALSE(ticks[i].major);
  }
}

TEST(TicksTest, JanuaryIsLabelledWithItsYearAndIsMajor) {
  const std::vector<DateTick> ticks = MakeDateTicks(D(2024, 11, 1), D(2025, 3, 10), 20);
  ASSERT_EQ(ticks.size(), 5u);  // Nov 1 is in range, then Dec, Jan, Feb, Mar
  EXPECT_EQ(ticks[0].day, D(2024, 11, 1));
  EXPECT_EQ(ticks[0].label, "Nov");
  EXPECT_EQ(ticks[2].day, D(2025, 1, 1));
  EXPECT_EQ(ticks[2].label, "2025");
  EXPECT_TRUE(ticks[2].major);
  EXPECT_FALSE(ticks[1].major);
  EXPECT_EQ(ticks[4].day, D(2025, 3, 1));
}

TEST(TicksTest, WiderSpacingChoosesCalendarSteps) {
  // 70 days apart: quarters, on January, April, July and October.
  const std::vector<DateTick> quarters = MakeDateTicks(D(2024, 1, 1), D(2026, 11, 27), 70);
  ASSERT_FALSE(quarters.empty());
  EXPECT_EQ(quarters.front().day, D(2024, 1, 1));
  for (const DateTick& t : quarters) EXPECT_EQ((CivilFromDay(t.day).month - 1) % 3, 0) << t.label;
  EXPECT_EQ(quarters.size(), 12u);  // 2024 Q1 .. 2026 Q4 (Oct 1 2026)

  // 200 days apart: years, every label a year, every tick a January.
  const std::vector<DateTick> years = MakeDateTicks(D(2019, 6, 1), D(2026, 11, 27), 200);
  ASSERT_EQ(years.size(), 7u);  // January 1st of 2020 .. 2026
  for (size_t i = 0; i < years.size(); ++i) {
    EXPECT_EQ(years[i].day, D(2020 + static_cast<int>(i), 1, 1));
    EXPECT_EQ(years[i].label, std::to_string(2020 + i));
    EXPECT_TRUE(years[i].major);
  }

  // 400 days apart: every other year, on even years.
  for (const DateTick& t : MakeDateTicks(D(2001, 1, 1), D(2030, 1, 1), 400)) {
    EXPECT_EQ(CivilFromDay(t.day).year % 2, 0) << t.label;
  }
}

// Labels at least a month apart are month-aligned (closer ones may fall on days or weeks).
TEST(TicksTest, TicksStayInsideTheRangeOnMonthStarts) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> start(D(1990, 1, 1), D(2030, 1, 1));
  std::uniform_int_distribution<int> length(0, 4000);
  std::uniform_real_distribution<double> spacing(28, 1500);
  for (int trial = 0; trial < 2000; ++trial) {
    const Day first = start(rng);
    const Day last = first + length(rng);
    const double apart = spacing(rng);
    const std::vector<DateTick> ticks = MakeDateTicks(first, last, apart);
    for (size_t i = 0; i < ticks.size(); ++i) {
      const CivilDate c = CivilFromDay(ticks[i].day);
      ASSERT_EQ(c.day, 1);
      ASSERT_GE(ticks[i].day, first);
      ASSERT_LE(ticks[i].day, last);
      ASSERT_EQ(ticks[i].major, c.month == 1);
      if (i > 0) {
        ASSERT_GT(ticks[i].day, ticks[i - 1].day);
      }
    }
  }
  EXPECT_TRUE(MakeDateTicks(10, 9, 30).empty());
}

// DISABLED: core bug. ticks.h promises "at least min_days_apart days between labels", but
// ticks.cpp picks the month step with `months * 30.44 >= min_days_apart` (the *average* month
// length), so short months break the promise: MakeDateTicks(2025-01-01, 2025-12-31, 30) picks
// 1-month steps and puts Feb 1 and Mar 1 only 28 days apart; with 91 it picks quarters and
// Jan 1 -> Apr 1 is 90 days; with 182, half years and Jan 1 -> Jul 1 is 181 days.
TEST(TicksTest, LabelsAreAtLeastTheRequestedDaysApart) {
  for (int apart = 1; apart <= 1500; ++apart) {
    const std::vector<DateTick> ticks =
        MakeDateTicks(D(2023, 1, 1), D(2029, 12, 31), static_cast<double>(apart));
    for (size_t i = 1; i < ticks.size(); ++i) {
      ASSERT_GE(ticks[i].day - ticks[i - 1].day, apart)
          << "min_days_apart " << apart << ": " << FormatDate(ticks[i - 1].day) << " -> "
          << FormatDate(ticks[i].day);
    }
  }
}

}  // namespace
}  // namespace divboard
