// The analyst views' numbers from a link's state alone: which KPIs a view shows and their
// values for the range, comparison and filters. The page and `divboard summary --hash`
// both use this, so the browser's numbers can be checked against the native core's.
#pragma once

#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/overview.h"
#include "core/snapshot.h"
#include "core/url_state.h"

namespace divboard {

// Resolves range, granularity, comparison and filter ids against the snapshot; ids it does
// not know are dropped with a notice.
Analysis MakeAnalysis(const Snapshot& snapshot, const UrlState& controls, std::vector<std::string>* notices);

// A KPI tile's numbers: value over the range, over the comparison range, change, and the
// KPI per period of the granularity as its trend.
KpiValue MakeKpi(Analysis& analysis, const KpiDefinition& kpi);

// The tiles of a division view ("community", "trading"); empty for other views.
std::vector<const char*> ViewKpiIds(const std::string& view);

}  // namespace divboard
