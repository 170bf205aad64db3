#include "core/snapshot_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>
#include <utility>

#include "core/date.h"
#include "core/json_document.h"
#include "core/snapshot_json.h"
#include "core/snapshot_rules.h"

namespace divboard {
namespace {

using nlohmann::json;
using namespace rules;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// [SECTION] Validation
// The format's rules come from snapshot_rules.h, shared with the DOM loader; only reading
// the series differs. tests/core/snapshot_stream_test.cpp compares the two loaders on every
// corpus file.

// The one reader that differs from snapshot_json.cpp: `values` is a column when it was an
// array in the input (columns[i].present), and only otherwise a DOM node.
void ReadSeries(Checker& c, const json& root, std::vector<ValueColumn>& columns, Snapshot* s) {
  const json* list = c.Array(root, "", "series");
  if (list == nullptr) return;
  s->series.reserve(list->size());
  std::unordered_set<std::string> seen;
  MemberIndex members;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/series", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Series series;
    bool good = ReadSeriesKey(c, item, p, *s, &series, &members);
    ValueColumn* column = i < columns.size() && columns[i].present ? &columns[i] : nullptr;
    if (column == nullptr) {
      // Missing or not an array (an array here always becomes a column): reports it
      // exactly as the DOM path does.
      c.Array(item, p, "values");
      continue;
    }
    if (column->count > kMaxSeriesDays) {
      c.Fail(p + "/values", "more than " + std::to_string(kMaxSeriesDays) + " days");
      continue;
    }
    for (const ValueColumn::Refused& refused : column->refused) {
      c.Fail(At(p + "/values", refused.index), refused.message);
      good = false;
      if (c.full()) break;
    }
    if (!good) continue;
    // A set of (metric, dims) keys, not a scan of every earlier series: wide snapshots hold
    // tens of thousands of series, and the scan was most of a packed load's time.
    std::string key(reinterpret_cast<const char*>(&series.metric), sizeof series.metric);
    key.append(reinterpret_cast<const char*>(series.dims.data()), series.dims.size() * sizeof(Coordinate));
    if (!seen.insert(std::move(key)).second) {
      c.Fail(p, "a second series for the same metric and dims");
      good = false;
    }
    if (good) {
      series.values = std::move(column->values);
      s->series.push_back(std::move(series));
    }
  }
}

}  // namespace

// [SECTION] Building: a mirror of json_document.cpp's DomBuilder (same frames, same pointer
// rules) whose `/series/N/values` arrays are columns.

SnapshotBuilder::SnapshotBuilder() = default;

bool SnapshotBuilder::Fail(const char* message) {
  if (message_.empty()) message_ = message;
  return false;
}

void SnapshotBuilder::Fail(std::string message) {
  if (message_.empty()) message_ = std::move(message);
}

void SnapshotBuilder::UpdateColumnTop() {
  column_top_ = !stack_.empty() && stack_.back().column >= 0;
  if (column_top_) column_index_ = static_cast<size_t>(stack_.back().column);
  month_top_ = stack_.empty() ? nullptr : stack_.back().month;
}

bool SnapshotBuilder::MonthScalar(double value, const char* type) {
  rules::MonthColumn& column = *month_top_;
  const char* problem = type != nullptr ? type : rules::MonthlyNumberProblem(value);
  if (problem != nullptr && column.refused.size() < kMaxProblems) {
    column.refused.push_back(rules::MonthColumn::Refused{
        column.count, type != nullptr ? std::string("expected a number, found ") + type : std::string(problem)});
  }
  if (column.count++ <= kMaxMonthsKept) column.values.push_back(problem != nullptr ? 0.0 : value);
  return true;
}

// The column `key` names inside /hosts/N/monthly, when the innermost frame is that object.
rules::MonthColumn* SnapshotBuilder::MonthSlot(const std::string& key) {
  if (stack_.empty() || stack_.back().monthly_of < 0) return nullptr;
  for (size_t k = 0; k < std::size(rules::kMonthlyColumns); ++k) {
    if (key == rules::kMonthlyColumns[k]) return &months_[static_cast<size_t>(stack_.back().monthly_of)].columns[k];
  }
  return nullptr;
}

double* SnapshotBuilder::AppendColumnValues(size_t n, size_t* writable) {
  ValueColumn& column = columns_[column_index_];
  // values holds min(count, kColumnCap + 1) elements, as PushColumnValue keeps it.
  const size_t room = kColumnCap + 1 - std::min(column.values.size(), kColumnCap + 1);
  *writable = std::min(n, room);
  column.count += n;
  const size_t at = column.values.size();
  column.values.resize(at + *writable);
  return column.values.data() + at;
}

bool SnapshotBuilder::ColumnScalar(double value, const char* type) {
  ValueColumn& column = columns_[column_index_];
  if (type != nullptr || std::isinf(value)) {
    if (column.refused.size() < kMaxProblems) {
      column.refused.push_back(ValueColumn::Refused{
          column.count, type != nullptr ? std::string("expected a number or null, found ") + type
                                        : std::string("number out of range")});
    }
    value = kNaN;
  }
  PushColumnValue(value);
  return true;
}

json* SnapshotBuilder::Insert(json&& value) {
  if (stack_.empty()) {
    root_ = std::move(value);
    return &root_;
  }
  Frame& top = stack_.back();
  if (top.node->is_array()) {
    top.node->push_back(std::move(value));
    return &top.node->back();
  }
  has_key_ = false;
  json& slot = (*top.node)[top.key];
  slot = std::move(value);
  return &slot;
}

bool SnapshotBuilder::Put(json&& value) {
  Insert(std::move(value));
  return true;
}

bool SnapshotBuilder::null() {
  if (column_top_) return ColumnScalar(kNaN, nullptr);
  if (month_top_ != nullptr) return MonthScalar(0, "null");
  return Put(json(nullptr));
}

bool SnapshotBuilder::boolean(bool value) {
  if (column_top_) return ColumnScalar(kNaN, "a boolean");
  if (month_top_ != nullptr) return MonthScalar(0, "a boolean");
  return Put(json(value));
}

bool SnapshotBuilder::number_integer(json::number_integer_t value) {
  if (column_top_) return ColumnScalar(static_cast<double>(value), nullptr);
  if (month_top_ != nullptr) return MonthScalar(static_cast<double>(value), nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::number_unsigned(json::number_unsigned_t value) {
  if (column_top_) return ColumnScalar(static_cast<double>(value), nullptr);
  if (month_top_ != nullptr) return MonthScalar(static_cast<double>(value), nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::number_float(json::number_float_t value, const json::string_t&) {
  if (column_top_) return ColumnScalar(value, nullptr);
  if (month_top_ != nullptr) return MonthScalar(value, nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::string(json::string_t& value) {
  if (column_top_) return ColumnScalar(kNaN, "a string");
  if (month_top_ != nullptr) return MonthScalar(0, "a string");
  return Put(json(std::move(value)));
}

bool SnapshotBuilder::binary(json::binary_t&) { return Fail("binary values are not JSON"); }

bool SnapshotBuilder::Open(json&& container) {
  if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
    Fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  Frame frame;
  if (column_top_ || month_top_ != nullptr) {
    // A container inside a values or monthly array: parsed to the end (its syntax, depth
    // and keys are still checked), then refused as one element.
    const char* type = container.is_array() ? "an array" : "an object";
    if (column_top_) {
      ColumnScalar(kNaN, type);
    } else {
      MonthScalar(0, type);
    }
    scratch_ = std::move(container);
    frame.node = &scratch_;
  } else if (rules::MonthColumn* month = container.is_array() && has_key_ ? MonthSlot(stack_.back().key) : nullptr) {
    // /hosts/N/monthly/<column>: an array there becomes a month column.
    has_key_ = false;
    month->present = true;
    frame.month = month;
  } else {
    const bool is_array = container.is_array();
    // /series/N/values: an array there becomes a column.
    const bool values_slot = is_array && stack_.size() == 3 && stack_[2].series_item >= 0 &&
                             stack_[2].key == "values";
    if (values_slot) {
      has_key_ = false;
      const size_t index = static_cast<size_t>(stack_[2].series_item);
      if (columns_.size() <= index) columns_.resize(index + 1);
      ValueColumn& column = columns_[index];
      column.present = true;
      column.values.reserve(std::min(last_column_size_, reserve_cap_));
      frame.column = static_cast<int>(index);
    } else {
      frame.node = Insert(std::move(container));
      // /series/N: remember N, so its "values" can be recognised.
      if (frame.node->is_object() && stack_.size() == 2 && stack_[0].node == &root_ &&
          root_.is_object() && stack_[0].key == "series" && stack_[1].node->is_array()) {
        frame.series_item = static_cast<int>(stack_[1].node->size() - 1);
      }
      // /hosts/N and /hosts/N/monthly: remember N, so the monthly columns can be recognised.
      if (frame.node->is_object() && stack_.size() == 2 && stack_[0].node == &root_ &&
          root_.is_object() && stack_[0].key == "hosts" && stack_[1].node->is_array()) {
        frame.host_item = static_cast<int>(stack_[1].node->size() - 1);
      }
      if (frame.node->is_object() && stack_.size() == 3 && stack_[2].host_item >= 0 && stack_[2].key == "monthly") {
        frame.monthly_of = stack_[2].host_item;
        if (months_.size() <= static_cast<size_t>(frame.monthly_of)) months_.resize(static_cast<size_t>(frame.monthly_of) + 1);
      }
    }
  }
  stack_.push_back(std::move(frame));
  UpdateColumnTop();
  return true;
}

bool SnapshotBuilder::start_object(std::size_t) { return Open(json::object()); }

bool SnapshotBuilder::start_array(std::size_t length) {
  const bool ok = Open(json::array());
  if (ok && column_top_ && length != static_cast<std::size_t>(-1)) {
    // A binary form declares the length: reserve exactly, within what the input can hold.
    columns_[column_index_].values.reserve(std::min(length, reserve_cap_));
  }
  return ok;
}

bool SnapshotBuilder::Close() {
  const Frame& top = stack_.back();
  if (top.column >= 0) {
    ValueColumn& column = columns_[static_cast<size_t>(top.column)];
    // Growth by doubling may leave up to half the capacity unused: give it back, so the
    // columns cost what they hold (the memory goal is counted against column bytes).
    if (column.values.capacity() > column.values.size() + column.values.size() / 16 + 16) {
      column.values.shrink_to_fit();
    }
    last_column_size_ = column.values.size();
  }
  if (top.month != nullptr && top.month->values.capacity() > top.month->values.size()) {
    top.month->values.shrink_to_fit();  // a few months each, 6,000 columns: doubling's slack adds up
  }
  if (top.host_item >= 0) {
    // A whole /hosts/N object: checked now, and its DOM nodes freed (rules::CheckHost).
    const size_t index = static_cast<size_t>(top.host_item);
    if (checked_hosts_.size() <= index) checked_hosts_.resize(index + 1);
    rules::HostMonths* read = index < months_.size() ? &months_[index] : nullptr;
    checked_hosts_[index] = std::make_unique<rules::CheckedHost>(rules::CheckHost(*top.node, At("/hosts", index), read));
    *top.node = json();
  }
  stack_.pop_back();
  has_key_ = false;
  UpdateColumnTop();
  return true;
}

bool SnapshotBuilder::end_object() { return Close(); }
bool SnapshotBuilder::end_array() { return Close(); }

bool SnapshotBuilder::key(json::string_t& name) {
  if (stack_.empty() || stack_.back().node == nullptr || !stack_.back().node->is_object()) {
    return Fail("a key outside an object");  // only a malformed binary input gets here
  }
  Frame& top = stack_.back();
  const rules::MonthColumn* month = MonthSlot(name);
  const bool duplicate =
      top.node->contains(name) ||
      (top.series_item >= 0 && name == "values" &&
       static_cast<size_t>(top.series_item) < columns_.size() &&
       columns_[static_cast<size_t>(top.series_item)].present) ||
      (month != nullptr && month->present);
  top.key = std::move(name);
  has_key_ = true;
  if (duplicate) {
    Fail("duplicate key \"" + top.key + "\"");
    return false;
  }
  return true;
}

bool SnapshotBuilder::parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
  std::string message = error.what();
  const size_t tag_end = message.find("] ");
  if (message.rfind("[json.exception.", 0) == 0 && tag_end != std::string::npos) {
    message.erase(0, tag_end + 2);
  }
  if (message_.empty()) message_ = std::move(message);
  return false;
}

std::string SnapshotBuilder::Pointer() const {
  std::string out;
  for (size_t i = 0; i < stack_.size(); ++i) {
    const Frame& frame = stack_[i];
    const bool innermost = i + 1 == stack_.size();
    if (frame.column >= 0 || frame.month != nullptr || frame.node->is_array()) {
      size_t index = frame.column >= 0          ? columns_[static_cast<size_t>(frame.column)].count
                     : frame.month != nullptr ? frame.month->count
                                              : frame.node->size();
      if (!innermost && index > 0) --index;
      out += "/" + std::to_string(index);
    } else if (!innermost || has_key_) {
      out += PointerToken(frame.key);
    }
  }
  return out;
}

size_t SnapshotBuilder::MonthColumnsRead() const {
  size_t n = 0;
  for (const rules::HostMonths& host : months_) {
    for (const rules::MonthColumn& column : host.columns) n += column.present ? 1 : 0;
  }
  return n;
}

size_t SnapshotBuilder::HostsCheckedWhileParsing() const {
  size_t n = 0;
  for (const auto& host : checked_hosts_) n += host != nullptr ? 1 : 0;
  return n;
}

std::vector<Problem> SnapshotBuilder::Validate(Snapshot* out) {
  std::vector<Problem> problems;
  Checker c(&problems);
  if (!CheckHeader(c, root_, "divboard.snapshot")) return problems;
  Snapshot s;
  ReadHeaderFields(c, root_, &s);
  ReadDivisions(c, root_, &s);
  ReadDimensions(c, root_, &s);
  ReadMetrics(c, root_, &s);
  ReadSeries(c, root_, columns_, &s);
  ReadEvents(c, root_, &s);
  ReadHosts(c, root_, &s, &checked_hosts_);
  if (problems.empty()) *out = std::move(s);
  return problems;
}

}  // namespace divboard
