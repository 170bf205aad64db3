// Calendar buckets (ISO weeks, months, quarters) and resampling by each metric's rule.
// Resampled values are checked against a brute force that groups the days on its own.
#include "core/resample.h"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day D(int year, int month, int day) { return DayFromCivil({year, month, day}); }

std::vector<double> Starts(std::initializer_list<Day> days) {
  std::vector<double> out;
  for (Day d : days) out.push_back(static_cast<double>(d));
  return out;
}

Series MakeSeries(Day start, std::vector<double> values) {
  Series s;
  s.start = start;
  s.values = std::move(values);
  return s;
}

// --- Buckets -----------------------------------------------------------------------------

TEST(ResampleTest, DayBucketsAreDays) {
  const Day d = D(2025, 3, 17);
  EXPECT_EQ(BucketStart(d, Granularity::kDay), d);
  EXPECT_EQ(NextBucketStart(d, Granularity::kDay), d + 1);
}

TEST(ResampleTest, WeeksStartOnMondayAndCrossTheYearEnd) {
  // ISO week 1 of 2026 runs Monday 2025-12-29 .. Sunday 2026-01-04 (day numbers 20451..20457).
  const Day monday = D(2025, 12, 29);
  ASSERT_EQ(monday, 20451);
  for (Day d = monday; d <= D(2026, 1, 4); ++d) {
    EXPECT_EQ(BucketStart(d, Granularity::kWeek), monday) << FormatDate(d);
  }
  EXPECT_EQ(BucketStart(D(2025, 12, 28), Granularity::kWeek), D(2025, 12, 22));  // a Sunday
  EXPECT_EQ(BucketStart(D(2026, 1, 5), Granularity::kWeek), D(2026, 1, 5));      // a Monday
  EXPECT_EQ(NextBucketStart(monday, Granularity::kWeek), D(2026, 1, 5));
  EXPECT_EQ(BucketStart(D(2024, 2, 29), Granularity::kWeek), D(2024, 2, 26));    // a Thursday
  EXPECT_EQ(BucketStart(D(2024, 1, 1), Granularity::kWeek), D(2024, 1, 1));      // a Monday
  EXPECT_EQ(BucketStart(D(1970, 1, 1), Granularity::kWeek), D(1969, 12, 29));    // day 0, Thursday
}

TEST(ResampleTest, WeekBucketsOverManyYearsMatchAKnownMonday) {
  // 2024-01-01 was a Monday: every Monday is a multiple of 7 days from it.
  const Day known_monday = D(2024, 1, 1);
  for (Day d = D(2019, 1, 1); d <= D(2030, 12, 31); ++d) {
    const int offset = ((d - known_monday) % 7 + 7) % 7;
    const Day want = d - offset;
    EXPECT_EQ(BucketStart(d, Granularity::kWeek), want) << FormatDate(d);
    if (d == want) {
      EXPECT_EQ(NextBucketStart(d, Granularity::kWeek), d + 7) << FormatDate(d);
    }
  }
}

TEST(ResampleTest, MonthBucketsIncludeFebruaryInLeapAndCommonYears) {
  EXPECT_EQ(BucketStart(D(2024, 2, 29), Granularity::kMonth), D(2024, 2, 1));
  EXPECT_EQ(BucketStart(D(2024, 2, 1), Granularity::kMonth), D(2024, 2, 1));
  EXPECT_EQ(BucketStart(D(2025, 2, 28), Granularity::kMonth), D(2025, 2, 1));
  EXPECT_EQ(BucketStart(D(2025, 3, 1), Granularity::kMonth), D(2025, 3, 1));
  EXPECT_EQ(NextBucketStart(D(2024, 2, 1), Granularity::kMonth), D(2024, 3, 1));
  EXPECT_EQ(NextBucketStart(D(2024, 2, 1), Granularity::kMonth) - D(2024, 2, 1), 29);
  EXPECT_EQ(NextBucketStart(D(2025, 2, 1), Granularity::kMonth) - D(2025, 2, 1), 28);
  EXPECT_EQ(NextBucketStart(D(2025, 12, 1), Granularity::kMonth), D(2026, 1, 1));
  EXPECT_EQ(NextBucketStart(D(2025, 1, 1), Granularity::kMonth) - D(2025, 1, 1), 31);
  EXPECT_EQ(NextBucketStart(D(2025, 4, 1), Granularity::kMonth) - D(2025, 4, 1), 30);
}

TEST(ResampleTest, MonthBucketsOfEveryDayFromAWalkOverTheCalendar) {
  // Walk the days with an independent month-length table and check every day.
  const int lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  Day first_of_month = D(2020, 1, 1);
  for (int year = 2020; year <= 2028; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const bool leap = year % 4 == 0;  // no century years in 2020..2028
      const int days = lengths[month - 1] + (month == 2 && leap ? 1 : 0);
      for (Day d = first_of_month; d < first_of_month + days; ++d) {
        ASSERT_EQ(BucketStart(d, Granularity::kMonth), first_of_month) << FormatDate(d);
      }
      EXPECT_EQ(NextBucketStart(first_of_month, Granularity::kMonth), first_of_month + days)
          << year << "-" << month;
      first_of_month += days;
    }
  }
}

TEST(ResampleTest, QuarterBuckets) {
  EXPECT_EQ(BucketStart(D(2025, 1, 1), Granularity::kQuarter), D(2025, 1, 1));
  EXPECT_EQ(BucketStart(D(2025, 3, 31), Granularity::kQuarter), D(2025, 1, 1));
  EXPECT_EQ(BucketStart(D(2025, 4, 1), Granularity::kQuarter), D(2025, 4, 1));
  EXPECT_EQ(BucketStart(D(2025, 5, 15), Granularity::kQuarter), D(2025, 4, 1));
  EXPECT_EQ(BucketStart(D(2025, 9, 30), Granularity::kQuarter), D(2025, 7, 1));
  EXPECT_EQ(BucketStart(D(2025, 12, 31), Granularity::kQuarter), D(2025, 10, 1));
  EXPECT_EQ(NextBucketStart(D(2025, 10, 1), Granularity::kQuarter), D(2026, 1, 1));
  EXPECT_EQ(NextBucketStart(D(2025, 7, 1), Granularity::kQuarter), D(2025, 10, 1));
  // Q1 is 31 + 29 + 31 = 91 days in 2024, 90 in 2025.
  EXPECT_EQ(NextBucketStart(D(2024, 1, 1), Granularity::kQuarter) - D(2024, 1, 1), 91);
  EXPECT_EQ(NextBucketStart(D(2025, 1, 1), Granularity::kQuarter) - D(2025, 1, 1), 90);
  // Walking quarters from 2024-01-01 gives 4 per year, the fifth is the next year's first.
  Day q = D(2024, 1, 1);
  for (int i = 0; i < 4; ++i) q = NextBucketStart(q, Granularity::kQuarter);
  EXPECT_EQ(q, D(2025, 1, 1));
}

// --- Resample against a brute force ------------------------------------------------------

// The calendar key of a day and its bucket's first day, computed without BucketStart.
struct Key {
  long key;
  Day start;
};

Key KeyOf(Day d, Granularity g) {
  const CivilDate c = CivilFromDay(d);
  switch (g) {
    case Granularity::kDay:
      return {d, d};
    case Granularity::kWeek: {
      const Day known_monday = D(2024, 1, 1);
      const long weeks = static_cast<long>(std::floor(static_cast<double>(d - known_monday) / 7.0));
      return {weeks, known_monday + static_cast<Day>(weeks * 7)};
    }
    case Granularity::kMonth:
      return {c.year * 12L + c.month, D(c.year, c.month, 1)};
    case Granularity::kQuarter: {
      const int q = (c.month - 1) / 3;
      return {c.year * 4L + q, D(c.year, q * 3 + 1, 1)};
    }
  }
  return {0, 0};
}

Resampled BruteResample(const Series& s, Rollup rollup, Granularity g, DayRange range) {
  Resampled out;
  long current = 0;
  bool open = false;
  double sum = 0, last = kNaN;
  int present = 0;
  auto close = [&] {
    if (!open) return;
    double v = kNaN;
    if (present > 0) v = rollup == Rollup::kSum ? sum : rollup == Rollup::kMean ? sum / present : last;
    out.values.push_back(v);
  };
  for (Day d = range.first; d <= range.last; ++d) {
    const Key k = KeyOf(d, g);
    if (!open || k.key != current) {
      close();
      open = true;
      current = k.key;
      out.starts.push_back(k.start);
      out.days.push_back(0);
      sum = 0;
      last = kNaN;
      present = 0;
    }
    ++out.days.back();
    double v = kNaN;
    if (d >= s.start && d < s.start + static_cast<Day>(s.values.size())) {
      v = s.values[static_cast<size_t>(d - s.start)];
    }
    if (!std::isnan(v)) {
      sum += v;
      last = v;
      ++present;
    }
  }
  close();
  return out;
}

void ExpectSame(const Resampled& got, const Resampled& want, const char* what) {
  ASSERT_EQ(got.starts.size(), want.starts.size()) << what;
  ASSERT_EQ(got.values.size(), want.values.size()) << what;
  ASSERT_EQ(got.days.size(), want.days.size()) << what;
  for (size_t i = 0; i < want.starts.size(); ++i) {
    EXPECT_EQ(got.starts[i], want.starts[i]) << what << " bucket " << i;
    EXPECT_EQ(got.days[i], want.days[i]) << what << " bucket " << i;
    if (std::isnan(want.values[i])) {
      EXPECT_TRUE(std::isnan(got.values[i])) << what << " bucket " << i << " got " << got.values[i];
    } else {
      EXPECT_DOUBLE_EQ(got.values[i], want.values[i]) << what << " bucket " << i;
    }
  }
}

// Random integer-valued series with scattered gaps and one gap spanning whole weeks and a
// whole month, so some buckets hold nothing.
Series RandomSeries(std::mt19937& rng, Day start, size_t length) {
  std::uniform_int_distribution<int> value(0, 100000);
  std::uniform_int_distribution<int> gap(0, 4);
  std::vector<double> values(length);
  for (double& v : values) v = gap(rng) == 0 ? kNaN : static_cast<double>(value(rng));
  // Whole of 2024-06 missing (and the weeks inside it).
  for (Day d = D(2024, 6, 1); d <= D(2024, 6, 30); ++d) {
    if (d >= start && d < start + static_cast<Day>(length)) values[static_cast<size_t>(d - start)] = kNaN;
  }
  return MakeSeries(start, values);
}

TEST(ResampleTest, SumsMeansAndLastsPerBucketEqualBruteForce) {
  std::mt19937 rng(1234567);
  const Series s = RandomSeries(rng, D(2024, 1, 3), 420);  // a Wednesday, mid-month
  const std::vector<DayRange> ranges = {
      {s.start, s.end()},                             // exactly the series
      {D(2023, 11, 15), D(2025, 4, 20)},              // wider on both sides
      {D(2024, 2, 14), D(2024, 11, 19)},              // inside, cut buckets at both edges
      {D(2024, 5, 29), D(2024, 7, 2)},                // around the empty June
      {D(2024, 3, 4), D(2024, 3, 4)},                 // one day
  };
  for (const DayRange& range : ranges) {
    for (Granularity g : {Granularity::kDay, Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter}) {
      for (Rollup r : {Rollup::kSum, Rollup::kMean, Rollup::kLast}) {
        SCOPED_TRACE(FormatDate(range.first) + ".." + FormatDate(range.last) + " g" +
                     std::to_string(static_cast<int>(g)) + " r" + std::to_string(static_cast<int>(r)));
        ExpectSame(Resample(s, r, g, range), BruteResample(s, r, g, range), "random");
      }
    }
  }
}

TEST(ResampleTest, BruteForceSanityTheDaysAddUpToTheRange) {
  // The bucket day counts of the resampled output cover the range exactly once.
  std::mt19937 rng(99);
  const Series s = RandomSeries(rng, D(2024, 1, 3), 420);
  const DayRange range{D(2023, 12, 20), D(2025, 2, 10)};
  for (Granularity g : {Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter}) {
    const Resampled r = Resample(s, Rollup::kSum, g, range);
    int total = 0;
    for (int d : r.days) total += d;
    EXPECT_EQ(total, range.days());
    // Sums of the buckets' sums equal the sum of the days (integers: exact).
    double all = 0, by_bucket = 0;
    for (Day d = range.first; d <= range.last; ++d) {
      if (!std::isnan(s.at(d))) all += s.at(d);
    }
    for (double v : r.values) {
      if (!std::isnan(v)) by_bucket += v;
    }
    EXPECT_EQ(by_bucket, all);
  }
}

TEST(ResampleTest, PartialBucketsAtBothEdgesCarryTheirDays) {
  const Series s = MakeSeries(D(2024, 1, 1), std::vector<double>(1000, 1.0));

  // Wednesday 2025-12-31 .. Tuesday 2026-01-06: 5 days of ISO week 1, 2 of week 2.
  const Resampled w = Resample(s, Rollup::kSum, Granularity::kWeek, {D(2025, 12, 31), D(2026, 1, 6)});
  EXPECT_EQ(w.starts, Starts({D(2025, 12, 29), D(2026, 1, 5)}));
  EXPECT_EQ(w.days, (std::vector<int>{5, 2}));
  EXPECT_EQ(w.values, (std::vector<double>{5, 2}));

  // 2024-02-20 .. 2024-04-03: 10 days of the leap February, all of March, 3 of April.
  const Resampled m = Resample(s, Rollup::kSum, Granularity::kMonth, {D(2024, 2, 20), D(2024, 4, 3)});
  EXPECT_EQ(m.starts, Starts({D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 1)}));
  EXPECT_EQ(m.days, (std::vector<int>{10, 31, 3}));
  EXPECT_EQ(m.values, (std::vector<double>{10, 31, 3}));

  // 2025-02-27 .. 2025-03-01: 2 days of a common-year February, 1 of March.
  const Resampled feb = Resample(s, Rollup::kSum, Granularity::kMonth, {D(2025, 2, 27), D(2025, 3, 1)});
  EXPECT_EQ(feb.days, (std::vector<int>{2, 1}));

  // 2025-03-30 .. 2025-07-01: 2 days of Q1, all 91 of Q2, 1 of Q3.
  const Resampled q = Resample(s, Rollup::kSum, Granularity::kQuarter, {D(2025, 3, 30), D(2025, 7, 1)});
  EXPECT_EQ(q.starts, Starts({D(2025, 1, 1), D(2025, 4, 1), D(2025, 7, 1)}));
  EXPECT_EQ(q.days, (std::vector<int>{2, 91, 1}));
  EXPECT_EQ(q.values, (std::vector<double>{2, 91, 1}));
}

TEST(ResampleTest, AnAllMissingBucketIsNaNNeverZero) {
  // Week of 2025-03-10 (Mon) .. 03-16 entirely missing between two present weeks.
  std::vector<double> v(21, 4.0);
  for (size_t i = 7; i < 14; ++i) v[i] = kNaN;
  const Series s = MakeSeries(D(2025, 3, 3), v);
  for (Rollup r : {Rollup::kSum, Rollup::kMean, Rollup::kLast}) {
    const Resampled out = Resample(s, r, Granularity::kWeek, {D(2025, 3, 3), D(2025, 3, 23)});
    ASSERT_EQ(out.values.size(), 3u);
    EXPECT_EQ(out.values[0], r == Rollup::kSum ? 28.0 : 4.0);
    EXPECT_TRUE(std::isnan(out.values[1])) << "got " << out.values[1];
    EXPECT_EQ(out.values[2], r == Rollup::kSum ? 28.0 : 4.0);
    EXPECT_EQ(out.days, (std::vector<int>{7, 7, 7}));
  }
}

TEST(ResampleTest, RangesBeforeOrAfterTheSeriesGiveNaNBuckets) {
  const Series s = MakeSeries(D(2026, 1, 5), {1, 2, 3, 4, 5, 6, 7});  // one Monday-first week
  for (Rollup r : {Rollup::kSum, Rollup::kMean, Rollup::kLast}) {
    const Resampled out = Resample(s, r, Granularity::kWeek, {D(2025, 12, 15), D(2026, 1, 25)});
    ASSERT_EQ(out.starts.size(), 6u);
    EXPECT_EQ(out.starts[0], D(2025, 12, 15));
    EXPECT_EQ(out.starts[3], D(2026, 1, 5));
    for (size_t i : {0u, 1u, 2u, 4u, 5u}) {
      EXPECT_TRUE(std::isnan(out.values[i])) << "bucket " << i << " got " << out.values[i];
      EXPECT_EQ(out.days[i], 7);
    }
    const double want = r == Rollup::kSum ? 28.0 : r == Rollup::kMean ? 4.0 : 7.0;
    EXPECT_EQ(out.values[3], want);
  }
  // Entirely before the series: every month is NaN.
  const Resampled before = Resample(s, Rollup::kSum, Granularity::kMonth, {D(2025, 1, 1), D(2025, 12, 31)});
  ASSERT_EQ(before.values.size(), 12u);
  for (double v : before.values) EXPECT_TRUE(std::isnan(v));
}

TEST(ResampleTest, WeekMeanAveragesPresentDaysAndLastTakesTheLastPresentDay) {
  // Mon..Sun of 2026-01-05: DAU with two missing days, merchants missing at the weekend.
  const Series dau = MakeSeries(D(2026, 1, 5), {100, kNaN, 110, 120, kNaN, 130, 140});
  const Resampled mean = Resample(dau, Rollup::kMean, Granularity::kWeek, {D(2026, 1, 5), D(2026, 1, 11)});
  ASSERT_EQ(mean.values.size(), 1u);
  EXPECT_DOUBLE_EQ(mean.values[0], 600.0 / 5.0);  // 120, not 600 / 7 and not a sum
  EXPECT_EQ(mean.days[0], 7);

  const Series merchants = MakeSeries(D(2026, 1, 5), {10, 11, 12, 13, 14, kNaN, kNaN});
  const Resampled last = Resample(merchants, Rollup::kLast, Granularity::kWeek, {D(2026, 1, 5), D(2026, 1, 11)});
  ASSERT_EQ(last.values.size(), 1u);
  EXPECT_EQ(last.values[0], 14);  // Friday's value, not NaN from the missing Sunday
}

TEST(ResampleTest, EmptyRangeGivesNoBuckets) {
  const Series s = MakeSeries(D(2026, 1, 5), {1, 2, 3});
  const Resampled out = Resample(s, Rollup::kSum, Granularity::kWeek, {D(2026, 1, 6), D(2026, 1, 5)});
  EXPECT_TRUE(out.starts.empty());
  EXPECT_TRUE(out.values.empty());
  EXPECT_TRUE(out.days.empty());
}

}  // namespace
}  // namespace divboard
