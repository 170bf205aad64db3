// Roll-ups follow each metric's rule, and a missing day is skipped — never read as zero.
#include "core/rollup.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Series MakeSeries(Day start, std::vector<double> values) {
  Series s;
  s.start = start;
  s.values = std::move(values);
  return s;
}

// Days 100..104 hold 1, gap, 3, 4, gap.
Series Sample() { return MakeSeries(100, {1, kNaN, 3, 4, kNaN}); }

TEST(RollupTest, WholeSeriesSkipsMissingDays) {
  const Series s = Sample();
  const DayRange all{100, 104};
  EXPECT_EQ(Aggregate(s, Rollup::kSum, all), 8);
  EXPECT_DOUBLE_EQ(Aggregate(s, Rollup::kMean, all), 8.0 / 3.0);  // three days, not five
  EXPECT_EQ(Aggregate(s, Rollup::kLast, all), 4);                 // trailing gap skipped
}

TEST(RollupTest, RangesPartlyOutsideTheSeriesUseTheDaysInside) {
  const Series s = Sample();
  EXPECT_EQ(Aggregate(s, Rollup::kSum, {95, 101}), 1);
  EXPECT_EQ(Aggregate(s, Rollup::kMean, {95, 101}), 1);
  EXPECT_EQ(Aggregate(s, Rollup::kLast, {95, 101}), 1);
  EXPECT_EQ(Aggregate(s, Rollup::kSum, {103, 200}), 4);
  EXPECT_EQ(Aggregate(s, Rollup::kMean, {102, 200}), 3.5);
  EXPECT_EQ(Aggregate(s, Rollup::kLast, {101, 200}), 4);
  EXPECT_EQ(Aggregate(s, Rollup::kSum, {0, 1000}), 8);
}

TEST(RollupTest, NoValueInTheRangeIsNaNNeverZero) {
  const Series s = Sample();
  for (Rollup rollup : {Rollup::kSum, Rollup::kMean, Rollup::kLast}) {
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, {101, 101})));  // only a gap
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, {104, 104})));
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, {0, 99})));     // before the series
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, {105, 300})));  // after it
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, {102, 101})));  // empty range inside it
    EXPECT_TRUE(std::isnan(Aggregate(s, rollup, DayRange{})));
    EXPECT_TRUE(std::isnan(Aggregate(MakeSeries(100, {}), rollup, {0, 1000})));
    EXPECT_TRUE(std::isnan(Aggregate(MakeSeries(100, {kNaN, kNaN}), rollup, {0, 1000})));
  }
}

TEST(RollupTest, AMonthWithTwoMissingDaysIsTheMeanOfTheOther28) {
  std::vector<double> values(30, 10.0);
  values[4] = kNaN;
  values[17] = kNaN;
  values[0] = 38.0;  // (38 + 27 * 10) / 28 = 11; counting gaps as zero would give 308 / 30
  const Series s = MakeSeries(0, values);
  EXPECT_DOUBLE_EQ(Aggregate(s, Rollup::kMean, {0, 29}), 11.0);
  EXPECT_DOUBLE_EQ(Aggregate(s, Rollup::kSum, {0, 29}), 308.0);
}

TEST(RollupTest, PreviousPeriodHasTheSameLengthAndEndsTheDayBefore) {
  const DayRange period{100, 129};
  const DayRange previous = PreviousPeriod(period);
  EXPECT_EQ(previous.first, 70);
  EXPECT_EQ(previous.last, 99);
  EXPECT_EQ(previous.days(), 30);
  const DayRange one = PreviousPeriod({-5, -5});
  EXPECT_EQ(one.first, -6);
  EXPECT_EQ(one.last, -6);
  EXPECT_EQ(PreviousPeriod({10, 9}).days(), 0);
}

TEST(RollupTest, DailyValuesPadWithNaNOutsideTheSeries) {
  const std::vector<double> daily = DailyValues(Sample(), {98, 106});
  ASSERT_EQ(daily.size(), 9u);
  const double expected[] = {kNaN, kNaN, 1, kNaN, 3, 4, kNaN, kNaN, kNaN};
  for (size_t i = 0; i < daily.size(); ++i) {
    if (std::isnan(expected[i])) {
      EXPECT_TRUE(std::isnan(daily[i])) << i;
    } else {
      EXPECT_EQ(daily[i], expected[i]) << i;
    }
  }
  EXPECT_TRUE(DailyValues(Sample(), {5, 4}).empty());
}

void ExpectSame(double actual, double expected, const char* what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << ": " << actual;
  } else {
    EXPECT_DOUBLE_EQ(actual, expected) << what;
  }
}

TEST(RollupTest, MatchesABruteForceDayLoopOnRandomSeries) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> length(0, 60);
  std::uniform_int_distribution<int> offset(-40, 100);
  std::uniform_int_distribution<int> span(-3, 80);
  std::uniform_real_distribution<double> value(-1000.0, 1000.0);
  std::bernoulli_distribution missing(0.3);
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<double> values(static_cast<size_t>(length(rng)));
    for (double& v : values) v = missing(rng) ? kNaN : value(rng);
    const Series s = MakeSeries(1000, values);
    const Day first = 1000 + offset(rng);
    const DayRange r{first, first + span(rng)};

    double sum = 0, last = kNaN;
    int count = 0;
    for (Day d = r.first; d <= r.last; ++d) {
      const long index = static_cast<long>(d) - 1000;
      if (index < 0 || index >= static_cast<long>(values.size())) continue;
      const double v = values[static_cast<size_t>(index)];
      if (std::isnan(v)) continue;
      sum += v;
      ++count;
      last = v;
    }
    ExpectSame(Aggregate(s, Rollup::kSum, r), count > 0 ? sum : kNaN, "sum");
    ExpectSame(Aggregate(s, Rollup::kMean, r), count > 0 ? sum / count : kNaN, "mean");
    ExpectSame(Aggregate(s, Rollup::kLast, r), last, "last");
    if (::testing::Test::HasFailure()) {
      ADD_FAILURE() << "trial " << trial << " range " << r.first << ".." << r.last;
      return;
    }
  }
}

}  // namespace
}  // namespace divboard
