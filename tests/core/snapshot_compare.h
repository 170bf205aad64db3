// Field-by-field comparison of two Snapshots for the loader agreement tests: values compare
// bit for bit (NaN equals NaN, -0.0 differs from 0.0), and the first difference is named.
#pragma once

#include <cstring>
#include <string>
#include <vector>

#include "core/snapshot.h"

namespace divboard {
namespace testing_support {

inline bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b); }

inline bool SameText(const Text& a, const Text& b) { return a.en == b.en && a.zh == b.zh; }

inline std::string SnapshotDifference(const Snapshot& a, const Snapshot& b) {
  if (a.version != b.version || a.generated_at != b.generated_at || a.timezone != b.timezone ||
      a.currency != b.currency) {
    return "header";
  }
  if (a.divisions.size() != b.divisions.size()) return "divisions count";
  for (size_t i = 0; i < a.divisions.size(); ++i) {
    if (a.divisions[i].id != b.divisions[i].id || !SameText(a.divisions[i].name, b.divisions[i].name)) {
      return "division " + std::to_string(i);
    }
  }
  if (a.dimensions.size() != b.dimensions.size()) return "dimensions count";
  for (size_t i = 0; i < a.dimensions.size(); ++i) {
    const Dimension& x = a.dimensions[i];
    const Dimension& y = b.dimensions[i];
    if (x.id != y.id || !SameText(x.name, y.name) || x.members.size() != y.members.size()) {
      return "dimension " + std::to_string(i);
    }
    for (size_t m = 0; m < x.members.size(); ++m) {
      if (x.members[m].id != y.members[m].id || !SameText(x.members[m].name, y.members[m].name)) {
        return "dimension " + std::to_string(i) + " member " + std::to_string(m);
      }
    }
  }
  if (a.metrics.size() != b.metrics.size()) return "metrics count";
  for (size_t i = 0; i < a.metrics.size(); ++i) {
    const Metric& x = a.metrics[i];
    const Metric& y = b.metrics[i];
    if (x.id != y.id || x.division != y.division || x.unit != y.unit || x.rollup != y.rollup ||
        x.additive != y.additive || !SameText(x.name, y.name)) {
      return "metric " + std::to_string(i);
    }
  }
  if (a.series.size() != b.series.size()) return "series count";
  for (size_t i = 0; i < a.series.size(); ++i) {
    const Series& x = a.series[i];
    const Series& y = b.series[i];
    if (x.metric != y.metric || !(x.dims == y.dims) || x.start != y.start || x.values.size() != y.values.size()) {
      return "series " + std::to_string(i);
    }
    for (size_t v = 0; v < x.values.size(); ++v) {
      if (!SameBits(x.values[v], y.values[v])) {
        return "series " + std::to_string(i) + " value " + std::to_string(v) + ": " +
               std::to_string(x.values[v]) + " vs " + std::to_string(y.values[v]);
      }
    }
  }
  if (a.events.size() != b.events.size()) return "events count";
  for (size_t i = 0; i < a.events.size(); ++i) {
    const Event& x = a.events[i];
    const Event& y = b.events[i];
    if (x.start != y.start || x.end != y.end || x.kind != y.kind || x.division != y.division ||
        !SameText(x.label, y.label)) {
      return "event " + std::to_string(i);
    }
  }
  if (a.hosts.size() != b.hosts.size()) return "hosts count";
  for (size_t i = 0; i < a.hosts.size(); ++i) {
    const Host& x = a.hosts[i];
    const Host& y = b.hosts[i];
    if (x.id != y.id || x.name != y.name || x.name_latin != y.name_latin || x.category != y.category ||
        !SameBits(x.fans, y.fans) || !SameBits(x.sessions, y.sessions) || !SameBits(x.viewers, y.viewers) ||
        !SameBits(x.gmv, y.gmv) || !SameBits(x.orders, y.orders) ||
        !SameBits(x.purchasing_users, y.purchasing_users)) {
      return "host " + std::to_string(i);
    }
    const HostMonthly& xm = x.monthly;
    const HostMonthly& ym = y.monthly;
    if (xm.present != ym.present || xm.start != ym.start) return "host " + std::to_string(i) + " monthly";
    const std::vector<double>* columns[][2] = {{&xm.sessions, &ym.sessions}, {&xm.viewers, &ym.viewers},
                                               {&xm.gmv, &ym.gmv}, {&xm.orders, &ym.orders},
                                               {&xm.purchasing_users, &ym.purchasing_users}};
    for (const auto& pair : columns) {
      if (pair[0]->size() != pair[1]->size()) return "host " + std::to_string(i) + " monthly length";
      for (size_t m = 0; m < pair[0]->size(); ++m) {
        if (!SameBits((*pair[0])[m], (*pair[1])[m])) return "host " + std::to_string(i) + " monthly value";
      }
    }
  }
  return "";
}

}  // namespace testing_support
}  // namespace divboard
