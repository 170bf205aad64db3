// Deterministic sample data: a snapshot (format v1, docs/snapshot-format.md) and the
// manifest listing it, calibrated to the magnitudes in the product brief so the dashboard
// has a believable story to show without any real data. The same options always give the
// same bytes (own PRNG, integer values only), so generated files can be diffed and cached.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"

namespace divboard {

struct GenerateOptions {
  uint64_t seed = 1;
  Day first = DayFromCivil({2024, 1, 1});
  Day last = DayFromCivil({2026, 11, 27});  // inclusive; must be >= first + 400
  // Daily snapshots to write, newest first: 2 adds yesterday's, one day shorter and with a
  // few values the newest one restates (so the "as of" picker and the diff have history).
  int history = 1;
};

struct GeneratedFile {
  std::string name;  // relative to the output directory
  std::string bytes;
};

// Returns the snapshots ("snapshot-<last date>.json", newest first) and "manifest.json"
// listing them with size and SHA-256 (manifest last). Returns an empty vector when the
// options are unusable: `last` before `first + 400`, a span over 36,600 days, dates outside
// the years 1900..9999, or `history` outside 1..2.
std::vector<GeneratedFile> GenerateSample(const GenerateOptions& options);

}  // namespace divboard
