// Series for one dimension's members, built from whatever breakdowns the snapshot stores:
// a stored single-dimension series is used as is; otherwise the finest stored cross (for
// example channel x category) is summed over the other dimensions — for additive metrics
// only, because summing purchasing users across channels would count people twice.
#pragma once

#include <vector>

#include "core/snapshot.h"

namespace divboard {

struct MemberSeries {
  int member = -1;
  Series series;  // dims holds just (dimension, member)
};

std::vector<MemberSeries> BreakdownBy(const Snapshot& snapshot, int metric, int dimension);

// values[i] = the series' value `days` earlier (364 aligns weekdays a year back), over the
// same days as `series`; NaN where there is no earlier value.
std::vector<double> Shifted(const Series& series, int days);

}  // namespace divboard
