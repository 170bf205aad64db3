// The executive overview's KPIs, checked against sums and means computed here day by day:
// derived metrics are ratios of rolled-up parts (product.md's glossary), never averaged ratios.
#include "core/overview.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "core/overview_json.h"

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Day D(int y, int m, int d) { return DayFromCivil({y, m, d}); }

const Day kLast = D(2026, 11, 27);
const Day kStart = kLast - 119;  // 120 days: period, comparison and the whole trend window

int AddMetric(Snapshot* s, const char* id, Rollup rollup) {
  Metric m;
  m.id = id;
  m.rollup = rollup;
  s->metrics.push_back(m);
  return static_cast<int>(s->metrics.size()) - 1;
}

void AddSeries(Snapshot* s, int metric, Day start, std::vector<double> values,
               std::vector<Coordinate> dims = {}) {
  Series series;
  series.metric = metric;
  series.start = start;
  series.values = std::move(values);
  series.dims = std::move(dims);
  s->series.push_back(std::move(series));
}

const KpiValue& Kpi(const Overview& o, const std::string& id) {
  for (const KpiValue& k : o.kpis) {
    if (k.id == id) return k;
  }
  ADD_FAILURE() << "no KPI " << id;
  static const KpiValue kMissing;
  return kMissing;
}

const KpiDefinition& Definition(const std::string& id) {
  for (const KpiDefinition& k : OverviewKpis()) {
    if (id == k.id) return k;
  }
  ADD_FAILURE() << "no KPI definition " << id;
  return OverviewKpis().front();
}

// Brute-force roll-ups over `values` (which start at kStart), one day at a time.
struct Totals {
  double sum = 0;
  int count = 0;
  double last = kNaN;
  double mean() const { return count > 0 ? sum / count : kNaN; }
};

Totals Over(const std::vector<double>& values, DayRange range) {
  Totals t;
  for (Day d = range.first; d <= range.last; ++d) {
    const long i = static_cast<long>(d - kStart);
    if (i < 0 || i >= static_cast<long>(values.size())) continue;
    const double v = values[static_cast<size_t>(i)];
    if (std::isnan(v)) continue;
    t.sum += v;
    ++t.count;
    t.last = v;
  }
  return t;
}

std::vector<double> RandomValues(std::mt19937* rng, double low, double high, double missing) {
  std::uniform_real_distribution<double> value(low, high);
  std::bernoulli_distribution gap(missing);
  std::vector<double> out(120);
  for (double& v : out) v = gap(*rng) ? kNaN : std::round(value(*rng));
  return out;
}

TEST(OverviewTest, ThePeriodIsThe30DaysEndingOnTheLastDayAnySeriesCovers) {
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "dau", Rollup::kMean), kLast - 119, std::vector<double>(120, 1.0));
  AddSeries(&s, AddMetric(&s, "gmv", Rollup::kSum), kLast - 100, std::vector<double>(106, 1.0));
  const Overview o = ComputeOverview(s);
  EXPECT_EQ(o.period.last, kLast + 5);
  EXPECT_EQ(o.period.days(), 30);
  EXPECT_EQ(o.period.first, kLast + 5 - 29);
  EXPECT_EQ(o.comparison.last, o.period.first - 1);
  EXPECT_EQ(o.comparison.days(), 30);
  EXPECT_EQ(o.trend.last, kLast + 5);
  EXPECT_EQ(o.trend.days(), 90);
  ASSERT_EQ(o.kpis.size(), OverviewKpis().size());
  for (const KpiValue& k : o.kpis) EXPECT_EQ(k.trend.size(), 90u) << k.id;

  const Overview week = ComputeOverview(s, 7);
  EXPECT_EQ(week.period.first, kLast + 5 - 6);
  EXPECT_EQ(week.comparison.first, kLast + 5 - 13);
  EXPECT_EQ(week.comparison.last, kLast + 5 - 7);
}

TEST(OverviewTest, AovIsTotalGmvOverTotalOrdersNotTheMeanOfDailyAovs) {
  std::mt19937 rng(618);
  const std::vector<double> gmv = RandomValues(&rng, 1e5, 9e5, 0.0);
  const std::vector<double> orders = RandomValues(&rng, 100, 5000, 0.0);
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "gmv", Rollup::kSum), kStart, gmv);
  AddSeries(&s, AddMetric(&s, "orders", Rollup::kSum), kStart, orders);
  const Overview o = ComputeOverview(s);
  const DayRange period{kLast - 29, kLast};
  const DayRange comparison{kLast - 59, kLast - 30};

  const double expected = Over(gmv, period).sum / Over(orders, period).sum;
  const double previous = Over(gmv, comparison).sum / Over(orders, comparison).sum;
  double mean_of_daily = 0;
  for (Day d = period.first; d <= period.last; ++d) {
    const size_t i = static_cast<size_t>(d - kStart);
    mean_of_daily += gmv[i] / orders[i] / 30.0;
  }
  // The data must tell the two definitions apart, or this test would prove nothing.
  ASSERT_GT(std::fabs(mean_of_daily - expected), 0.05 * expected);

  const KpiValue& aov = Kpi(o, "aov");
  EXPECT_TRUE(aov.available);
  EXPECT_EQ(aov.unit, Unit::kCurrency);
  EXPECT_NEAR(aov.value, expected, 1e-9 * expected);
  EXPECT_NEAR(aov.previous, previous, 1e-9 * previous);
  EXPECT_NEAR(aov.change, (expected - previous) / std::fabs(previous), 1e-9);
  ASSERT_EQ(aov.trend.size(), 90u);
  for (size_t k = 0; k < aov.trend.size(); ++k) {
    const size_t i = 30 + k;  // the trend window starts 89 days before the last day
    EXPECT_NEAR(aov.trend[k], gmv[i] / orders[i], 1e-9 * gmv[i] / orders[i]) << k;
  }
  EXPECT_NEAR(Kpi(o, "gmv").value, Over(gmv, period).sum, 1e-6);
  EXPECT_NEAR(Kpi(o, "orders").previous, Over(orders, comparison).sum, 1e-6);
  EXPECT_NEAR(ComputeKpi(s, Definition("aov"), {kStart, kLast}),
              Over(gmv, {kStart, kLast}).sum / Over(orders, {kStart, kLast}).sum, 1e-9 * expected);
}

TEST(OverviewTest, ConversionIsMeanPurchasingUsersOverMeanDau) {
  std::mt19937 rng(11);
  const std::vector<double> dau = RandomValues(&rng, 5e7, 1.5e8, 0.1);  // with gaps
  const std::vector<double> dpu = RandomValues(&rng, 1e6, 4e6, 0.0);
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "dau", Rollup::kMean), kStart, dau);
  AddSeries(&s, AddMetric(&s, "dpu", Rollup::kMean), kStart, dpu);
  const Overview o = ComputeOverview(s);
  const DayRange period{kLast - 29, kLast};

  const Totals dau_period = Over(dau, period);
  ASSERT_LT(dau_period.count, 30);  // some DAU days really are missing
  const double expected = Over(dpu, period).mean() / dau_period.mean();
  double mean_of_daily = 0;
  int days = 0;
  for (Day d = period.first; d <= period.last; ++d) {
    const size_t i = static_cast<size_t>(d - kStart);
    if (std::isnan(dau[i])) continue;
    mean_of_daily += dpu[i] / dau[i];
    ++days;
  }
  mean_of_daily /= days;
  ASSERT_GT(std::fabs(mean_of_daily - expected), 1e-4 * expected);

  const KpiValue& conversion = Kpi(o, "conversion");
  EXPECT_EQ(conversion.unit, Unit::kRatio);
  EXPECT_NEAR(conversion.value, expected, 1e-12);
  EXPECT_NEAR(Kpi(o, "dau").value, dau_period.mean(), 1e-6);  // a mean, never a sum
  EXPECT_NEAR(Kpi(o, "dpu").value, Over(dpu, period).mean(), 1e-6);
}

TEST(OverviewTest, BrandMerchantsIsTheLastValueOfThePeriod) {
  std::vector<double> merchants(120);
  for (size_t i = 0; i < merchants.size(); ++i) merchants[i] = 1000.0 + 10.0 * static_cast<double>(i);
  merchants[119] = kNaN;  // the last two days are not reported yet
  merchants[118] = kNaN;
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "brand_merchants", Rollup::kLast), kStart, merchants);
  const Overview o = ComputeOverview(s);
  const KpiValue& k = Kpi(o, "brand_merchants");
  EXPECT_TRUE(k.available);
  EXPECT_EQ(k.value, 1000.0 + 10.0 * 117);     // last reported day of the period
  EXPECT_EQ(k.previous, 1000.0 + 10.0 * 89);   // last day of the comparison period
  EXPECT_DOUBLE_EQ(k.change, (10.0 * 28) / (1000.0 + 10.0 * 89));
  EXPECT_TRUE(std::isnan(k.trend.back()));     // a gap in the trend, not a carried value
  EXPECT_EQ(k.trend.front(), 1000.0 + 10.0 * 30);
}

TEST(OverviewTest, ChangeIsRelativeToTheSizeOfThePreviousValue) {
  // Ad revenue: -3 a day in the comparison period (a refund-heavy month), +2 a day after.
  std::vector<double> ad(120, 0.0);
  for (size_t i = 60; i < 90; ++i) ad[i] = -3;
  for (size_t i = 90; i < 120; ++i) ad[i] = 2;
  std::vector<double> commerce(120, 1.0);
  std::vector<double> orders(120, 5.0);
  for (size_t i = 60; i < 90; ++i) orders[i] = 0;  // no orders at all in the comparison period
  std::vector<double> gmv(120, 100.0);
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "ad_revenue", Rollup::kSum), kStart, ad);
  AddSeries(&s, AddMetric(&s, "commerce_revenue", Rollup::kSum), kStart, commerce);
  AddSeries(&s, AddMetric(&s, "orders", Rollup::kSum), kStart, orders);
  AddSeries(&s, AddMetric(&s, "gmv", Rollup::kSum), kStart, gmv);
  const Overview o = ComputeOverview(s);

  const KpiValue& revenue = Kpi(o, "ad_revenue");
  EXPECT_EQ(revenue.value, 60);
  EXPECT_EQ(revenue.previous, -90);
  EXPECT_DOUBLE_EQ(revenue.change, 150.0 / 90.0);  // up, although 60 / -90 - 1 is negative

  // Commerce share = commerce / (ad + commerce) over the period: 30 / (60 + 30).
  EXPECT_DOUBLE_EQ(Kpi(o, "commerce_share").value, 30.0 / 90.0);

  const KpiValue& order_count = Kpi(o, "orders");
  EXPECT_EQ(order_count.value, 150);
  EXPECT_EQ(order_count.previous, 0);
  EXPECT_TRUE(std::isnan(order_count.change));  // no change relative to nothing
  const KpiValue& aov = Kpi(o, "aov");
  EXPECT_DOUBLE_EQ(aov.value, 3000.0 / 150.0);
  EXPECT_TRUE(std::isnan(aov.previous));  // 3000 / 0 orders is not a number to show
  EXPECT_TRUE(std::isnan(aov.change));
}

TEST(OverviewTest, AKpiWhoseMetricIsMissingIsUnavailable) {
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "dau", Rollup::kMean), kStart, std::vector<double>(120, 1e8));
  // Orders by channel only: without a total, neither orders nor AOV can be shown.
  Dimension channel;
  channel.id = "channel";
  channel.members.push_back(Member{"app", {}});
  s.dimensions.push_back(channel);
  AddSeries(&s, AddMetric(&s, "orders", Rollup::kSum), kStart, std::vector<double>(120, 5.0),
            {Coordinate{0, 0}});
  AddSeries(&s, AddMetric(&s, "gmv", Rollup::kSum), kStart, std::vector<double>(120, 100.0));
  const Overview o = ComputeOverview(s);

  EXPECT_TRUE(Kpi(o, "dau").available);
  EXPECT_EQ(Kpi(o, "dau").value, 1e8);
  EXPECT_TRUE(Kpi(o, "gmv").available);
  for (const char* id : {"dpu", "conversion", "orders", "aov", "ad_revenue", "brand_merchants",
                         "commerce_share"}) {
    SCOPED_TRACE(id);
    const KpiValue& k = Kpi(o, id);
    EXPECT_FALSE(k.available);
    EXPECT_TRUE(std::isnan(k.value));
    EXPECT_TRUE(std::isnan(k.previous));
    EXPECT_TRUE(std::isnan(k.change));
    ASSERT_EQ(k.trend.size(), 90u);
    for (double v : k.trend) EXPECT_TRUE(std::isnan(v));
  }
}

TEST(OverviewTest, AnAvailableKpiWithNoDataInThePeriodIsNaN) {
  std::vector<double> dau(120, 1e8);
  for (size_t i = 90; i < 120; ++i) dau[i] = kNaN;
  Snapshot s;
  AddSeries(&s, AddMetric(&s, "dau", Rollup::kMean), kStart, dau);
  const Overview o = ComputeOverview(s);
  const KpiValue& k = Kpi(o, "dau");
  EXPECT_TRUE(k.available);
  EXPECT_TRUE(std::isnan(k.value));
  EXPECT_EQ(k.previous, 1e8);
  EXPECT_TRUE(std::isnan(k.change));
}

TEST(OverviewJsonTest, NumbersTextsAndDates) {
  Overview o;
  o.period = {kLast - 29, kLast};
  o.comparison = PreviousPeriod(o.period);
  KpiValue dau;
  dau.id = "dau";
  dau.unit = Unit::kUsers;
  dau.value = 102e6;
  dau.previous = 98e6;
  dau.change = 0.032;
  KpiValue gmv;
  gmv.id = "gmv";
  gmv.unit = Unit::kCurrency;
  gmv.value = kNaN;
  gmv.previous = kNaN;
  gmv.change = kNaN;
  o.kpis = {dau, gmv};

  nlohmann::json en = OverviewToJson(o, Locale::kEn);
  EXPECT_EQ(en["period"]["first"], "2026-10-29");
  EXPECT_EQ(en["period"]["last"], "2026-11-27");
  EXPECT_EQ(en["comparison"]["first"], "2026-09-29");
  EXPECT_EQ(en["comparison"]["last"], "2026-10-28");
  nlohmann::json& d = en["kpis"]["dau"];
  EXPECT_EQ(d["value"], 102e6);
  EXPECT_EQ(d["previous"], 98e6);
  EXPECT_EQ(d["change"], 0.032);
  EXPECT_EQ(d["text"], "102M");
  EXPECT_EQ(d["change_text"], "+3.2%");
  // JSON has no NaN: no data is null, and its text is the em dash.
  nlohmann::json& g = en["kpis"]["gmv"];
  EXPECT_TRUE(g["value"].is_null());
  EXPECT_TRUE(g["previous"].is_null());
  EXPECT_TRUE(g["change"].is_null());
  EXPECT_EQ(g["text"], "\xE2\x80\x94");
  EXPECT_EQ(g["change_text"], "\xE2\x80\x94");
  EXPECT_EQ(en.dump().find("NaN"), std::string::npos);

  nlohmann::json zh = OverviewToJson(o, Locale::kZh);
  EXPECT_EQ(zh["kpis"]["dau"]["text"], "1.02\xE4\xBA\xBF");
}

}  // namespace
}  // namespace divboard
