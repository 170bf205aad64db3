// One host's drill-down: their months (sessions, viewers, GMV, orders, buyers) as buckets the
// time chart draws, their totals over those months, and conversion and AOV recomputed from
// the totals, never averaged over months. The Hosts view, its CSV and `divboard summary
// --hash 'view=hosts&host=ID'` all read this.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/resample.h"
#include "core/snapshot.h"

namespace divboard {

struct HostDrilldown {
  int host = -1;  // index into Snapshot::hosts; -1 when the id is unknown
  bool has_months = false;  // false: the snapshot gave this host no "monthly" field
  // One bucket per month (starts: first day, days: days in the month).
  Resampled sessions, viewers, gmv, orders, purchasing_users;
  // Sums of the months (the host's own totals when there are no months).
  double total_sessions = 0, total_viewers = 0, total_gmv = 0, total_orders = 0, total_purchasing_users = 0;
  double conversion = 0;  // total buyers / total viewers; NaN without viewers
  double aov = 0;         // total GMV / total orders; NaN without orders
  Resampled conversion_by_month, aov_by_month;  // the same ratios per month
};

int FindHost(const Snapshot& snapshot, std::string_view id);
HostDrilldown DrillDownHost(const Snapshot& snapshot, int host);

// The drill-down as a table: one row per month, numbers as CsvNumber writes them.
std::vector<std::string> HostDrilldownCsvHeader();
std::vector<std::vector<std::string>> HostDrilldownCsvRows(const HostDrilldown& drilldown);

}  // namespace divboard
