#include "core/view_model.h"

#include <algorithm>
#include <cmath>

namespace divboard {
namespace {

Granularity ParseGranularity(const std::string& g) {
  if (g == "week") return Granularity::kWeek;
  if (g == "month") return Granularity::kMonth;
  if (g == "quarter") return Granularity::kQuarter;
  return Granularity::kDay;
}

Comparison ParseComparison(const std::string& c) {
  if (c == "none") return Comparison::kNone;
  if (c == "yoy") return Comparison::kLastYear;
  return Comparison::kPreviousPeriod;
}

DayRange RangeOf(const std::string& range, Day first, Day last) {
  static const struct {
    const char* id;
    RangePreset preset;
  } kPresets[] = {{"7d", RangePreset::kLast7},          {"30d", RangePreset::kLast30},
                  {"90d", RangePreset::kLast90},        {"qtd", RangePreset::kQuarterToDate},
                  {"ytd", RangePreset::kYearToDate},    {"12m", RangePreset::kLast12Months},
                  {"all", RangePreset::kAll}};
  for (const auto& p : kPresets) {
    if (range == p.id) return ResolveRange(p.preset, first, last);
  }
  if (range.size() == 22) {
    const auto a = ParseDate(range.substr(0, 10));
    const auto b = ParseDate(range.substr(12, 10));
    if (a && b) return ResolveRange(RangePreset::kCustom, first, last, DayRange{*a, *b});
  }
  return ResolveRange(RangePreset::kLast90, first, last);
}

}  // namespace

Analysis MakeAnalysis(const Snapshot& snapshot, const UrlState& controls, std::vector<std::string>* notices) {
  const auto span = snapshot.Span();
  const DayRange range = RangeOf(controls.range, span.first, span.second);
  const Granularity granularity = ParseGranularity(controls.granularity);
  Filters filters;
  for (const auto& [dimension_id, member_ids] : controls.filters) {
    const int dimension = snapshot.FindDimension(dimension_id);
    if (dimension < 0) {
      notices->push_back("ignored filter on unknown dimension \"" + dimension_id + "\"");
      continue;
    }
    const auto& members = snapshot.dimensions[static_cast<size_t>(dimension)].members;
    for (const std::string& id : member_ids) {
      auto it = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.id == id; });
      if (it == members.end()) {
        notices->push_back("ignored unknown " + dimension_id + " \"" + id + "\"");
      } else {
        filters.Add(dimension, static_cast<int>(it - members.begin()));
      }
    }
  }
  return Analysis(snapshot, filters, range, ComparisonRange(range, ParseComparison(controls.comparison), granularity),
                  granularity);
}

KpiValue MakeKpi(Analysis& analysis, const KpiDefinition& kpi) {
  KpiValue v;
  v.id = kpi.id;
  v.label = kpi.label;
  v.unit = kpi.unit;
  v.higher_is_better = kpi.higher_is_better;
  v.why = analysis.WhyUnavailable(kpi);
  v.available = v.why.empty();
  v.value = analysis.Kpi(kpi, analysis.range());
  v.previous = analysis.Kpi(kpi, analysis.comparison());
  v.change = (std::isnan(v.value) || std::isnan(v.previous) || v.previous == 0)
                 ? NAN
                 : (v.value - v.previous) / std::fabs(v.previous);
  v.trend = analysis.Buckets(kpi, analysis.range()).values;
  return v;
}

std::vector<const char*> ViewKpiIds(const std::string& view) {
  if (view == "community") return {"dau", "mau", "notes_published", "engagements", "ad_revenue"};
  if (view == "trading") {
    return {"dpu", "conversion", "gmv", "orders", "aov", "brand_merchants", "commerce_revenue", "livestream_sessions",
            "livestream_viewers"};
  }
  return {};
}

}  // namespace divboard
