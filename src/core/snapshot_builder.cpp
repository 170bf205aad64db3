#include "core/snapshot_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/date.h"
#include "core/json_document.h"
#include "core/snapshot_json.h"

namespace divboard {
namespace {

using nlohmann::json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// [SECTION] Validation
// A copy of snapshot_json.cpp's Checker and readers (they live in its anonymous namespace),
// changed only where series values come from a column instead of a DOM array. Messages and
// their order must stay identical: tests/core/snapshot_stream_test.cpp compares the two on
// every corpus file. Keep the two in step when a rule changes.

const char* TypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

class Checker {
 public:
  explicit Checker(std::vector<Problem>* problems) : problems_(problems) {}

  bool full() const { return problems_->size() >= kMaxProblems; }
  bool ok() const { return problems_->empty(); }

  void Fail(const std::string& pointer, std::string message) {
    if (full()) return;
    problems_->push_back(Problem{pointer, std::move(message)});
  }

  const json* Field(const json& object, const std::string& pointer, const char* key,
                    bool required = true) {
    auto it = object.find(key);
    if (it == object.end()) {
      if (required) Fail(pointer, std::string("missing required field \"") + key + "\"");
      return nullptr;
    }
    return &*it;
  }

  const json* Typed(const json& object, const std::string& pointer, const char* key,
                    json::value_t type, const char* expected, bool required = true) {
    const json* value = Field(object, pointer, key, required);
    if (value == nullptr) return nullptr;
    const bool numeric_ok = type == json::value_t::number_float && value->is_number();
    if (value->type() != type && !numeric_ok) {
      Fail(pointer + PointerToken(key),
           std::string("expected ") + expected + ", found " + TypeName(*value));
      return nullptr;
    }
    return value;
  }

  const std::string* String(const json& object, const std::string& pointer, const char* key,
                            bool required = true) {
    const json* value = Typed(object, pointer, key, json::value_t::string, "a string", required);
    return value ? value->get_ptr<const std::string*>() : nullptr;
  }

  const json* Array(const json& object, const std::string& pointer, const char* key,
                    bool required = true) {
    return Typed(object, pointer, key, json::value_t::array, "an array", required);
  }

  const json* Object(const json& object, const std::string& pointer, const char* key,
                     bool required = true) {
    return Typed(object, pointer, key, json::value_t::object, "an object", required);
  }

  bool Number(const json& object, const std::string& pointer, const char* key, double* out,
              bool required = true) {
    const json* value = Typed(object, pointer, key, json::value_t::number_float, "a number", required);
    if (value == nullptr) return false;
    *out = value->get<double>();
    if (!std::isfinite(*out)) {
      Fail(pointer + PointerToken(key), "number out of range");
      return false;
    }
    return true;
  }

  bool NonNegative(const json& object, const std::string& pointer, const char* key, double* out) {
    if (!Number(object, pointer, key, out)) return false;
    if (*out < 0) {
      Fail(pointer + PointerToken(key), "must not be negative");
      return false;
    }
    return true;
  }

  bool Date(const json& object, const std::string& pointer, const char* key, Day* out,
            bool required = true) {
    const std::string* text = String(object, pointer, key, required);
    if (text == nullptr) return false;
    const auto day = ParseDate(*text);
    if (!day) {
      Fail(pointer + PointerToken(key), "\"" + Clip(*text) + "\" is not a date (YYYY-MM-DD)");
      return false;
    }
    *out = *day;
    return true;
  }

  bool Id(const json& object, const std::string& pointer, const char* key, std::string* out) {
    const std::string* text = String(object, pointer, key);
    if (text == nullptr) return false;
    const bool valid =
        !text->empty() && text->size() <= 64 &&
        std::all_of(text->begin(), text->end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        });
    if (!valid) {
      Fail(pointer + PointerToken(key),
           "\"" + Clip(*text) + "\" is not an id (1-64 characters of a-z 0-9 _ -)");
      return false;
    }
    *out = *text;
    return true;
  }

  bool Localised(const json& object, const std::string& pointer, const char* key, Text* out) {
    const json* value = Object(object, pointer, key);
    if (value == nullptr) return false;
    const std::string where = pointer + PointerToken(key);
    const std::string* en = String(*value, where, "en");
    const std::string* zh = String(*value, where, "zh", false);
    if (en == nullptr) return false;
    out->en = *en;
    out->zh = zh ? *zh : std::string();
    return true;
  }

  bool IsObjectAt(const json& value, const std::string& pointer) {
    if (value.is_object()) return true;
    Fail(pointer, std::string("expected an object, found ") + TypeName(value));
    return false;
  }

  static std::string Clip(const std::string& text) {
    if (text.size() <= 40) return text;
    size_t end = 40;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "...";
  }

 private:
  std::vector<Problem>* problems_;
};

std::string At(const std::string& pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

bool CheckHeader(Checker& c, const json& root, const char* schema) {
  if (!c.IsObjectAt(root, "")) return false;
  const std::string* id = c.String(root, "", "schema");
  if (id != nullptr && *id != schema) {
    c.Fail("/schema", "expected \"" + std::string(schema) + "\", found \"" + Checker::Clip(*id) + "\"");
  }
  const json* version = c.Field(root, "", "version");
  if (version != nullptr) {
    if (!version->is_number_integer()) {
      c.Fail("/version", std::string("expected an integer, found ") + TypeName(*version));
    } else if (version->get<json::number_integer_t>() != kSnapshotVersion) {
      c.Fail("/version", "unsupported version " + version->dump() + " (this divboard reads version " +
                             std::to_string(kSnapshotVersion) + ")");
    }
  }
  return c.ok();
}

template <typename T>
bool UniqueId(Checker& c, const std::vector<T>& items, const std::string& id, const std::string& pointer) {
  for (const T& item : items) {
    if (item.id == id) {
      c.Fail(pointer + "/id", "duplicate id \"" + id + "\"");
      return false;
    }
  }
  return true;
}

void ReadDivisions(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "divisions");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/divisions", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Division d;
    if (c.Id(item, p, "id", &d.id) && UniqueId(c, s->divisions, d.id, p) && c.Localised(item, p, "name", &d.name)) {
      s->divisions.push_back(std::move(d));
    }
  }
}

void ReadDimensions(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "dimensions");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/dimensions", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Dimension d;
    if (!c.Id(item, p, "id", &d.id) || !UniqueId(c, s->dimensions, d.id, p)) continue;
    c.Localised(item, p, "name", &d.name);
    const json* members = c.Array(item, p, "members");
    if (members == nullptr) continue;
    for (size_t m = 0; m < members->size() && !c.full(); ++m) {
      const std::string mp = At(p + "/members", m);
      const json& member_json = (*members)[m];
      if (!c.IsObjectAt(member_json, mp)) continue;
      Member member;
      if (c.Id(member_json, mp, "id", &member.id) && UniqueId(c, d.members, member.id, mp) &&
          c.Localised(member_json, mp, "name", &member.name)) {
        d.members.push_back(std::move(member));
      }
    }
    s->dimensions.push_back(std::move(d));
  }
}

bool ParseEnum(const std::string& text, std::initializer_list<const char*> names, int* out) {
  int index = 0;
  for (const char* name : names) {
    if (text == name) {
      *out = index;
      return true;
    }
    ++index;
  }
  return false;
}

void ReadMetrics(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "metrics");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/metrics", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Metric m;
    if (!c.Id(item, p, "id", &m.id) || !UniqueId(c, s->metrics, m.id, p)) continue;
    bool good = c.Localised(item, p, "name", &m.name);
    if (const std::string* division = c.String(item, p, "division")) {
      m.division = s->FindDivision(*division);
      if (m.division < 0) {
        c.Fail(p + "/division", "unknown division \"" + Checker::Clip(*division) + "\"");
        good = false;
      }
    } else {
      good = false;
    }
    int value = 0;
    if (const std::string* unit = c.String(item, p, "unit")) {
      if (ParseEnum(*unit, {"users", "count", "currency", "hours"}, &value)) {
        m.unit = static_cast<Unit>(value);
      } else {
        c.Fail(p + "/unit", "unknown unit \"" + Checker::Clip(*unit) + "\" (users, count, currency, hours)");
        good = false;
      }
    } else {
      good = false;
    }
    if (const std::string* rollup = c.String(item, p, "rollup")) {
      if (ParseEnum(*rollup, {"sum", "mean", "last"}, &value)) {
        m.rollup = static_cast<Rollup>(value);
      } else {
        c.Fail(p + "/rollup", "unknown rollup \"" + Checker::Clip(*rollup) + "\" (sum, mean, last)");
        good = false;
      }
    } else {
      good = false;
    }
    if (const json* additive = c.Typed(item, p, "additive", json::value_t::boolean, "a boolean", false)) {
      m.additive = additive->get<bool>();
    }
    if (good) s->metrics.push_back(std::move(m));
  }
}

// The one reader that differs from snapshot_json.cpp: `values` is a column when it was an
// array in the input (columns[i].present), and only otherwise a DOM node.
void ReadSeries(Checker& c, const json& root, std::vector<ValueColumn>& columns, Snapshot* s) {
  const json* list = c.Array(root, "", "series");
  if (list == nullptr) return;
  s->series.reserve(list->size());
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/series", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Series series;
    bool good = true;
    if (const std::string* metric = c.String(item, p, "metric")) {
      series.metric = s->FindMetric(*metric);
      if (series.metric < 0) {
        c.Fail(p + "/metric", "unknown metric \"" + Checker::Clip(*metric) + "\"");
        good = false;
      }
    } else {
      good = false;
    }
    if (const json* dims = c.Object(item, p, "dims", false)) {
      for (auto it = dims->begin(); it != dims->end(); ++it) {
        const std::string dp = p + "/dims" + PointerToken(it.key());
        const int dimension = s->FindDimension(it.key());
        if (dimension < 0) {
          c.Fail(dp, "unknown dimension \"" + Checker::Clip(it.key()) + "\"");
          good = false;
          continue;
        }
        if (!it.value().is_string()) {
          c.Fail(dp, std::string("expected a member id (a string), found ") + TypeName(it.value()));
          good = false;
          continue;
        }
        const std::string& member_id = it.value().get_ref<const std::string&>();
        const auto& members = s->dimensions[static_cast<size_t>(dimension)].members;
        int member = -1;
        for (size_t m = 0; m < members.size(); ++m) {
          if (members[m].id == member_id) member = static_cast<int>(m);
        }
        if (member < 0) {
          c.Fail(dp, "unknown member \"" + Checker::Clip(member_id) + "\" of dimension \"" + it.key() + "\"");
          good = false;
          continue;
        }
        series.dims.push_back(Coordinate{dimension, member});
      }
      std::sort(series.dims.begin(), series.dims.end(),
                [](const Coordinate& a, const Coordinate& b) { return a.dimension < b.dimension; });
    } else if (c.Field(item, p, "dims", false) != nullptr) {
      good = false;
    }
    good = c.Date(item, p, "start", &series.start) && good;
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
    for (const Series& other : s->series) {
      if (other.metric == series.metric && other.dims == series.dims) {
        c.Fail(p, "a second series for the same metric and dims");
        good = false;
        break;
      }
    }
    if (good) {
      series.values = std::move(column->values);
      s->series.push_back(std::move(series));
    }
  }
}

void ReadEvents(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "events");
  if (list == nullptr) return;
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/events", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Event e;
    if (!c.Date(item, p, "start", &e.start)) continue;
    e.end = e.start;
    if (c.Field(item, p, "end", false) != nullptr) {
      if (!c.Date(item, p, "end", &e.end)) continue;
      if (e.end < e.start) {
        c.Fail(p + "/end", "ends before it starts");
        continue;
      }
    }
    if (!s->events.empty() && e.start < s->events.back().start) {
      c.Fail(p + "/start", "events must be sorted by start date (this one is before the previous one)");
      continue;
    }
    int kind = 0;
    if (const std::string* text = c.String(item, p, "kind")) {
      if (!ParseEnum(*text, {"milestone", "festival", "holiday", "incident"}, &kind)) {
        c.Fail(p + "/kind", "unknown kind \"" + Checker::Clip(*text) + "\" (milestone, festival, holiday, incident)");
        continue;
      }
    } else {
      continue;
    }
    e.kind = static_cast<EventKind>(kind);
    if (const std::string* division = c.String(item, p, "division", false)) {
      e.division = s->FindDivision(*division);
      if (e.division < 0) {
        c.Fail(p + "/division", "unknown division \"" + Checker::Clip(*division) + "\"");
        continue;
      }
    }
    if (c.Localised(item, p, "label", &e.label)) s->events.push_back(std::move(e));
  }
}

void ReadHosts(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "hosts");
  if (list == nullptr) return;
  const int category_dim = s->FindDimension("category");
  s->hosts.reserve(list->size());
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/hosts", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Host h;
    if (!c.Id(item, p, "id", &h.id) || !UniqueId(c, s->hosts, h.id, p)) continue;
    const std::string* name = c.String(item, p, "name");
    const std::string* latin = c.String(item, p, "name_latin", false);
    const std::string* category = c.String(item, p, "category");
    bool good = name != nullptr && category != nullptr;
    if (category != nullptr) {
      if (category_dim >= 0) {
        const auto& members = s->dimensions[static_cast<size_t>(category_dim)].members;
        for (size_t m = 0; m < members.size(); ++m) {
          if (members[m].id == *category) h.category = static_cast<int>(m);
        }
      }
      if (h.category < 0) {
        c.Fail(p + "/category", "unknown category \"" + Checker::Clip(*category) + "\"");
        good = false;
      }
    }
    good = c.NonNegative(item, p, "fans", &h.fans) && good;
    good = c.NonNegative(item, p, "sessions", &h.sessions) && good;
    good = c.NonNegative(item, p, "viewers", &h.viewers) && good;
    good = c.NonNegative(item, p, "gmv", &h.gmv) && good;
    good = c.NonNegative(item, p, "orders", &h.orders) && good;
    good = c.NonNegative(item, p, "purchasing_users", &h.purchasing_users) && good;
    if (!good) continue;
    h.name = *name;
    h.name_latin = latin ? *latin : std::string();
    s->hosts.push_back(std::move(h));
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
  return Put(json(nullptr));
}

bool SnapshotBuilder::boolean(bool value) {
  if (column_top_) return ColumnScalar(kNaN, "a boolean");
  return Put(json(value));
}

bool SnapshotBuilder::number_integer(json::number_integer_t value) {
  if (column_top_) return ColumnScalar(static_cast<double>(value), nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::number_unsigned(json::number_unsigned_t value) {
  if (column_top_) return ColumnScalar(static_cast<double>(value), nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::number_float(json::number_float_t value, const json::string_t&) {
  if (column_top_) return ColumnScalar(value, nullptr);
  return Put(json(value));
}

bool SnapshotBuilder::string(json::string_t& value) {
  if (column_top_) return ColumnScalar(kNaN, "a string");
  return Put(json(std::move(value)));
}

bool SnapshotBuilder::binary(json::binary_t&) { return Fail("binary values are not JSON"); }

bool SnapshotBuilder::Open(json&& container) {
  if (static_cast<int>(stack_.size()) >= kMaxJsonDepth) {
    Fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    return false;
  }
  Frame frame;
  if (column_top_) {
    // A container inside a values array: parsed to the end (its syntax, depth and keys
    // are still checked), then refused as one element.
    ColumnScalar(kNaN, container.is_array() ? "an array" : "an object");
    scratch_ = std::move(container);
    frame.node = &scratch_;
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
  const bool duplicate =
      top.node->contains(name) ||
      (top.series_item >= 0 && name == "values" &&
       static_cast<size_t>(top.series_item) < columns_.size() &&
       columns_[static_cast<size_t>(top.series_item)].present);
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
    if (frame.column >= 0 || frame.node->is_array()) {
      size_t index = frame.column >= 0 ? columns_[static_cast<size_t>(frame.column)].count : frame.node->size();
      if (!innermost && index > 0) --index;
      out += "/" + std::to_string(index);
    } else if (!innermost || has_key_) {
      out += PointerToken(frame.key);
    }
  }
  return out;
}

std::vector<Problem> SnapshotBuilder::Validate(Snapshot* out) {
  std::vector<Problem> problems;
  Checker c(&problems);
  if (!CheckHeader(c, root_, "divboard.snapshot")) return problems;
  Snapshot s;
  if (const std::string* at = c.String(root_, "", "generated_at")) {
    if (IsRfc3339Time(*at)) {
      s.generated_at = *at;
    } else {
      c.Fail("/generated_at", "\"" + Checker::Clip(*at) + "\" is not an RFC 3339 time with offset");
    }
  }
  if (const std::string* tz = c.String(root_, "", "timezone")) {
    if (tz->empty() || tz->size() > 64) {
      c.Fail("/timezone", "expected an IANA time zone name such as \"Asia/Shanghai\"");
    }
    s.timezone = *tz;
  }
  if (const std::string* currency = c.String(root_, "", "currency")) {
    const bool iso = currency->size() == 3 &&
                     std::all_of(currency->begin(), currency->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    if (!iso) c.Fail("/currency", "expected an ISO 4217 code such as \"CNY\"");
    s.currency = *currency;
  }
  ReadDivisions(c, root_, &s);
  ReadDimensions(c, root_, &s);
  ReadMetrics(c, root_, &s);
  ReadSeries(c, root_, columns_, &s);
  ReadEvents(c, root_, &s);
  ReadHosts(c, root_, &s);
  if (problems.empty()) *out = std::move(s);
  return problems;
}

}  // namespace divboard
