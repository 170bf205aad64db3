#include "core/breakdown.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace divboard {
namespace {

bool HasCoordinate(const Series& s, int dimension, int member) {
  return std::any_of(s.dims.begin(), s.dims.end(),
                     [&](const Coordinate& c) { return c.dimension == dimension && c.member == member; });
}

bool SameDimensions(const Series& a, const Series& b) {
  if (a.dims.size() != b.dims.size()) return false;
  for (size_t i = 0; i < a.dims.size(); ++i) {
    if (a.dims[i].dimension != b.dims[i].dimension) return false;
  }
  return true;
}

// Sum over the days any part covers; a day missing in any part is missing in the sum.
Series SumSeries(const std::vector<const Series*>& parts) {
  Series out;
  if (parts.empty()) return out;
  Day first = parts.front()->start, last = parts.front()->end();
  for (const Series* s : parts) {
    first = std::min(first, s->start);
    last = std::max(last, s->end());
  }
  out.start = first;
  out.values.assign(static_cast<size_t>(std::max(0, last - first + 1)), 0.0);
  for (Day d = first; d <= last; ++d) {
    double sum = 0;
    for (const Series* s : parts) sum += s->at(d);
    out.values[static_cast<size_t>(d - first)] = sum;
  }
  return out;
}

}  // namespace

std::vector<MemberSeries> BreakdownBy(const Snapshot& snapshot, int metric, int dimension) {
  std::vector<MemberSeries> out;
  if (metric < 0 || static_cast<size_t>(metric) >= snapshot.metrics.size() || dimension < 0 ||
      static_cast<size_t>(dimension) >= snapshot.dimensions.size()) {
    return out;
  }
  const bool additive = snapshot.metrics[static_cast<size_t>(metric)].additive;
  const auto& members = snapshot.dimensions[static_cast<size_t>(dimension)].members;
  for (size_t m = 0; m < members.size(); ++m) {
    const int member = static_cast<int>(m);
    const Series* exact = nullptr;
    std::vector<const Series*> candidates;
    for (const Series& s : snapshot.series) {
      if (s.metric != metric || !HasCoordinate(s, dimension, member)) continue;
      if (s.dims.size() == 1) exact = &s;
      candidates.push_back(&s);
    }
    MemberSeries ms;
    ms.member = member;
    if (exact != nullptr) {
      ms.series = *exact;
    } else if (additive && !candidates.empty()) {
      // The coarsest cross that contains this dimension, so no day is counted twice.
      const Series* coarsest = *std::min_element(candidates.begin(), candidates.end(),
                                                 [](const Series* a, const Series* b) { return a->dims.size() < b->dims.size(); });
      std::vector<const Series*> parts;
      for (const Series* s : candidates) {
        if (SameDimensions(*s, *coarsest)) parts.push_back(s);
      }
      ms.series = SumSeries(parts);
    } else {
      continue;
    }
    ms.series.metric = metric;
    ms.series.dims = {Coordinate{dimension, member}};
    out.push_back(std::move(ms));
  }
  return out;
}

std::vector<double> Shifted(const Series& series, int days) {
  std::vector<double> out(series.values.size());
  for (size_t i = 0; i < out.size(); ++i) out[i] = series.at(series.start + static_cast<Day>(i) - days);
  return out;
}

}  // namespace divboard
