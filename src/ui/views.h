// The analyst's views — Community, Trading, Hosts, Compare — and the filter bar they share:
// date range, granularity, comparison and dimension filters, all held in the URL state so a
// link reproduces the view. Numbers come from core/analysis; this file only lays them out.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/analysis.h"
#include "core/host_drilldown.h"
#include "core/overview.h"
#include "core/period_compare.h"
#include "core/session.h"
#include "core/url_state.h"
#include "ui/chart_common.h"
#include "ui/heat_map.h"
#include "ui/time_chart.h"

namespace divboard::ui {

struct Download {
  std::string name;
  std::string bytes;
  std::string mime;
};

struct ViewCache;  // derived numbers for the current snapshot and controls

struct ViewsState {
  std::shared_ptr<ViewCache> cache;
  ChartLink link;  // a view's time charts zoom together
  ChartState charts[6];
  std::string host_search;
  int selected_host = -1;
  bool compare_indexed = true;
  std::vector<Download> downloads;  // drained by the platform after each frame
  HeatMapState heat_map;  // the Trading view's calendar of daily purchasing users
  // The Hosts drill-down of the host in the link (host < 0: none open), rebuilt when the
  // host or the data changes.
  HostDrilldown drilldown;
  std::string drilldown_key;
  ChartState drilldown_charts[2];
  // The Compare view's periods mode, rebuilt when the link or the data changes.
  PeriodComparison periods;
  const KpiDefinition* periods_kpi = nullptr;
  std::string periods_key;
  ChartState period_charts[2];
  DrawSegment host_markers;  // the hosts scatter's markers, kept while they do not change
  DrawSegment tiles;         // the division views' KPI tiles' faces, likewise
  char period_text[2][24] = {};  // the period fields while the analyst types
};

// Back to the default range, granularity and comparison, with no dimension filter.
void ResetFilters(UrlState& controls);

// Draws the filter bar; returns true when a control changed.
bool DrawFilterBar(const Session& session, UrlState& controls, const ChartContext& context);

void DrawDivisionView(const char* view, const Session& session, UrlState& controls, ViewsState& state,
                      const ChartContext& context);
void DrawHostsView(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context);
void DrawCompareView(const Session& session, UrlState& controls, ViewsState& state, const ChartContext& context);

// The tiles of the view last drawn (null before any), for window.divboard.state().
const std::vector<KpiValue>* CurrentViewKpis(const ViewsState& state);
// The resolved controls of the view last drawn: range, comparison, filters as ids.
std::string CurrentViewSummary(const ViewsState& state);
// The open host drill-down (null when none is open), and the compared periods (null unless
// the Compare view shows periods), for window.divboard.state().
const HostDrilldown* CurrentHostDrilldown(const ViewsState& state, const UrlState& controls);
const PeriodComparison* CurrentPeriods(const ViewsState& state, const UrlState& controls, const KpiDefinition** kpi);

}  // namespace divboard::ui
