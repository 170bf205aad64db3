// Which numbers changed between two snapshots of the same data — yesterday's and today's,
// say, where the pipeline restated a few past days. Series are matched by metric id and
// dims (ids, not indexes, so the two snapshots need not list things in the same order);
// values are compared on the days both series cover. Days only the newer snapshot has are
// new data, not changes, and are counted apart.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/snapshot.h"

namespace divboard {

// (dimension id, member id) pairs, sorted by dimension id.
using DimIds = std::vector<std::pair<std::string, std::string>>;

struct SeriesId {
  std::string metric;
  DimIds dims;
};

struct ValueChange {
  std::string metric;
  DimIds dims;
  Day day = 0;
  double old_value = 0;  // NaN: the day had no value
  double new_value = 0;
  double change() const { return new_value - old_value; }
  // (new - old) / |old|; NaN when either side is missing, ±inf when old is 0.
  double relative() const;
};

struct HostChange {
  std::string id;
  std::string name;
  std::string field;  // "fans", "gmv", ...; "added" or "removed" for a whole host
  double old_value = 0;
  double new_value = 0;
};

struct SnapshotDiff {
  // Largest relative change first (a day that appeared or vanished counts as the largest),
  // then by absolute change, metric, dims and day.
  std::vector<ValueChange> values;
  std::vector<SeriesId> added, removed;
  std::vector<HostChange> hosts;
  int days_added = 0;    // days after the older snapshot's last day that the newer one has
  int days_removed = 0;  // the other way round
};

SnapshotDiff DiffSnapshots(const Snapshot& older, const Snapshot& newer);

// "gmv channel=livestream category=fashion" — how the CLI and the CSV name a series.
std::string DimsText(const DimIds& dims);
DimIds SeriesDimIds(const Snapshot& s, const Series& series);

}  // namespace divboard
