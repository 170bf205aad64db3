// A snapshot diff as rows people read — the metric's localised name, dims, day, old → new,
// change % — shared by the page's Changes view, its CSV and `divboard diff`, so all three
// list the same rows in the same order with the same text.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/format.h"
#include "core/snapshot.h"
#include "core/snapshot_diff.h"

namespace divboard {

struct DiffRow {
  std::string metric;  // id
  std::string name;    // localised metric name
  std::string dims;    // "category=fashion channel=livestream"; "" for the total
  std::string day;     // YYYY-MM-DD
  double old_value = 0, new_value = 0, relative = 0;
  std::string old_text, new_text, change_text;
};

// `newer` names the metrics (`older` for one only it has).
std::vector<DiffRow> DiffRows(const SnapshotDiff& diff, const Snapshot& older, const Snapshot& newer, Locale locale);

// {"values": [rows], "series_added", "series_removed", "hosts", "days_added", "days_removed"}.
nlohmann::json DiffToJson(const SnapshotDiff& diff, const Snapshot& older, const Snapshot& newer, Locale locale);

// The rows as CSV (core/csv.h: UTF-8 with BOM), exact numbers.
std::string DiffCsv(const std::vector<DiffRow>& rows);

}  // namespace divboard
