// The Hosts drill-down and the Compare view's periods mode from a link's state alone, and
// both as JSON: what the page reports in window.divboard.state() and what `divboard summary
// --hash` prints, from the same code, so the browser test compares the page with the core.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/format.h"
#include "core/host_drilldown.h"
#include "core/period_compare.h"
#include "core/url_state.h"

namespace divboard {

// The two periods and the metric a link asks for. A missing period A is the last 30 days of
// the data; a missing B is A moved 364 days back (the same weekdays a year earlier). An
// unknown metric falls back to GMV with a notice. Periods longer than kMaxPeriodDays are cut.
constexpr int kMaxPeriodDays = 36600;  // as long as a series may be

struct PeriodsRequest {
  const KpiDefinition* kpi = nullptr;
  DayRange a, b;
};
PeriodsRequest ResolvePeriods(const Snapshot& snapshot, const UrlState& controls, std::vector<std::string>* notices);

// The KPI ids the periods mode offers.
const std::vector<const char*>& PeriodMetricIds();

nlohmann::json PeriodComparisonJson(const PeriodComparison& comparison, const KpiDefinition& kpi, Locale locale);
nlohmann::json HostDrilldownJson(const Snapshot& snapshot, const HostDrilldown& drilldown, Locale locale);

}  // namespace divboard
