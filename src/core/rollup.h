// Rolling daily values up into one number per range, by each metric's rule
// (product.md's glossary): sums for flows, means for daily user counts, last value for stocks.
#pragma once

#include <vector>

#include "core/date.h"
#include "core/snapshot.h"

namespace divboard {

struct DayRange {
  Day first = 0;
  Day last = -1;  // inclusive; last < first is empty
  int days() const { return last >= first ? last - first + 1 : 0; }
};

// NaN when the range holds no value. Missing days are skipped, never counted as zero:
// a mean over 30 days with 2 missing is the mean of 28.
double Aggregate(const Series& series, Rollup rollup, DayRange range);

// The range of the same length that ends the day before `range` starts.
DayRange PreviousPeriod(DayRange range);

// Daily values over `range`, NaN for days outside the series or missing.
std::vector<double> DailyValues(const Series& series, DayRange range);

}  // namespace divboard
