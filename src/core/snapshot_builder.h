// The half of the streaming and packed snapshot loaders that does not care where events come
// from: a SAX consumer that keeps series values as columns (never as DOM nodes) and builds a
// small DOM of everything else, then the same validation rules as LoadSnapshot, in the same
// order, with the same messages. snapshot_stream.cpp drives it from JSON text it tokenises
// itself; packed_reader.cpp drives it from BJData it decodes itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"
#include "core/snapshot_rules.h"

namespace divboard {

// One `/series/N/values` array, read straight into doubles.
struct ValueColumn {
  struct Refused {
    size_t index;
    std::string message;
  };
  std::vector<double> values;  // NaN for null and for refused elements
  size_t count = 0;            // elements seen; `values` stops growing past the day cap
  std::vector<Refused> refused;  // the first kMaxProblems elements that are not numbers or null
  bool present = false;
};

class SnapshotBuilder {
 public:
  using json = nlohmann::json;

  SnapshotBuilder();

  // nlohmann's SAX interface, so json::sax_parse can drive it for binary input.
  bool null();
  bool boolean(bool value);
  bool number_integer(json::number_integer_t value);
  bool number_unsigned(json::number_unsigned_t value);
  bool number_float(json::number_float_t value, const json::string_t&);
  bool string(json::string_t& value);
  bool binary(json::binary_t&);
  bool start_object(std::size_t);
  bool end_object();
  bool start_array(std::size_t length);
  bool end_array();
  bool key(json::string_t& name);
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error);

  // The hot path of the JSON tokeniser: inside a values array, numbers and nulls skip the
  // event dispatch. `value` is NaN for null.
  bool InColumn() const { return column_top_; }
  void PushColumnValue(double value) {
    ValueColumn& column = columns_[column_index_];
    if (column.count++ <= kColumnCap) column.values.push_back(value);
  }
  // The bulk path of a binary typed array inside a values array: `n` more elements of the
  // current column at once. Returns where the caller writes the first *writable of them
  // (fewer than n past the day cap, where elements are only counted).
  double* AppendColumnValues(size_t n, size_t* writable);

  // A syntax error found by a tokeniser other than nlohmann's (the message is final).
  void Fail(std::string message);
  // Where parsing stood when it stopped, exactly as LoadSnapshot's DOM builder reports it.
  std::string Pointer() const;
  const std::string& message() const { return message_; }

  // Caps what a declared container length may make us reserve (binary input declares
  // lengths; a hostile one must not allocate gigabytes before failing).
  void set_reserve_cap(size_t elements) { reserve_cap_ = elements < kColumnCap + 1 ? elements : kColumnCap + 1; }

  // After the whole document parsed: applies every rule of docs/snapshot-format.md in
  // LoadSnapshot's order. On success fills *out (columns are moved, not copied).
  std::vector<Problem> Validate(Snapshot* out);

  // How many /hosts/N/monthly arrays were read as columns rather than DOM nodes (tests).
  size_t MonthColumnsRead() const;
  // How many /hosts/N objects were checked as soon as parsed, their DOM nodes freed (tests).
  size_t HostsCheckedWhileParsing() const;

 private:
  static constexpr size_t kColumnCap = 36600;  // kMaxSeriesDays: more is refused anyway
  static constexpr size_t kMaxMonthsKept = rules::kMaxHostMonths;  // likewise

  struct Frame {
    json* node = nullptr;  // nullptr for a values or monthly column
    std::string key;
    int series_item = -1;  // this object is /series/N: N
    int column = -1;       // this array is /series/N/values, kept in columns_[N]
    int host_item = -1;    // this object is /hosts/N: N
    int monthly_of = -1;   // this object is /hosts/N/monthly: N
    rules::MonthColumn* month = nullptr;  // this array is /hosts/N/monthly/<column>, kept in months_[N]
  };

  bool Fail(const char* message);
  bool Put(json&& value);
  json* Insert(json&& value);
  bool Open(json&& container);
  bool Close();
  bool ColumnScalar(double value, const char* type);
  // An element of a monthly column: `type` names a value that is not a number.
  bool MonthScalar(double value, const char* type);
  rules::MonthColumn* MonthSlot(const std::string& key);
  void UpdateColumnTop();

  json root_;
  std::vector<Frame> stack_;
  bool has_key_ = false;
  bool column_top_ = false;
  size_t column_index_ = 0;
  json scratch_;  // a container nested inside a values array: parsed, then refused
  std::vector<ValueColumn> columns_;  // by index in /series
  std::vector<rules::HostMonths> months_;  // by index in /hosts
  std::vector<std::unique_ptr<rules::CheckedHost>> checked_hosts_;  // likewise
  rules::MonthColumn* month_top_ = nullptr;  // the innermost container is this monthly column
  size_t last_column_size_ = 0;
  size_t reserve_cap_ = kColumnCap + 1;
  std::string message_;
};

}  // namespace divboard
