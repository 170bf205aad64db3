#include "core/snapshot_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/json_document.h"
#include "core/snapshot_rules.h"
#include "core/url_policy.h"

namespace divboard {
namespace {

using nlohmann::json;
using namespace rules;

void ReadSeries(Checker& c, const json& root, Snapshot* s) {
  const json* list = c.Array(root, "", "series");
  if (list == nullptr) return;
  s->series.reserve(list->size());
  for (size_t i = 0; i < list->size() && !c.full(); ++i) {
    const std::string p = At("/series", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    Series series;
    bool good = ReadSeriesKey(c, item, p, *s, &series);
    const json* values = c.Array(item, p, "values");
    if (values == nullptr) continue;
    if (values->size() > kMaxSeriesDays) {
      c.Fail(p + "/values", "more than " + std::to_string(kMaxSeriesDays) + " days");
      continue;
    }
    series.values.resize(values->size());
    for (size_t v = 0; v < values->size(); ++v) {
      const json& value = (*values)[v];
      if (value.is_null()) {
        series.values[v] = std::numeric_limits<double>::quiet_NaN();
      } else if (value.is_number()) {
        series.values[v] = value.get<double>();
      } else {
        c.Fail(At(p + "/values", v), std::string("expected a number or null, found ") + TypeName(value));
        good = false;
        if (c.full()) break;
      }
    }
    if (!good) continue;
    for (const Series& other : s->series) {
      if (other.metric == series.metric && other.dims == series.dims) {
        c.Fail(p, "a second series for the same metric and dims");
        good = false;
        break;
      }
    }
    if (good) s->series.push_back(std::move(series));
  }
}

}  // namespace

std::vector<Problem> LoadSnapshot(std::string_view text, Snapshot* out) {
  std::vector<Problem> problems;
  json root;
  Problem syntax;
  if (!ParseJsonDocument(text, &root, &syntax)) {
    problems.push_back(std::move(syntax));
    return problems;
  }
  Checker c(&problems);
  if (!CheckHeader(c, root, "divboard.snapshot")) return problems;
  Snapshot s;
  ReadHeaderFields(c, root, &s);
  ReadDivisions(c, root, &s);
  ReadDimensions(c, root, &s);
  ReadMetrics(c, root, &s);
  ReadSeries(c, root, &s);
  ReadEvents(c, root, &s);
  ReadHosts(c, root, &s);
  if (problems.empty()) *out = std::move(s);
  return problems;
}

std::vector<Problem> LoadManifest(std::string_view text, Manifest* out) {
  std::vector<Problem> problems;
  json root;
  Problem syntax;
  if (!ParseJsonDocument(text, &root, &syntax)) {
    problems.push_back(std::move(syntax));
    return problems;
  }
  Checker c(&problems);
  if (!CheckHeader(c, root, "divboard.manifest")) return problems;
  Manifest manifest;
  double refresh = kDefaultRefreshSeconds;
  if (c.Field(root, "", "refresh_seconds", false) != nullptr && c.NonNegative(root, "", "refresh_seconds", &refresh)) {
    manifest.refresh_seconds = std::max(refresh, kMinRefreshSeconds);
  }
  double max_bytes = kDefaultMaxBytes;
  if (c.Field(root, "", "max_bytes", false) != nullptr && c.Number(root, "", "max_bytes", &max_bytes)) {
    if (max_bytes < 1 || max_bytes > kMaxMaxBytes || max_bytes != std::floor(max_bytes)) {
      c.Fail("/max_bytes", "must be a whole number of bytes from 1 to 1073741824 (1 GiB)");
    } else {
      manifest.max_bytes = max_bytes;
    }
  }
  const json* list = c.Array(root, "", "snapshots");
  if (list != nullptr && list->empty()) c.Fail("/snapshots", "lists no snapshot");
  for (size_t i = 0; list != nullptr && i < list->size() && !c.full(); ++i) {
    const std::string p = At("/snapshots", i);
    const json& item = (*list)[i];
    if (!c.IsObjectAt(item, p)) continue;
    ManifestEntry e;
    const std::string* path = c.String(item, p, "path");
    bool good = path != nullptr;
    if (path != nullptr) {
      const std::string refused = CheckRelativePath(*path);
      if (!refused.empty()) {
        c.Fail(p + "/path", "\"" + Checker::Clip(*path) + "\" refused: " + refused);
        good = false;
      }
      for (const ManifestEntry& other : manifest.snapshots) {
        if (other.path == *path) {
          c.Fail(p + "/path", "\"" + Checker::Clip(*path) + "\" is listed twice");
          good = false;
        }
      }
    }
    if (const std::string* packed = c.String(item, p, "packed", false)) {
      const std::string refused = CheckRelativePath(*packed);
      if (!refused.empty()) {
        c.Fail(p + "/packed", "\"" + Checker::Clip(*packed) + "\" refused: " + refused);
        good = false;
      }
      e.packed = *packed;
    } else if (c.Field(item, p, "packed", false) != nullptr) {
      good = false;
    }
    if (const std::string* at = c.String(item, p, "generated_at", false)) {
      if (!IsRfc3339Time(*at)) c.Fail(p + "/generated_at", "not an RFC 3339 time with offset");
      e.generated_at = *at;
    }
    good = c.Date(item, p, "first", &e.first) && good;
    good = c.Date(item, p, "last", &e.last) && good;
    if (good && e.last < e.first) {
      c.Fail(p + "/last", "before \"first\"");
      good = false;
    }
    if (c.Field(item, p, "bytes", false) != nullptr) good = c.NonNegative(item, p, "bytes", &e.bytes) && good;
    if (good && !manifest.snapshots.empty() && e.last > manifest.snapshots.back().last) {
      c.Fail(p + "/last", "snapshots must be listed newest first (this one is newer than the one before)");
      good = false;
    }
    if (!good) continue;
    e.path = *path;
    manifest.snapshots.push_back(std::move(e));
  }
  if (problems.empty()) *out = std::move(manifest);
  return problems;
}

std::string SniffDocumentKind(std::string_view text) {
  // Cheap and tolerant: the full parse reports the real problems.
  const size_t window = std::min<size_t>(text.size(), 4096);
  const std::string_view head = text.substr(0, window);
  if (head.find("\"divboard.manifest\"") != std::string_view::npos) return "manifest";
  if (head.find("\"divboard.snapshot\"") != std::string_view::npos) return "snapshot";
  return std::string();
}

}  // namespace divboard
