#include "core/snapshot.h"

#include <algorithm>

namespace divboard {
namespace {

template <typename T>
int FindById(const std::vector<T>& items, std::string_view id) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

int Snapshot::FindMetric(std::string_view id) const { return FindById(metrics, id); }
int Snapshot::FindDimension(std::string_view id) const { return FindById(dimensions, id); }
int Snapshot::FindDivision(std::string_view id) const { return FindById(divisions, id); }

const Series* Snapshot::Total(int metric) const {
  for (const Series& s : series) {
    if (s.metric == metric && s.dims.empty()) return &s;
  }
  return nullptr;
}

std::pair<Day, Day> Snapshot::Span() const {
  if (series.empty()) return {0, -1};
  Day first = series.front().start;
  Day last = series.front().end();
  for (const Series& s : series) {
    first = std::min(first, s.start);
    last = std::max(last, s.end());
  }
  return {first, last};
}

std::string Snapshot::DisplayText() const {
  std::string out;
  auto add = [&](const Text& t) {
    out += t.en;
    out += t.zh;
  };
  for (const Division& d : divisions) add(d.name);
  for (const Dimension& d : dimensions) {
    add(d.name);
    for (const Member& m : d.members) add(m.name);
  }
  for (const Metric& m : metrics) add(m.name);
  for (const Event& e : events) add(e.label);
  for (const Host& h : hosts) {
    out += h.name;
    out += h.name_latin;
  }
  return out;
}

}  // namespace divboard
