// The snapshot format's rules over a JSON DOM, shared by every loader (the DOM one in
// snapshot_json.cpp, and snapshot_builder.cpp behind the streaming and packed ones), so a
// rule and its message exist once. Only reading the series differs between them: the DOM
// loader reads values from DOM arrays, the builder from columns it filled while parsing.
// Internal to the core.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard::rules {

using nlohmann::json;

const char* TypeName(const json& value);

// Walks a DOM and records problems with their pointers; every accessor checks the type
// first, so no nlohmann call that could throw (or abort, with exceptions off) is reached.
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

  // Cut on a UTF-8 character boundary: messages are re-encoded as JSON for the page.
  static std::string Clip(const std::string& text) {
    if (text.size() <= 40) return text;
    size_t end = 40;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "...";
  }

 private:
  std::vector<Problem>* problems_;
};

std::string At(const std::string& pointer, size_t index);
bool CheckHeader(Checker& c, const json& root, const char* schema);
bool ParseEnum(const std::string& text, std::initializer_list<const char*> names, int* out);

// generated_at, timezone, currency.
void ReadHeaderFields(Checker& c, const json& root, Snapshot* s);
void ReadDivisions(Checker& c, const json& root, Snapshot* s);
void ReadDimensions(Checker& c, const json& root, Snapshot* s);
void ReadMetrics(Checker& c, const json& root, Snapshot* s);
// A series' metric, dims and start date (what identifies it); false when any is wrong. The
// loaders differ only in where the values come from.
// Member ids by dimension, filled on first use: a wide snapshot looks up one of thousands of
// members for each of tens of thousands of series.
struct MemberIndex {
  std::vector<std::unordered_map<std::string, int>> by_dimension;
};
bool ReadSeriesKey(Checker& c, const json& item, const std::string& p, const Snapshot& s, Series* series,
                   MemberIndex* index = nullptr);
void ReadEvents(Checker& c, const json& root, Snapshot* s);

inline constexpr size_t kMaxHostMonths = 1200;  // the series' 100-year cap, in months
// The columns of /hosts/N/monthly, in the order they are checked.
inline constexpr const char* kMonthlyColumns[] = {"sessions", "viewers", "gmv", "orders", "purchasing_users"};
// What is wrong with a number in a monthly column (nullptr: nothing).
const char* MonthlyNumberProblem(double value);

// One /hosts/N/monthly/<column> array that the streaming builder read straight into doubles
// (with 1,200 hosts, these arrays as DOM nodes were most of what it kept while parsing).
struct MonthColumn {
  struct Refused {
    size_t index;
    std::string message;
  };
  std::vector<double> values;    // stops growing past the months cap, where elements are only counted
  size_t count = 0;              // elements seen
  std::vector<Refused> refused;  // the first kMaxProblems elements that are not valid numbers
  bool present = false;
};
struct HostMonths {
  MonthColumn columns[std::size(kMonthlyColumns)];
};

// One /hosts/N object checked on its own: everything but the uniqueness of its id and whether
// its category is a member of the category dimension, which need the hosts before it and
// the dimensions. The streaming builder checks each host as soon as it is parsed, so no host
// is kept as DOM nodes (with 1,200 hosts they were most of the parse's peak memory:
// docs/performance.md, "Memory"); ReadHosts checks a DOM's hosts the same way. The problems
// are kept in three runs, around the two later checks, to come out in LoadSnapshot's order.
struct CheckedHost {
  Host host;  // its category is set by ReadHosts
  bool id_ok = false;
  bool fields_ok = false;  // name and category are strings; numbers and months are valid
  std::optional<std::string> category;
  std::vector<Problem> before_unique;    // the id's
  std::vector<Problem> before_category;  // name, name_latin, category's type
  std::vector<Problem> after_category;   // numbers and months
};
// `read`: the monthly columns the streaming builder read while parsing (may be null); their
// values are moved into the host.
CheckedHost CheckHost(const json& item, const std::string& p, HostMonths* read);

// `checked` (the streaming builder's, by host index; may be null): hosts CheckHost already
// checked, whose DOM nodes are gone.
void ReadHosts(Checker& c, const json& root, Snapshot* s, std::vector<std::unique_ptr<CheckedHost>>* checked = nullptr);

}  // namespace divboard::rules
