// The executive overview's numbers: KPI tiles over a period and its comparison period, and
// the derived metrics (AOV, conversion, revenue mix), always recomputed from rolled-up parts.
#pragma once

#include <string>
#include <vector>

#include "core/rollup.h"
#include "core/snapshot.h"

namespace divboard {

// A KPI is numerator metrics over denominator metrics (each rolled up by its own rule);
// a plain metric has no denominator. Ratios of rolled-up parts, never averaged ratios.
struct KpiDefinition {
  const char* id;
  std::vector<const char*> numerator;
  std::vector<const char*> denominator;
  Unit unit;
  bool higher_is_better;
  Text label;
};

const std::vector<KpiDefinition>& OverviewKpis();
// Every KPI any view shows (the overview's and the division views'), by id.
const KpiDefinition* FindKpi(const std::string& id);

struct KpiValue {
  std::string id;
  Text label;
  Unit unit = Unit::kCount;
  bool higher_is_better = true;
  bool available = false;     // every metric it needs is in the snapshot
  std::string why;            // why not, when unavailable
  double value = 0;           // NaN when the period has no data
  double previous = 0;        // same, for the comparison period
  double change = 0;          // (value - previous) / |previous|; NaN when undefined
  std::vector<double> trend;  // daily values of the trend window, NaN for gaps
};

struct Overview {
  DayRange period;
  DayRange comparison;
  DayRange trend;
  std::vector<KpiValue> kpis;
};

constexpr int kOverviewPeriodDays = 30;
constexpr int kOverviewTrendDays = 90;

// The period ends on the last day any series covers.
Overview ComputeOverview(const Snapshot& snapshot, int period_days = kOverviewPeriodDays);

// One KPI over a range; NaN when unavailable or empty.
double ComputeKpi(const Snapshot& snapshot, const KpiDefinition& kpi, DayRange range);

}  // namespace divboard
