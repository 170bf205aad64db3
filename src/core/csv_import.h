// Turning a warehouse export into a snapshot: a long-format CSV table, one row per
// (date, metric, dimension members) with its value, becomes a valid snapshot document
// (docs/pipeline.md describes the table and the query that produces it).
//
// Header (first row), column names in any order:
//   date     required  business date, YYYY-MM-DD
//   metric   required  metric id
//   value    required  a number; empty, "null" or "NA" for a day with no data
//   division optional  division id of the metric (default "company")
//   unit     optional  users | count | currency | hours (default count)
//   rollup   optional  sum | mean | last (default sum)
//   additive optional  true | false (default false)
//   any other column   a dimension (the column name is its id, cells are member ids; an
//                      empty cell means the row is not broken down by that dimension)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace divboard {

struct CsvImportOptions {
  std::string file_name = "input.csv";            // for "FILE:LINE: message"
  std::string generated_at = "1970-01-01T00:00:00Z";  // RFC 3339 with offset
  std::string timezone = "Asia/Shanghai";
  std::string currency = "CNY";
};

// Returns the snapshot as JSON text. On any error returns "" and sets *errors to lines of
// "FILE:LINE: message" (LINE is where the record starts; at most 50 lines).
std::string ImportCsv(std::string_view csv, const CsvImportOptions& options, std::vector<std::string>* errors);

}  // namespace divboard
