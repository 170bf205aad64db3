// Reading a snapshot from JSON text as it arrives, chunk by chunk, straight into the model's
// columns: no DOM of the series values is ever built, and the page can parse a download
// between frames. The result is the same as LoadSnapshot's on the whole text: the same
// Snapshot when valid, the same problems (pointer and message) when not — syntax errors
// included, since the tokeniser mirrors nlohmann's messages, line/column positions and
// "last read" excerpts (see tests/core/snapshot_stream_test.cpp for the one known
// difference: an excerpt longer than kMaxLastRead bytes is cut).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

class SnapshotStreamParser {
 public:
  // Bytes of nlohmann's "last read" excerpt kept for a syntax error message. Only input with
  // an error after megabytes of structure without a string or number (e.g. "[[],[],...")
  // reaches it; its message then ends in the first kMaxLastRead bytes.
  static constexpr size_t kMaxLastRead = size_t{1} << 20;

  SnapshotStreamParser();
  ~SnapshotStreamParser();
  SnapshotStreamParser(const SnapshotStreamParser&) = delete;
  SnapshotStreamParser& operator=(const SnapshotStreamParser&) = delete;

  // Any chunking works, down to one byte at a time. Chunks need not outlive the call: at
  // most the unfinished token at the end of a chunk is copied.
  void Feed(const char* data, size_t size);
  void Feed(std::string_view chunk) { Feed(chunk.data(), chunk.size()); }

  // True when the document already cannot load (syntax error, NUL byte): the caller may
  // stop downloading. Finish still has to be called for the problems.
  bool failed() const;
  size_t bytes_fed() const;

  // Ends the input. On success returns true and fills *out; otherwise returns false, leaves
  // *out untouched and sets *problems (what LoadSnapshot would return). Call once.
  bool Finish(Snapshot* out, std::vector<Problem>* problems);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// The whole text at once, through the streaming parser: LoadSnapshot's contract and result.
std::vector<Problem> LoadSnapshotStreaming(std::string_view text, Snapshot* out);

}  // namespace divboard
