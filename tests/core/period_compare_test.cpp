// Comparing one metric over two arbitrary periods, and a host's drill-down. Expected numbers
// are computed here from the raw daily values of the generated sample, one day at a time with
// the glossary's rule for each metric (product.md), or worked by hand.
#include "core/period_compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/drilldown_view.h"
#include "core/generate.h"
#include "core/host_drilldown.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

const Snapshot& Sample() {
  static const Snapshot s = [] {
    Snapshot out;
    EXPECT_TRUE(LoadSnapshot(GenerateSample(GenerateOptions{}).front().bytes, &out).empty());
    return out;
  }();
  return s;
}

Rollup GlossaryRule(const std::string& id) {
  if (id == "dau" || id == "dpu") return Rollup::kMean;
  if (id == "brand_merchants" || id == "mau") return Rollup::kLast;
  return Rollup::kSum;
}

// A stored total over [first, last], walking the raw values day by day.
double BruteMetric(const std::string& id, Day first, Day last) {
  const Series* series = Sample().Total(Sample().FindMetric(id));
  if (series == nullptr) return kNaN;
  double sum = 0, latest = kNaN;
  int count = 0;
  for (Day d = first; d <= last; ++d) {
    const long i = d - series->start;
    if (i < 0 || i >= static_cast<long>(series->values.size())) continue;
    const double v = series->values[static_cast<size_t>(i)];
    if (std::isnan(v)) continue;
    sum += v;
    latest = v;
    ++count;
  }
  if (count == 0) return kNaN;
  const Rollup rule = GlossaryRule(id);
  return rule == Rollup::kLast ? latest : rule == Rollup::kSum ? sum : sum / count;
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
  return std::isnan(num) || std::isnan(den) || den == 0 ? kNaN : num / den;
}

void ExpectSame(double want, double got, const std::string& what) {
  if (std::isnan(want)) {
    EXPECT_TRUE(std::isnan(got)) << what << ": want NaN, got " << got;
    return;
  }
  ASSERT_FALSE(std::isnan(got)) << what << ": want " << want << ", got NaN";
  EXPECT_NEAR(got, want, 1e-12 * std::max(1.0, std::fabs(want))) << what;
}

struct Pair {
  DayRange a, b;
  int covered_a, covered_b;
};

// The sample covers 2024-01-01..2026-11-27; 2024 is a leap year.
const Pair kPairs[] = {
    {{D(2024, 2, 1), D(2024, 2, 29)}, {D(2025, 2, 1), D(2025, 2, 28)}, 29, 28},  // leap February vs not
    {{D(2024, 2, 28), D(2024, 3, 1)}, {D(2025, 2, 28), D(2025, 3, 2)}, 3, 3},    // across the leap day
    {{D(2025, 6, 1), D(2025, 6, 30)}, {D(2023, 12, 15), D(2024, 1, 13)}, 30, 13},  // B starts before the data
    {{D(2026, 11, 1), D(2026, 12, 31)}, {D(2025, 11, 1), D(2025, 12, 31)}, 27, 61},  // A runs past the end
    {{D(2026, 3, 1), D(2026, 3, 31)}, {D(2023, 3, 1), D(2023, 3, 31)}, 31, 0},   // B wholly before the data
    {{D(2026, 1, 1), D(2026, 1, 1)}, {D(2024, 1, 1), D(2024, 12, 31)}, 1, 366},  // one day against a leap year
};

TEST(PeriodCompareTest, EveryKpiMatchesBruteForceOverRawDays) {
  std::vector<std::string> notices;
  for (const char* id : {"dau", "dpu", "conversion", "gmv", "orders", "aov", "brand_merchants", "commerce_share",
                         "ad_revenue", "mau", "livestream_sessions"}) {
    const KpiDefinition* kpi = FindKpi(id);
    ASSERT_NE(kpi, nullptr) << id;
    for (const Pair& pair : kPairs) {
      const std::string what = std::string(id) + " " + FormatDate(pair.a.first) + " vs " + FormatDate(pair.b.first);
      Analysis analysis(Sample(), Filters{}, pair.a, DayRange{}, Granularity::kDay);
      const PeriodComparison c = ComparePeriods(analysis, *kpi, pair.a, pair.b);
      const double want_a = BruteKpi(*kpi, pair.a.first, pair.a.last);
      const double want_b = BruteKpi(*kpi, pair.b.first, pair.b.last);
      ExpectSame(want_a, c.total_a, what + " A");
      ExpectSame(want_b, c.total_b, what + " B");
      const double want_change = std::isnan(want_a) || std::isnan(want_b) || want_b == 0
                                     ? kNaN : (want_a - want_b) / std::fabs(want_b);
      ExpectSame(want_change, c.change, what + " change");
      EXPECT_EQ(c.covered_a, pair.covered_a) << what;
      EXPECT_EQ(c.covered_b, pair.covered_b) << what;
      const size_t length = static_cast<size_t>(std::max(pair.a.days(), pair.b.days()));
      ASSERT_EQ(c.daily_a.size(), length) << what;
      ASSERT_EQ(c.daily_b.size(), length) << what;
      for (size_t i = 0; i < length; ++i) {
        const Day day_a = pair.a.first + static_cast<Day>(i), day_b = pair.b.first + static_cast<Day>(i);
        ExpectSame(day_a <= pair.a.last ? BruteKpi(*kpi, day_a, day_a) : kNaN, c.daily_a[i], what + " day A");
        ExpectSame(day_b <= pair.b.last ? BruteKpi(*kpi, day_b, day_b) : kNaN, c.daily_b[i], what + " day B");
      }
    }
  }
}

TEST(PeriodCompareTest, RatiosAreRecomputedFromTheRolledUpPartsNotAveraged) {
  const DayRange a{D(2025, 11, 1), D(2025, 11, 30)}, b{D(2024, 11, 1), D(2024, 11, 30)};
  Analysis analysis(Sample(), Filters{}, a, DayRange{}, Granularity::kDay);
  const PeriodComparison aov = ComparePeriods(analysis, *FindKpi("aov"), a, b);
  ExpectSame(BruteMetric("gmv", a.first, a.last) / BruteMetric("orders", a.first, a.last), aov.total_a, "aov A");
  double mean_of_days = 0;
  for (double v : aov.daily_a) mean_of_days += v / static_cast<double>(aov.daily_a.size());
  EXPECT_GT(std::fabs(mean_of_days - aov.total_a), 1e-6 * aov.total_a) << "AOV must not be the mean of daily AOVs";
  // DAU is the mean of days: never the 30-day sum.
  const PeriodComparison dau = ComparePeriods(analysis, *FindKpi("dau"), a, b);
  EXPECT_LT(dau.total_a, 2 * BruteMetric("dau", a.last, a.last));
}

TEST(PeriodCompareTest, LinksResolveToPeriodsWithDefaultsAndBounds) {
  std::vector<std::string> notices;
  UrlState controls;
  PeriodsRequest r = ResolvePeriods(Sample(), controls, &notices);
  EXPECT_TRUE(notices.empty());
  EXPECT_STREQ(r.kpi->id, "gmv");
  // Default A: the last 30 days of the data; B: the same weekdays 364 days earlier.
  EXPECT_EQ(r.a.first, D(2026, 10, 29));
  EXPECT_EQ(r.a.last, D(2026, 11, 27));
  EXPECT_EQ(r.b.first, D(2025, 10, 30));
  EXPECT_EQ(Weekday(r.b.first), Weekday(r.a.first));
  controls.metric = "wau";
  controls.period_a = "1900-01-01..9999-12-31";
  controls.period_b = "2024-02-29..2024-02-29";
  r = ResolvePeriods(Sample(), controls, &notices);
  EXPECT_STREQ(r.kpi->id, "gmv");
  EXPECT_EQ(r.a.days(), kMaxPeriodDays);
  EXPECT_EQ(r.b.first, D(2024, 2, 29));
  EXPECT_EQ(r.b.days(), 1);
  EXPECT_EQ(notices.size(), 2u);  // the metric, and the cut period
}

TEST(PeriodCompareTest, HostDrilldownSumsTheMonthsAndRecomputesRatios) {
  Snapshot s;
  Host h;
  h.id = "h1";
  h.sessions = 99;  // the months are what the drill-down shows, whatever the total says
  h.monthly.present = true;
  h.monthly.start = D(2024, 1, 1);
  h.monthly.sessions = {3, 0, 5};
  h.monthly.viewers = {1000, 0, 3000};
  h.monthly.gmv = {600, 0, 1800};
  h.monthly.orders = {2, 0, 10};
  h.monthly.purchasing_users = {2, 0, 8};
  s.hosts.push_back(h);
  Host bare;
  bare.id = "h2";
  bare.viewers = 500;
  bare.purchasing_users = 5;
  bare.gmv = 1000;
  bare.orders = 4;
  s.hosts.push_back(bare);
  EXPECT_EQ(FindHost(s, "h2"), 1);
  EXPECT_EQ(FindHost(s, "h3"), -1);

  const HostDrilldown d = DrillDownHost(s, 0);
  ASSERT_TRUE(d.has_months);
  // January 2024 has 31 days, February 29 (a leap year), March 31.
  EXPECT_EQ(d.sessions.starts, (std::vector<double>{static_cast<double>(D(2024, 1, 1)),
                                                    static_cast<double>(D(2024, 2, 1)),
                                                    static_cast<double>(D(2024, 3, 1))}));
  EXPECT_EQ(d.sessions.days, (std::vector<int>{31, 29, 31}));
  EXPECT_EQ(d.total_sessions, 8);
  EXPECT_EQ(d.total_gmv, 2400);
  // Conversion 10 / 4000 and AOV 2400 / 12 = 200 — not the mean of the months' 300 and 180.
  ExpectSame(10.0 / 4000, d.conversion, "conversion");
  ExpectSame(200, d.aov, "aov");
  ExpectSame(300, d.aov_by_month.values[0], "aov January");
  ExpectSame(kNaN, d.aov_by_month.values[1], "aov of a month without orders");
  ExpectSame(180, d.aov_by_month.values[2], "aov March");
  const auto rows = HostDrilldownCsvRows(d);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "2024-02");
  EXPECT_EQ(rows[2][3], "1800");
  EXPECT_EQ(rows[1][7], "");  // no orders: no AOV, not zero
  EXPECT_EQ(rows[0].size(), HostDrilldownCsvHeader().size());

  const HostDrilldown b = DrillDownHost(s, 1);
  EXPECT_FALSE(b.has_months);
  EXPECT_TRUE(b.sessions.values.empty());
  ExpectSame(0.01, b.conversion, "totals without months");
  ExpectSame(250, b.aov, "aov without months");
  EXPECT_EQ(DrillDownHost(s, 2).host, -1);
  EXPECT_EQ(DrillDownHost(s, -1).host, -1);
}

TEST(PeriodCompareTest, GeneratedHostsDrillDownToTheirTotals) {
  size_t checked = 0;
  for (size_t i = 0; i < Sample().hosts.size(); i += 37) {
    const Host& h = Sample().hosts[i];
    const HostDrilldown d = DrillDownHost(Sample(), static_cast<int>(i));
    ASSERT_TRUE(d.has_months) << h.id;
    EXPECT_EQ(d.total_sessions, h.sessions) << h.id;
    EXPECT_EQ(d.total_gmv, h.gmv) << h.id;
    EXPECT_EQ(d.total_purchasing_users, h.purchasing_users) << h.id;
    ExpectSame(h.gmv / h.orders, d.aov, h.id + " aov");
    ExpectSame(h.purchasing_users / h.viewers, d.conversion, h.id + " conversion");
    ++checked;
  }
  EXPECT_GT(checked, 30u);
}

}  // namespace
}  // namespace divboard
