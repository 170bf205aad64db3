#include "core/overview_json.h"

#include <cmath>

namespace divboard {
namespace {

// JSON has no NaN: a missing number is null.
nlohmann::json Number(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json OverviewToJson(const Overview& overview, Locale locale) {
  nlohmann::json kpis = nlohmann::json::object();
  for (const KpiValue& kpi : overview.kpis) {
    kpis[kpi.id] = {
        {"value", Number(kpi.value)},
        {"previous", Number(kpi.previous)},
        {"change", Number(kpi.change)},
        {"text", FormatValue(kpi.value, kpi.unit, locale)},
        {"change_text", FormatChange(kpi.change)},
    };
  }
  return {
      {"period", {{"first", FormatDate(overview.period.first)}, {"last", FormatDate(overview.period.last)}}},
      {"comparison",
       {{"first", FormatDate(overview.comparison.first)}, {"last", FormatDate(overview.comparison.last)}}},
      {"kpis", std::move(kpis)},
  };
}

}  // namespace divboard
