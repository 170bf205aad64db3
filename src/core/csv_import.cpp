#include "core/csv_import.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fast_float/fast_float.h>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "core/date.h"
#include "core/problems.h"
#include "core/snapshot.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

using nlohmann::json;

bool IsId(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {
    if (text_.size() >= 3 && std::memcmp(text_.data(), "\xEF\xBB\xBF", 3) == 0) text_.remove_prefix(3);
  }

  // False at the end. On a malformed record sets *error and still returns true.
  bool Next(std::vector<std::string>* fields, size_t* line, std::string* error) {
    fields->clear();
    error->clear();
    if (at_ >= text_.size()) return false;
    *line = line_;
    std::string field;
    bool quoted = false;
    while (true) {
      if (at_ >= text_.size()) {
        if (quoted) *error = "a quoted field is not closed";
        fields->push_back(std::move(field));
        return true;
      }
      const char c = text_[at_++];
      if (quoted) {
        if (c == '"') {
          if (at_ < text_.size() && text_[at_] == '"') {
            field.push_back('"');
            ++at_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
        }
      } else if (c == '"' && field.empty()) {
        quoted = true;
      } else if (c == ',') {
        fields->push_back(std::move(field));
        field.clear();
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && at_ < text_.size() && text_[at_] == '\n') ++at_;
        ++line_;
        fields->push_back(std::move(field));
        return true;
      } else {
        field.push_back(c);
      }
    }
  }

 private:
  std::string_view text_;
  size_t at_ = 0;
  size_t line_ = 1;
};

struct SeriesRows {
  std::string metric;
  std::vector<std::pair<size_t, std::string>> dims;  // dimension column index, member id
  std::map<Day, std::pair<double, size_t>> days;     // value (NaN: no data) and line
};

}  // namespace

std::string ImportCsv(std::string_view csv, const CsvImportOptions& options, std::vector<std::string>* errors) {
  errors->clear();
  auto fail = [&](size_t line, const std::string& message) {
    if (errors->size() < kMaxProblems) {
      errors->push_back(options.file_name + ":" + std::to_string(line) + ": " + message);
    }
  };
  CsvReader reader(csv);
  std::vector<std::string> header;
  size_t line = 1;
  std::string error;
  if (!reader.Next(&header, &line, &error)) {
    fail(1, "empty file: expected a header such as date,metric,value");
    return "";
  }
  if (!error.empty()) fail(line, error);
  int date_col = -1, metric_col = -1, value_col = -1, division_col = -1, unit_col = -1, rollup_col = -1,
      additive_col = -1;
  std::vector<size_t> dimension_cols;
  for (size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    int* known = name == "date" ? &date_col : name == "metric" ? &metric_col : name == "value" ? &value_col
               : name == "division" ? &division_col : name == "unit" ? &unit_col : name == "rollup" ? &rollup_col
               : name == "additive" ? &additive_col : nullptr;
    if (known != nullptr) {
      if (*known >= 0) fail(1, "column \"" + name + "\" appears twice");
      *known = static_cast<int>(i);
    } else if (!IsId(name)) {
      fail(1, "column \"" + name + "\" is not a dimension id (1-64 characters of a-z 0-9 _ -)");
    } else {
      for (size_t other : dimension_cols) {
        if (header[other] == name) fail(1, "column \"" + name + "\" appears twice");
      }
      dimension_cols.push_back(i);
    }
  }
  for (const auto& [column, name] : {std::pair<int, const char*>{date_col, "date"}, {metric_col, "metric"}, {value_col, "value"}}) {
    if (column < 0) fail(1, std::string("missing required column \"") + name + "\"");
  }
  if (!errors->empty()) return "";

  struct MetricInfo {
    std::string division, unit, rollup;
    bool additive = false;
    size_t line = 0;
  };
  std::vector<std::string> metric_order, division_order;
  std::map<std::string, MetricInfo> metrics;
  std::vector<std::vector<std::string>> members(dimension_cols.size());
  std::vector<SeriesRows> series;
  std::map<std::string, size_t> series_index;  // key: metric + dims
  std::vector<std::string> fields;
  size_t rows = 0;
  while (reader.Next(&fields, &line, &error) && errors->size() < kMaxProblems) {
    if (!error.empty()) {
      fail(line, error);
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != header.size()) {
      fail(line, std::to_string(fields.size()) + " fields, the header has " + std::to_string(header.size()));
      continue;
    }
    ++rows;
    auto cell = [&](int column) -> const std::string& {
      static const std::string kNone;
      return column >= 0 ? fields[static_cast<size_t>(column)] : kNone;
    };
    bool good = true;
    const auto day = ParseDate(cell(date_col));
    if (!day) {
      fail(line, "date \"" + cell(date_col) + "\" is not YYYY-MM-DD");
      good = false;
    }
    const std::string& metric = cell(metric_col);
    if (!IsId(metric)) {
      fail(line, "metric \"" + metric + "\" is not an id (1-64 characters of a-z 0-9 _ -)");
      good = false;
    }
    const std::string& value_text = cell(value_col);
    double value = std::nan("");
    if (!value_text.empty() && value_text != "null" && value_text != "NA") {
      const char* first = value_text.data();
      const char* last = first + value_text.size();
      if (*first == '+') ++first;
      const auto result = fast_float::from_chars(first, last, value);
      if (result.ec != std::errc() || result.ptr != last || !std::isfinite(value)) {
        fail(line, "value \"" + value_text + "\" is not a number (empty, null or NA for no data)");
        good = false;
      }
    }
    MetricInfo info;
    info.division = division_col >= 0 ? cell(division_col) : "company";
    info.unit = unit_col >= 0 && !cell(unit_col).empty() ? cell(unit_col) : "count";
    info.rollup = rollup_col >= 0 && !cell(rollup_col).empty() ? cell(rollup_col) : "sum";
    info.additive = additive_col >= 0 && cell(additive_col) == "true";
    info.line = line;
    if (!IsId(info.division)) {
      fail(line, "division \"" + info.division + "\" is not an id (1-64 characters of a-z 0-9 _ -)");
      good = false;
    }
    if (info.unit != "users" && info.unit != "count" && info.unit != "currency" && info.unit != "hours") {
      fail(line, "unit \"" + info.unit + "\" is not one of users, count, currency, hours");
      good = false;
    }
    if (info.rollup != "sum" && info.rollup != "mean" && info.rollup != "last") {
      fail(line, "rollup \"" + info.rollup + "\" is not one of sum, mean, last");
      good = false;
    }
    if (additive_col >= 0 && !cell(additive_col).empty() && cell(additive_col) != "true" &&
        cell(additive_col) != "false") {
      fail(line, "additive \"" + cell(additive_col) + "\" is not true or false");
      good = false;
    }
    std::vector<std::pair<size_t, std::string>> dims;
    for (size_t d = 0; d < dimension_cols.size(); ++d) {
      const std::string& member = fields[dimension_cols[d]];
      if (member.empty()) continue;
      if (!IsId(member)) {
        fail(line, header[dimension_cols[d]] + " \"" + member + "\" is not a member id (1-64 characters of a-z 0-9 _ -)");
        good = false;
        continue;
      }
      dims.emplace_back(d, member);
    }
    if (!good) continue;
    auto known = metrics.find(metric);
    if (known == metrics.end()) {
      metrics.emplace(metric, info);
      metric_order.push_back(metric);
      if (std::find(division_order.begin(), division_order.end(), info.division) == division_order.end()) {
        division_order.push_back(info.division);
      }
    } else {
      const MetricInfo& first = known->second;
      const char* differs = first.division != info.division ? "division"
                          : first.unit != info.unit ? "unit"
                          : first.rollup != info.rollup ? "rollup"
                          : first.additive != info.additive ? "additive" : nullptr;
      if (differs != nullptr) {
        fail(line, "metric \"" + metric + "\" has a different " + differs + " than on line " + std::to_string(first.line));
        continue;
      }
    }
    for (const auto& [d, member] : dims) {
      auto& list = members[d];
      if (std::find(list.begin(), list.end(), member) == list.end()) list.push_back(member);
    }
    std::string key = metric;
    for (const auto& [d, member] : dims) key += "\x1F" + std::to_string(d) + "=" + member;
    auto [slot, inserted] = series_index.emplace(key, series.size());
    if (inserted) series.push_back(SeriesRows{metric, dims, {}});
    SeriesRows& rows_of = series[slot->second];
    auto [entry, fresh] = rows_of.days.emplace(*day, std::make_pair(value, line));
    if (!fresh) {
      fail(line, "a second row for metric \"" + metric + "\" on " + cell(date_col) + " with the same dimensions (first on line " +
                     std::to_string(entry->second.second) + ")");
    }
  }
  if (errors->empty() && rows == 0) fail(line, "no data rows after the header");
  for (const SeriesRows& s : series) {
    const Day first = s.days.begin()->first;
    const Day last = s.days.rbegin()->first;
    if (static_cast<size_t>(last - first) + 1 > kMaxSeriesDays) {
      fail(s.days.rbegin()->second.second, "metric \"" + s.metric + "\" spans more than " +
                                               std::to_string(kMaxSeriesDays) + " days (from " + FormatDate(first) + ")");
    }
  }
  if (!errors->empty()) return "";

  auto name = [](const std::string& id) { return json{{"en", id}}; };
  json doc = json::object();
  doc["schema"] = "divboard.snapshot";
  doc["version"] = kSnapshotVersion;
  doc["generated_at"] = options.generated_at;
  doc["timezone"] = options.timezone;
  doc["currency"] = options.currency;
  json divisions = json::array();
  for (const std::string& id : division_order) divisions.push_back({{"id", id}, {"name", name(id)}});
  doc["divisions"] = std::move(divisions);
  json dimensions = json::array();
  for (size_t d = 0; d < dimension_cols.size(); ++d) {
    json list = json::array();
    for (const std::string& id : members[d]) list.push_back({{"id", id}, {"name", name(id)}});
    dimensions.push_back({{"id", header[dimension_cols[d]]}, {"name", name(header[dimension_cols[d]])}, {"members", std::move(list)}});
  }
  doc["dimensions"] = std::move(dimensions);
  json metric_list = json::array();
  for (const std::string& id : metric_order) {
    const MetricInfo& m = metrics[id];
    metric_list.push_back({{"id", id}, {"division", m.division}, {"unit", m.unit}, {"rollup", m.rollup},
                           {"additive", m.additive}, {"name", name(id)}});
  }
  doc["metrics"] = std::move(metric_list);
  json series_list = json::array();
  for (const SeriesRows& s : series) {
    json dims = json::object();
    for (const auto& [d, member] : s.dims) dims[header[dimension_cols[d]]] = member;
    const Day first = s.days.begin()->first;
    const Day last = s.days.rbegin()->first;
    json values = json::array();
    auto it = s.days.begin();
    for (Day day = first; day <= last; ++day) {
      if (it != s.days.end() && it->first == day) {
        const double v = it->second.first;
        if (std::isnan(v)) {
          values.push_back(nullptr);
        } else if (v == std::trunc(v) && std::fabs(v) < 9007199254740992.0 && !(v == 0 && std::signbit(v))) {
          values.push_back(static_cast<int64_t>(v));  // "1520331", not "1520331.0"
        } else {
          values.push_back(it->second.first);
        }
        ++it;
      } else {
        values.push_back(nullptr);  // a day without a row: a gap, never a zero
      }
    }
    series_list.push_back({{"metric", s.metric}, {"dims", std::move(dims)}, {"start", FormatDate(first)},
                           {"values", std::move(values)}});
  }
  doc["series"] = std::move(series_list);
  doc["events"] = json::array();
  doc["hosts"] = json::array();
  std::string text = doc.dump(-1, ' ', false, json::error_handler_t::replace);
  // Whatever the table said, the result must load: report what the validator refuses.
  Snapshot check;
  for (const Problem& p : LoadSnapshot(text, &check)) fail(0, "the snapshot would be invalid: " + FormatProblem("", p).substr(2));
  if (!errors->empty()) return "";
  return text + "\n";
}

}  // namespace divboard
