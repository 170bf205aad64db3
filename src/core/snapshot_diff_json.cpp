#include "core/snapshot_diff_json.h"

#include <cmath>

#include "core/csv.h"

namespace divboard {
namespace {

using nlohmann::json;

json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

}  // namespace

std::vector<DiffRow> DiffRows(const SnapshotDiff& diff, const Snapshot& older, const Snapshot& newer, Locale locale) {
  std::vector<DiffRow> rows;
  rows.reserve(diff.values.size());
  for (const ValueChange& c : diff.values) {
    DiffRow row;
    row.metric = c.metric;
    row.name = c.metric;
    const Snapshot& named = newer.FindMetric(c.metric) >= 0 ? newer : older;
    if (const int m = named.FindMetric(c.metric); m >= 0) row.name = Localised(named.metrics[static_cast<size_t>(m)].name, locale);
    row.dims = DimsText(c.dims);
    row.day = FormatDate(c.day);
    row.old_value = c.old_value;
    row.new_value = c.new_value;
    row.relative = c.relative();
    // Restatements are often small: exact figures, not three significant digits.
    row.old_text = FormatGrouped(c.old_value);
    row.new_text = FormatGrouped(c.new_value);
    row.change_text = FormatChange(row.relative);
    rows.push_back(std::move(row));
  }
  return rows;
}

json DiffToJson(const SnapshotDiff& diff, const Snapshot& older, const Snapshot& newer, Locale locale) {
  json values = json::array();
  for (const DiffRow& r : DiffRows(diff, older, newer, locale)) {
    values.push_back({{"metric", r.metric},
                      {"name", r.name},
                      {"dims", r.dims},
                      {"day", r.day},
                      {"old", Number(r.old_value)},
                      {"new", Number(r.new_value)},
                      {"change", r.change_text}});
  }
  auto ids = [](const std::vector<SeriesId>& list) {
    json out = json::array();
    for (const SeriesId& s : list) out.push_back(s.metric + (s.dims.empty() ? "" : " " + DimsText(s.dims)));
    return out;
  };
  json hosts = json::array();
  for (const HostChange& h : diff.hosts) {
    hosts.push_back({{"id", h.id}, {"name", h.name}, {"field", h.field}, {"old", Number(h.old_value)}, {"new", Number(h.new_value)}});
  }
  return {{"values", std::move(values)},       {"series_added", ids(diff.added)}, {"series_removed", ids(diff.removed)},
          {"hosts", std::move(hosts)},         {"days_added", diff.days_added},   {"days_removed", diff.days_removed}};
}

std::string DiffCsv(const std::vector<DiffRow>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const DiffRow& r : rows) {
    cells.push_back({r.metric, r.name, r.dims, r.day, CsvNumber(r.old_value), CsvNumber(r.new_value),
                     std::isfinite(r.relative) ? CsvNumber(r.relative * 100) : std::string()});
  }
  return ToCsv({"metric", "name", "dims", "day", "old", "new", "change_percent"}, cells);
}

}  // namespace divboard
