#include "core/snapshot_json.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/json_document.h"
#include "core/sha256.h"
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


// "sha256": optional, 64 lowercase hex digits.
bool ReadHash(Checker& c, const json& item, const std::string& p, std::string* out) {
  if (c.Field(item, p, "sha256", false) == nullptr) return true;
  const std::string* hash = c.String(item, p, "sha256");
  if (hash == nullptr) return false;
  if (!IsSha256Hex(*hash)) {
    c.Fail(p + "/sha256", "not a SHA-256 in hex (64 lowercase hex digits)");
    return false;
  }
  *out = *hash;
  return true;
}

constexpr size_t kMaxParts = 64;

bool ReadParts(Checker& c, const json& item, const std::string& p, ManifestEntry* e) {
  const json* parts = c.Array(item, p, "parts");
  if (parts == nullptr) return false;
  if (parts->empty() || parts->size() > kMaxParts) {
    c.Fail(p + "/parts", "lists " + std::to_string(parts->size()) + " files (1 to " + std::to_string(kMaxParts) + ")");
    return false;
  }
  bool good = true;
  for (size_t i = 0; i < parts->size() && !c.full(); ++i) {
    const std::string q = At(p + "/parts", i);
    const json& part = (*parts)[i];
    if (!c.IsObjectAt(part, q)) {
      good = false;
      continue;
    }
    ManifestPart file;
    const std::string* path = c.String(part, q, "path");
    if (path == nullptr) {
      good = false;
      continue;
    }
    const std::string refused = CheckRelativePath(*path);
    if (!refused.empty()) {
      c.Fail(q + "/path", "\"" + Checker::Clip(*path) + "\" refused: " + refused);
      good = false;
    }
    for (const ManifestPart& other : e->parts) {
      if (other.path == *path) {
        c.Fail(q + "/path", "\"" + Checker::Clip(*path) + "\" is listed twice");
        good = false;
      }
    }
    if (c.Field(part, q, "bytes", false) != nullptr) good = c.NonNegative(part, q, "bytes", &file.bytes) && good;
    good = ReadHash(c, part, q, &file.sha256) && good;
    file.path = *path;
    e->parts.push_back(std::move(file));
  }
  return good;
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
    const bool with_parts = item.contains("parts");
    const std::string* path = with_parts ? nullptr : c.String(item, p, "path");
    bool good = with_parts ? ReadParts(c, item, p, &e) : path != nullptr;
    if (with_parts && item.contains("path")) {
      c.Fail(p + "/path", "an entry lists either \"path\" or \"parts\", not both");
      good = false;
    }
    if (path != nullptr) {
      const std::string refused = CheckRelativePath(*path);
      if (!refused.empty()) {
        c.Fail(p + "/path", "\"" + Checker::Clip(*path) + "\" refused: " + refused);
        good = false;
      }
      for (const ManifestEntry& other : manifest.snapshots) {
        if (!other.path.empty() && other.path == *path) {
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
    good = ReadHash(c, item, p, &e.sha256) && good;
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
    if (path != nullptr) e.path = *path;
    manifest.snapshots.push_back(std::move(e));
  }
  if (problems.empty()) *out = std::move(manifest);
  return problems;
}

std::vector<ManifestPart> ManifestEntry::Files() const {
  if (!parts.empty()) return parts;
  return {ManifestPart{path, bytes, sha256}};
}

std::string ManifestEntry::ContentKey() const {
  const std::vector<ManifestPart> files = Files();
  const bool hashed = std::all_of(files.begin(), files.end(), [](const ManifestPart& f) { return !f.sha256.empty(); });
  std::string key;
  for (const ManifestPart& f : files) {
    if (!key.empty()) key += ",";
    key += hashed ? "sha256:" + f.sha256 : f.path + "|" + generated_at + "|" + FormatDate(last) + "|" + std::to_string(f.bytes);
  }
  return key;
}

std::string ManifestListJson(const Manifest& manifest, std::string_view manifest_url) {
  json list = json::array();
  for (const ManifestEntry& e : manifest.snapshots) {
    json files = json::array();
    for (const ManifestPart& f : e.Files()) files.push_back(ResolveRelative(manifest_url, f.path));
    list.push_back({{"files", std::move(files)},
                    {"first", FormatDate(e.first)},
                    {"last", FormatDate(e.last)},
                    {"generated_at", e.generated_at},
                    {"key", e.ContentKey()}});
    if (!e.packed.empty()) list.back()["packed"] = ResolveRelative(manifest_url, e.packed);
  }
  json out = {{"snapshots", std::move(list)}, {"refresh_seconds", manifest.refresh_seconds}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
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
