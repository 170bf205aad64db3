#include "core/analysis.h"

#include <cmath>
#include <limits>

#include "core/overview.h"

#include <algorithm>
#include <map>

namespace divboard {

DayRange ResolveRange(RangePreset preset, Day first, Day last, DayRange custom) {
  DayRange out{first, last};
  const CivilDate end = CivilFromDay(last);
  switch (preset) {
    case RangePreset::kLast7: out.first = last - 6; break;
    case RangePreset::kLast30: out.first = last - 29; break;
    case RangePreset::kLast90: out.first = last - 89; break;
    case RangePreset::kQuarterToDate: out.first = DayFromCivil({end.year, (end.month - 1) / 3 * 3 + 1, 1}); break;
    case RangePreset::kYearToDate: out.first = DayFromCivil({end.year, 1, 1}); break;
    case RangePreset::kLast12Months: {
      // From the day after the same date a year earlier (29 Feb falls back to 28 Feb).
      const int day = std::min(end.day, DaysInMonth(end.year - 1, end.month));
      out.first = DayFromCivil({end.year - 1, end.month, day}) + 1;
      break;
    }
    case RangePreset::kAll: break;
    case RangePreset::kCustom:
      out = custom.last >= custom.first ? custom : DayRange{first, last};
      break;
  }
  out.first = std::max(out.first, first);
  out.last = std::min(out.last, last);
  if (out.last < out.first) out = DayRange{first, last};
  return out;
}

DayRange ComparisonRange(DayRange range, Comparison comparison, Granularity granularity) {
  switch (comparison) {
    case Comparison::kNone: return DayRange{0, -1};
    case Comparison::kPreviousPeriod: return PreviousPeriod(range);
    case Comparison::kLastYear: break;
  }
  if (granularity == Granularity::kDay || granularity == Granularity::kWeek) {
    return DayRange{range.first - 364, range.last - 364};
  }
  auto year_back = [](Day day) {
    const CivilDate c = CivilFromDay(day);
    return DayFromCivil({c.year - 1, c.month, std::min(c.day, DaysInMonth(c.year - 1, c.month))});
  };
  // A range of whole months compares with those whole months a year back: all of February
  // 2025 against all of February 2024, the 29th included.
  const CivilDate end = CivilFromDay(range.last);
  const bool month_end = CivilFromDay(range.first).day == 1 && end.day == DaysInMonth(end.year, end.month);
  const Day last = month_end ? DayFromCivil({end.year - 1, end.month, DaysInMonth(end.year - 1, end.month)})
                             : year_back(range.last);
  return DayRange{year_back(range.first), last};
}

bool Filters::empty() const {
  return std::all_of(members.begin(), members.end(), [](const std::vector<int>& m) { return m.empty(); });
}

bool Filters::Has(int dimension, int member) const {
  if (dimension < 0 || static_cast<size_t>(dimension) >= members.size()) return false;
  const auto& list = members[static_cast<size_t>(dimension)];
  return std::find(list.begin(), list.end(), member) != list.end();
}

void Filters::Add(int dimension, int member) {
  if (!Has(dimension, member)) Toggle(dimension, member);
}

void Filters::Toggle(int dimension, int member) {
  if (dimension < 0 || member < 0) return;
  if (members.size() <= static_cast<size_t>(dimension)) members.resize(static_cast<size_t>(dimension) + 1);
  auto& list = members[static_cast<size_t>(dimension)];
  auto it = std::find(list.begin(), list.end(), member);
  if (it == list.end()) {
    list.push_back(member);
    std::sort(list.begin(), list.end());
  } else {
    list.erase(it);
  }
}

namespace {

bool Satisfies(const Series& s, const Filters& filters) {
  for (size_t d = 0; d < filters.members.size(); ++d) {
    const auto& wanted = filters.members[d];
    if (wanted.empty()) continue;
    const auto it = std::find_if(s.dims.begin(), s.dims.end(),
                                 [&](const Coordinate& c) { return c.dimension == static_cast<int>(d); });
    if (it == s.dims.end() || std::find(wanted.begin(), wanted.end(), it->member) == wanted.end()) return false;
  }
  return true;
}

// Whether a series' dimensions include every filtered dimension.
bool CoversFilters(const Series& s, const Filters& filters) {
  for (size_t d = 0; d < filters.members.size(); ++d) {
    if (filters.members[d].empty()) continue;
    const bool has = std::any_of(s.dims.begin(), s.dims.end(),
                                 [&](const Coordinate& c) { return c.dimension == static_cast<int>(d); });
    if (!has) return false;
  }
  return true;
}

std::vector<int> DimensionSet(const Series& s) {
  std::vector<int> out;
  for (const Coordinate& c : s.dims) out.push_back(c.dimension);
  return out;
}

}  // namespace

QueryResult QueryMetric(const Snapshot& snapshot, int metric, const Filters& filters) {
  QueryResult out;
  if (metric < 0 || static_cast<size_t>(metric) >= snapshot.metrics.size()) {
    out.why = "unknown metric";
    return out;
  }
  const Metric& m = snapshot.metrics[static_cast<size_t>(metric)];
  if (filters.empty()) {
    if (const Series* total = snapshot.Total(metric)) {
      out.series = *total;
      out.available = true;
    } else {
      out.why = "the snapshot has no total for " + m.id;
    }
    return out;
  }
  if (!m.additive) {
    // Only a stored slice of one member of one dimension can be shown.
    int dimension = -1, member = -1, filtered = 0;
    for (size_t d = 0; d < filters.members.size(); ++d) {
      if (filters.members[d].empty()) continue;
      ++filtered;
      dimension = static_cast<int>(d);
      if (filters.members[d].size() == 1) member = filters.members[d][0];
    }
    if (filtered == 1 && member >= 0) {
      for (const Series& s : snapshot.series) {
        if (s.metric == metric && s.dims.size() == 1 && s.dims[0].dimension == dimension && s.dims[0].member == member) {
          out.series = s;
          out.available = true;
          return out;
        }
      }
    }
    out.why = m.id + " counts distinct people, so it is shown only for a single stored slice";
    return out;
  }
  // Additive: among the stored dimension sets that cover the filters, the coarsest one;
  // sum its cells that satisfy the filters.
  std::map<std::vector<int>, std::vector<const Series*>> by_set;
  for (const Series& s : snapshot.series) {
    if (s.metric != metric || !CoversFilters(s, filters)) continue;
    by_set[DimensionSet(s)].push_back(&s);
  }
  const std::vector<const Series*>* best = nullptr;
  for (const auto& entry : by_set) {
    if (best == nullptr || entry.first.size() < DimensionSet(*best->front()).size()) best = &entry.second;
  }
  if (best == nullptr) {
    out.why = "the snapshot has no breakdown of " + m.id + " by the filtered dimensions";
    return out;
  }
  std::vector<const Series*> parts;
  for (const Series* s : *best) {
    if (Satisfies(*s, filters)) parts.push_back(s);
  }
  out.series.metric = metric;
  out.available = true;
  if (parts.empty()) return out;
  Day first = parts.front()->start, last = parts.front()->end();
  for (const Series* s : parts) {
    first = std::min(first, s->start);
    last = std::max(last, s->end());
  }
  out.series.start = first;
  out.series.values.assign(static_cast<size_t>(std::max(0, last - first + 1)), 0.0);
  for (size_t i = 0; i < out.series.values.size(); ++i) {
    double sum = 0;
    for (const Series* s : parts) sum += s->at(first + static_cast<Day>(i));  // a gap in any cell is a gap
    out.series.values[i] = sum;
  }
  return out;
}

Analysis::Analysis(const Snapshot& snapshot, Filters filters, DayRange range, DayRange comparison,
                   Granularity granularity)
    : snapshot_(snapshot),
      filters_(std::move(filters)),
      range_(range),
      comparison_(comparison),
      granularity_(granularity) {}

const QueryResult& Analysis::Metric(const std::string& id) {
  auto it = queries_.find(id);
  if (it != queries_.end()) return it->second;
  return queries_[id] = QueryMetric(snapshot_, snapshot_.FindMetric(id), filters_);
}

std::string Analysis::WhyUnavailable(const KpiDefinition& kpi) {
  for (const auto* list : {&kpi.numerator, &kpi.denominator}) {
    for (const char* id : *list) {
      const QueryResult& q = Metric(id);
      if (!q.available) return q.why;
    }
  }
  return std::string();
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double SumOfParts(Analysis& analysis, const std::vector<const char*>& ids, DayRange days) {
  double total = 0;
  for (const char* id : ids) {
    const QueryResult& q = analysis.Metric(id);
    if (!q.available) return kNaN;
    const int metric = analysis.snapshot().FindMetric(id);
    total += Aggregate(q.series, analysis.snapshot().metrics[static_cast<size_t>(metric)].rollup, days);
  }
  return total;
}

}  // namespace

double Analysis::Kpi(const KpiDefinition& kpi, DayRange days) {
  if (days.days() <= 0) return kNaN;
  const double numerator = SumOfParts(*this, kpi.numerator, days);
  if (kpi.denominator.empty()) return numerator;
  const double denominator = SumOfParts(*this, kpi.denominator, days);
  if (!(denominator != 0) || std::isnan(numerator)) return kNaN;
  return numerator / denominator;
}

Resampled Analysis::Buckets(const KpiDefinition& kpi, DayRange days) {
  Resampled out;
  if (days.days() <= 0) return out;
  for (Day start = BucketStart(days.first, granularity_); start <= days.last;
       start = NextBucketStart(start, granularity_)) {
    const DayRange bucket{std::max(start, days.first), std::min(NextBucketStart(start, granularity_) - 1, days.last)};
    out.starts.push_back(start);
    out.values.push_back(Kpi(kpi, bucket));
    out.days.push_back(bucket.days());
  }
  return out;
}

}  // namespace divboard
