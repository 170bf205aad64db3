// libFuzzer target over the loaders that read untrusted bytes: snapshots (JSON through the
// DOM and the streaming parser, and the packed form, whole and in chunks) and manifests.
// Built only with clang and the sanitizers (CMake option DIVBOARD_FUZZ, `make fuzz`); seeded
// from tests/corpus and a sample snapshot and its packed twin.
//
// Beyond "no crash, no leak, no undefined behaviour" it checks what callers rely on:
// a failed load leaves the caller's value untouched and always says why; a successful one
// leaves no problem behind; every problem pointer is an RFC 6901 pointer.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "core/problems.h"
#include "core/snapshot_ingest.h"
#include "core/sha256.h"
#include "core/snapshot_diff.h"
#include "core/snapshot_json.h"
#include "core/snapshot_merge.h"
#include "core/snapshot_packed.h"
#include "core/snapshot_stream.h"
#include "core/url_policy.h"

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz_loaders: invariant broken: %s\n", what);
    std::abort();
  }
}

void CheckProblems(const std::vector<divboard::Problem>& problems) {
  Require(problems.size() <= divboard::kMaxProblems + 1, "more problems than the cap");
  for (const divboard::Problem& p : problems) {
    Require(p.pointer.empty() || p.pointer.front() == '/', "problem pointer does not start with '/'");
    Require(!p.message.empty(), "problem without a message");
    Require(!divboard::FormatProblem("f.json", p).empty(), "FormatProblem returned nothing");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)divboard::SniffDocumentKind(text);

  divboard::Snapshot snapshot;
  snapshot.currency = "untouched";
  const auto snapshot_problems = divboard::LoadSnapshot(text, &snapshot);
  CheckProblems(snapshot_problems);
  if (!snapshot_problems.empty()) {
    Require(snapshot.currency == "untouched", "a failed snapshot load changed the output");
  } else {
    Require(snapshot.currency != "untouched", "a successful snapshot load left the output alone");
    for (const divboard::Series& s : snapshot.series) {
      Require(s.values.size() <= divboard::kMaxSeriesDays, "series longer than the cap");
    }
  }

  // The streaming parser must agree with the DOM loader on every input, fed in two chunks.
  divboard::SnapshotStreamParser stream;
  stream.Feed(text.substr(0, size / 2));
  stream.Feed(text.substr(size / 2));
  divboard::Snapshot streamed;
  std::vector<divboard::Problem> stream_problems;
  const bool stream_ok = stream.Finish(&streamed, &stream_problems);
  Require(stream_ok == snapshot_problems.empty(), "streaming and DOM loaders disagree on validity");
  Require(stream_problems.size() == snapshot_problems.size(), "streaming and DOM loaders report different problems");
  for (size_t i = 0; i < stream_problems.size(); ++i) {
    Require(stream_problems[i].pointer == snapshot_problems[i].pointer, "streaming and DOM pointers differ");
  }

  if (snapshot_problems.empty()) {
    // A snapshot against itself: the diff finds no changed value, and merging it with itself
    // conflicts on every series (the same metric and dims twice) and leaves the output alone.
    const divboard::SnapshotDiff same = divboard::DiffSnapshots(snapshot, snapshot);
    Require(same.values.empty() && same.added.empty() && same.removed.empty(), "a snapshot differs from itself");
    divboard::Snapshot merged;
    merged.currency = "untouched";
    const auto conflicts = divboard::MergeSnapshots({{"a.json", snapshot}, {"b.json", snapshot}}, &merged);
    Require(snapshot.series.empty() || !conflicts.empty(), "merging a snapshot with itself found no conflict");
    Require(conflicts.empty() || merged.currency == "untouched", "a failed merge changed the output");
    for (const divboard::FileProblem& p : conflicts) CheckProblems({p.problem});
  }

  divboard::Snapshot packed;
  packed.currency = "untouched";
  const auto packed_problems = divboard::LoadPackedSnapshot(text, &packed);
  CheckProblems(packed_problems);
  Require(!packed_problems.empty() || packed.currency != "untouched", "a successful packed load left the output alone");
  Require(packed_problems.empty() || packed.currency == "untouched", "a failed packed load changed the output");

  // The packed reader as the page feeds it (in pieces, through the sniffing ingest) agrees
  // with it fed whole.
  divboard::SnapshotIngest ingest;
  ingest.Feed(text.substr(0, size / 3));
  ingest.Feed(text.substr(size / 3));
  divboard::Snapshot ingested;
  std::vector<divboard::Problem> ingest_problems;
  const bool ingest_ok = ingest.Finish(&ingested, &ingest_problems);
  CheckProblems(ingest_problems);
  if (ingest.packed()) {
    Require(ingest_ok == packed_problems.empty(), "chunked and whole packed reads disagree on validity");
    Require(ingest_problems.size() == packed_problems.size(), "chunked and whole packed reads report different problems");
    for (size_t i = 0; i < ingest_problems.size(); ++i) {
      Require(ingest_problems[i].pointer == packed_problems[i].pointer, "chunked and whole packed pointers differ");
      Require(ingest_problems[i].message == packed_problems[i].message, "chunked and whole packed messages differ");
    }
  } else {
    Require(ingest_ok == snapshot_problems.empty(), "the ingest and the DOM loader disagree on validity");
  }

  divboard::Manifest manifest;
  const auto manifest_problems = divboard::LoadManifest(text, &manifest);
  CheckProblems(manifest_problems);
  if (!manifest_problems.empty()) {
    Require(manifest.snapshots.empty(), "a failed manifest load changed the output");
  } else {
    Require(!manifest.snapshots.empty(), "a valid manifest lists no snapshot");
    for (const divboard::ManifestEntry& e : manifest.snapshots) {
      for (const divboard::ManifestPart& f : e.Files()) {
        Require(divboard::CheckRelativePath(f.path).empty(), "manifest accepted a refused path");
        Require(f.sha256.empty() || divboard::IsSha256Hex(f.sha256), "manifest accepted a malformed hash");
      }
      Require(!e.ContentKey().empty(), "manifest entry without a content key");
      Require(e.first <= e.last, "manifest entry ends before it starts");
    }
  }
  return 0;
}
