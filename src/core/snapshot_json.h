// Reading snapshots and manifests from JSON text (docs/snapshot-format.md), validating every
// rule and reporting each broken one with its JSON pointer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

constexpr int kSnapshotVersion = 1;
constexpr size_t kMaxSeriesDays = 36600;

// On success returns no problems and fills *out; otherwise *out is left untouched, so the
// caller's last good snapshot survives a bad one.
std::vector<Problem> LoadSnapshot(std::string_view text, Snapshot* out);

// One file of a snapshot made of several (one per division, say).
struct ManifestPart {
  std::string path;
  double bytes = 0;
  std::string sha256;  // lowercase hex; empty when the manifest gives none
};

struct ManifestEntry {
  std::string path;  // empty when the entry lists `parts` instead
  std::string generated_at;
  Day first = 0;
  Day last = 0;
  double bytes = 0;
  std::string packed;  // optional: the same snapshot in the packed form, which the page prefers
  std::string sha256;               // of the file at `path`; empty when not given
  std::vector<ManifestPart> parts;  // merged into one snapshot (core/snapshot_merge.h)

  // The files that make up this snapshot: `path` alone, or the parts.
  std::vector<ManifestPart> Files() const;
  // What identifies the content: the hashes when every file has one, otherwise path, time,
  // period and size. A page loads the snapshot again only when this changes.
  std::string ContentKey() const;
};

constexpr double kMinRefreshSeconds = 10;
constexpr double kDefaultRefreshSeconds = 300;
// The page refuses a data file larger than this; a manifest may lower or raise it. The top
// keeps a body well inside the page's 2 GiB of WebAssembly memory.
constexpr double kDefaultMaxBytes = 256.0 * 1024 * 1024;
constexpr double kMaxMaxBytes = 1024.0 * 1024 * 1024;

struct Manifest {
  std::vector<ManifestEntry> snapshots;  // newest first
  // How often the page polls the manifest for a newer snapshot; never below 10 s.
  double refresh_seconds = kDefaultRefreshSeconds;
  // The size cap for the snapshots it lists ("max_bytes"), in bytes.
  double max_bytes = kDefaultMaxBytes;
};

std::vector<Problem> LoadManifest(std::string_view text, Manifest* out);

// The manifest as the page uses it: every entry's files resolved against the manifest's URL,
// its period, time and content key (JSON text; see db_manifest_list in main_web.cpp).
std::string ManifestListJson(const Manifest& manifest, std::string_view manifest_url);

// Which kind of document this is, from its "schema" field: "snapshot", "manifest" or "".
std::string SniffDocumentKind(std::string_view text);

}  // namespace divboard
