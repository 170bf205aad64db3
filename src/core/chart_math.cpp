#include "core/chart_math.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace divboard {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

ViewRange Clamp(double a, double b, ViewRange bounds, double min_span) {
  if (b < a) std::swap(a, b);
  const double full = bounds.span();
  double span = std::min(std::max(b - a, min_span), full);
  double first = (a + b) / 2 - span / 2;
  first = std::max(bounds.first, std::min(first, bounds.last - span));
  return ViewRange{first, first + span};
}

ViewRange ZoomAbout(ViewRange view, double anchor, double factor, ViewRange bounds, double min_span) {
  if (!(factor > 0) || !std::isfinite(factor)) return view;
  anchor = std::max(view.first, std::min(anchor, view.last));
  const double span = std::min(std::max(view.span() * factor, min_span), bounds.span());
  // Keep the day under the cursor under the cursor.
  const double ratio = view.span() > 0 ? (anchor - view.first) / view.span() : 0.5;
  double first = anchor - ratio * span;
  first = std::max(bounds.first, std::min(first, bounds.last - span));
  return ViewRange{first, first + span};
}

ViewRange Pan(ViewRange view, double days, ViewRange bounds) {
  const double span = std::min(view.span(), bounds.span());
  double first = view.first + days;
  first = std::max(bounds.first, std::min(first, bounds.last - span));
  return ViewRange{first, first + span};
}

std::vector<std::vector<double>> StackLayers(const std::vector<const double*>& layers, size_t count) {
  std::vector<std::vector<double>> out(layers.size(), std::vector<double>(count));
  for (size_t i = 0; i < count; ++i) {
    double sum = 0;
    for (size_t k = 0; k < layers.size(); ++k) {
      const double v = layers[k][i];
      sum = std::isnan(sum) || std::isnan(v) ? kNaN : sum + v;
      out[k][i] = sum;
    }
  }
  return out;
}

std::vector<double> IndexTo100(const double* values, size_t count, size_t begin, size_t end) {
  std::vector<double> out(count, kNaN);
  end = std::min(end, count);
  double base = kNaN;
  for (size_t i = begin; i < end; ++i) {
    if (!std::isnan(values[i])) {
      base = values[i];
      break;
    }
  }
  if (std::isnan(base) || base == 0) return out;
  for (size_t i = 0; i < count; ++i) out[i] = values[i] / base * 100.0;
  return out;
}

double Correlation(const double* x, const double* y, size_t count) {
  double sx = 0, sy = 0;
  size_t n = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    sx += x[i];
    sy += y[i];
    ++n;
  }
  if (n < 3) return kNaN;
  const double mx = sx / static_cast<double>(n), my = sy / static_cast<double>(n);
  double sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < count; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) continue;
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  // A constant that doubles cannot hold exactly (0.1) leaves rounding residue in sxx: treat
  // spread below the residue of the mean's rounding as no spread at all.
  const double tiny_x = 1e-24 * static_cast<double>(n) * (mx * mx + 1e-300);
  const double tiny_y = 1e-24 * static_cast<double>(n) * (my * my + 1e-300);
  if (sxx <= tiny_x || syy <= tiny_y) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace divboard
