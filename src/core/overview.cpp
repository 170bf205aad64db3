#include "core/overview.h"

#include <cmath>
#include <limits>

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sum of each metric's own roll-up; NaN if any part is missing, so a ratio never silently
// uses a partial numerator or denominator.
double SumOfParts(const Snapshot& snapshot, const std::vector<const char*>& ids, DayRange range) {
  double total = 0;
  for (const char* id : ids) {
    const int metric = snapshot.FindMetric(id);
    const Series* series = metric < 0 ? nullptr : snapshot.Total(metric);
    if (series == nullptr) return kNaN;
    total += Aggregate(*series, snapshot.metrics[static_cast<size_t>(metric)].rollup, range);
  }
  return total;
}

bool HasAll(const Snapshot& snapshot, const std::vector<const char*>& ids) {
  for (const char* id : ids) {
    const int metric = snapshot.FindMetric(id);
    if (metric < 0 || snapshot.Total(metric) == nullptr) return false;
  }
  return true;
}

}  // namespace

const std::vector<KpiDefinition>& OverviewKpis() {
  static const std::vector<KpiDefinition> kKpis = {
      {"dau", {"dau"}, {}, Unit::kUsers, true, {"Daily active users", "日活跃用户"}},
      {"dpu", {"dpu"}, {}, Unit::kUsers, true, {"Daily purchasing users", "日购买用户"}},
      {"conversion", {"dpu"}, {"dau"}, Unit::kRatio, true, {"Purchase conversion", "购买转化率"}},
      {"gmv", {"gmv"}, {}, Unit::kCurrency, true, {"GMV", "成交额"}},
      {"orders", {"orders"}, {}, Unit::kCount, true, {"Orders", "订单数"}},
      {"aov", {"gmv"}, {"orders"}, Unit::kCurrency, true, {"Average order value", "客单价"}},
      {"ad_revenue", {"ad_revenue"}, {}, Unit::kCurrency, true, {"Ad revenue", "广告收入"}},
      {"brand_merchants", {"brand_merchants"}, {}, Unit::kCount, true, {"Brand merchants", "品牌商家"}},
      {"commerce_share", {"commerce_revenue"}, {"ad_revenue", "commerce_revenue"}, Unit::kRatio, true,
       {"Commerce share of revenue", "电商收入占比"}},
  };
  return kKpis;
}

const KpiDefinition* FindKpi(const std::string& id) {
  static const std::vector<KpiDefinition> kMore = {
      {"mau", {"mau"}, {}, Unit::kUsers, true, {"Monthly active users", "月活跃用户"}},
      {"notes_published", {"notes_published"}, {}, Unit::kCount, true, {"Notes published", "笔记发布数"}},
      {"engagements", {"engagements"}, {}, Unit::kCount, true, {"Engagements", "互动数"}},
      {"commerce_revenue", {"commerce_revenue"}, {}, Unit::kCurrency, true, {"Commerce revenue", "电商收入"}},
      {"livestream_sessions", {"livestream_sessions"}, {}, Unit::kCount, true, {"Livestream sessions", "直播场次"}},
      {"livestream_viewers", {"livestream_viewers"}, {}, Unit::kCount, true, {"Livestream viewers", "直播观看人次"}},
      {"livestream_watch_hours", {"livestream_watch_hours"}, {}, Unit::kHours, true, {"Watch time", "观看时长"}},
  };
  for (const auto* list : {&OverviewKpis(), &kMore}) {
    for (const KpiDefinition& k : *list) {
      if (id == k.id) return &k;
    }
  }
  return nullptr;
}

double ComputeKpi(const Snapshot& snapshot, const KpiDefinition& kpi, DayRange range) {
  const double numerator = SumOfParts(snapshot, kpi.numerator, range);
  if (kpi.denominator.empty()) return numerator;
  const double denominator = SumOfParts(snapshot, kpi.denominator, range);
  if (!(denominator != 0) || std::isnan(numerator)) return kNaN;
  return numerator / denominator;
}

Overview ComputeOverview(const Snapshot& snapshot, int period_days) {
  Overview out;
  const Day last = snapshot.Span().second;
  out.period = DayRange{last - period_days + 1, last};
  out.comparison = PreviousPeriod(out.period);
  out.trend = DayRange{last - kOverviewTrendDays + 1, last};
  for (const KpiDefinition& kpi : OverviewKpis()) {
    KpiValue v;
    v.id = kpi.id;
    v.label = kpi.label;
    v.unit = kpi.unit;
    v.higher_is_better = kpi.higher_is_better;
    v.available = HasAll(snapshot, kpi.numerator) && HasAll(snapshot, kpi.denominator);
    v.value = ComputeKpi(snapshot, kpi, out.period);
    v.previous = ComputeKpi(snapshot, kpi, out.comparison);
    v.change = (std::isnan(v.value) || std::isnan(v.previous) || v.previous == 0)
                   ? kNaN
                   : (v.value - v.previous) / std::fabs(v.previous);
    v.trend.reserve(static_cast<size_t>(out.trend.days()));
    for (Day d = out.trend.first; d <= out.trend.last; ++d) {
      v.trend.push_back(v.available ? ComputeKpi(snapshot, kpi, DayRange{d, d}) : kNaN);
    }
    out.kpis.push_back(std::move(v));
  }
  return out;
}

}  // namespace divboard
