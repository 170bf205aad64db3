#include "core/drilldown_view.h"

#include <algorithm>
#include <cmath>

namespace divboard {
namespace {

nlohmann::json Number(double value) { return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr); }

nlohmann::json Range(DayRange r) { return FormatDate(r.first) + ".." + FormatDate(r.last); }

bool ParseRange(const std::string& text, DayRange* out) {
  if (text.size() != 22) return false;
  const auto first = ParseDate(text.substr(0, 10));
  const auto last = ParseDate(text.substr(12, 10));
  if (!first || !last || *last < *first) return false;
  *out = DayRange{*first, *last};
  return true;
}

nlohmann::json Column(const std::vector<double>& values) {
  nlohmann::json out = nlohmann::json::array();
  for (double v : values) out.push_back(Number(v));
  return out;
}

}  // namespace

const std::vector<const char*>& PeriodMetricIds() {
  static const std::vector<const char*> kIds = {"gmv", "dpu", "dau", "conversion", "orders", "aov", "ad_revenue",
                                                "commerce_revenue", "commerce_share", "brand_merchants", "mau",
                                                "engagements", "notes_published", "livestream_sessions",
                                                "livestream_viewers"};
  return kIds;
}

PeriodsRequest ResolvePeriods(const Snapshot& snapshot, const UrlState& controls, std::vector<std::string>* notices) {
  PeriodsRequest out;
  const auto& ids = PeriodMetricIds();
  const bool offered = std::any_of(ids.begin(), ids.end(), [&](const char* id) { return controls.metric == id; });
  out.kpi = offered ? FindKpi(controls.metric) : nullptr;
  if (out.kpi == nullptr) {
    notices->push_back("ignored metric \"" + controls.metric + "\": not a metric the comparison offers");
    out.kpi = FindKpi("gmv");
  }
  const auto span = snapshot.Span();
  if (!ParseRange(controls.period_a, &out.a)) {
    out.a = span.second >= span.first ? DayRange{std::max(span.first, span.second - 29), span.second} : DayRange{};
  }
  if (!ParseRange(controls.period_b, &out.b)) out.b = DayRange{out.a.first - 364, out.a.last - 364};
  // Each day of a period is computed and drawn: a link asking for millennia gets a century.
  for (DayRange* r : {&out.a, &out.b}) {
    if (r->days() > kMaxPeriodDays) {
      notices->push_back("a period was cut to its first " + std::to_string(kMaxPeriodDays) + " days");
      r->last = r->first + kMaxPeriodDays - 1;
    }
  }
  return out;
}

nlohmann::json PeriodComparisonJson(const PeriodComparison& c, const KpiDefinition& kpi, Locale locale) {
  return {{"metric", kpi.id},
          {"a", Range(c.a)},
          {"b", Range(c.b)},
          {"total_a", Number(c.total_a)},
          {"total_b", Number(c.total_b)},
          {"change", Number(c.change)},
          {"text_a", FormatValue(c.total_a, kpi.unit, locale)},
          {"text_b", FormatValue(c.total_b, kpi.unit, locale)},
          {"change_text", FormatChange(c.change)},
          {"covered_a", c.covered_a},
          {"covered_b", c.covered_b},
          {"days", c.daily_a.size()}};
}

nlohmann::json HostDrilldownJson(const Snapshot& snapshot, const HostDrilldown& d, Locale locale) {
  if (d.host < 0) return nullptr;
  const Host& h = snapshot.hosts[static_cast<size_t>(d.host)];
  nlohmann::json months = nlohmann::json::array();
  for (double start : d.sessions.starts) months.push_back(FormatDate(static_cast<Day>(start)).substr(0, 7));
  return {{"id", h.id},
          {"name", h.name},
          {"months", std::move(months)},
          {"sessions", Column(d.sessions.values)},
          {"gmv", Column(d.gmv.values)},
          {"purchasing_users", Column(d.purchasing_users.values)},
          {"viewers", Column(d.viewers.values)},
          {"orders", Column(d.orders.values)},
          {"total_sessions", Number(d.total_sessions)},
          {"total_gmv", Number(d.total_gmv)},
          {"total_purchasing_users", Number(d.total_purchasing_users)},
          {"total_viewers", Number(d.total_viewers)},
          {"total_orders", Number(d.total_orders)},
          {"conversion", Number(d.conversion)},
          {"aov", Number(d.aov)},
          {"gmv_text", FormatValue(d.total_gmv, Unit::kCurrency, locale)},
          {"conversion_text", FormatValue(d.conversion, Unit::kRatio, locale)},
          {"aov_text", FormatValue(d.aov, Unit::kCurrency, locale)}};
}

}  // namespace divboard
