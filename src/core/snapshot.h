// The in-memory model of one snapshot: metadata plus dense daily columns. Everything the
// dashboard shows is computed from this; nothing here knows about JSON or drawing.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"

namespace divboard {

enum class Rollup { kSum, kMean, kLast };
enum class Unit { kUsers, kCount, kCurrency, kHours, kRatio };

// Localised text; `zh` may be empty, in which case English is shown.
struct Text {
  std::string en;
  std::string zh;
};

struct Division {
  std::string id;
  Text name;
};

struct Member {
  std::string id;
  Text name;
};

struct Dimension {
  std::string id;
  Text name;
  std::vector<Member> members;
};

struct Metric {
  std::string id;
  int division = -1;  // index into Snapshot::divisions
  Unit unit = Unit::kCount;
  Rollup rollup = Rollup::kSum;
  bool additive = false;
  Text name;
};

// A (dimension index, member index) pair; a series' coordinates are sorted by dimension.
struct Coordinate {
  int dimension = 0;
  int member = 0;
  bool operator==(const Coordinate& o) const {
    return dimension == o.dimension && member == o.member;
  }
};

struct Series {
  int metric = 0;
  std::vector<Coordinate> dims;  // empty: the metric's total
  Day start = 0;
  std::vector<double> values;  // NaN marks a day with no data

  Day end() const { return start + static_cast<Day>(values.size()) - 1; }  // inclusive
  double at(Day day) const {
    if (day < start || day > end()) return std::numeric_limits<double>::quiet_NaN();
    return values[static_cast<size_t>(day - start)];
  }
};

enum class EventKind { kMilestone, kFestival, kHoliday, kIncident };

struct Event {
  Day start = 0;
  Day end = 0;
  EventKind kind = EventKind::kMilestone;
  int division = -1;  // -1: company-wide
  Text label;
};

// A host's activity per calendar month (optional in the format): element m of each column is
// the month m months after `start`. Columns have equal lengths and, in a consistent snapshot,
// sum to the host's totals.
struct HostMonthly {
  bool present = false;  // the snapshot gave this host a "monthly" field
  Day start = 0;         // the first day of a month, so months line up with the dashboard's
  std::vector<double> sessions, viewers, gmv, orders, purchasing_users;

  size_t months() const { return sessions.size(); }
};

struct Host {
  std::string id;
  std::string name;
  std::string name_latin;
  int category = -1;  // member index in the "category" dimension
  double fans = 0;
  double sessions = 0;
  double viewers = 0;
  double gmv = 0;
  double orders = 0;
  double purchasing_users = 0;
  HostMonthly monthly;
};

struct Snapshot {
  int version = 1;
  std::string generated_at;
  std::string timezone;
  std::string currency;
  std::vector<Division> divisions;
  std::vector<Dimension> dimensions;
  std::vector<Metric> metrics;
  std::vector<Series> series;
  std::vector<Event> events;
  std::vector<Host> hosts;

  int FindMetric(std::string_view id) const;
  int FindDimension(std::string_view id) const;
  int FindDivision(std::string_view id) const;
  // The metric's total series, or nullptr when the snapshot has none.
  const Series* Total(int metric) const;
  // First and last day covered by any series; {0, -1} when there are none.
  std::pair<Day, Day> Span() const;
  // Every name and label the dashboard may display (both languages, host names), joined:
  // what the fonts must have glyphs for.
  std::string DisplayText() const;
};

}  // namespace divboard
