// Daily series rolled up into weeks (ISO, Monday first), months or quarters by each metric's
// rule. Buckets are calendar-aligned; a bucket cut by the range edge holds only the days
// inside the range, and says how many it holds.
#pragma once

#include <vector>

#include "core/date.h"
#include "core/rollup.h"
#include "core/snapshot.h"

namespace divboard {

enum class Granularity { kDay, kWeek, kMonth, kQuarter };

Day BucketStart(Day day, Granularity granularity);
Day NextBucketStart(Day bucket_start, Granularity granularity);

struct Resampled {
  std::vector<double> starts;  // first day of each bucket (as double: chart x positions)
  std::vector<double> values;  // NaN when the bucket has no data
  std::vector<int> days;       // days of the bucket inside the range
};

Resampled Resample(const Series& series, Rollup rollup, Granularity granularity, DayRange range);

}  // namespace divboard
