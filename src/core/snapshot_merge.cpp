#include "core/snapshot_merge.h"

#include <algorithm>
#include <map>
#include <utility>

namespace divboard {
namespace {

bool SameText(const Text& a, const Text& b) { return a.en == b.en && a.zh == b.zh; }

bool SameMembers(const Dimension& a, const Dimension& b) {
  if (a.members.size() != b.members.size()) return false;
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].id != b.members[i].id || !SameText(a.members[i].name, b.members[i].name)) return false;
  }
  return true;
}

bool SameHost(const Host& a, const Host& b) {
  return a.id == b.id && a.name == b.name && a.name_latin == b.name_latin && a.category == b.category &&
         a.fans == b.fans && a.sessions == b.sessions && a.viewers == b.viewers && a.gmv == b.gmv &&
         a.orders == b.orders && a.purchasing_users == b.purchasing_users;
}

std::string Ptr(const char* list, size_t index) { return std::string("/") + list + "/" + std::to_string(index); }

// Where something was first defined, for "also in FILE /pointer" in a conflict message.
struct Origin {
  size_t part;
  std::string pointer;
};

class Merger {
 public:
  Merger(const std::vector<SnapshotPart>& parts, std::vector<FileProblem>* problems)
      : parts_(parts), problems_(problems) {}

  Snapshot Run() {
    for (size_t i = 0; i < parts_.size(); ++i) AddPart(i);
    return std::move(out_);
  }

 private:
  void Conflict(size_t part, const std::string& pointer, const std::string& what, const Origin& other) {
    if (problems_->size() >= kMaxProblems) return;
    problems_->push_back(FileProblem{
        parts_[part].file, Problem{pointer, what + " (also in " + parts_[other.part].file + " at " + other.pointer + ")"}});
  }

  void AddPart(size_t index) {
    const Snapshot& s = parts_[index].snapshot;
    if (index == 0) {
      out_.version = s.version;
      out_.generated_at = s.generated_at;
      out_.timezone = s.timezone;
      out_.currency = s.currency;
    } else {
      if (s.timezone != out_.timezone) Conflict(index, "/timezone", "another timezone than the first part's", {0, "/timezone"});
      if (s.currency != out_.currency) Conflict(index, "/currency", "another currency than the first part's", {0, "/currency"});
      out_.generated_at = std::max(out_.generated_at, s.generated_at);
    }
    std::vector<int> division_map(s.divisions.size());
    for (size_t i = 0; i < s.divisions.size(); ++i) division_map[i] = AddDivision(index, i);
    std::vector<int> dimension_map(s.dimensions.size());
    std::vector<std::vector<int>> member_map(s.dimensions.size());
    for (size_t i = 0; i < s.dimensions.size(); ++i) {
      dimension_map[i] = AddDimension(index, i);
      const Dimension& d = s.dimensions[i];
      for (size_t m = 0; m < d.members.size(); ++m) {
        member_map[i].push_back(dimension_map[i] < 0 ? -1 : static_cast<int>(m));
      }
    }
    std::vector<int> metric_map(s.metrics.size());
    for (size_t i = 0; i < s.metrics.size(); ++i) metric_map[i] = AddMetric(index, i, division_map);
    for (size_t i = 0; i < s.series.size(); ++i) AddSeries(index, i, metric_map, dimension_map, member_map);
    for (const Event& e : s.events) {
      Event copy = e;
      copy.division = e.division < 0 ? -1 : division_map[static_cast<size_t>(e.division)];
      const bool known = std::any_of(out_.events.begin(), out_.events.end(), [&](const Event& o) {
        return o.start == copy.start && o.end == copy.end && o.kind == copy.kind && o.division == copy.division &&
               SameText(o.label, copy.label);
      });
      if (!known) out_.events.push_back(std::move(copy));
    }
    const int category = s.FindDimension("category");
    for (size_t i = 0; i < s.hosts.size(); ++i) AddHost(index, i, category < 0 ? -1 : dimension_map[static_cast<size_t>(category)]);
  }

  int AddDivision(size_t part, size_t i) {
    const Division& d = parts_[part].snapshot.divisions[i];
    const int found = out_.FindDivision(d.id);
    if (found < 0) {
      out_.divisions.push_back(d);
      division_origin_.push_back({part, Ptr("divisions", i)});
      return static_cast<int>(out_.divisions.size()) - 1;
    }
    if (!SameText(out_.divisions[static_cast<size_t>(found)].name, d.name)) {
      Conflict(part, Ptr("divisions", i), "division \"" + d.id + "\" is named differently in another part",
               division_origin_[static_cast<size_t>(found)]);
    }
    return found;
  }

  // Returns the merged index, or -1 when the members conflict.
  int AddDimension(size_t part, size_t i) {
    const Dimension& d = parts_[part].snapshot.dimensions[i];
    const int found = out_.FindDimension(d.id);
    if (found < 0) {
      out_.dimensions.push_back(d);
      dimension_origin_.push_back({part, Ptr("dimensions", i)});
      return static_cast<int>(out_.dimensions.size()) - 1;
    }
    const Dimension& known = out_.dimensions[static_cast<size_t>(found)];
    if (!SameMembers(known, d)) {
      const Origin& o = dimension_origin_[static_cast<size_t>(found)];
      Conflict(part, Ptr("dimensions", i) + "/members", "dimension \"" + d.id + "\" has other members than in another part",
               Origin{o.part, o.pointer + "/members"});
      return -1;
    }
    return found;
  }

  int AddMetric(size_t part, size_t i, const std::vector<int>& division_map) {
    const Metric& m = parts_[part].snapshot.metrics[i];
    Metric copy = m;
    copy.division = m.division < 0 ? -1 : division_map[static_cast<size_t>(m.division)];
    const int found = out_.FindMetric(m.id);
    if (found < 0) {
      out_.metrics.push_back(std::move(copy));
      metric_origin_.push_back({part, Ptr("metrics", i)});
      return static_cast<int>(out_.metrics.size()) - 1;
    }
    const Metric& known = out_.metrics[static_cast<size_t>(found)];
    if (known.division != copy.division || known.unit != copy.unit || known.rollup != copy.rollup ||
        known.additive != copy.additive || !SameText(known.name, copy.name)) {
      Conflict(part, Ptr("metrics", i), "metric \"" + m.id + "\" is defined differently in another part",
               metric_origin_[static_cast<size_t>(found)]);
    }
    return found;
  }

  void AddSeries(size_t part, size_t i, const std::vector<int>& metric_map, const std::vector<int>& dimension_map,
                 const std::vector<std::vector<int>>& member_map) {
    const Series& s = parts_[part].snapshot.series[i];
    Series copy;
    copy.metric = metric_map[static_cast<size_t>(s.metric)];
    for (const Coordinate& c : s.dims) {
      const int dimension = dimension_map[static_cast<size_t>(c.dimension)];
      if (dimension < 0) return;  // its dimension already conflicts; one problem is enough
      copy.dims.push_back({dimension, member_map[static_cast<size_t>(c.dimension)][static_cast<size_t>(c.member)]});
    }
    std::sort(copy.dims.begin(), copy.dims.end(),
              [](const Coordinate& a, const Coordinate& b) { return a.dimension < b.dimension; });
    std::vector<std::pair<int, int>> key{{copy.metric, -1}};
    for (const Coordinate& c : copy.dims) key.emplace_back(c.dimension, c.member);
    const auto [at, inserted] = series_origin_.emplace(std::move(key), Origin{part, Ptr("series", i)});
    if (!inserted) {
      Conflict(part, Ptr("series", i),
               "a second series for metric \"" + out_.metrics[static_cast<size_t>(copy.metric)].id + "\" and the same dims",
               at->second);
      return;
    }
    copy.start = s.start;
    copy.values = s.values;
    out_.series.push_back(std::move(copy));
  }

  void AddHost(size_t part, size_t i, int category_dimension) {
    Host h = parts_[part].snapshot.hosts[i];
    // Member indexes stay valid: a category dimension that merged has the same members.
    if (category_dimension < 0) h.category = -1;
    for (size_t k = 0; k < out_.hosts.size(); ++k) {
      if (out_.hosts[k].id != h.id) continue;
      if (!SameHost(out_.hosts[k], h)) {
        Conflict(part, Ptr("hosts", i), "host \"" + h.id + "\" has other figures than in another part", host_origin_[k]);
      }
      return;
    }
    out_.hosts.push_back(std::move(h));
    host_origin_.push_back({part, Ptr("hosts", i)});
  }

  const std::vector<SnapshotPart>& parts_;
  std::vector<FileProblem>* problems_;
  Snapshot out_;
  std::vector<Origin> division_origin_, dimension_origin_, metric_origin_, host_origin_;
  std::map<std::vector<std::pair<int, int>>, Origin> series_origin_;
};

}  // namespace

std::vector<FileProblem> MergeSnapshots(std::vector<SnapshotPart> parts, Snapshot* out) {
  std::vector<FileProblem> problems;
  if (parts.empty()) {
    problems.push_back(FileProblem{"", Problem{"", "no parts to merge"}});
    return problems;
  }
  if (parts.size() == 1) {
    *out = std::move(parts.front().snapshot);
    return problems;
  }
  Snapshot merged = Merger(parts, &problems).Run();
  if (problems.empty()) *out = std::move(merged);
  return problems;
}

std::vector<std::string> FormatFileProblems(const std::vector<FileProblem>& problems) {
  std::vector<std::string> lines;
  lines.reserve(problems.size());
  for (const FileProblem& p : problems) lines.push_back(FormatProblem(p.file, p.problem));
  return lines;
}

}  // namespace divboard
