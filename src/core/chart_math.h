// Chart arithmetic that has nothing to do with drawing: the visible x range and how zoom and
// pan move it, stacking, and "indexed to 100". Kept here so it is unit-tested natively.
#pragma once

#include <cstddef>
#include <vector>

namespace divboard {

// The visible x range in days (fractional while zooming). Linked charts share one.
struct ViewRange {
  double first = 0;
  double last = 0;
  double span() const { return last - first; }
};

// Zooms about `anchor` (a day inside the view): factor < 1 zooms in. The result stays inside
// `bounds` and never narrows below `min_span` days.
ViewRange ZoomAbout(ViewRange view, double anchor, double factor, ViewRange bounds, double min_span);

// Moves the view by `days`, stopping at the bounds without changing its width.
ViewRange Pan(ViewRange view, double days, ViewRange bounds);

// The view [a, b] (any order) limited to bounds and at least min_span wide.
ViewRange Clamp(double a, double b, ViewRange bounds, double min_span);

// Cumulative layers for stacked charts: out[k][i] = sum of layers 0..k at point i. A missing
// value (NaN) in a layer makes that point missing in it and every layer above, so a gap is
// never drawn as a zero contribution.
std::vector<std::vector<double>> StackLayers(const std::vector<const double*>& layers, size_t count);

// Values scaled so the first present value in [begin, end) reads 100. Series that start at
// zero or have no value in range come back all NaN (no meaningful base).
std::vector<double> IndexTo100(const double* values, size_t count, size_t begin, size_t end);

// Pearson correlation of the pairs where both are finite; NaN with fewer than 3 pairs.
double Correlation(const double* x, const double* y, size_t count);

}  // namespace divboard
