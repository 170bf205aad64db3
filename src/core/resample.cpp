#include "core/resample.h"

#include <algorithm>

namespace divboard {

Day BucketStart(Day day, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay:
      return day;
    case Granularity::kWeek:
      return day - Weekday(day);
    case Granularity::kMonth: {
      const CivilDate c = CivilFromDay(day);
      return DayFromCivil({c.year, c.month, 1});
    }
    case Granularity::kQuarter: {
      const CivilDate c = CivilFromDay(day);
      return DayFromCivil({c.year, (c.month - 1) / 3 * 3 + 1, 1});
    }
  }
  return day;
}

Day NextBucketStart(Day bucket_start, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay:
      return bucket_start + 1;
    case Granularity::kWeek:
      return bucket_start + 7;
    case Granularity::kMonth:
    case Granularity::kQuarter: {
      const CivilDate c = CivilFromDay(bucket_start);
      const int months = granularity == Granularity::kMonth ? 1 : 3;
      const int index = c.year * 12 + (c.month - 1) + months;
      return DayFromCivil({index / 12, index % 12 + 1, 1});
    }
  }
  return bucket_start + 1;
}

Resampled Resample(const Series& series, Rollup rollup, Granularity granularity, DayRange range) {
  Resampled out;
  if (range.days() <= 0) return out;
  for (Day start = BucketStart(range.first, granularity); start <= range.last;
       start = NextBucketStart(start, granularity)) {
    const DayRange bucket{std::max(start, range.first),
                          std::min(NextBucketStart(start, granularity) - 1, range.last)};
    out.starts.push_back(start);
    out.values.push_back(Aggregate(series, rollup, bucket));
    out.days.push_back(bucket.days());
  }
  return out;
}

}  // namespace divboard
