// What an analyst's controls mean in numbers: date-range presets, comparison periods, and a
// metric's daily series under dimension filters. Every number a view shows is computed here
// (and rolled up by rollup.h / resample.h), never in drawing code.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/resample.h"
#include "core/rollup.h"
#include "core/snapshot.h"

namespace divboard {

enum class RangePreset { kLast7, kLast30, kLast90, kQuarterToDate, kYearToDate, kLast12Months, kAll, kCustom };
enum class Comparison { kNone, kPreviousPeriod, kLastYear };

// The days a preset covers when the data ends on `last` and starts on `first`; custom
// ranges are clamped to the data.
DayRange ResolveRange(RangePreset preset, Day first, Day last, DayRange custom = {});

// The comparison range: the same number of days just before, or the same period a year
// back — 364 days for daily and weekly views (weekdays and ISO weeks line up),
// calendar-aligned for months and quarters (2026-03 compares with 2025-03). Empty for kNone.
DayRange ComparisonRange(DayRange range, Comparison comparison, Granularity granularity);

// Selected members per dimension (indices into Snapshot::dimensions); an empty list means
// no filter on that dimension.
struct Filters {
  std::vector<std::vector<int>> members;
  bool empty() const;
  bool Has(int dimension, int member) const;
  void Toggle(int dimension, int member);
  void Add(int dimension, int member);  // selected afterwards, whether or not it was before
  void Clear() { members.clear(); }
};

struct QueryResult {
  Series series;           // daily values; empty values when unavailable
  bool available = false;
  std::string why;         // when unavailable: why, for the reader
};

// The metric's daily series under the filters. Additive metrics sum the finest stored cells
// that satisfy every filter; non-additive ones (purchasing users) are only available when the
// snapshot stores exactly that slice (a single member of a single dimension), because adding
// up distinct users across slices would count people twice.
QueryResult QueryMetric(const Snapshot& snapshot, int metric, const Filters& filters);

}  // namespace divboard

namespace divboard {

struct KpiDefinition;

// One analyst view's numbers for a range, comparison, granularity and filters. Queries are
// computed once per metric and kept, so a view asks freely while it draws.
class Analysis {
 public:
  Analysis(const Snapshot& snapshot, Filters filters, DayRange range, DayRange comparison, Granularity granularity);

  const QueryResult& Metric(const std::string& id);
  // A KPI (plain metric or ratio of rolled-up parts) over any days; NaN when unavailable.
  double Kpi(const KpiDefinition& kpi, DayRange days);
  // The KPI per bucket of the view's granularity over `days`: ratios are recomputed from the
  // parts' bucket roll-ups (AOV = Σ GMV / Σ orders per week), never averaged.
  Resampled Buckets(const KpiDefinition& kpi, DayRange days);
  // Why a KPI cannot be shown under these filters ("" when it can).
  std::string WhyUnavailable(const KpiDefinition& kpi);

  const Snapshot& snapshot() const { return snapshot_; }
  const Filters& filters() const { return filters_; }
  DayRange range() const { return range_; }
  DayRange comparison() const { return comparison_; }
  Granularity granularity() const { return granularity_; }

 private:
  const Snapshot& snapshot_;
  Filters filters_;
  DayRange range_;
  DayRange comparison_;
  Granularity granularity_;
  std::map<std::string, QueryResult> queries_;
};

}  // namespace divboard
