#include "core/snapshot_diff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <tuple>

namespace divboard {
namespace {

using Key = std::pair<std::string, DimIds>;

std::map<Key, const Series*> Index(const Snapshot& s) {
  std::map<Key, const Series*> out;
  for (const Series& series : s.series) {
    out.emplace(Key{s.metrics[static_cast<size_t>(series.metric)].id, SeriesDimIds(s, series)}, &series);
  }
  return out;
}

bool SameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// Size used for sorting: a value that appeared or vanished outranks any finite change.
double Size(const ValueChange& c) {
  const double r = c.relative();
  return std::isnan(r) ? std::numeric_limits<double>::infinity() : std::fabs(r);
}

}  // namespace

double ValueChange::relative() const {
  if (std::isnan(old_value) || std::isnan(new_value)) return std::numeric_limits<double>::quiet_NaN();
  return (new_value - old_value) / std::fabs(old_value);
}

DimIds SeriesDimIds(const Snapshot& s, const Series& series) {
  DimIds out;
  for (const Coordinate& c : series.dims) {
    const Dimension& d = s.dimensions[static_cast<size_t>(c.dimension)];
    out.emplace_back(d.id, d.members[static_cast<size_t>(c.member)].id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string DimsText(const DimIds& dims) {
  std::string out;
  for (const auto& [dimension, member] : dims) out += (out.empty() ? "" : " ") + dimension + "=" + member;
  return out;
}

SnapshotDiff DiffSnapshots(const Snapshot& older, const Snapshot& newer) {
  SnapshotDiff diff;
  const auto old_index = Index(older);
  const auto new_index = Index(newer);
  for (const auto& [key, series] : new_index) {
    const auto found = old_index.find(key);
    if (found == old_index.end()) {
      diff.added.push_back(SeriesId{key.first, key.second});
      continue;
    }
    const Series& was = *found->second;
    const Day first = std::max(was.start, series->start);
    const Day last = std::min(was.end(), series->end());
    for (Day day = first; day <= last; ++day) {
      const double a = was.at(day);
      const double b = series->at(day);
      if (!SameValue(a, b)) diff.values.push_back(ValueChange{key.first, key.second, day, a, b});
    }
  }
  for (const auto& [key, series] : old_index) {
    if (new_index.count(key) == 0) diff.removed.push_back(SeriesId{key.first, key.second});
  }
  std::stable_sort(diff.values.begin(), diff.values.end(), [](const ValueChange& a, const ValueChange& b) {
    const double sa = Size(a), sb = Size(b);
    if (sa != sb) return sa > sb;
    const double ca = std::isnan(a.change()) ? 0 : std::fabs(a.change());
    const double cb = std::isnan(b.change()) ? 0 : std::fabs(b.change());
    if (ca != cb) return ca > cb;
    return std::tie(a.metric, a.dims, a.day) < std::tie(b.metric, b.dims, b.day);
  });

  const auto old_span = older.Span();
  const auto new_span = newer.Span();
  if (older.series.empty() || newer.series.empty()) {
    diff.days_added = newer.series.empty() ? 0 : new_span.second - new_span.first + 1;
  } else {
    diff.days_added = std::max(0, new_span.second - old_span.second);
    diff.days_removed = std::max(0, old_span.second - new_span.second);
  }

  std::map<std::string, const Host*> old_hosts;
  for (const Host& h : older.hosts) old_hosts.emplace(h.id, &h);
  for (const Host& h : newer.hosts) {
    const auto found = old_hosts.find(h.id);
    if (found == old_hosts.end()) {
      diff.hosts.push_back(HostChange{h.id, h.name, "added", std::numeric_limits<double>::quiet_NaN(), 0});
      continue;
    }
    const Host& o = *found->second;
    const std::pair<const char*, double Host::*> fields[] = {
        {"fans", &Host::fans},     {"sessions", &Host::sessions}, {"viewers", &Host::viewers},
        {"gmv", &Host::gmv},       {"orders", &Host::orders},     {"purchasing_users", &Host::purchasing_users}};
    for (const auto& [name, member] : fields) {
      if (!SameValue(o.*member, h.*member)) diff.hosts.push_back(HostChange{h.id, h.name, name, o.*member, h.*member});
    }
    old_hosts.erase(found);
  }
  for (const auto& [id, host] : old_hosts) {
    diff.hosts.push_back(HostChange{id, host->name, "removed", 0, std::numeric_limits<double>::quiet_NaN()});
  }
  return diff;
}

}  // namespace divboard
