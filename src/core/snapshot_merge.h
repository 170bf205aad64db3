// One snapshot from several files (a manifest entry's `parts`, e.g. one per division): the
// union of their divisions, dimensions, metrics, series, events and hosts. Each part has
// already passed every rule on its own; what can still go wrong is two parts disagreeing,
// and each such conflict is a problem naming the file and the JSON pointer in it.
#pragma once

#include <string>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

struct SnapshotPart {
  std::string file;  // as shown in messages (the URL or path it came from)
  Snapshot snapshot;
};

struct FileProblem {
  std::string file;
  Problem problem;
};

// On success returns no problems and fills *out; otherwise leaves *out untouched.
// Conflicts: the same metric and dims in two parts; a division, dimension (its members),
// metric or host defined differently in two parts; another timezone or currency. Identical
// definitions, events and hosts are kept once. generated_at is the latest of the parts'.
std::vector<FileProblem> MergeSnapshots(std::vector<SnapshotPart> parts, Snapshot* out);

// "file: /pointer: message" lines, as the session and the CLI print them.
std::vector<std::string> FormatFileProblems(const std::vector<FileProblem>& problems);

}  // namespace divboard
